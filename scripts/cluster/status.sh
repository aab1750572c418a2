#!/usr/bin/env bash
# `npm run cluster -- status`: the host processes, the node, the pods and Dapr's control plane.
# Exits non-zero when a process is down or the node is not Ready.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
for lib in processes node; do source "$ROOT/scripts/cluster/lib/$lib.sh"; done

PROCESSES=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy dockerd provisioner)

main() {
  local name pid healthy=0
  for name in "${PROCESSES[@]}"; do
    if process_alive "$name"; then
      pid=$(process_pid "$name")
      printf '  %-24s running  pid %-7s %5s MB\n' "$name" "$pid" "$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")"
    else
      printf '  %-24s stopped\n' "$name"; healthy=1
    fi
  done
  (( healthy == 0 )) || { say "some cluster processes are not running"; }
  process_alive kube-apiserver || return 1
  if node_ready; then say "node $NODE_NAME Ready"; else say "node $NODE_NAME not Ready"; healthy=1; fi
  kubectl get pods -A -o wide
  say "Dapr control plane:"
  kubectl get pods -n dapr-system -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,READY:.status.containerStatuses[0].ready
  return $healthy
}

main "$@"
