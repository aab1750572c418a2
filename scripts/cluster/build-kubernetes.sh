#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy and kubectl
# from the k8s.io/kubernetes Go module into $CACHE/bin (about 13 min cold on 2 cores, then cached).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
# The proxy refuses these two staging modules and no command we build imports them.
UNPUBLISHED=(k8s.io/sample-cli-plugin k8s.io/sample-controller)

# The module zip lacks ./staging, which go.mod points every k8s.io/* module at: each one is
# required at its published version instead. vendor/ and go.work would shadow that.
use_published_staging() {
  local src=$1 module
  rm -rf "$src/vendor" "$src/go.work" "$src/go.work.sum"
  for module in $(sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$src/go.mod"); do
    if [[ " ${UNPUBLISHED[*]} " == *" $module "* ]]; then
      go mod edit -dropreplace="$module" "$src/go.mod"
    else
      go mod edit -dropreplace="$module" -require="$module@$K8S_STAGING_VERSION" "$src/go.mod"
    fi
  done
}

# What `kubectl version` and /version report; the same variables live in two packages.
version_ldflags() {
  local major minor pkg flags="-s -w"
  major=$(cut -d. -f1 <<<"${K8S_VERSION#v}") minor=$(cut -d. -f2 <<<"$K8S_VERSION")
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=module-$K8S_VERSION"
    flags+=" -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  done
  echo "$flags"
}

main() {
  local src out name targets=()
  if stamp_ok kubernetes "$K8S_VERSION"; then say "kubernetes $K8S_VERSION cached"; return 0; fi
  src=$(module_source k8s.io/kubernetes "$K8S_VERSION")
  [[ -f $src/.staging-rewritten ]] || { use_published_staging "$src"; touch "$src/.staging-rewritten"; }
  for name in "${COMMANDS[@]}"; do targets+=("./cmd/$name"); done
  out=$(mktemp -d)
  (cd "$src" && GOWORK=off GOFLAGS=-mod=mod CGO_ENABLED=0 go_build_counted "$out" "$(version_ldflags)" "${targets[@]}")
  mkdir -p "$BIN"
  for name in "${COMMANDS[@]}"; do mv -f "$out/$name" "$BIN/$name"; done
  rm -rf "$out"
  stamp_write kubernetes "$K8S_VERSION" "$SECONDS"
  say "kubernetes $K8S_VERSION built in ${SECONDS}s"
}

main "$@"
