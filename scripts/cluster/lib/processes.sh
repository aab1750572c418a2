# The cluster's host processes: started detached, logs in $LOGS, pids in $PIDS (sourced).

process_pid() { [[ -f $PIDS/$1.pid ]] && cat "$PIDS/$1.pid"; }
process_alive() { local pid; pid=$(process_pid "$1") && [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }

# Args: name, command... Starts it unless it already runs; its own session, so `npm run`
# returning does not take it down.
process_start() {
  local name=$1
  shift
  mkdir -p "$LOGS" "$PIDS"
  if process_alive "$name"; then return 0; fi
  setsid "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

# TERM, then KILL after a grace period. Args: name, grace seconds.
process_stop() {
  local name=$1 grace=${2:-10} pid i
  pid=$(process_pid "$name") || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDS/$name.pid"
}

# Polls a command until it succeeds. Args: what (for the message), timeout seconds, command...
wait_for() {
  local what=$1 timeout=$2 start=$SECONDS
  shift 2
  until "$@" >/dev/null 2>&1; do
    (( SECONDS - start < timeout )) || die "$what not ready after ${timeout}s (logs in $LOGS)"
    sleep 0.5
  done
}

# Resident memory in MB of a pid and all its descendants.
tree_rss_mb() {
  local pid=$1 kids total=0 child
  total=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
  kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null || true)
  for child in $kids; do total=$((total + $(tree_rss_mb "$child"))); done
  echo "$total"
}

# containerd's shims for our socket (each owns a pod's or a build's processes). Matched by the
# socket path, which only our containerd uses.
our_shims() {
  local cmdline pid
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}; pid=${pid%/cmdline}
    tr '\0' ' ' 2>/dev/null < "$cmdline" | grep -q -- "containerd-shim.* -address $CONTAINERD_SOCK" && echo "$pid"
  done
  return 0
}

shims_rss_mb() {
  local pid total=0
  for pid in $(our_shims); do total=$((total + $(tree_rss_mb "$pid"))); done
  echo "$total"
}
