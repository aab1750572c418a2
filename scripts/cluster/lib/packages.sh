# The Debian packages the cluster runs on (sourced, not run). Installed once, with apt-get.
DEBIAN_PACKAGES=(containerd runc containernetworking-plugins etcd-server debootstrap docker.io iptables conntrack iproute2 openssl gcc libc6-dev curl kmod)

install_packages() {
  local missing=() package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  (( ${#missing[@]} == 0 )) && return 0
  say "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  # Debian starts services of newly installed packages; ours run with their own state instead.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  stop_package_services
}

# The packages' own daemons (etcd on 2379, containerd, dockerd) would clash with ours.
stop_package_services() {
  local service
  command -v systemctl >/dev/null && [[ -d /run/systemd/system ]] || return 0
  for service in etcd docker containerd; do
    systemctl disable --now "$service" >/dev/null 2>&1 || true
  done
}
