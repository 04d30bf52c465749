# syntax=docker/dockerfile:1
# The AuxLedger API: compiled to JavaScript in a build stage, run as the unprivileged `node` user,
# its SQLite log, keys and read models in the /data volume (or PostgreSQL: AUXLEDGER_PG_URL).
#   docker build -t auxledger .
#   docker run -p 3000:3000 -v auxledger-data:/data auxledger
# The first start prints the admin key on standard error (docker logs); the JSON log is on standard output.

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The dashboard (vite), the API and the libraries (swc, decorator metadata kept), the CLI (esbuild).
RUN node apps/web/build-if-stale.mjs \
 && node apps/api/build.mjs \
 && node apps/cli/build-if-stale.mjs --force \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    AUXLEDGER_HOST=0.0.0.0 \
    AUXLEDGER_DB=/data/auxledger.db \
    AUXLEDGER_WEB_DIR=/app/dist/apps/web
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The CLI in the same image: docker exec <container> node dist/apps/cli/main.js backup --db /data/auxledger.db /data/backup.db
CMD ["node", "dist/server/apps/api/src/main.js"]
