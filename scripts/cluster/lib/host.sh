# What the cluster changes on the host, and how `down` puts it back (sourced, not run):
# the node's dummy interface, sysctls (ours and the kubelet's/kube-proxy's), iptables chains,
# mounts under $STATE and the network namespaces containerd mounts in /run/netns.
BASELINE=$STATE/baseline

# Keys whose values move on their own (counters, entropy, pids): not state we change.
sysctl_stable() {
  sysctl -a 2>/dev/null | grep -Ev '^(kernel\.random\.|fs\.(dentry-state|file-nr|inode-nr|inode-state|quota\.)|kernel\.ns_last_pid|kernel\.pty\.nr|net\.netfilter\.nf_conntrack_count|kernel\.sched_domain|fs\.aio-nr|kernel\.perf_event_max_sample_rate|net\.ipv[46]\.(conf|neigh)\.(veth|bk|cni|docker))' | sort
}

# The host's state before `up`, compared with the state after `down` (scripts/cluster/check-clean.sh).
host_snapshot() {
  local dir=$1
  mkdir -p "$dir"
  ip -o link show | sed 's/^[0-9]*: //; s/ state .*//' | awk '{print $1, $2}' | sort > "$dir/links"
  ip -o addr show | awk '{print $2, $3, $4}' | sort > "$dir/addrs"
  other_checkouts_filtered_mounts > "$dir/mounts"
  # Rules, custom chains and non-default policies; an empty table (nf_tables keeps one once
  # made) or a built-in chain that accepts is what no table at all means.
  iptables-save 2>/dev/null | sed 's/ \[[0-9:]*\]$//' | { grep -Ev '^(#|\*|COMMIT)|^:[A-Z]+ ACCEPT$' || true; } | sort > "$dir/iptables"
  sysctl_stable > "$dir/sysctl"
}

# Mount points, without those inside other checkouts next to this one: their own daemons
# (image builds, other stacks) mount and unmount there while the cluster runs.
other_checkouts_filtered_mounts() {
  awk -v siblings="$(dirname "$ROOT")/" -v self="$ROOT/" \
    'index($2, siblings) != 1 || index($2, self) == 1 {print $2, $3}' /proc/self/mounts | sort
}

# Recorded once per `up` from a clean host: `down` restores these values.
record_baseline() {
  [[ -f $BASELINE/sysctl ]] && return 0
  host_snapshot "$BASELINE"
}

restore_sysctls() {
  local line key value
  [[ -f $BASELINE/sysctl ]] || return 0
  while IFS= read -r line; do
    key=${line%% = *} value=${line#* = }
    [[ "$(sysctl -n "$key" 2>/dev/null)" == "$value" ]] && continue
    sysctl -q -w "$key=$value" >/dev/null 2>&1 || say "could not restore $key"
  done < <(sysctl_stable | diff - "$BASELINE/sysctl" | sed -n 's/^> //p')
}

# The node's address lives on an interface of its own. Kernels without the dummy driver (this
# VM's) get a bridge with no ports instead: it too only holds a local address.
node_interface_up() {
  ip link show "$NODE_IFACE" >/dev/null 2>&1 || ip link add "$NODE_IFACE" type dummy 2>/dev/null \
    || ip link add "$NODE_IFACE" type bridge
  ip addr show dev "$NODE_IFACE" | grep -q "$NODE_IP/32" || ip addr add "$NODE_IP/32" dev "$NODE_IFACE"
  # No IPv6 link-local address: the node is reached on its IPv4 address only.
  sysctl -q -w "net.ipv6.conf.$NODE_IFACE.disable_ipv6=1" >/dev/null 2>&1 || true
  ip link set "$NODE_IFACE" up
}

# The sysctls the node needs: forwarding between pods' veths, bridged traffic through
# iptables (kube-proxy), and NodePorts answered on 127.0.0.1.
node_sysctls() {
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] || modprobe br_netfilter 2>/dev/null || true
  sysctl -q -w net.ipv4.ip_forward=1 net.ipv4.conf.all.route_localnet=1 >/dev/null
  sysctl -q -w net.bridge.bridge-nf-call-iptables=1 >/dev/null 2>&1 || true
}

# Every veth on our bridge, the bridge, and the dummy node interface.
delete_interfaces() {
  local link
  for link in $(ip -o link show master "$CNI_BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link delete "$link" 2>/dev/null || true
  done
  for link in "$CNI_BRIDGE" "$NODE_IFACE"; do
    ip link delete "$link" 2>/dev/null || true
  done
}

# kube-proxy's (KUBE-*) and the CNI plugins' (CNI-*) chains and the rules that jump to them:
# kube-proxy's own --cleanup first, then whatever is left, in rounds until none is (-w: wait
# for the xtables lock rather than fail while another program holds it).
delete_iptables_chains() {
  local round
  [[ -x $BIN/kube-proxy ]] && "$BIN/kube-proxy" --cleanup >/dev/null 2>&1
  for round in 1 2 3; do
    our_iptables_left || break
    delete_iptables_round
    sleep 0.5
  done
  ip6tables_cleanup
}

our_iptables_left() { iptables-save 2>/dev/null | grep -qE '^:(KUBE|CNI)-|-j (KUBE|CNI)-'; }

delete_iptables_round() { delete_chains_round iptables filter nat mangle raw; }

# kube-proxy also writes KUBE-* chains for IPv6 when ip6tables exists.
ip6tables_cleanup() {
  command -v ip6tables-save >/dev/null || return 0
  delete_chains_round ip6tables filter nat mangle
}

# Args: iptables or ip6tables, then the tables. The rules jumping into our chains from the
# built-in ones go first, then every chain is flushed, then deleted (a chain can only be
# deleted once nothing jumps to it).
delete_chains_round() {
  local cmd=$1 table chain
  shift
  for table in "$@"; do
    "$cmd-save" -t "$table" 2>/dev/null | grep -E '^-A .* -j (KUBE-|CNI-)' | grep -Ev '^-A (KUBE-|CNI-)' \
      | sed 's/^-A/-D/' | while read -r rule; do eval "$cmd -w 5 -t $table $rule" 2>/dev/null || true; done
    for chain in $(our_chains "$cmd" "$table"); do "$cmd" -w 5 -t "$table" -F "$chain" 2>/dev/null || true; done
    for chain in $(our_chains "$cmd" "$table"); do "$cmd" -w 5 -t "$table" -X "$chain" 2>/dev/null || true; done
  done
}

our_chains() { "$1-save" -t "$2" 2>/dev/null | sed -n 's/^:\(\(KUBE\|CNI\)-[^ ]*\) .*/\1/p'; }

# Mounts the kubelet, containerd and dockerd made under $STATE, and pod network namespaces;
# deepest first, lazily for any still busy.
unmount_all() {
  local point
  for point in $(awk '{print $2}' /proc/self/mounts | grep -E "^($STATE/|/run/netns/cni-|/var/run/netns/cni-)" | sort -r); do
    umount "$point" 2>/dev/null || umount -l "$point" 2>/dev/null || say "could not unmount $point"
  done
  rm -f /run/netns/cni-* 2>/dev/null || true
}
