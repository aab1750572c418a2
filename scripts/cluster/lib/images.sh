# The cluster's own images (pause, Dapr's control plane, daprd, CoreDNS, metrics-server), made
# from the cached binaries and imported into containerd's k8s.io namespace (sourced, not run).
# shellcheck source=oci.sh
source "$ROOT/scripts/cluster/lib/oci.sh"

REGISTRY=bookstore.local
PAUSE_IMAGE=$REGISTRY/pause:$K8S_VERSION
DAPR_REGISTRY=$REGISTRY/dapr
COREDNS_IMAGE=$REGISTRY/coredns:$COREDNS_VERSION
METRICS_SERVER_IMAGE=$REGISTRY/metrics-server:$METRICS_SERVER_VERSION

ctr_k8s() { ctr --address "$CONTAINERD_SOCK" -n k8s.io "$@"; }

# Lines of "image binary user": what runs as which numeric user.
system_images() {
  local name
  echo "$PAUSE_IMAGE $BIN/pause 65535"
  for name in operator injector sentry placement scheduler daprd; do
    echo "$DAPR_REGISTRY/$name:$DAPR_RUNTIME_VERSION $BIN/dapr/$name 65532"
  done
  echo "$COREDNS_IMAGE $BIN/coredns 65532"
  echo "$METRICS_SERVER_IMAGE $BIN/metrics-server 65532"
}

# Archives are cached next to the binaries, named by the binary's digest: a rebuilt binary
# makes a new archive, an unchanged one is reused.
image_archive() {
  local image=$1 binary=$2 user=$3 archive
  archive=$IMAGES/$(basename "$binary")-$(sha256sum "$binary" | cut -c1-12).tar
  if [[ ! -f $archive ]]; then
    mkdir -p "$IMAGES"
    oci_binary_image "$image" "$binary" "$user" "$archive"
  fi
  echo "$archive"
}

import_system_images() {
  local image binary user present count=0
  present=$(ctr_k8s images ls -q)
  while read -r image binary user; do
    if ! grep -qxF "$image" <<<"$present"; then
      ctr_k8s images import "$(image_archive "$image" "$binary" "$user")" >/dev/null
      count=$((count + 1))
    fi
  done < <(system_images)
  say "system images: $count imported, $(system_images | wc -l) in place"
}
