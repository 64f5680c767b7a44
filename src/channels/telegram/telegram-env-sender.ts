// The Telegram MessageSender for processes that run no bot themselves (`o2o campaign tick|worker`, and `npm start`'s
// scheduler when the bots are not wired in): one Bot API client per bot in bots/ whose token variable is set, via
// TELEGRAM_API_ROOT. It lives with the channel; the entry points hand it to the delivery workers.
import { Telegram } from "telegraf";
import { loadBots } from "../../bot-config.ts";
import { callbackCodec } from "./callback-data.ts";
import { telegramSender, type TelegramSender } from "./telegram-sender.ts";
import type { Db } from "../../db/database.ts";

/** null when no bot token is set: Telegram members' rows then stay queued. */
export function telegramSenderFromEnv(db: Db, env: NodeJS.ProcessEnv = process.env): TelegramSender | null {
  const clients = new Map<string, Telegram>();
  const paid = new Set<string>();
  for (const b of loadBots()) {
    const token = env[b.tokenEnv]?.trim();
    if (token) clients.set(b.id, new Telegram(token, { ...(env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT } : {}), webhookReply: false }));
    if (token && b.allowPaidBroadcast) paid.add(b.id);
  }
  return clients.size ? telegramSender(clients, callbackCodec(db), paid) : null;
}
