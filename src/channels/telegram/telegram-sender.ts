// The MessageSender port (src/outbox/message-sender.ts) over telegraf's Telegram clients, one per running bot.
// It only sends and classifies: what a 429 or a 403 means for the queue is the pipeline's decision.
import type { Telegram } from "telegraf";
import type { MessageSender, OutboundMessage, SendResult } from "../../outbox/message-sender.ts";
import type { CallbackCodec } from "./callback-data.ts";
import { sendTextWithButtons } from "./render-replies.ts";
import { classifySendError } from "./telegram-errors.ts";

export interface TelegramSender extends MessageSender {
  /** the bots this sender can send through */
  botIds(): string[];
}

/** paidBroadcastBots: the bots whose bulk messages go out as paid broadcasts (bots/*.json allowPaidBroadcast) */
export function telegramSender(clients: Map<string, Telegram>, codec: CallbackCodec, paidBroadcastBots: ReadonlySet<string> = new Set()): TelegramSender {
  return {
    botIds: () => [...clients.keys()],
    async send(msg: OutboundMessage): Promise<SendResult> {
      const tg = clients.get(msg.botId);
      if (!tg) return { ok: false, kind: "permanent", error: `bot "${msg.botId}" is not running here` };
      try {
        const sent = await sendTextWithButtons(tg, msg.chatId, msg.text, msg.buttons, codec, undefined, null, !!msg.broadcast && paidBroadcastBots.has(msg.botId));
        return { ok: true, messageId: String(sent.message_id) };
      } catch (e) {
        return classifySendError(e);
      }
    },
  };
}
