#!/usr/bin/env bash
# npm run test:all: every test there is, on a fresh machine as on a built one: npm test (unit,
# integration, abuse on the real stack), the chaos suite, and the shop on the one-node
# Kubernetes cluster (npm run test:k8s, root). The last line sums all three: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
npm test
tests=$?
npm run test:chaos
chaos=$?
npm run test:k8s
k8s=$?
reports=(reports/tests.json reports/chaos.json reports/k8s-{cluster,shop,api,ops,down}.json)
node scripts/lib/failures.js "${reports[@]}"
node scripts/lib/sum-reports.js "${reports[@]}"
[[ $tests -eq 0 && $chaos -eq 0 && $k8s -eq 0 ]]
