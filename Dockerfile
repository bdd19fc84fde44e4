# The sidecar's image. Build it from the repository root, because the sidecar depends on the
# `shared` workspace:
#
#   docker build -t frontline-sidecar .
#
# The sidecar runs its TypeScript through tsx, which is one of the sidecar's production dependencies
# (as `npm start` does), so there is no compile step: the image holds the sources of `shared` and
# the sidecar plus the sidecar's production dependencies, and nothing from the Forge app or the
# dev toolchain (TypeScript, jest, eslint, the pinned `node` package).

# --- dependencies: production only, from the lockfile ---------------------------------------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# Manifests first, so the install layer is rebuilt only when dependencies change. The lockfile
# describes every workspace; forge-app's manifest is copied for it to match, none of its packages
# are installed.
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY sidecar/package.json sidecar/
COPY forge-app/package.json forge-app/
RUN npm ci --omit=dev --workspace sidecar --include-workspace-root=false --no-audit --no-fund \
  && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
  PORT=8080 \
  FRONTLINE_DATA_DIR=/var/lib/frontline
WORKDIR /app
# The workspace links in node_modules (@frontline/shared → ../../shared) point at the sources below.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.base.json ./
COPY shared/package.json shared/tsconfig.json shared/
COPY shared/src shared/src
COPY sidecar/package.json sidecar/tsconfig.json sidecar/
COPY sidecar/start.ts sidecar/
COPY sidecar/src sidecar/src
# The demo and its Jira stand-in: `npm start` runs them when no Jira site is configured.
COPY sidecar/demo sidecar/demo
COPY sidecar/sandbox sidecar/sandbox
# Only the embedded store (no DATABASE_URL) writes to disk; it is one process's store, so it lives
# in the container's own directory, owned by the user the sidecar runs as.
RUN mkdir -p /var/lib/frontline && chown node:node /var/lib/frontline
USER node
EXPOSE 8080
# /readyz answers 200 once the store and the queue are ready. Slim images have no curl; Node's
# fetch does the same. The first start of the embedded store takes a while, hence the start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node itself is the main process (no npm or tsx CLI wrapper in between), so SIGTERM from
# `docker stop` reaches the sidecar's own shutdown: no new requests, running jobs finish.
CMD ["node", "--import", "tsx", "sidecar/start.ts"]
