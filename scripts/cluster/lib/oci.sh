# One-layer OCI image archives, written without a registry or a builder (sourced, not run).
# `ctr -n k8s.io images import` loads them; pods use them with imagePullPolicy: Never.

# Writes a blob into an OCI layout and echoes "sha256:<hex> <size>".
oci_blob() {
  local layout=$1 file=$2 digest
  digest=$(sha256sum "$file" | cut -d' ' -f1)
  mkdir -p "$layout/blobs/sha256"
  mv "$file" "$layout/blobs/sha256/$digest"
  echo "sha256:$digest $(stat -c %s "$layout/blobs/sha256/$digest")"
}

# A root filesystem with the files a static binary's image needs: a numeric non-root user
# (the Dapr chart sets runAsNonRoot), a writable /tmp, and nothing else.
oci_minimal_rootfs() {
  local dir=$1
  mkdir -p "$dir/etc" "$dir/tmp"
  chmod 1777 "$dir/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$dir/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' > "$dir/etc/group"
}

# Args: image name (registry/name:tag), rootfs dir, user, entrypoint as a JSON array, archive out.
oci_archive() {
  local name=$1 rootfs=$2 user=$3 entrypoint=$4 archive=$5 layout layer diff_id config manifest
  layout=$(mktemp -d)
  tar -C "$rootfs" --sort=name --numeric-owner --mtime=@0 -cf "$layout/layer.tar" .
  diff_id=sha256:$(sha256sum "$layout/layer.tar" | cut -d' ' -f1)
  read -r layer_digest layer_size < <(oci_blob "$layout" "$layout/layer.tar")
  printf '{"architecture":"amd64","os":"linux","config":{"User":"%s","Entrypoint":%s,"Env":["PATH=/usr/local/bin:/usr/bin:/bin"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
    "$user" "$entrypoint" "$diff_id" > "$layout/config.json"
  read -r config_digest config_size < <(oci_blob "$layout" "$layout/config.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%s}]}' \
    "$config_digest" "$config_size" "$layer_digest" "$layer_size" > "$layout/manifest.json"
  read -r manifest_digest manifest_size < <(oci_blob "$layout" "$layout/manifest.json")
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_digest" "$manifest_size" "$name" "${name##*:}" > "$layout/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  tar -C "$layout" -cf "$archive.tmp" oci-layout index.json blobs && mv "$archive.tmp" "$archive"
  rm -rf "$layout"
}

# An image of one static binary at /<name>. Args: image name, binary path, user, archive out.
oci_binary_image() {
  local name=$1 binary=$2 user=$3 archive=$4 rootfs
  rootfs=$(mktemp -d)
  oci_minimal_rootfs "$rootfs"
  install -m 0755 "$binary" "$rootfs/$(basename "$binary")"
  oci_archive "$name" "$rootfs" "$user" "[\"/$(basename "$binary")\"]" "$archive"
  rm -rf "$rootfs"
}
