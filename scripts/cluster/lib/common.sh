# Paths, logging and stamps shared by every cluster script (sourced, not run).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# shellcheck source=../versions.env
source "$ROOT/scripts/cluster/versions.env"
# shellcheck source=/dev/null
source "$ROOT/tools/dapr-runtime/versions.env"
# shellcheck source=../../lib/progress.sh
source "$ROOT/scripts/lib/progress.sh"

CACHE=${BOOKSTORE_CACHE_DIR:-$HOME/.cache/bookstore}/cluster
BIN=$CACHE/bin
IMAGES=$CACHE/images
STATE=${BOOKSTORE_CLUSTER_DIR:-$ROOT/.data/cluster}
LOGS=$STATE/logs
PIDS=$STATE/pids
export GOTOOLCHAIN=local

say() { printf '[cluster] %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# A stamp records what a cached artefact was built from, so a version change rebuilds it.
stamp_ok() { [[ -f $CACHE/stamps/$1 && "$(cat "$CACHE/stamps/$1")" == "$2" ]]; }
# Args: name, what it was built from, seconds the build took (kept in $CACHE/build-times).
stamp_write() {
  mkdir -p "$CACHE/stamps"; printf '%s\n' "$2" > "$CACHE/stamps/$1"
  [[ -n ${3:-} ]] && printf '%s %s %ss %s\n' "$1" "$2" "$3" "$(date -u +%FT%TZ)" >> "$CACHE/build-times"
  return 0
}

# Writes stdin to a file only if that changes it: kube-proxy exits when its config file is
# touched, so a second `up` must leave a running one's config alone.
write_if_changed() {
  local file=$1 tmp
  tmp=$(mktemp "$file.XXXXXX")
  cat > "$tmp"
  if cmp -s "$tmp" "$file"; then rm -f "$tmp"; else mv -f "$tmp" "$file"; fi
}

# A Go module's source, copied out of the read-only module cache into $CACHE/src so it can be
# edited (go.mod) or built with an overlay. A partial copy never becomes the source.
module_source() {
  local module=$1 version=$2 dest=$CACHE/src/${1//\//_}@$2 dir
  if [[ ! -f $dest/go.mod ]]; then
    say "fetching $module@$version from the Go module proxy"
    dir=$(go mod download -json "$module@$version" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    [[ -n $dir ]] || die "could not download $module@$version"
    rm -rf "$dest.tmp"; mkdir -p "$CACHE/src"
    if ! cp -r "$dir" "$dest.tmp" || ! chmod -R u+w "$dest.tmp"; then
      rm -rf "$dest.tmp"; die "could not copy $module out of the module cache"
    fi
    mv "$dest.tmp" "$dest"
  fi
  echo "$dest"
}

# Runs `go build -v` in the current directory with a running count of compiled packages.
# Args: output dir, ldflags, packages...
go_build_counted() {
  local out=$1 ldflags=$2 total
  shift 2
  total=$(go list -deps "$@" 2> >(progress 400 "downloaded modules:" >&2) | wc -l) \
    || die "could not resolve the modules of $*"
  say "building $*: $total packages on 2 cores"
  go build -p 2 -v -trimpath -ldflags "$ldflags" -o "$out/" "$@" 2>&1 | progress "$total" "compiled packages:"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || die "build of $* failed"
}

# The cluster's addresses: all in the benchmarking range 198.18.0.0/15, never a real network.
NODE_NAME=bookstore
NODE_IFACE=bk0
NODE_IP=198.19.255.1
CNI_BRIDGE=bkcni0
POD_CIDR=198.18.0.0/16
NODE_POD_CIDR=198.18.0.0/24
SERVICE_CIDR=198.19.0.0/16
SERVICE_API_IP=198.19.0.1
CLUSTER_DNS=198.19.0.10
CONTAINERD_SOCK=$STATE/containerd/containerd.sock
DOCKER_SOCK=$STATE/docker/docker.sock
KUBECONFIG_ADMIN=$STATE/kubeconfig/admin.conf

kubectl() { "$BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
