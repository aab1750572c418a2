# Redis from Debian's package, for the local cluster (k8s/overlays/local), which reaches no
# container registry; production uses the public redis image (k8s/base/redis.yaml), whose
# command line this one answers the same way. Built by scripts/images.sh.
ARG BASE=node:20-bookworm-slim
FROM ${BASE}
# The uid the StatefulSet runs as (999, as in the public image), made before the package
# would pick one of its own.
RUN groupadd --system --gid 999 redis && useradd --system --uid 999 --gid 999 --home-dir /data redis \
 && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*
USER 999:999
WORKDIR /data
ENTRYPOINT []
CMD ["redis-server"]
