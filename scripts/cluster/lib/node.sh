# The node: containerd (own root, state and socket), the CNI network, kubelet, kube-proxy, and a
# dockerd for image builds sharing that containerd (sourced, not run).

write_containerd_config() {
  mkdir -p "$STATE/containerd"
  write_if_changed "$STATE/containerd/config.toml" <<CONF
version = 2
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
oom_score = 0
[grpc]
  address = "$CONTAINERD_SOCK"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # This VM's root may not lower OOM scores: without this every sandbox fails to start.
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$STATE/containerd/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
CONF
}

# bridge + host-local + portmap. No masquerading: pods reach each other, services and the
# node, and nothing beyond this machine.
write_cni_config() {
  mkdir -p "$STATE/cni/net.d" "$STATE/cni/ipam"
  write_if_changed "$STATE/cni/net.d/10-bookstore.conflist" <<CONF
{
  "cniVersion": "0.4.0",
  "name": "bookstore",
  "plugins": [
    {
      "type": "bridge", "bridge": "$CNI_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": {
        "type": "host-local", "dataDir": "$STATE/cni/ipam",
        "ranges": [[{"subnet": "$NODE_POD_CIDR"}]], "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
CONF
}

start_containerd() {
  write_containerd_config
  write_cni_config
  process_start containerd containerd --config "$STATE/containerd/config.toml"
  wait_for containerd 30 ctr --address "$CONTAINERD_SOCK" version
}

write_kubelet_config() {
  mkdir -p "$STATE/kubelet" "$STATE/pod-logs"
  write_if_changed "$STATE/kubelet/config.yaml" <<CONF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: "$PKI/ca.crt"}
authorization: {mode: Webhook}
tlsCertFile: "$PKI/kubelet-serving.crt"
tlsPrivateKeyFile: "$PKI/kubelet-serving.key"
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: "unix://$CONTAINERD_SOCK"
clusterDNS: ["$CLUSTER_DNS"]
clusterDomain: cluster.local
podLogsDir: "$STATE/pod-logs"
# No registry can give an image back once collected, and no disk pressure may evict the shop.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {}
maxPods: 110
CONF
}

start_kubelet() {
  write_kubelet_config
  process_start kubelet "$BIN/kubelet" --config "$STATE/kubelet/config.yaml" \
    --kubeconfig "$STATE/kubeconfig/kubelet.conf" --root-dir "$STATE/kubelet" \
    --cert-dir "$STATE/kubelet/pki" --hostname-override "$NODE_NAME" --node-ip "$NODE_IP"
}

start_kube_proxy() {
  write_if_changed "$STATE/kube-proxy.yaml" <<CONF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: "$STATE/kubeconfig/kube-proxy.conf"}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# NodePorts answer on loopback and the node's dummy address only, never on eth0.
nodePortAddresses: ["127.0.0.1/32", "$NODE_IP/32"]
# 0: leave the host's conntrack sysctls alone.
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
CONF
  process_start kube-proxy "$BIN/kube-proxy" --config "$STATE/kube-proxy.yaml"
}

# For `docker build` of the shop's images: no bridge, no iptables, no forwarding changes, its
# own data and socket; its images go into containerd's k8s.io namespace by `docker save`.
start_dockerd() {
  mkdir -p "$STATE/docker"
  echo '{}' > "$STATE/docker/daemon.json"
  process_start dockerd /usr/sbin/dockerd --host "unix://$DOCKER_SOCK" --data-root "$STATE/docker/root" \
    --exec-root "$STATE/docker/exec" --pidfile "$STATE/docker/dockerd.pid" \
    --containerd "$CONTAINERD_SOCK" --containerd-namespace moby --iptables=false --ip6tables=false \
    --ip-forward=false --ip-masq=false --bridge=none --userland-proxy=false \
    --exec-opt native.cgroupdriver=cgroupfs --config-file "$STATE/docker/daemon.json"
  wait_for dockerd 60 /usr/bin/docker --host "unix://$DOCKER_SOCK" version
}

node_ready() {
  [[ "$(kubectl get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]]
}
