#!/usr/bin/env bash
# After `down`: interfaces, addresses, mounts, iptables rules and sysctls are as before `up`.
# Prints what differs and fails if anything does. `--record` takes the snapshot instead (up
# does that itself; the tests use it to show the check fails on a change).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/cluster/lib/host.sh"

main() {
  local now aspect failed=0
  if [[ ${1:-} == --record ]]; then rm -rf "$BASELINE"; record_baseline; return 0; fi
  [[ -f $BASELINE/sysctl ]] || die "no baseline in $BASELINE (recorded by up)"
  now=$(mktemp -d)
  host_snapshot "$now"
  for aspect in links addrs mounts iptables sysctl; do
    if ! diff -u "$BASELINE/$aspect" "$now/$aspect" > "$now/$aspect.diff"; then
      say "$aspect differ from before up:"; sed -n '3,40p' "$now/$aspect.diff" >&2; failed=1
    fi
  done
  rm -rf "$now"
  (( failed == 0 )) || die "the host is not as before up"
  say "host clean: links, addresses, mounts, iptables and sysctls as before up"
}

main "$@"
