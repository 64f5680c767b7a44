// What a failed Bot API call means for whoever sent it, split by origin like grammY's errors: the API refused
// (TelegramError with an HTTP-like code) or the network failed (anything else thrown by the transport).
import { TelegramError } from "telegraf";
import type { SendResult } from "../../outbox/message-sender.ts";

export type SendFailure = Exclude<SendResult, { ok: true }>;

/** 429 → rate_limited (retry_after), 403 → blocked, 5xx and network errors → transient, other 4xx → permanent. */
export function classifySendError(e: unknown): SendFailure {
  if (e instanceof TelegramError) {
    const code = e.code;
    if (code === 429) return { ok: false, kind: "rate_limited", retryAfterSeconds: Math.max(1, Number(e.parameters?.retry_after ?? 5)) };
    if (code === 403) return { ok: false, kind: "blocked", error: e.description ?? "forbidden" };
    if (code >= 500 || !code) return { ok: false, kind: "transient", error: `${code}: ${e.description ?? ""}` };
    return { ok: false, kind: "permanent", error: `${code}: ${e.description ?? ""}` };
  }
  const err = e as { name?: string; message?: string; code?: string };
  return { ok: false, kind: "transient", error: `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`.slice(0, 300) };
}

export const isApiError = (e: unknown, code?: number): e is TelegramError => e instanceof TelegramError && (code === undefined || e.code === code);
