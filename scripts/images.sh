#!/usr/bin/env bash
# Builds the bookstore's images from the Dockerfile: one per app (bookstore/<app>:<tag>) and
# the local notification sink (bookstore/notification-sink:<tag>); and, for the local cluster,
# Redis and PostgreSQL from Debian's packages (docker/*.Dockerfile: bookstore/redis:<tag>,
# bookstore/postgres:<tag>).
#
#   bash scripts/images.sh [--tag TAG] [--base IMAGE] [--save DIR]
#
# --base: the BASE image (default: the local one scripts/base-image.sh makes, since this
#   machine reaches no container registry; pass node:20-bookworm-slim where one is reachable).
# --save: also write each image as DIR/<name>.tar (docker save), for `ctr images import`.
#
# Uses the docker daemon DOCKER_HOST names, or the default socket; when neither answers, it
# installs Debian's docker.io if missing and runs a private dockerd for the build (its data
# under .data/docker, no iptables, no bridge: builds use the host network), stopped at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
say() { printf '[images] %s\n' "$*" >&2; }

TAG=local BASE= SAVE=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) TAG=$2; shift 2 ;;
    --base) BASE=$2; shift 2 ;;
    --save) SAVE=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

DATA="$ROOT/.data"
PRIVATE_SOCK="$DATA/docker.sock"
dockerd_pid=
stop_private_dockerd() {
  [[ -n "$dockerd_pid" ]] || return 0
  say "stopping the private dockerd"
  kill "$dockerd_pid" 2>/dev/null || true
  wait "$dockerd_pid" 2>/dev/null || true
  # dockerd leaves its network namespace mounted even with --bridge=none.
  ! mountpoint -q "$DATA/docker-exec/netns/default" || umount "$DATA/docker-exec/netns/default"
}
trap stop_private_dockerd EXIT

if ! docker version >/dev/null 2>&1; then
  command -v dockerd >/dev/null || { say "installing docker.io"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null; }
  mkdir -p "$DATA/docker" "$DATA/logs"
  say "starting a private dockerd on $PRIVATE_SOCK"
  dockerd --iptables=false --ip-masq=false --bridge=none \
    --data-root "$DATA/docker" --exec-root "$DATA/docker-exec" \
    --pidfile "$DATA/docker.pid" --host "unix://$PRIVATE_SOCK" >"$DATA/logs/dockerd.log" 2>&1 &
  dockerd_pid=$!
  export DOCKER_HOST="unix://$PRIVATE_SOCK"
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
  docker version >/dev/null 2>&1 || { tail -20 "$DATA/logs/dockerd.log" >&2; exit 1; }
fi

[[ -n "$BASE" ]] || BASE=$(bash scripts/base-image.sh | tail -1)

# name, workspace, main: the apps, then the local notification sink.
IMAGES=(
  "gateway services/gateway dist/main.js"
  "book services/book dist/main.js"
  "customer services/customer dist/main.js"
  "order services/order dist/main.js"
  "delivery services/delivery dist/main.js"
  "customercenter services/customercenter dist/main.js"
  "notification-sink tools/stack dist/notification-sink.js"
)
[[ -z "$SAVE" ]] || mkdir -p "$SAVE"
# The legacy builder (no BuildKit in Debian's docker.io) says it is deprecated on every build:
# four lines that would bury a real error.
quiet_legacy_notice() { grep -v -e '^DEPRECATED: The legacy builder' -e 'BuildKit is currently disabled' -e '^ *environment-variable\.$' -e '^$' >&2 || true; }
# build NAME DOCKERFILE [BUILD-ARG...]: one image, timed, sized, saved if asked.
build() {
  local name=$1 file=$2 image="bookstore/$1:$TAG" started
  shift 2
  started=$(date +%s)
  say "building $image (BASE=$BASE)"
  DOCKER_BUILDKIT=0 docker build --quiet --network host -f "$file" --build-arg "BASE=$BASE" "$@" -t "$image" . 2>&1 >/dev/null | quiet_legacy_notice
  say "built $image in $(( $(date +%s) - started )) s, $(( $(docker image inspect --format '{{.Size}}' "$image") / 1000000 )) MB"
  [[ -z "$SAVE" ]] || docker save -o "$SAVE/$name.tar" "$image"
}
for entry in "${IMAGES[@]}"; do
  read -r name workspace main <<<"$entry"
  build "$name" Dockerfile --build-arg "WORKSPACE=$workspace" --build-arg "MAIN=$main"
done
build redis docker/redis.Dockerfile
build postgres docker/postgres.Dockerfile
