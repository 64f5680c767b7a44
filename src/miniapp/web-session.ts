// Web sign-in outside Telegram: the browser holds a signed session token (the HttpOnly cookie, or a bearer token);
// the token is a random session secret (src/app/sessions.ts keeps its hash, expiry and revocation) signed with
// @fastify/cookie's signer under a key derived from PAYMENT_SECRET, so a tampered token is refused before any lookup.
// How a browser earns a session: the Telegram Login Widget (login-widget.ts), a one-time link from the bot, or — only
// when the operator sets LOCAL_SIGN_IN=1 — a name or phone typed in (a demo shop's convenience: anyone can be anyone).
import { createHmac } from "node:crypto";
import { sign, unsign } from "@fastify/cookie";

export const SESSION_COOKIE = "o2o_session";

/** The key the session tokens (and cookies) are signed with. */
export function cookieKey(secret: string): string {
  return createHmac("sha256", secret).update("o2o.miniapp.web-session.v2").digest("base64url");
}

export function signSessionToken(secret: string, sessionSecret: string): string {
  return sign(sessionSecret, cookieKey(secret));
}

/** The session secret in a signed token, or null when it is malformed or forged. */
export function unsignSessionToken(secret: string, token: string | undefined | null): string | null {
  if (!token || token.length > 512) return null;
  try {
    const r = unsign(token, cookieKey(secret));
    return r.valid && r.value ? r.value : null;
  } catch {
    return null;
  }
}

/** What the local sign-in field identifies: a phone number (digits, optional +) or else a name, case-insensitively. */
export function webIdentityOf(input: string): { externalId: string; displayName: string; phone: string | null } {
  const text = input.trim().replace(/\s+/g, " ");
  const compact = text.replace(/[\s()-]/g, "");
  if (/^\+?\d{6,20}$/.test(compact)) return { externalId: `phone:${compact}`, displayName: text, phone: compact };
  return { externalId: `name:${text.toLowerCase()}`, displayName: text, phone: null };
}

/** One cookie's value from a Cookie header; null when absent or not decodable (never throws). */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header || header.length > 16_384) return null;
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
