// `npm start`'s Telegram side: every bot in bots/ whose token variable is set, in one process. Polling by default;
// webhooks on the fastify server when PUBLIC_URL is https. Beside the bots runs the one delivery pipeline
// (src/outbox/pipeline/drain.ts) on their clients, for every outbox source: order updates and staff cards
// (queued by queueStaffCards, its producer) promptly, campaigns and follow-ups under their caps and quiet hours.
// Nothing here blocks start-up: a Bot API that cannot be reached is retried in the background with backoff, and
// `npm start` without any token starts no bot at all.
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Telegraf, Telegram } from "telegraf";
import { loadBots, type BotConfig } from "../../bot-config.ts";
import type { Config } from "../../config.ts";
import type { EngineDeps } from "../../conversation/engine.ts";
import type { Db } from "../../db/database.ts";
import { engineDeps, systemClock } from "../../runtime.ts";
import { callbackCodec } from "./callback-data.ts";
import { createBot } from "./create-bot.ts";
import { loadOutboxConfig } from "../../outbox/outbox-config.ts";
import { drainOutbox } from "../../outbox/pipeline/drain.ts";
import { MemoryChatGate, MemoryRateLimiter } from "../../outbox/rate-limiter.ts";
import { startDeliveryWorkers } from "../../workers/delivery-workers.ts";
import type { Workers } from "../../outbox/workers.ts";
import { queueStaffCards } from "./staff-notifier.ts";
import { telegramSender, type TelegramSender } from "./telegram-sender.ts";
import { menuCommands } from "./telegram-texts.ts";
import { botWithSettings } from "../../app/bot-settings.ts";
import { recordBotAccount } from "../../app/bot-accounts.ts";
import type { Lang } from "../../conversation/replies.ts";
import { miniAppUrlFor, setMiniAppMenuButton } from "./mini-app-buttons.ts";
import { telegramWebhookRoutes, webhookPath, webhookSecret } from "./webhook-routes.ts";
import { InFlight, memoryChatLock, redisChatLock, type ChatLock } from "../../ops/chat-lock.ts";
import { Redis } from "ioredis";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

/** Telegram's broadcast limit without paid broadcasts, messages per second (about 30). */
export const FREE_BROADCAST_RATE = 30;

export interface StartBotsOptions {
  db: Db;
  config: Config;
  /** where the token variables are read (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** default: every file in bots/ */
  bots?: BotConfig[];
  logger?: Logger;
  /** engine overrides (tests: a pinned clock, a test signer) */
  engine?: Partial<EngineDeps>;
  /** webhook mode registers its routes here; call before the server listens */
  server?: FastifyInstance;
  /** default: webhook when PUBLIC_URL is https, else polling */
  mode?: "polling" | "webhook";
  /** idle poll period of the delivery worker (default 200 ms); 0 starts none (call tick() yourself) */
  loopIntervalMs?: number;
}

export interface RunningBot {
  config: BotConfig;
  token: string;
  bot: Telegraf;
}

export interface RunningBots {
  mode: "polling" | "webhook" | "off";
  bots: Map<string, RunningBot>;
  sender: TelegramSender;
  /** the webhook routes (already registered when a server was given) */
  routes: (app: FastifyInstance) => void;
  /** resolves once every bot has connected (getMe) and started polling or set its webhook */
  ready: Promise<void>;
  /** "ok" once every bot is up (also without bots), else which are not yet (readiness) */
  status(): string;
  /** the delivery worker running on these bots (null without bots or with loopIntervalMs 0); the scheduler announces to it */
  delivery: Workers | null;
  /** one delivery pass: queue staff cards, send everything due */
  tick(): Promise<void>;
  /** Sets a running bot's Telegram command menu again (after its menu was edited in the console); other ids: nothing. */
  refreshMenu(botId: string): Promise<void>;
  /**
   * Graceful stop: no new updates (polling stops, webhooks answer 503), the delivery worker releases what it claimed
   * and has not sent, and the updates being handled finish (bounded by the caller's deadline).
   */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * setMyCommands in Chinese and English, and a default list in the bot's own language, from the bot's menu (give the
 * bot with its console edits applied: botWithSettings). A refusal is only logged.
 */
export async function setBotCommands(tg: Telegram, bot: BotConfig, log: Log): Promise<void> {
  const calls: [Lang, string | undefined][] = [
    ["zh", "zh"],
    ["en", "en"],
    [bot.locale === "en" ? "en" : "zh", undefined],
  ];
  const failed: string[] = [];
  let error = "";
  for (const [lang, language_code] of calls) {
    try {
      await tg.setMyCommands(menuCommands(bot.menu, lang), language_code ? { language_code } : {});
    } catch (e) {
      failed.push(language_code ?? "default");
      error = e instanceof Error ? e.message : String(e);
    }
  }
  if (failed.length) log("setMyCommands failed (the bot works without its menu)", { botId: bot.id, languages: failed, err: error });
}

export async function startBots(opts: StartBotsOptions): Promise<RunningBots> {
  const env = opts.env ?? process.env;
  const { db, config } = opts;
  const warn: Log = (msg, extra) => opts.logger?.warn({ component: "telegram", ...extra }, msg);
  const info: Log = (msg, extra) => opts.logger?.info({ component: "telegram", ...extra }, msg);
  const configs = (opts.bots ?? loadBots()).filter((b) => !!env[b.tokenEnv]?.trim());
  const codec = callbackCodec(db);
  const bots = new Map<string, RunningBot>();
  const clients = new Map<string, Telegram>();
  const sender = telegramSender(clients, codec, new Set(configs.filter((b) => b.allowPaidBroadcast).map((b) => b.id)));
  const mode: RunningBots["mode"] = !configs.length ? "off" : opts.mode ?? (config.publicUrl.startsWith("https://") ? "webhook" : "polling");
  // several instances (REDIS_URL): a chat's turns are kept apart across processes, not only within this one
  // (a command fails after a few retries while Redis is away, so a turn goes on without the lock instead of hanging)
  const lockRedis = configs.length && config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : null;
  lockRedis?.on("error", (e) => warn("redis (chat lock) error", { err: String(e) }));
  const chatLock: ChatLock = lockRedis ? redisChatLock(lockRedis, { prefix: `${env.O2O_REDIS_PREFIX ?? "o2o"}:turn`, log: warn }) : memoryChatLock();
  const inFlight = new InFlight();

  for (const b of configs) {
    const token = env[b.tokenEnv]!.trim();
    const engine = await engineDeps(db, config, b, { log: warn, ...opts.engine });
    const providerToken = b.paymentProviderTokenEnv ? env[b.paymentProviderTokenEnv]?.trim() || undefined : undefined;
    const bot = createBot(b, { engine, token, apiRoot: config.TELEGRAM_API_ROOT, codec, paymentProviderToken: providerToken, miniAppUrl: miniAppUrlFor(config.publicUrl), log: warn, chatLock, inFlight });
    bots.set(b.id, { config: b, token, bot });
    clients.set(b.id, bot.telegram);
  }
  let stopped = false;
  const routes = telegramWebhookRoutes([...bots.values()].map((r) => ({ botId: r.config.id, token: r.token, bot: r.bot })), warn, () => !stopped);
  if (mode === "webhook" && opts.server) routes(opts.server);

  const launches: Promise<void>[] = [];
  const readies: Promise<void>[] = [];
  const up = new Set<string>();
  for (const r of bots.values()) {
    let markReady!: () => void;
    readies.push(new Promise<void>((res) => (markReady = () => (up.add(r.config.id), res()))));
    launches.push(launchBot(r, markReady));
  }

  async function launchBot(r: RunningBot, markReady: () => void): Promise<void> {
    let backoff = 1000;
    while (!stopped) {
      try {
        r.bot.botInfo = await r.bot.telegram.getMe();
        await recordBotAccount(db, { botId: r.config.id, brandId: r.config.brands === "*" || r.config.brands.length !== 1 ? null : r.config.brands[0], username: r.bot.botInfo.username })
          .catch((e) => warn("could not record the bot account", { err: String(e) }));
        await setBotCommands(r.bot.telegram, await botWithSettings(db, r.config), warn);
        await setMiniAppMenuButton(r.bot.telegram, miniAppUrlFor(config.publicUrl), r.config.locale, warn);
        if (mode === "webhook") {
          const url = `${config.publicUrl}${webhookPath(r.config.id)}`;
          await r.bot.telegram.setWebhook(url, { secret_token: webhookSecret(r.token) });
          info("telegram bot up (webhook)", { botId: r.config.id, username: r.bot.botInfo.username, url });
          markReady();
          return;
        }
        info("telegram bot up (polling)", { botId: r.config.id, username: r.bot.botInfo.username });
        markReady();
        backoff = 1000;
        await r.bot.launch(); // resolves when polling stops
        if (stopped) return;
      } catch (e) {
        if (stopped) return;
        warn("telegram bot could not start or lost its connection; retrying", { botId: r.config.id, inMs: backoff, err: e instanceof Error ? e.message : String(e) });
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 60_000);
      }
    }
  }

  const clock = opts.engine?.clock ?? systemClock();
  const runningBots = () => new Set(bots.keys());
  const pipeline = {
    db, sender, clock, log: warn, botIds: () => [...bots.keys()],
    producers: [() => queueStaffCards({ db, runningBots, clock, log: warn })],
  };

  async function tick(): Promise<void> {
    if (!bots.size) return;
    const dc = loadOutboxConfig();
    await drainOutbox({ ...pipeline, config: dc, limiter: new MemoryRateLimiter(dc.ratePerSecond, dc.windowGuardMs), chatGate: new MemoryChatGate(dc.perChatMs) }, { idle: "stop" });
  }

  const rate = loadOutboxConfig(env).ratePerSecond;
  if (configs.length && rate > FREE_BROADCAST_RATE && !configs.some((b) => b.allowPaidBroadcast)) {
    warn("CAMPAIGN_RATE is above Telegram's free broadcast limit and no bot opted into paid broadcasts (bots/*.json allowPaidBroadcast): expect 429s", { rate, free: FREE_BROADCAST_RATE });
  }
  const interval = opts.loopIntervalMs ?? 200;
  const delivery = bots.size && interval > 0 ? await startDeliveryWorkers({ ...pipeline, redisUrl: config.REDIS_URL ?? "", pollMs: interval }) : null;

  return {
    mode,
    bots,
    sender,
    routes,
    ready: Promise.all(readies).then(() => undefined),
    status: () => {
      const waiting = [...bots.keys()].filter((id) => !up.has(id));
      return waiting.length ? `not started yet: ${waiting.join(", ")}` : "ok";
    },
    delivery,
    tick,
    async refreshMenu(botId) {
      const r = bots.get(botId);
      if (r && up.has(botId)) await setBotCommands(r.bot.telegram, await botWithSettings(db, r.config), warn);
    },
    async stop() {
      stopped = true;
      for (const r of bots.values()) {
        try {
          r.bot.stop("shutdown");
        } catch {
          /* not polling (webhook mode, or never connected) */
        }
      }
      // the pipeline releases its claimed rows while the chat turns in progress finish
      await Promise.all([delivery?.stop(), inFlight.idle()]);
      await Promise.race([Promise.all(launches), sleep(3000)]);
      lockRedis?.disconnect();
    },
  };
}
