# The cluster's certificates and kubeconfigs, made with openssl on first `up` and kept in
# $STATE/pki (never committed; `down --purge` deletes them). Sourced, not run.
PKI=$STATE/pki

# Args: file stem, subject, signing CA stem, optional subjectAltName list.
pki_cert() {
  local stem=$1 subject=$2 ca=$3 sans=${4:-} ext
  [[ -f $PKI/$stem.crt ]] && return 0
  ext=$(mktemp)
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n' > "$ext"
  [[ -n $sans ]] && printf 'subjectAltName=%s\n' "$sans" >> "$ext"
  openssl genrsa -out "$PKI/$stem.key" 2048 2>/dev/null
  openssl req -new -key "$PKI/$stem.key" -subj "$subject" -out "$PKI/$stem.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$stem.csr" -CA "$PKI/$ca.crt" -CAkey "$PKI/$ca.key" -CAcreateserial \
    -days 365 -extfile "$ext" -out "$PKI/$stem.crt" 2>/dev/null
  rm -f "$PKI/$stem.csr" "$ext"
}

pki_ca() {
  local stem=$1 subject=$2
  [[ -f $PKI/$stem.crt ]] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/$stem.key" -subj "$subject" -days 3650 \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -out "$PKI/$stem.crt" 2>/dev/null
}

# Args: kubeconfig name, client cert stem.
pki_kubeconfig() {
  local name=$1 stem=$2 file=$STATE/kubeconfig/$1.conf
  [[ -f $file ]] && return 0
  mkdir -p "$STATE/kubeconfig"
  cat > "$file" <<CONF
apiVersion: v1
kind: Config
clusters:
- name: bookstore
  cluster: {server: "https://$NODE_IP:6443", certificate-authority: "$PKI/ca.crt"}
users:
- name: $name
  user: {client-certificate: "$PKI/$stem.crt", client-key: "$PKI/$stem.key"}
contexts:
- name: $name@bookstore
  context: {cluster: bookstore, user: $name}
current-context: $name@bookstore
CONF
  chmod 600 "$file"
}

# Secrets in etcd are encrypted with a key made here, on this machine.
pki_encryption_config() {
  local file=$PKI/encryption.yaml
  [[ -f $file ]] && return 0
  cat > "$file" <<CONF
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
- resources: [secrets]
  providers:
  - secretbox: {keys: [{name: local, secret: "$(head -c 32 /dev/urandom | base64)"}]}
  - identity: {}
CONF
}

make_pki() {
  local sans
  mkdir -p "$PKI"; chmod 700 "$PKI"
  pki_ca ca "/CN=bookstore-cluster-ca"
  pki_ca front-proxy-ca "/CN=bookstore-front-proxy-ca"
  [[ -f $PKI/sa.key ]] || { openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null; openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null; }
  sans="DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  sans+=",DNS:localhost,DNS:$NODE_NAME,IP:$SERVICE_API_IP,IP:127.0.0.1,IP:$NODE_IP"
  pki_cert apiserver "/CN=kube-apiserver" ca "$sans"
  pki_cert kubelet-serving "/CN=$NODE_NAME" ca "DNS:$NODE_NAME,IP:$NODE_IP"
  pki_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" ca
  pki_cert front-proxy-client "/CN=front-proxy-client" front-proxy-ca
  pki_cert admin "/O=system:masters/CN=bookstore-admin" ca
  pki_cert controller-manager "/CN=system:kube-controller-manager" ca
  pki_cert scheduler "/CN=system:kube-scheduler" ca
  pki_cert node "/O=system:nodes/CN=system:node:$NODE_NAME" ca
  pki_cert kube-proxy "/CN=system:kube-proxy" ca
  pki_kubeconfig admin admin
  pki_kubeconfig controller-manager controller-manager
  pki_kubeconfig scheduler scheduler
  pki_kubeconfig kubelet node
  pki_kubeconfig kube-proxy kube-proxy
  pki_encryption_config
}
