# What runs in the cluster before the shop: CoreDNS, metrics-server, the local-path storage
# and Dapr's control plane from its chart (sourced, not run).
ADDONS=$ROOT/scripts/cluster/addons

# The addon manifests name images and addresses as ${VAR}; only those listed are replaced.
render_addon() {
  sed -e "s|\${COREDNS_IMAGE}|$COREDNS_IMAGE|g" -e "s|\${METRICS_SERVER_IMAGE}|$METRICS_SERVER_IMAGE|g" \
    -e "s|\${CLUSTER_DNS}|$CLUSTER_DNS|g" "$ADDONS/$1"
}

apply_addons() {
  local addon
  for addon in coredns.yaml metrics-server.yaml storage.yaml; do
    render_addon "$addon" | kubectl apply -f - >/dev/null
  done
  process_start provisioner "$ROOT/scripts/cluster/provisioner.sh"
}

dapr_chart() { echo "$(module_source github.com/dapr/dapr "v$DAPR_RUNTIME_VERSION")/charts/dapr"; }

# helm template + kubectl apply, CRDs first: no helm release state in the cluster, and the
# version is the runtime's (tools/dapr-runtime/versions.env). No PVCs: in-memory storage.
install_dapr() {
  local chart
  chart=$(dapr_chart)
  kubectl create namespace dapr-system --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  # The operator later patches the CRDs' conversion webhook: a second `up` takes the fields back.
  kubectl apply --server-side --force-conflicts -f "$chart/crds" >/dev/null
  wait_for "Dapr CRDs" 60 kubectl wait --for condition=established --timeout 5s -f "$chart/crds"
  # The shop's own values first (k8s/dapr-values.yaml: mTLS, the sidecar's security context),
  # then what this registry-less cluster needs.
  "$BIN/helm" template dapr "$chart" --namespace dapr-system --kube-version "$K8S_VERSION" \
    -f "$ROOT/k8s/dapr-values.yaml" \
    --set global.registry="$DAPR_REGISTRY" --set global.tag="$DAPR_RUNTIME_VERSION" \
    --set global.imagePullPolicy=Never --set dapr_sidecar_injector.sidecarImagePullPolicy=Never \
    --set global.logAsJson=true --set global.ha.enabled=false \
    --set dapr_scheduler.cluster.inMemoryStorage=true --set dapr_placement.cluster.forceInMemoryLog=true \
    | kubectl apply -f - >/dev/null
}

# Every Deployment and StatefulSet of a namespace rolled out. Args: namespace, timeout seconds.
rollout_namespace() {
  local kind name
  for kind in deployment statefulset; do
    for name in $(kubectl get "$kind" -n "$1" -o name); do
      kubectl rollout status -n "$1" "$name" --timeout "${2}s" >/dev/null || die "$name in $1 did not roll out"
    done
  done
}
