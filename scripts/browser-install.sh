#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/e2e, driven by playwright-core)
# when it is missing. No browser is downloaded by a test tool: Debian's package is the one.
set -euo pipefail

say() { printf '[browser] %s\n' "$*" >&2; }
[[ -x /usr/bin/chromium ]] && exit 0
SUDO=
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { say "need root (or sudo) to install chromium"; exit 1; }
  SUDO=sudo
fi
say "installing chromium from Debian packages"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
say "installed: $(/usr/bin/chromium --version)"
