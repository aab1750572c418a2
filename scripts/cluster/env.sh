#!/usr/bin/env bash
# `npm run cluster -- env`: export lines for a shell, `eval "$(npm run -s cluster -- env)"`.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
printf 'export KUBECONFIG=%q\n' "$KUBECONFIG_ADMIN"
printf 'export DOCKER_HOST=%q\n' "unix://$DOCKER_SOCK"
printf 'export CONTAINERD_ADDRESS=%q\n' "$CONTAINERD_SOCK"
printf 'export PATH=%q:$PATH\n' "$BIN"
