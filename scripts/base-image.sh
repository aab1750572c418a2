#!/usr/bin/env bash
# The local base image for the Dockerfile (BASE), made without any container registry:
# 1. a Debian bookworm minbase root filesystem (debootstrap, from Debian's mirror), archived
#    under .data/images/ and `docker import`ed as bookstore/minbase:<suite>;
# 2. on it, this machine's own Node.js and npm where the public node images keep them
#    (/usr/local/bin, /usr/local/lib/node_modules/npm), any library `ldd` names that minbase
#    lacks, and this machine's CA bundle (NODE_EXTRA_CA_CERTS), so that npm inside a build
#    reaches the registry the way this machine does.
# Cached: the archive and both images are named by stamps (suite; Node version and this
# script), so a second run does nothing. Needs docker (DOCKER_HOST may name a private
# daemon) and root for debootstrap. Prints the image name on its last line.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
say() { printf '[base-image] %s\n' "$*" >&2; }

SUITE=bookworm
MIRROR=${BOOKSTORE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
NODE_BIN=$(readlink -f "$(command -v node)")
NPM_DIR=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
NODE_VERSION=$(node --version)
CA_BUNDLE=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
CACHE="$ROOT/.data/images"
MINBASE_TAR="$CACHE/minbase-$SUITE.tar"
MINBASE="bookstore/minbase:$SUITE"
IMAGE="bookstore/base:${NODE_VERSION#v}-$SUITE-$(sha256sum "$0" | cut -c1-8)"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE is there"
  echo "$IMAGE"
  exit 0
fi

work=$(mktemp -d "$CACHE/work.XXXXXX" 2>/dev/null || { mkdir -p "$CACHE"; mktemp -d "$CACHE/work.XXXXXX"; })
# debootstrap mounts /proc (and may mount /sys) inside the root filesystem: unmount them
# before anything is removed or archived, and never let rm cross into another filesystem.
unmount_inside() { awk -v r="$work" '$2 ~ "^"r"/" {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l; }
trap 'unmount_inside; rm -rf --one-file-system "$work"' EXIT

if [[ ! -f "$MINBASE_TAR" ]]; then
  command -v debootstrap >/dev/null || { say "installing debootstrap"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
  say "debootstrap --variant=minbase $SUITE (about a minute and a half)"
  debootstrap --variant=minbase "$SUITE" "$work/rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  unmount_inside
  # Nothing in the images installs packages at run time: drop what only apt and people read.
  rm -rf "$work"/rootfs/var/cache/apt/* "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/usr/share/doc/* \
         "$work"/rootfs/usr/share/man/* "$work"/rootfs/usr/share/locale/* "$work"/rootfs/usr/share/info/*
  tar -C "$work/rootfs" --numeric-owner --one-file-system -cf "$MINBASE_TAR.partial" .
  mv "$MINBASE_TAR.partial" "$MINBASE_TAR"
fi
docker image inspect "$MINBASE" >/dev/null 2>&1 || { say "docker import $MINBASE"; docker import "$MINBASE_TAR" "$MINBASE" >/dev/null; }

say "adding node $NODE_VERSION, npm and the libraries node links"
context="$work/context"
mkdir -p "$context/root/usr/local/bin" "$context/root/usr/local/lib/node_modules" "$context/root/etc/ssl/certs"
install -m 0755 "$NODE_BIN" "$context/root/usr/local/bin/node"
cp -a "$NPM_DIR" "$context/root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$context/root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$context/root/usr/local/bin/npx"
install -m 0644 "$CA_BUNDLE" "$context/root/etc/ssl/certs/bookstore-build-ca.crt"
# Libraries node links that minbase lacks (minbase has libc, libstdc++ and libgcc_s already;
# bookworm merges /lib into /usr/lib, so a library may be listed under either).
minbase_has=$(tar -tf "$MINBASE_TAR" | sed 's|^\./|/|')
for lib in $(ldd "$NODE_BIN" | grep -o '/[^ ]*' | sort -u); do
  grep -qxF -e "$lib" -e "/usr$lib" <<<"$minbase_has" || install -D -m 0644 "$(readlink -f "$lib")" "$context/root/usr${lib#/usr}"
done
cat >"$context/Dockerfile" <<DOCKERFILE
FROM $MINBASE
COPY root/ /
ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \\
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/bookstore-build-ca.crt
RUN ["/usr/local/bin/node", "-e", "process.exit(0)"]
CMD ["/usr/local/bin/node"]
DOCKERFILE
DOCKER_BUILDKIT=0 docker build --quiet --network host -t "$IMAGE" "$context" >/dev/null
echo "$IMAGE"
