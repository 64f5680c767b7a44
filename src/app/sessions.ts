// Server-side sessions: the dashboard's (admin) and the Mini App's in a plain browser (web), and the one-time sign-in
// links the bot sends. The browser holds a random secret; the database holds only its SHA-256, so a copy of the
// database signs nobody in. Revoking is deleting the row (logout, sign-out, forget-me); an expired row signs nobody in.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/database.ts";

export const ADMIN_SESSION_TTL_MS = 12 * 3600_000;
export const WEB_SESSION_TTL_MS = 30 * 24 * 3600_000;
/** A sign-in link from the bot works once, for ten minutes. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60_000;

export type WebSignInMethod = "telegram_login" | "link" | "local";

const newSecret = () => randomBytes(32).toString("base64url");
/** The stored form of a session or link secret. Returns "" for anything that is not one of ours (no lookup needed). */
export function secretHash(secret: string): string {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return "";
  return createHash("sha256").update(secret).digest("hex");
}

/** Use case: a dashboard login; returns the secret for the cookie. brandId set = a brand manager's session. */
export async function startAdminSession(db: Db, input: { brandId: string | null; at: Date }): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(input.at.getTime() + ADMIN_SESSION_TTL_MS);
  await db.prisma.adminSession.create({ data: { id: secretHash(secret), brandId: input.brandId, createdAt: input.at, expiresAt } });
  // expired rows are cleared on the way (logins are rare)
  await db.prisma.adminSession.deleteMany({ where: { expiresAt: { lt: input.at } } });
  return { secret, expiresAt };
}

export async function findAdminSession(db: Db, secret: string, at: Date): Promise<{ brandId: string | null } | null> {
  const id = secretHash(secret);
  if (!id) return null;
  const s = await db.prisma.adminSession.findUnique({ where: { id } });
  return s && s.expiresAt > at ? { brandId: s.brandId } : null;
}

export async function endAdminSession(db: Db, secret: string): Promise<void> {
  const id = secretHash(secret);
  if (id) await db.prisma.adminSession.deleteMany({ where: { id } });
}

/** Use case: a browser proved who it is; returns the secret for the cookie (or bearer token). */
export async function startWebSession(db: Db, input: { memberId: string; method: WebSignInMethod; at: Date }): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(input.at.getTime() + WEB_SESSION_TTL_MS);
  await db.prisma.webSession.create({ data: { id: secretHash(secret), memberId: input.memberId, method: input.method, createdAt: input.at, expiresAt } });
  return { secret, expiresAt };
}

export async function findWebSession(db: Db, secret: string, at: Date): Promise<{ memberId: string; method: string } | null> {
  const id = secretHash(secret);
  if (!id) return null;
  const s = await db.prisma.webSession.findUnique({ where: { id } });
  return s && s.expiresAt > at ? { memberId: s.memberId, method: s.method } : null;
}

export async function endWebSession(db: Db, secret: string): Promise<void> {
  const id = secretHash(secret);
  if (id) await db.prisma.webSession.deleteMany({ where: { id } });
}

/** Use case ("open in browser" in chat, `npx o2o member signin-link`): a link that signs this member in once. */
export async function createSignInLink(db: Db, input: { memberId: string; publicUrl: string; at: Date }): Promise<{ url: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(input.at.getTime() + SIGN_IN_LINK_TTL_MS);
  await db.prisma.signInLink.create({ data: { tokenHash: secretHash(secret), memberId: input.memberId, createdAt: input.at, expiresAt } });
  await db.prisma.signInLink.deleteMany({ where: { expiresAt: { lt: input.at } } });
  // the secret rides in the fragment-free query of the page, which posts it back (a link preview that fetches the
  // page does not run its script, so it cannot spend the link)
  return { url: `${input.publicUrl.replace(/\/+$/, "")}/app/?signin=${secret}`, expiresAt };
}

/** Use case: spend a sign-in link. Exactly once, even when two browsers race with the same link. */
export async function redeemSignInLink(db: Db, secret: string, at: Date): Promise<{ memberId: string } | null> {
  const tokenHash = secretHash(secret);
  if (!tokenHash) return null;
  const { count } = await db.prisma.signInLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
  if (count !== 1) return null;
  const link = await db.prisma.signInLink.findUnique({ where: { tokenHash } });
  const member = link && (await db.prisma.member.findUnique({ where: { id: link.memberId } }));
  return member && !member.erasedAt ? { memberId: member.id } : null;
}
