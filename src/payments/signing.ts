// HMAC-SHA256 signatures for payment links and sandbox webhooks. Comparisons are constant-time.
import { createHmac, timingSafeEqual } from "node:crypto";

export function hmacHex(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data).digest("hex");
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The O2O-Signature header value for a raw body at unix time t. */
export function signWebhook(secret: string, rawBody: string, t: number): string {
  return `t=${t},v1=${hmacHex(secret, `${t}.${rawBody}`)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks an O2O-Signature header: well formed, right HMAC over `${t}.${rawBody}`, t within 300 s of now. */
export function verifyWebhookSignature(secret: string, rawBody: string, header: string | undefined, nowSeconds: number): SignatureCheck {
  if (!header) return { ok: false, reason: "missing O2O-Signature header" };
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  const v1 = parts.v1;
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: "malformed O2O-Signature header" };
  if (Math.abs(nowSeconds - t) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: "timestamp outside the 300 s tolerance" };
  if (!safeEqualHex(hmacHex(secret, `${t}.${rawBody}`), v1)) return { ok: false, reason: "signature does not match" };
  return { ok: true };
}

/** Token for a hosted payment page link: binds the payment id and its expiry. */
export function linkToken(secret: string, paymentId: string, expiresAtMs: number): string {
  return hmacHex(secret, `link.${paymentId}.${expiresAtMs}`).slice(0, 32);
}
