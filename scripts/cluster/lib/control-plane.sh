# etcd, kube-apiserver, kube-controller-manager and kube-scheduler as host processes (sourced).
# Each listens on 127.0.0.1, except the apiserver on the node's dummy address: pods reach it
# through the `kubernetes` Service, which must point at an address the host owns.

start_etcd() {
  mkdir -p "$STATE/etcd"; chmod 700 "$STATE/etcd"
  process_start etcd etcd --name "$NODE_NAME" --data-dir "$STATE/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster "$NODE_NAME=http://127.0.0.1:2380" --listen-metrics-urls '' \
    --quota-backend-bytes 2147483648 --auto-compaction-retention 1
  wait_for etcd 30 curl -fsS http://127.0.0.1:2379/health
}

start_apiserver() {
  process_start kube-apiserver "$BIN/kube-apiserver" --etcd-servers http://127.0.0.1:2379 \
    --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port 6443 \
    --service-cluster-ip-range "$SERVICE_CIDR" --allow-privileged=true --profiling=false \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --client-ca-file "$PKI/ca.crt" --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$PKI/ca.crt" --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --encryption-provider-config "$PKI/encryption.yaml" \
    --requestheader-client-ca-file "$PKI/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- --enable-aggregator-routing=true \
    --proxy-client-cert-file "$PKI/front-proxy-client.crt" --proxy-client-key-file "$PKI/front-proxy-client.key"
  wait_for kube-apiserver 90 kubectl get --raw /readyz
}

start_controller_manager() {
  local conf=$STATE/kubeconfig/controller-manager.conf
  process_start kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$conf" \
    --authentication-kubeconfig "$conf" --authorization-kubeconfig "$conf" --bind-address 127.0.0.1 \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --root-ca-file "$PKI/ca.crt" --service-account-private-key-file "$PKI/sa.key" \
    --use-service-account-credentials --allocate-node-cidrs --cluster-cidr "$POD_CIDR" \
    --node-cidr-mask-size 24 --service-cluster-ip-range "$SERVICE_CIDR" --leader-elect=false --profiling=false
}

start_scheduler() {
  local conf=$STATE/kubeconfig/scheduler.conf
  process_start kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$conf" \
    --authentication-kubeconfig "$conf" --authorization-kubeconfig "$conf" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false
}

start_control_plane() {
  start_etcd
  start_apiserver
  start_controller_manager
  start_scheduler
}
