#!/usr/bin/env bash
# What the manifest checks need (tools/k8s, `npm test`), fetched from the Go module proxy
# and cached, nothing committed:
# - kustomize (tools/k8s/versions.env), built with `go install` into the cache, once;
# - Kubernetes' OpenAPI v3 schemas: api/openapi-spec/v3 of the k8s.io/kubernetes module;
# - Dapr's CRDs: charts/dapr/crds of the github.com/dapr/dapr module (the runtime's pin).
# Writes their paths to $BOOKSTORE_DATA_DIR/k8s-tools.env; a second run takes a second.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=/dev/null
source "$ROOT/tools/k8s/versions.env"
# shellcheck source=/dev/null
source "$ROOT/tools/dapr-runtime/versions.env"
CACHE_DIR=${BOOKSTORE_CACHE_DIR:-$HOME/.cache/bookstore}
DATA_DIR=${BOOKSTORE_DATA_DIR:-$ROOT/.data}
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOWORK=off
say() { printf '[k8s-tools] %s\n' "$*" >&2; }

command -v go >/dev/null || { say "Go is needed for kustomize and the schemas (the Go module proxy) and is not installed."; exit 1; }

KUSTOMIZE_DIR=$CACHE_DIR/kustomize-$KUSTOMIZE_VERSION
KUSTOMIZE=$KUSTOMIZE_DIR/kustomize
if ! [[ -x $KUSTOMIZE ]] || ! "$KUSTOMIZE" version 2>/dev/null | grep -q "v$KUSTOMIZE_VERSION"; then
  say "building kustomize v$KUSTOMIZE_VERSION from its Go module (about a minute)"
  mkdir -p "$KUSTOMIZE_DIR"
  GOBIN=$KUSTOMIZE_DIR go install -p 2 -ldflags "-X sigs.k8s.io/kustomize/api/provenance.version=v$KUSTOMIZE_VERSION" \
    "sigs.k8s.io/kustomize/kustomize/v5@v$KUSTOMIZE_VERSION"
fi

module_dir() {
  local dir
  dir=$(cd /tmp && go mod download -json "$1" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [[ -n $dir && -d $dir ]] || { say "could not download $1 from the Go module proxy"; exit 1; }
  echo "$dir"
}
say "schemas: k8s.io/kubernetes@v$KUBERNETES_VERSION, github.com/dapr/dapr@v$DAPR_RUNTIME_VERSION (module cache)"
OPENAPI_DIR=$(module_dir "k8s.io/kubernetes@v$KUBERNETES_VERSION")/api/openapi-spec/v3
DAPR_CRDS_DIR=$(module_dir "github.com/dapr/dapr@v$DAPR_RUNTIME_VERSION")/charts/dapr/crds
[[ -f $OPENAPI_DIR/apis__apps__v1_openapi.json ]] || { say "no OpenAPI v3 documents in $OPENAPI_DIR"; exit 1; }
[[ -f $DAPR_CRDS_DIR/components.yaml ]] || { say "no Dapr CRDs in $DAPR_CRDS_DIR"; exit 1; }

mkdir -p "$DATA_DIR"
cat >"$DATA_DIR/k8s-tools.env" <<ENV
KUSTOMIZE=$KUSTOMIZE
K8S_OPENAPI_DIR=$OPENAPI_DIR
DAPR_CRDS_DIR=$DAPR_CRDS_DIR
ENV
say "ready: $DATA_DIR/k8s-tools.env"
