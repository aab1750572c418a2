#!/usr/bin/env bash
# Builds Dapr's control plane (operator, injector, sentry, placement, scheduler) and a static
# daprd for the cluster's images from github.com/dapr/dapr at the runtime's pinned version.
# daprd carries the component set of tools/dapr-runtime/components.go.in, the same file the
# local build uses, which includes the Kubernetes name resolver and secret store.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

COMMANDS=(operator injector sentry placement scheduler daprd)
COMPONENTS_FILE=$ROOT/tools/dapr-runtime/components.go.in

wanted_stamp() { printf '%s %s' "$DAPR_RUNTIME_VERSION" "$(sha256sum "$COMPONENTS_FILE" | cut -c1-16)"; }

main() {
  local src out overlay name targets=()
  if stamp_ok dapr "$(wanted_stamp)"; then say "dapr $DAPR_RUNTIME_VERSION control plane cached"; return 0; fi
  src=$(module_source github.com/dapr/dapr "v$DAPR_RUNTIME_VERSION")
  out=$(mktemp -d)
  overlay=$out/overlay.json
  printf '{"Replace": {"%s": "%s"}}\n' "$src/cmd/daprd/components/zz_notag.go" "$COMPONENTS_FILE" > "$overlay"
  for name in "${COMMANDS[@]}"; do targets+=("./cmd/$name"); done
  # Static: the images hold nothing but the binary (no libc).
  (cd "$src" && CGO_ENABLED=0 GOFLAGS="-mod=readonly -overlay=$overlay" go_build_counted "$out" \
    "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_RUNTIME_VERSION" "${targets[@]}")
  mkdir -p "$BIN/dapr"
  for name in "${COMMANDS[@]}"; do mv -f "$out/$name" "$BIN/dapr/$name"; done
  rm -rf "$out"
  stamp_write dapr "$(wanted_stamp)" "$SECONDS"
  say "dapr $DAPR_RUNTIME_VERSION control plane built in ${SECONDS}s"
}

main "$@"
