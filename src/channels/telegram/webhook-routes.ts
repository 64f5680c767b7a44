// Telegram webhooks on the fastify server: one path per bot, and Telegram's secret_token header checked on every
// call (constant time). The secret is derived from the bot token, so every instance behind the load balancer
// agrees on it without sharing state.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export const webhookPath = (botId: string) => `/telegram/webhook/${botId}`;

/** Telegram allows 1-256 characters of A-Z a-z 0-9 _ -; hex fits. */
export function webhookSecret(token: string): string {
  return createHmac("sha256", token).update("o2o-chat telegram webhook").digest("hex").slice(0, 48);
}

function sameSecret(got: unknown, want: string): boolean {
  if (typeof got !== "string") return false;
  const a = Buffer.from(got);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebhookBot {
  botId: string;
  token: string;
  bot: Telegraf;
}

/**
 * A fastify route registration function (for buildServer's `routes`, or called on an instance before it listens).
 * While `accepting()` is false (this instance is shutting down) updates are answered 503: Telegram redelivers them,
 * to another instance behind the load balancer or to this one after its restart.
 */
export function telegramWebhookRoutes(bots: WebhookBot[], log?: Log, accepting: () => boolean = () => true) {
  return (app: FastifyInstance) => {
    for (const b of bots) {
      const secret = webhookSecret(b.token);
      app.post(webhookPath(b.botId), async (req, reply) => {
        if (!sameSecret(req.headers[SECRET_HEADER], secret)) return reply.code(401).send({ ok: false, error: "bad secret token" });
        if (!accepting()) return reply.code(503).header("retry-after", "1").send({ ok: false, error: "shutting down: retry" });
        const update = req.body as Update | undefined;
        if (!update || typeof update !== "object" || typeof (update as { update_id?: unknown }).update_id !== "number") {
          return reply.code(400).send({ ok: false, error: "not a Telegram update" });
        }
        try {
          await b.bot.handleUpdate(update);
        } catch (e) {
          // answered 200 anyway: Telegram would otherwise redeliver an update that fails the same way
          log?.("telegram webhook update failed", { botId: b.botId, err: e instanceof Error ? e.message : String(e) });
        }
        return reply.code(200).send({ ok: true });
      });
    }
  };
}
