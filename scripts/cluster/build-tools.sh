#!/usr/bin/env bash
# Builds helm, CoreDNS and metrics-server from their Go modules into $CACHE/bin, and the
# pause image's binary from the Kubernetes module's build/pause/linux/pause.c.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

# Args: stamp name, binary name, package@version.
go_install() {
  local name=$1 binary=$2 package=$3 start=$SECONDS
  if stamp_ok "$name" "$package"; then say "$name cached"; return 0; fi
  say "building $package"
  GOBIN=$BIN CGO_ENABLED=0 GOFLAGS=-mod=mod go install -p 2 -v -trimpath -ldflags "-s -w" "$package" 2>&1 \
    | progress "?" "compiled packages ($name):"
  [[ ${PIPESTATUS[0]} -eq 0 && -x $BIN/$binary ]] || die "build of $package failed"
  stamp_write "$name" "$package" $((SECONDS - start))
}

# The sandbox's pause process, static so its image holds the binary alone.
build_pause() {
  local src
  if stamp_ok pause "$K8S_VERSION"; then say "pause cached"; return 0; fi
  src=$(module_source k8s.io/kubernetes "$K8S_VERSION")
  mkdir -p "$BIN"
  gcc -Os -static -Wall -Werror -DVERSION="$K8S_VERSION" -o "$BIN/pause" "$src/build/pause/linux/pause.c"
  strip "$BIN/pause"
  stamp_write pause "$K8S_VERSION" 1
}

main() {
  build_pause
  go_install helm helm "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  go_install coredns coredns "github.com/coredns/coredns@$COREDNS_VERSION"
  go_install metrics-server metrics-server "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION"
}

main "$@"
