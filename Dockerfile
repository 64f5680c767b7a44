# o2o-chat production image: compiled JavaScript on Node 20, production dependencies only, non-root.
#   docker build -t o2o-chat .
#   docker run -p 3000:3000 -e TELEGRAM_BOT_TOKEN=… -v o2o-data:/data o2o-chat
# The same steps run in CI without a container engine (test/ops/image-commands.test.ts).

# 1. build: all dependencies (TypeScript, Prisma's generator), generate the clients, compile src/ to dist/
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. production dependencies only (no tsx, typescript or prisma CLI; the postinstall step then has nothing to generate)
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. runtime: dist/ plus the files it reads at run time (migrations, demo catalog, bots, prompts, web assets)
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY scripts/build-state.mjs ./scripts/build-state.mjs
COPY bots ./bots
COPY prompts ./prompts
COPY web ./web
COPY prisma/migrations ./prisma/migrations
COPY prisma/demo ./prisma/demo
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# liveness: the process is up and started (readiness, for a load balancer, is GET /readyz)
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# node as PID 1 receives SIGTERM directly and stops gracefully within SHUTDOWN_TIMEOUT_SECONDS
CMD ["node", "dist/main.js"]
