# PostgreSQL 15 from Debian's packages, for the local cluster (k8s/overlays/local), which
# reaches no container registry; production uses the public postgres image. It keeps that
# image's contract (POSTGRES_USER, POSTGRES_DB, POSTGRES_PASSWORD_FILE, POSTGRES_INITDB_ARGS,
# PGDATA), so k8s/base/postgres.yaml runs either. Built by scripts/images.sh.
ARG BASE=node:20-bookworm-slim
FROM ${BASE}
# uid 999 (the StatefulSet's, and the public image's) made first: initdb refuses a uid
# without a name. No default cluster: ours is made on the volume at first start.
RUN groupadd --system --gid 999 postgres && useradd --system --uid 999 --gid 999 --home-dir /var/lib/postgresql postgres \
 && mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
 && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*
COPY docker/postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/bin:/bin
USER 999:999
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]
