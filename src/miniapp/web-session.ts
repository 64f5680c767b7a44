// The local sign-in outside Telegram: a name or phone becomes a "web" identity, carried by a signed token (cookie or
// bearer). The key is derived from PAYMENT_SECRET, so tokens survive restarts and nothing else needs configuring.
// Warning (security): this is a local shop's sign-in, not an account system — whoever types a name or phone gets
// that web identity. Telegram members are authenticated by initData instead (init-data.ts).
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const SESSION_COOKIE = "o2o_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

const payloadSchema = z.object({ v: z.literal(1), sub: z.string().min(1).max(100), name: z.string().max(60), exp: z.number().int() });
export type WebSession = z.infer<typeof payloadSchema>;

function sessionKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("o2o.miniapp.web-session.v1").digest();
}

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", sessionKey(secret)).update(payload).digest();
}

/** What the sign-in field identifies: a phone number (digits, optional +) or else a name, case-insensitively. */
export function webIdentityOf(input: string): { externalId: string; displayName: string; phone: string | null } {
  const text = input.trim().replace(/\s+/g, " ");
  const compact = text.replace(/[\s()-]/g, "");
  if (/^\+?\d{6,20}$/.test(compact)) return { externalId: `phone:${compact}`, displayName: text, phone: compact };
  return { externalId: `name:${text.toLowerCase()}`, displayName: text, phone: null };
}

export function signSession(secret: string, sub: string, name: string, now: Date): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, sub, name, exp: Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS })).toString("base64url");
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** The session in a token, or null when it is malformed, forged or expired. */
export function verifySession(secret: string, token: string | undefined | null, now: Date): WebSession | null {
  if (!token || token.length > 2048) return null;
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.exp * 1000 < now.getTime()) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/app; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_SECONDS}${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/app; HttpOnly; SameSite=Lax; Max-Age=0`;
}
