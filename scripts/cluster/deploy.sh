#!/usr/bin/env bash
# `npm run cluster -- deploy`: the shop on the running cluster. Builds the images from the
# project's Dockerfile with the cluster's dockerd (scripts/images.sh, local base image), imports
# them into containerd's k8s.io namespace, has the local Secrets' values generated, applies
# k8s/overlays/local, waits for every rollout and prints the gateway's URL (NodePort, 127.0.0.1).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
for lib in processes node addons; do source "$ROOT/scripts/cluster/lib/$lib.sh"; done
OVERLAY=$ROOT/k8s/overlays/local
IMAGE_TARS=$STATE/shop-images

save_images() { DOCKER_HOST=unix://$DOCKER_SOCK bash "$ROOT/scripts/images.sh" --save "$IMAGE_TARS"; }

build_and_import_images() {
  local archive
  [[ -f $ROOT/scripts/images.sh ]] || die "scripts/images.sh (the Dockerfile's builder) is missing"
  rm -rf "$IMAGE_TARS"; mkdir -p "$IMAGE_TARS"
  # A second try resumes from docker's layer cache: npm ci inside a build fails on a registry's
  # dropped connection as it would outside one.
  save_images || { say "the image build failed; trying once more"; save_images; } \
    || die "the images did not build (scripts/images.sh, above)"
  for archive in "$IMAGE_TARS"/*.tar; do
    ctr --address "$CONTAINERD_SOCK" -n k8s.io images import "$archive" >/dev/null
    say "imported $(basename "$archive" .tar)"
  done
  # The archives were only the way across: the images are in both stores now.
  rm -rf "$IMAGE_TARS"
}

# The local Secrets' values, generated on this machine and never committed, by the manifests'
# own tool (tools/k8s: `npm run k8s -- secrets local`), which knows which Secrets the overlay needs.
generate_secrets() {
  [[ -f $ROOT/tools/k8s/dist/cli.js ]] || (cd "$ROOT" && npx --no-install tsc -b tools/k8s)
  (cd "$ROOT" && node tools/k8s/dist/cli.js secrets local)
}

# Namespace/kind/name of every workload the overlay renders, for the rollout wait.
workloads() {
  kubectl kustomize "$OVERLAY" | awk '
    /^kind:/ {kind=$2} /^metadata:/ {meta=1; next} meta && /^  name:/ {name=$2} meta && /^  namespace:/ {ns=$2}
    /^---/ {if (kind ~ /^(Deployment|StatefulSet)$/) print ns, tolower(kind) "/" name; kind=""; name=""; ns=""; meta=0}
    END {if (kind ~ /^(Deployment|StatefulSet)$/) print ns, tolower(kind) "/" name}'
}

gateway_url() {
  local port
  port=$(kubectl get svc -A -l app.kubernetes.io/name=gateway -o jsonpath='{.items[?(@.spec.type=="NodePort")].spec.ports[0].nodePort}' 2>/dev/null)
  [[ -n $port ]] || port=$(kubectl get svc -A -o jsonpath='{range .items[?(@.spec.type=="NodePort")]}{.metadata.name} {.spec.ports[0].nodePort}{"\n"}{end}' | awk '/gateway/ {print $2; exit}')
  [[ -n $port ]] && echo "http://127.0.0.1:$port"
}

# The local PersistentVolumes' folders (k8s/overlays/local/storage.yaml), owned by the uid
# Redis and PostgreSQL run as. Their data was made with this checkout's Secrets (the database
# password): another checkout's data is refused rather than failing logins later.
VOLUMES=/var/lib/bookstore/volumes
claim_volumes() {
  local owner store
  owner=$(cat "$VOLUMES/.checkout" 2>/dev/null || true)
  if [[ -n $owner && $owner != "$ROOT" ]]; then
    die "$VOLUMES holds the data of the checkout at $owner (its Secrets): run \`npm run cluster -- down --purge\` there, or delete $VOLUMES"
  fi
  for store in redis postgres; do
    [[ -d $VOLUMES/$store ]] || install -d -m 0700 -o 999 -g 999 "$VOLUMES/$store"
  done
  echo "$ROOT" > "$VOLUMES/.checkout"
}

# What a rollout that did not finish was waiting for: the namespace's pods, the newest
# events, and the end of the log of every container that is not ready.
explain_rollout() {
  local ns=$1 pod container
  kubectl get pods -n "$ns" -o wide >&2 || true
  kubectl get events -n "$ns" --sort-by=.lastTimestamp 2>/dev/null | tail -25 >&2 || true
  while read -r pod container; do
    say "log of $pod/$container (not ready):"
    kubectl logs -n "$ns" "$pod" -c "$container" --tail 15 >&2 2>/dev/null || true
  done < <(not_ready_containers "$ns")
}

not_ready_containers() {
  kubectl get pods -n "$1" -o go-template='{{range .items}}{{$pod := .metadata.name}}{{range .status.containerStatuses}}{{if not .ready}}{{$pod}} {{.name}}{{"\n"}}{{end}}{{end}}{{end}}' 2>/dev/null
}

# Applying is idempotent: a refusal from a webhook the control plane is still starting (the
# sidecar injector's, the operator's) is tried again before it counts.
apply_overlay() {
  local try
  for try in 1 2 3; do
    kubectl apply -k "$OVERLAY" && return 0
    say "kubectl apply -k k8s/overlays/local failed (try $try of 3)"
    sleep 10
  done
  die "k8s/overlays/local was not applied (kubectl's answer above)"
}

main() {
  local start=$SECONDS ns workload url
  node_ready || die "the cluster is not up (npm run cluster -- up)"
  [[ -f $OVERLAY/kustomization.yaml ]] || die "k8s/overlays/local is missing (it comes with branch issue9-manifests)"
  build_and_import_images
  generate_secrets
  # Kept by `down` (their data survives), removed by `down --purge`.
  claim_volumes
  apply_overlay
  while read -r ns workload; do
    kubectl rollout status -n "${ns:-default}" "$workload" --timeout 300s >/dev/null \
      || { explain_rollout "${ns:-default}"; die "$workload did not roll out in 300s (its pods and events above)"; }
    say "rolled out $ns/$workload"
  done < <(workloads)
  url=$(gateway_url) || die "no NodePort Service for the gateway"
  say "deployed in $((SECONDS - start))s; the gateway: $url"
  echo "$url"
}

main "$@"
