#!/usr/bin/env bash
# npm test: unit tests, the runtime package's tests on a daprd of their own (with their own
# Redis, placement and scheduler), then integration tests through the gateway on the real
# stack (started for the run, or the one already running on the gateway's port). Ends with one
# line "N passed, M failed" summed over every suite. Arguments go to jest instead of the
# default selection (npm run test:chaos passes its own); BOOKSTORE_TEST_REPORT names the
# JSON report, which .ci/run sums.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/prepare.sh || { echo "0 passed, 1 failed"; exit 1; }

report=${BOOKSTORE_TEST_REPORT:-reports/tests.json}
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
  args=(--selectProjects unit runtime integration abuse)
  # The browser tests (tests/e2e, in the integration project) drive Debian's Chromium.
  bash scripts/browser-install.sh || { echo "0 passed, 1 failed"; exit 1; }
fi
mkdir -p "$(dirname "$report")"
rm -f "$report"
npx --no-install jest --json --outputFile="$report" "${args[@]}"
status=$?
node scripts/lib/sum-reports.js "$report"
exit $status
