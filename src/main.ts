// `npm start`: the embedded default in one process — database (migrated, demo catalog on first start),
// HTTP server, scheduler and every bot whose token is set.
import pino from "pino";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { loadDemoIfEmpty } from "./app/load-demo-catalog.ts";
import { buildServer } from "./server/http-server.ts";
import { paymentRoutes } from "./server/routes/payments.ts";
import { adminToken, paymentSecret } from "./app/settings.ts";
import { adminApiRoutes } from "./server/admin/admin-api.ts";
import { allAdminRoutes } from "./server/admin/admin-routes.ts";
import { systemClock } from "./runtime.ts";
import { expireOrders } from "./app/ordering/order-lifecycle.ts";

const config = loadConfig();
const logger = pino({ level: config.LOG_LEVEL, base: undefined });
let ready = false;

const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
if (await loadDemoIfEmpty(db)) logger.info("loaded the demo catalog into the empty database");

const clock = systemClock();
const admin = await adminToken(db);
const server = await buildServer({ logger, isReady: () => ready, routes: [
  paymentRoutes({ db, secret: await paymentSecret(db), clock }),
  (await import("./server/routes/mini-app.ts")).miniAppRoutes({
    db, clock, publicUrl: config.publicUrl, secret: await paymentSecret(db), localSignIn: config.localSignIn,
    loginBotUsername: config.TELEGRAM_LOGIN_BOT ?? null,
  }),
  adminApiRoutes({ token: admin, brandTokens: config.adminBrandTokens, db, clock, routes: allAdminRoutes({ db, clock }) }),
  (await import("./server/routes/admin-dashboard.ts")).adminDashboardRoutes({ token: admin, brandTokens: config.adminBrandTokens, db, clock, secureCookie: config.publicUrl.startsWith("https://") }),
] });
const bots = await (await import("./channels/telegram/start-bots.ts")).startBots({ db, config, logger, server });
// one delivery pipeline per process: the bots' (every outbox source), else one on the bot tokens from the environment
void import("./campaigns/scheduler.ts").then((m) => m.startCampaignScheduler({ db, config, logger, clock, workers: bots.delivery })).catch((e) => logger.error({ err: String(e) }, "campaign scheduler failed to start"));
// unpaid orders past their payment window give their stock and coupons back
const expiry = setInterval(() => {
  expireOrders(db, clock())
    .then((n) => n && logger.info({ expired: n }, "expired unpaid orders"))
    .catch((e) => logger.error({ err: String(e) }, "order expiry failed"));
}, 60_000);
expiry.unref();
await server.listen({ port: config.PORT, host: config.HOST });
logger.info({ url: config.publicUrl, database: db.provider, miniApp: `${config.publicUrl}/app/` }, "o2o-chat is up");
logger.info({ api: `${config.publicUrl}/admin/api/openapi.json`, dashboard: `${config.publicUrl}/admin/`, token: config.ADMIN_TOKEN ? "(ADMIN_TOKEN)" : admin }, "admin API");
if (!config.TELEGRAM_BOT_TOKEN) {
  logger.info("no Telegram token set: chat locally with `npx o2o chat` (or `npx o2o chat --json --user me` for the scripted protocol)");
}
ready = true;

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  ready = false;
  await server.close();
  await db.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
