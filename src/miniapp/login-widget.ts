// The Telegram Login Widget (a "Log in with Telegram" button on an ordinary web page): Telegram redirects or calls
// back with the user's fields and a hash. Validation per Telegram's "Checking authorization": secret_key =
// SHA256(bot_token); hash = hex HMAC_SHA256(key secret_key, msg data_check_string) — the same data_check_string as
// initData's, with a different key. Warning (security): compared in constant time, and a stale auth_date is refused.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { dataCheckString } from "./init-data.ts";

export const LOGIN_MAX_AGE_SECONDS = 24 * 60 * 60;

export const loginWidgetSchema = z.object({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]).transform(String),
  first_name: z.string().max(256).optional(),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
  photo_url: z.string().max(1000).optional(),
  auth_date: z.union([z.number().int().positive(), z.string().regex(/^\d{1,12}$/)]).transform(Number),
  hash: z.string().regex(/^[0-9a-f]{64}$/i),
});
export type LoginWidgetData = z.infer<typeof loginWidgetSchema>;

function fieldsOf(d: Record<string, unknown>): URLSearchParams {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(d)) if (v !== undefined && v !== null) f.set(k, String(v));
  return f;
}

function hashFor(botToken: string, fields: URLSearchParams): Buffer {
  const secretKey = createHash("sha256").update(botToken).digest();
  return createHmac("sha256", secretKey).update(dataCheckString(fields)).digest();
}

/** Checks the widget's data against one bot token at `now`. */
export function validateLoginWidget(raw: unknown, botToken: string, now: Date, maxAgeSeconds = LOGIN_MAX_AGE_SECONDS): { ok: true; user: LoginWidgetData } | { ok: false; reason: "MALFORMED" | "BAD_HASH" | "STALE" } {
  const parsed = loginWidgetSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "MALFORMED" };
  const given = Buffer.from(parsed.data.hash.toLowerCase(), "hex");
  // the hash covers exactly the fields Telegram sent (unknown extra fields too), so check the raw object
  const expected = hashFor(botToken, fieldsOf(raw as Record<string, unknown>));
  if (!timingSafeEqual(given, expected)) return { ok: false, reason: "BAD_HASH" };
  const age = now.getTime() / 1000 - parsed.data.auth_date;
  if (age > maxAgeSeconds || age < -300) return { ok: false, reason: "STALE" };
  return { ok: true, user: parsed.data };
}

/** Signs widget data as Telegram would (tests and local tools; only the bot token's holder can). */
export function signLoginWidget(fields: Record<string, string | number>, botToken: string): Record<string, string | number> {
  return { ...fields, hash: hashFor(botToken, fieldsOf(fields)).toString("hex") };
}
