#!/usr/bin/env bash
# Everything the bookstore needs before it can start, each step skipped when already done:
# npm dependencies, Redis and PostgreSQL, the Dapr runtime, and the TypeScript build.
# `--build-only`: npm dependencies and the build (the cluster's tests need no local runtime).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

say() { printf '[prepare] %s\n' "$*" >&2; }

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [[ ${1:-} != --build-only ]]; then
  bash scripts/infra-install.sh
  bash scripts/dapr-runtime.sh
fi
say "building TypeScript"
npx --no-install tsc -b >&2  # errors on stderr: npm run bench sends stdout to /dev/null
# jest transpiles tests without checking their types (isolatedModules): check them here.
npx --no-install tsc -p tsconfig.test.json >&2
say "building the storefront"
npm run --silent build:web
