// Telegram Mini App launch data (`initData`): proves which Telegram user opened the app from which bot.
// Validation per Telegram's "Validating data received via the Mini App": secret_key = HMAC_SHA256(key "WebAppData",
// msg bot_token); hash = hex HMAC_SHA256(key secret_key, msg data_check_string), where data_check_string is every
// field except `hash`, as key=value, sorted by key, joined by "\n". Then auth_date must be fresh.
// Warning (security): the hash is compared in constant time, and a stale auth_date is refused even with a good
// hash, since initData can be replayed by anyone who once saw it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** How old an initData may be (Telegram sets auth_date when the app is opened). */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;

export const telegramUserSchema = z.object({
  id: z.number().int().positive(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
export type TelegramUser = z.infer<typeof telegramUserSchema>;

export interface ValidInitData {
  user: TelegramUser;
  authDate: Date;
  startParam: string | null;
  queryId: string | null;
}

export type InitDataCheck =
  | { ok: true; value: ValidInitData }
  | { ok: false; reason: "MALFORMED" | "BAD_HASH" | "STALE" | "NO_USER" };

function hashFor(botToken: string, dataCheckString: string): Buffer {
  const secretKey = createHmac("sha256", "WebAppData").update(botToken).digest();
  return createHmac("sha256", secretKey).update(dataCheckString).digest();
}

/** The data_check_string of the fields (everything but `hash`). */
export function dataCheckString(fields: URLSearchParams): string {
  return [...fields.entries()]
    .filter(([k]) => k !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

/** Checks initData against one bot token at `now`; pure apart from the HMAC. */
export function validateInitData(initData: string, botToken: string, now: Date, maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS): InitDataCheck {
  if (!initData || initData.length > 8192) return { ok: false, reason: "MALFORMED" };
  const fields = new URLSearchParams(initData);
  const hash = fields.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash) || fields.getAll("hash").length !== 1) return { ok: false, reason: "MALFORMED" };
  const expected = hashFor(botToken, dataCheckString(fields));
  if (!timingSafeEqual(expected, Buffer.from(hash.toLowerCase(), "hex"))) return { ok: false, reason: "BAD_HASH" };
  const authDate = Number(fields.get("auth_date"));
  if (!Number.isInteger(authDate) || authDate <= 0) return { ok: false, reason: "MALFORMED" };
  const age = now.getTime() / 1000 - authDate;
  // a little slack for clock skew in the future; none beyond the max age in the past
  if (age > maxAgeSeconds || age < -300) return { ok: false, reason: "STALE" };
  let user: TelegramUser;
  try {
    const parsed = telegramUserSchema.safeParse(JSON.parse(fields.get("user") ?? "null"));
    if (!parsed.success) return { ok: false, reason: "NO_USER" };
    user = parsed.data;
  } catch {
    return { ok: false, reason: "MALFORMED" };
  }
  return { ok: true, value: { user, authDate: new Date(authDate * 1000), startParam: fields.get("start_param"), queryId: fields.get("query_id") } };
}

/**
 * Signs launch data as Telegram would (for tests and local tools): the fields plus `hash`, URL-encoded.
 * Only someone holding the bot token can do this.
 */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  params.set("hash", hashFor(botToken, dataCheckString(params)).toString("hex"));
  return params.toString();
}
