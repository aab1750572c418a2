#!/usr/bin/env bash
# `npm run cluster -- down [--purge]`: stops every process of the cluster and puts the host back
# as `up` found it (interfaces, iptables, mounts, sysctls), then checks that it did.
# The cluster's data (etcd, certificates, volumes) stays for the next `up` unless --purge.
# No -e: every undo step runs even if an earlier one finds nothing to undo; check-clean judges.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
for lib in processes host; do source "$ROOT/scripts/cluster/lib/$lib.sh"; done

# Every container of the pods and of image builds, killed through containerd.
kill_containers() {
  local ns task
  ctr --address "$CONTAINERD_SOCK" version >/dev/null 2>&1 || return 0
  for ns in k8s.io moby; do
    for task in $(ctr --address "$CONTAINERD_SOCK" -n "$ns" tasks ls -q 2>/dev/null); do
      ctr --address "$CONTAINERD_SOCK" -n "$ns" tasks kill -a -s SIGKILL "$task" >/dev/null 2>&1 || true
    done
  done
}

# Shims left by a containerd that is gone, with whatever they still run.
kill_shims() {
  local shim child
  for shim in $(our_shims); do
    for child in $(cat /proc/"$shim"/task/*/children 2>/dev/null); do kill -KILL "$child" 2>/dev/null || true; done
    kill -KILL "$shim" 2>/dev/null || true
  done
}

# The kubelet's cgroups (kubepods, its QoS classes and pods) in every hierarchy, deepest first.
remove_cgroups() {
  local dir
  for dir in $(find /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods -depth -type d 2>/dev/null); do
    rmdir "$dir" 2>/dev/null || true
  done
}

# The kubelet links container logs into /var/log/containers whatever its podLogsDir.
remove_log_links() {
  local link
  for link in /var/log/containers/*.log; do
    [[ -L $link && "$(readlink "$link")" == "$STATE/"* ]] && rm -f "$link"
  done
  return 0
}

# Anything still running a cluster binary or using the cluster's state, whatever the pid files
# say (a process restarted outside them, a kubectl left by a test): kube-proxy left alive would
# write its rules back after they are deleted.
kill_strays() {
  local proc pid exe
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [[ $pid == "$$" ]] && continue
    exe=$(readlink "$proc/exe" 2>/dev/null) || continue
    if [[ $exe == "$BIN/"* ]] || tr '\0' ' ' < "$proc/cmdline" 2>/dev/null | grep -qF -- "$STATE/"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  return 0
}

stop_processes() {
  process_stop provisioner 2
  process_stop dockerd 20
  process_stop kubelet 10
  kill_containers
  local name
  for name in kube-proxy kube-scheduler kube-controller-manager kube-apiserver etcd; do process_stop "$name" 10; done
  process_stop containerd 10
  sleep 1
  kill_shims
  kill_strays
}

undo_host_changes() {
  unmount_all
  # The pods' addresses die with their veths: none stays reserved for the next `up`.
  rm -rf "$STATE/cni/ipam"
  delete_interfaces
  delete_iptables_chains
  restore_sysctls
  remove_cgroups
  remove_log_links
}

main() {
  [[ -d $STATE ]] || { say "no cluster state in $STATE: nothing to stop"; return 0; }
  stop_processes
  undo_host_changes
  # No baseline: the cluster was already down (and checked then); --purge still applies.
  if [[ -f $BASELINE/sysctl ]]; then
    bash "$ROOT/scripts/cluster/check-clean.sh" || return 1
    rm -rf "$BASELINE"
  fi
  if [[ ${1:-} == --purge ]]; then rm -rf "$STATE" /var/lib/bookstore/volumes; say "cluster data deleted"; fi
  say "cluster down"
}

main "$@"
