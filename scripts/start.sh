#!/usr/bin/env bash
# npm start: prepares what is missing, then runs the whole bookstore until Ctrl-C.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
bash "$ROOT/scripts/prepare.sh"
exec node "$ROOT/tools/stack/dist/cli.js" up "$@"
