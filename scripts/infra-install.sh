#!/usr/bin/env bash
# Installs Redis and PostgreSQL from Debian's packages when they are missing. Neither is
# started here: the launcher runs its own instances on 127.0.0.1 with data under .data/.
set -euo pipefail

say() { printf '[infra] %s\n' "$*" >&2; }
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { say "need root (or sudo) to install: ${missing[*]}"; exit 1; }
  SUDO=sudo
fi
say "installing from Debian packages: ${missing[*]}"
# Debian's postinst would create and start a cluster of its own; we need neither.
$SUDO mkdir -p /etc/postgresql-common
echo 'create_main_cluster = false' | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "installed: ${missing[*]}"
