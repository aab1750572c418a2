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

build_and_import_images() {
  local archive
  [[ -f $ROOT/scripts/images.sh ]] || die "scripts/images.sh (the Dockerfile's builder) is missing"
  rm -rf "$IMAGE_TARS"; mkdir -p "$IMAGE_TARS"
  DOCKER_HOST=unix://$DOCKER_SOCK bash "$ROOT/scripts/images.sh" --save "$IMAGE_TARS"
  for archive in "$IMAGE_TARS"/*.tar; do
    ctr --address "$CONTAINERD_SOCK" -n k8s.io images import "$archive" >/dev/null
    say "imported $(basename "$archive" .tar)"
  done
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

main() {
  local start=$SECONDS ns workload url
  node_ready || die "the cluster is not up (npm run cluster -- up)"
  [[ -f $OVERLAY/kustomization.yaml ]] || die "k8s/overlays/local is missing (it comes with branch issue9-manifests)"
  build_and_import_images
  generate_secrets
  # Kept by `down` (their data survives), removed by `down --purge`.
  claim_volumes
  kubectl apply -k "$OVERLAY"
  while read -r ns workload; do
    kubectl rollout status -n "${ns:-default}" "$workload" --timeout 300s >/dev/null || die "$workload did not roll out"
    say "rolled out $ns/$workload"
  done < <(workloads)
  url=$(gateway_url) || die "no NodePort Service for the gateway"
  say "deployed in $((SECONDS - start))s; the gateway: $url"
  echo "$url"
}

main "$@"
