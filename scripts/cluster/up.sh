#!/usr/bin/env bash
# `npm run cluster -- up`: from a fresh machine to a Ready node with Dapr's control plane.
# Every step is idempotent: a second `up` starts only what is not running.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
for lib in packages processes host pki images control-plane node addons; do source "$ROOT/scripts/cluster/lib/$lib.sh"; done

# Builds whatever is not cached (each build records its time in $CACHE/build-times).
build_all() {
  local script
  for script in build-kubernetes build-tools build-dapr; do bash "$ROOT/scripts/cluster/$script.sh"; done
}

# The first build of each piece, as recorded when it was built.
report_build_times() {
  [[ -f $CACHE/build-times ]] || return 0
  say "first builds (2 cores): $(awk '{t[$1] = t[$1] ? t[$1] : $(NF - 1)} END {for (k in t) printf "%s %s, ", k, t[k]}' "$CACHE/build-times")"
}

start_node() {
  start_containerd
  import_system_images
  start_kubelet
  start_kube_proxy
  wait_for "node $NODE_NAME" 120 node_ready
}

# Memory of the cluster's host processes (each with its children) and of the pods' processes.
report_memory() {
  local name pid total=0 mb line=""
  for name in etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy dockerd; do
    pid=$(process_pid "$name") || continue
    mb=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$((total + mb)); line+=" $name=${mb}MB"
  done
  say "memory (RSS) of host processes: ${total}MB:$line"
  say "memory (RSS) of pods and their shims: $(shims_rss_mb)MB"
}

main() {
  local start=$SECONDS ready_at plane_at
  install_packages
  build_all
  mkdir -p "$STATE"; record_baseline
  node_interface_up; node_sysctls
  make_pki
  local up_start=$SECONDS
  start_control_plane
  start_node
  ready_at=$((SECONDS - up_start))
  apply_addons
  install_dapr
  start_dockerd
  rollout_namespace kube-system 180
  rollout_namespace dapr-system 300
  plane_at=$((SECONDS - up_start))
  echo "up_seconds=$((SECONDS - start)) node_ready_seconds=$ready_at control_plane_running_seconds=$plane_at at=$(date -u +%FT%TZ)" >> "$STATE/up-times"
  say "node Ready ${ready_at}s after start, control plane Running after ${plane_at}s; up took $((SECONDS - start))s"
  report_build_times
  report_memory
  say "KUBECONFIG=$KUBECONFIG_ADMIN  (npm run cluster -- env)"
}

main "$@"
