#!/usr/bin/env bash
# Provides daprd, placement, scheduler and sentry at the pinned version
# (tools/dapr-runtime/versions.env): found on PATH or in ~/.dapr/bin, or built from
# Dapr's Go modules with this machine's Go toolchain. A second run takes seconds.
#
# Writes the paths it settled on to $BOOKSTORE_DATA_DIR/dapr-runtime.env for the launcher.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=/dev/null
source "$ROOT/tools/dapr-runtime/versions.env"
VERSION=$DAPR_RUNTIME_VERSION
BIN_DIR=${DAPR_RUNTIME_DIR:-$HOME/.dapr/bin}
CACHE_DIR=${BOOKSTORE_CACHE_DIR:-$HOME/.cache/bookstore}
DATA_DIR=${BOOKSTORE_DATA_DIR:-$ROOT/.data}
COMPONENTS_FILE=$ROOT/tools/dapr-runtime/components.go.in
STAMP=$BIN_DIR/.bookstore-dapr-build
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly

say() { printf '[dapr-runtime] %s\n' "$*" >&2; }

# What a binary says of its version, or nothing.
version_of() { "$1" --version 2>/dev/null | head -n1 | tr -d '[:space:]' || true; }

# The stamp names the version and the component set we built, so a change to either rebuilds.
wanted_stamp() { printf '%s %s\n' "$VERSION" "$(sha256sum "$COMPONENTS_FILE" | cut -c1-16)"; }

# A usable binary: ours (stamped) in BIN_DIR, or any of the pinned version on PATH.
find_binary() {
  local name=$1 candidate
  candidate=$BIN_DIR/$name
  if [[ -x $candidate && -f $STAMP && "$(cat "$STAMP")" == "$(wanted_stamp)" ]]; then
    echo "$candidate"; return 0
  fi
  candidate=$(command -v "$name" 2>/dev/null || true)
  if [[ -n $candidate && "$(version_of "$candidate")" == "$VERSION" ]]; then
    echo "$candidate"; return 0
  fi
  return 1
}

require_go() {
  command -v go >/dev/null || { say "Go is needed to build Dapr $VERSION and is not installed."; exit 1; }
  local need have
  need=$(sed -n 's/^go \([0-9.]*\).*/\1/p' "$1/go.mod")
  have=$(go env GOVERSION | sed 's/^go//')
  if [[ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n1)" != "$need" ]]; then
    say "Dapr $VERSION needs Go >= $need; this machine has $have."; exit 1
  fi
}

# Dapr's module, copied out of the read-only module cache: go build -overlay refuses to
# replace files under GOMODCACHE, and we replace one (see components.go.in).
fetch_source() {
  local src=$CACHE_DIR/dapr-src-$VERSION dir
  if [[ ! -f $src/go.mod ]]; then
    say "fetching github.com/dapr/dapr@v$VERSION from the Go module proxy"
    dir=$(go mod download -json "github.com/dapr/dapr@v$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    [[ -n $dir ]] || { say "could not download github.com/dapr/dapr@v$VERSION"; exit 1; }
    rm -rf "$src.tmp"
    mkdir -p "$CACHE_DIR"
    # Each step must succeed on its own: a partial copy must never become the source.
    if ! cp -r "$dir" "$src.tmp" || ! chmod -R u+w "$src.tmp"; then
      rm -rf "$src.tmp"; say "could not copy Dapr's source out of the module cache"; exit 1
    fi
    mv "$src.tmp" "$src"
  fi
  echo "$src"
}

# shellcheck source=lib/progress.sh
source "$ROOT/scripts/lib/progress.sh"

# Lists every package the build needs, downloading the modules that hold them. A first
# download can trip over a module still being unpacked, so a failed listing is retried.
resolve_packages() {
  local overlay=$1 list=$2 attempt
  for attempt in 1 2 3; do
    if go list -overlay "$overlay" -deps "${@:3}" > "$list" 2> >(progress 350 "downloaded modules:" >&2); then
      return 0
    fi
    say "module download incomplete (attempt $attempt); retrying"
  done
  return 1
}

# Static, as Dapr's own release builds are (its Makefile's CGO_ENABLED=0): and the same build
# as the cluster's (scripts/cluster/build-dapr.sh), which then finds most packages in Go's cache.
export CGO_ENABLED=0

# Builds the named binaries (daprd placement scheduler sentry, or those of them missing).
build_runtime() {
  local src out overlay total name targets=()
  for name in "$@"; do targets+=("./cmd/$name"); done
  src=$(fetch_source)
  require_go "$src"
  out=$(mktemp -d)
  overlay=$out/overlay.json
  printf '{"Replace": {"%s": "%s"}}\n' "$src/cmd/daprd/components/zz_notag.go" "$COMPONENTS_FILE" > "$overlay"
  cd "$src"
  say "resolving modules (a first run downloads about 600 MB of Go modules)"
  resolve_packages "$overlay" "$out/packages.txt" "${targets[@]}" || { say "could not resolve Dapr's modules"; exit 1; }
  total=$(wc -l < "$out/packages.txt")
  say "building $* $VERSION: $total packages on $(nproc) cores, a few minutes on a first run"
  local ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$VERSION"
  go build -v -overlay "$overlay" -trimpath -ldflags "$ldflags" -o "$out/" "${targets[@]}" 2>&1 \
    | progress "$total" "compiled packages:"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || { say "build failed"; exit 1; }
  mkdir -p "$BIN_DIR"
  for name in "$@"; do mv -f "$out/$name" "$BIN_DIR/$name"; done
  wanted_stamp > "$STAMP"
  rm -rf "$out"
  cd "$ROOT"
  say "built in ${SECONDS}s into $BIN_DIR"
}

main() {
  local daprd placement scheduler sentry cli name missing=()
  for name in daprd placement scheduler sentry; do find_binary "$name" >/dev/null || missing+=("$name"); done
  # A stamped set always has the first three: then only sentry (added later) may be missing.
  if (( ${#missing[@]} > 0 )); then
    if [[ ${missing[*]} == sentry ]]; then build_runtime sentry; else build_runtime daprd placement scheduler sentry; fi
  fi
  daprd=$(find_binary daprd) placement=$(find_binary placement) scheduler=$(find_binary scheduler) sentry=$(find_binary sentry)
  # The dapr CLI is optional: the project's launcher (tools/stack) does what
  # `dapr run -f dapr.yaml` does. Its module is not served by the Go proxy here.
  cli=$(command -v dapr 2>/dev/null || { [[ -x $BIN_DIR/dapr ]] && echo "$BIN_DIR/dapr"; } || true)
  mkdir -p "$DATA_DIR"
  cat > "$DATA_DIR/dapr-runtime.env" <<ENV
DAPRD=$daprd
PLACEMENT=$placement
SCHEDULER=$scheduler
SENTRY=$sentry
DAPR_CLI=$cli
DAPR_RUNTIME_VERSION=$VERSION
ENV
  say "Dapr $VERSION ready: $daprd"
}

main "$@"
