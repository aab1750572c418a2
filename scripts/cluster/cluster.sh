#!/usr/bin/env bash
# `npm run cluster -- up|down|status|deploy|env`: the one-node Kubernetes cluster with Dapr's
# control plane, built from Debian packages and Go modules on this machine. See k8s/README.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

usage() { echo "usage: npm run cluster -- up | down [--purge] | status | deploy | env" >&2; exit 2; }

case ${1:-} in
  up|down|status|deploy|env)
    command=$1; shift
    [[ $command == env || $(id -u) -eq 0 ]] || { echo "[cluster] $command needs root (namespaces, mounts, iptables)" >&2; exit 1; }
    exec bash "$HERE/$command.sh" "$@" ;;
  *) usage ;;
esac
