#!/usr/bin/env bash
# npm run test:k8s: the shop on the one-node cluster, in order, each phase a jest run with a
# report of its own (reports/k8s-*.json), summed into one line "N passed, M failed":
#   1. cluster   `npm run cluster -- up` (builds on first use) and Dapr's control plane
#   2. shop      `npm run cluster -- deploy`, every app ready, the seed walkthrough
#   3. api       the API suites of tests/integration, through the cluster's gateway
#   4. ops       rolling updates under load, self-healing, HPA, PVCs, consumers at 0
#   5. down      `npm run cluster -- down` leaves the host as it was
# A phase that cannot start because an earlier one failed counts as a failure; down always runs.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
[[ $(id -u) -eq 0 ]] || { echo "[test:k8s] needs root (the cluster makes namespaces, mounts, iptables rules)"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/prepare.sh --build-only || { echo "0 passed, 1 failed"; exit 1; }

# The integration suites that speak only to the gateway (the others read local sidecars,
# Redis or the stack's files, which the cluster does not expose).
API_SUITES=()
for suite in auth books concurrency deliveries order-slice orders; do API_SUITES+=("tests/integration/$suite.test.ts"); done
mkdir -p reports
rm -f reports/k8s-*.json reports/k8s-figures.jsonl
reports=()
healthy=true

# Args: phase name, then jest arguments (test paths before --selectProjects, which takes a list). Skipped (its report missing) once a phase failed.
phase() {
  local name=$1 report=reports/k8s-$1.json
  shift
  reports+=("$report")
  if [[ $healthy != true && $name != down ]]; then echo "[test:k8s] $name: skipped, an earlier phase failed"; return; fi
  echo "[test:k8s] $name"
  npx --no-install jest --json --outputFile="$report" --runInBand "$@" || healthy=false
}

phase cluster tests/k8s/cluster.test.ts --selectProjects k8s
phase shop tests/k8s/shop.test.ts --selectProjects k8s
admin_password=$(sed -n 's/^admin-password=//p' k8s/overlays/local/.data/secrets/admin-password.env 2>/dev/null)
BOOKSTORE_GATEWAY_URL=http://127.0.0.1:30088 BOOKSTORE_ADMIN_PASSWORD=$admin_password \
  phase api "${API_SUITES[@]}" --selectProjects integration
phase ops tests/k8s/operations.test.ts --selectProjects k8s
phase down tests/k8s/down.test.ts --selectProjects k8s

[[ -f reports/k8s-figures.jsonl ]] && { echo "[test:k8s] figures:"; cat reports/k8s-figures.jsonl; }
node scripts/lib/sum-reports.js "${reports[@]}"
[[ $healthy == true ]]
