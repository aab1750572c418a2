# One image per bookstore app, from one file:
#   docker build --build-arg WORKSPACE=services/order -t bookstore/order .
# WORKSPACE names the npm workspace to run (services/<app>, or tools/stack with
# MAIN=dist/notification-sink.js for the local notification sink). BASE is any image with
# Node.js >= 20.19 at /usr/local/bin/node: the public one by default; on a machine that
# reaches no container registry, the one scripts/base-image.sh makes (scripts/images.sh).
ARG BASE=node:20-bookworm-slim

# The same build `npm start` runs (scripts/prepare.sh): npm ci, then tsc -b.
FROM ${BASE} AS build
WORKDIR /src
# Manifests first, so a change of source alone reuses the installed dependencies.
COPY package.json package-lock.json ./
COPY packages/runtime/package.json packages/runtime/
COPY packages/runtime/schema/package.json packages/runtime/schema/
COPY packages/contracts/package.json packages/contracts/
COPY services/gateway/package.json services/gateway/
COPY services/book/package.json services/book/
COPY services/customer/package.json services/customer/
COPY services/order/package.json services/order/
COPY services/delivery/package.json services/delivery/
COPY services/customercenter/package.json services/customercenter/
COPY tools/stack/package.json tools/stack/
COPY tools/bench/package.json tools/bench/
COPY tools/k8s/package.json tools/k8s/
# The coffee example is a workspace too: npm ci needs every workspace of the lock, tsc -b every reference.
COPY examples/coffee/contracts/package.json examples/coffee/contracts/
COPY examples/coffee/services/order/package.json examples/coffee/services/order/
COPY examples/coffee/services/payment/package.json examples/coffee/services/payment/
COPY examples/coffee/services/barista/package.json examples/coffee/services/barista/
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.base.json ./
COPY packages packages
COPY services services
COPY tools tools
COPY examples examples
RUN npx --no-install tsc -b && npm run --silent build:web

# Production dependencies of one workspace only (and the workspace packages it uses, as links).
FROM build AS dependencies
ARG WORKSPACE=services/gateway
RUN rm -rf node_modules && npm ci --omit=dev --no-audit --no-fund --loglevel=error --workspace "${WORKSPACE}" \
 && mkdir -p /out/node_modules && cp -a node_modules/. /out/node_modules/

FROM ${BASE} AS app
ARG WORKSPACE=services/gateway
ARG MAIN=dist/main.js
WORKDIR /app
COPY --from=dependencies /out/node_modules node_modules
COPY --from=build /src/package.json ./
COPY --from=build /src/packages/runtime/package.json packages/runtime/
COPY --from=build /src/packages/runtime/schema packages/runtime/schema
COPY --from=build /src/packages/runtime/dist packages/runtime/dist
COPY --from=build /src/packages/contracts/package.json packages/contracts/
COPY --from=build /src/packages/contracts/dist packages/contracts/dist
COPY --from=build /src/${WORKSPACE}/package.json ${WORKSPACE}/
COPY --from=build /src/${WORKSPACE}/dist ${WORKSPACE}/dist
WORKDIR /app/${WORKSPACE}
ENV NODE_ENV=production MAIN=${MAIN}
# Numeric, so Kubernetes' runAsNonRoot can check it without a passwd entry. Nothing is
# written outside /tmp (an emptyDir in the pod): the root filesystem can be read-only.
USER 10001:10001
# `exec`: node becomes PID 1, so the kubelet's SIGTERM reaches it and it stops gracefully.
ENTRYPOINT ["/bin/sh", "-c", "exec /usr/local/bin/node \"$MAIN\""]
