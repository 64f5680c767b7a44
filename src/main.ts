// `npm start`: the embedded default in one process — database (migrated, demo catalog on first start),
// HTTP server, scheduler and every bot whose token is set. SIGTERM/SIGINT stop it gracefully (src/ops/shutdown.ts).
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { demoOnFirstStart } from "./app/demo/demo-on-first-start.ts";
import { buildServer, metricsRoute } from "./server/http-server.ts";
import { paymentRoutes } from "./server/routes/payments.ts";
import { adminToken, paymentSecret } from "./app/settings.ts";
import { adminApiRoutes } from "./server/admin/admin-api.ts";
import { allAdminRoutes } from "./server/admin/admin-routes.ts";
import { engineDeps, systemClock } from "./runtime.ts";
import { expireOrders } from "./app/ordering/order-lifecycle.ts";
import { createLogger } from "./ops/logger.ts";
import { setQueueDepthReader, startProcessMetrics } from "./ops/metrics.ts";
import { readiness } from "./ops/readiness.ts";
import { onShutdownSignals } from "./ops/shutdown.ts";
import { query } from "./db/sql.ts";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
let ready = false;
let stopping = false;

const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const demo = await demoOnFirstStart(db, { enabled: config.demo, end: systemClock()(), engine: (bot, clock) => engineDeps(db, config, bot, { clock }) });
if (demo) logger.info(demo, "loaded the demo catalog and a simulated week into the empty database (DEMO=0 starts empty)");

startProcessMetrics();
// the outbox is the queue: its depth is read at scrape time
setQueueDepthReader(async () =>
  (await query<{ source: string; n: number | bigint }>(db, () => `SELECT "source", COUNT(*) AS "n" FROM "OutboxMessage" WHERE "status" = 'queued' GROUP BY "source"`))
    .map((r) => ({ source: r.source, n: Number(r.n) })),
);

const clock = systemClock();
const admin = await adminToken(db);
let botStatus = () => "starting";
// the bots start after the server: a menu saved in the console reaches whichever of them runs here
let refreshBotMenu: (botId: string) => Promise<void> = async () => {};
const checks = readiness({ db, redisUrl: config.REDIS_URL, bots: () => botStatus(), stopping: () => stopping });
const server = await buildServer({
  logger, isReady: () => ready, readiness: () => checks.check(), metrics: !config.METRICS_PORT,
  routes: [
    paymentRoutes({ db, secret: await paymentSecret(db), clock }),
    (await import("./server/routes/mini-app.ts")).miniAppRoutes({
      db, clock, publicUrl: config.publicUrl, secret: await paymentSecret(db), localSignIn: config.localSignIn,
      loginBotUsername: config.TELEGRAM_LOGIN_BOT ?? null,
    }),
    adminApiRoutes({ token: admin, brandTokens: config.adminBrandTokens, db, clock, routes: allAdminRoutes({
      db, clock,
      botSettingsSaved: (botId) => void refreshBotMenu(botId).catch((e) => logger.warn({ err: String(e), botId }, "could not update the bot's Telegram menu")),
    }) }),
    (await import("./server/routes/admin-dashboard.ts")).adminDashboardRoutes({ token: admin, brandTokens: config.adminBrandTokens, db, clock, secureCookie: config.publicUrl.startsWith("https://") }),
  ],
});
const bots = await (await import("./channels/telegram/start-bots.ts")).startBots({ db, config, logger, server });
botStatus = () => bots.status();
refreshBotMenu = (botId) => bots.refreshMenu(botId);
// one delivery pipeline per process: the bots' (every outbox source), else one on the bot tokens from the environment
const scheduler = await import("./workers/campaign-scheduler.ts")
  .then(async (m) => {
    const envSender = bots.delivery ? null : (await import("./channels/telegram/telegram-env-sender.ts")).telegramSenderFromEnv(db);
    return m.startCampaignScheduler({ db, config, logger, clock, workers: bots.delivery, sender: envSender, botIds: envSender ? () => envSender.botIds() : undefined });
  })
  .catch((e) => (logger.error({ err: String(e) }, "campaign scheduler failed to start"), null));
// unpaid orders past their payment window give their stock and coupons back
const expiry = setInterval(() => {
  expireOrders(db, clock())
    .then((n) => n && logger.info({ expired: n }, "expired unpaid orders"))
    .catch((e) => logger.error({ err: String(e) }, "order expiry failed"));
}, 60_000);
expiry.unref();
await server.listen({ port: config.PORT, host: config.HOST });
const metricsServer = config.METRICS_PORT
  ? await (async () => {
      const { default: Fastify } = await import("fastify");
      const m = Fastify();
      metricsRoute(m);
      await m.listen({ port: config.METRICS_PORT, host: config.HOST });
      return m;
    })()
  : null;
logger.info({ url: config.publicUrl, database: db.provider, miniApp: `${config.publicUrl}/app/`, metrics: config.METRICS_PORT ? `:${config.METRICS_PORT}/metrics` : "/metrics" }, "o2o-chat is up");
logger.info({ api: `${config.publicUrl}/admin/api/openapi.json`, dashboard: `${config.publicUrl}/admin/`, token: config.ADMIN_TOKEN ? "(ADMIN_TOKEN)" : admin }, "admin API");
if (!config.TELEGRAM_BOT_TOKEN) {
  logger.info("no Telegram token set: chat locally with `npx o2o chat` (or `npx o2o chat --json --user me` for the scripted protocol)");
}
ready = true;

onShutdownSignals({
  logger,
  timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS,
  steps: [
    // stop taking work: readiness fails (the load balancer drains us), webhooks answer 503, polling stops; the
    // scheduler finishes its pass; the delivery pipeline releases what it claimed; chat turns in progress finish
    ["stop taking work", async () => {
      stopping = true;
      clearInterval(expiry);
      await Promise.all([scheduler?.stop(), bots.stop()]);
    }],
    ["close the HTTP server", async () => {
      await server.close();
      await metricsServer?.close();
      checks.close();
    }],
    ["close the database", () => db.close()],
  ],
});
