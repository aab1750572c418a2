#!/usr/bin/env bash
# The local-path StorageClass's provisioner (run by `cluster up` as a tracked host process):
# a hostPath PersistentVolume in $STATE/volumes per pending claim, bound to it by claimRef;
# a released volume's directory and object are deleted (reclaimPolicy Delete).
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
PROVISIONER=bookstore.local/hostpath
VOLUMES=$STATE/volumes

pending_claims() {
  kubectl get pvc -A -o jsonpath='{range .items[?(@.status.phase=="Pending")]}{.metadata.namespace} {.metadata.name} {.metadata.uid} {.spec.storageClassName} {.spec.resources.requests.storage} {.spec.accessModes[0]}{"\n"}{end}'
}

# Args: namespace, claim, uid, size, access mode.
provision() {
  local dir=$VOLUMES/$1-$2-$3
  mkdir -p "$dir"
  # The claiming pod runs as a non-root user of its own choosing.
  chmod 0777 "$dir"
  kubectl apply -f - >/dev/null <<PV
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pvc-$3
  annotations: {pv.kubernetes.io/provisioned-by: $PROVISIONER}
spec:
  storageClassName: local-path
  capacity: {storage: $4}
  accessModes: [$5]
  persistentVolumeReclaimPolicy: Delete
  claimRef: {namespace: $1, name: $2, uid: $3}
  hostPath: {path: "$dir", type: Directory}
PV
  say "provisioned pvc-$3 for $1/$2 ($4)"
}

reclaim_released() {
  local name path
  kubectl get pv -o jsonpath='{range .items[?(@.status.phase=="Released")]}{.metadata.name} {.metadata.annotations.pv\.kubernetes\.io/provisioned-by} {.spec.hostPath.path}{"\n"}{end}' \
    | while read -r name by path; do
        [[ $by == "$PROVISIONER" && $path == "$VOLUMES/"* ]] || continue
        rm -rf "$path" && kubectl delete pv "$name" --wait=false >/dev/null && say "deleted $name"
      done
}

main() {
  local ns claim uid class size mode
  while true; do
    pending_claims | while read -r ns claim uid class size mode; do
      [[ $class == local-path ]] || continue
      kubectl get pv "pvc-$uid" >/dev/null 2>&1 || provision "$ns" "$claim" "$uid" "$size" "${mode:-ReadWriteOnce}"
    done
    reclaim_released
    sleep 2
  done
}

main "$@"
