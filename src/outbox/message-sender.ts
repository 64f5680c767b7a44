// The port the delivery pipeline sends through. Telegram implements it (src/channels/telegram); tests use a fake
// Bot API server. Results are values: the pipeline decides what a 429 or a 403 means for the rest of the queue.
import type { Button } from "../domain/chat/button.ts";

export interface OutboundMessage {
  /** the bot account that sends (bots/<id>.json); the member's chat with that bot */
  botId: string;
  chatId: string;
  text: string;
  buttons?: Button[];
  /** a bulk message (campaign, follow-up): sent as a paid broadcast by bots that opted in (bots/*.json allowPaidBroadcast) */
  broadcast?: boolean;
}

export type SendResult =
  | { ok: true; messageId?: string }
  /** 429: wait retryAfterSeconds before sending anything more through this bot */
  | { ok: false; kind: "rate_limited"; retryAfterSeconds: number }
  /** 403: the user blocked the bot; the member becomes unreachable */
  | { ok: false; kind: "blocked"; error: string }
  /** network errors, 5xx: try again later with backoff */
  | { ok: false; kind: "transient"; error: string }
  /** 400 and the like: retrying will not help */
  | { ok: false; kind: "permanent"; error: string };

export interface MessageSender {
  send(msg: OutboundMessage): Promise<SendResult>;
}
