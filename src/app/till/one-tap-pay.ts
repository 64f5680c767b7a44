// Password-free pay (免密支付): a member opts in once, with a per-payment limit and a daily cap, and from then on a
// bill under the limit is paid with one tap and a delivery order is authorised (a hold) at confirmation instead of
// sending a payment link. Anything above the limit or the cap falls back to the ordinary confirmation and link.
import type { Db, Tx } from "../../db/database.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";

export const ONE_TAP_DEFAULT_LIMIT_CENTS = 30_000;
export const ONE_TAP_DEFAULT_DAILY_CAP_CENTS = 100_000;
/** the cap counts what was paid password-free in the last 24 hours (a rolling day: no midnight reset to game) */
export const ONE_TAP_DAY_MS = 24 * 3600_000;
/** the most a member may set either figure to: password-free is for small everyday amounts */
export const ONE_TAP_MAX_CENTS = 5_000_000;

export interface OneTapSettings {
  enabled: boolean;
  limitCents: number;
  dailyCapCents: number;
}

/** The member's password-free settings (defaults when never enabled). */
export async function oneTapSettings(db: Db | Tx, memberId: string): Promise<OneTapSettings> {
  const prisma = "prisma" in db ? db.prisma : db;
  const row = await prisma.oneTapPay.findUnique({ where: { memberId } });
  if (!row) return { enabled: false, limitCents: ONE_TAP_DEFAULT_LIMIT_CENTS, dailyCapCents: ONE_TAP_DEFAULT_DAILY_CAP_CENTS };
  return { enabled: row.revokedAt === null, limitCents: row.limitCents, dailyCapCents: row.dailyCapCents };
}

function checkAmount(name: string, v: number | undefined): AppResult<void> | null {
  if (v === undefined) return null;
  if (!Number.isSafeInteger(v) || v <= 0 || v > ONE_TAP_MAX_CENTS) return failWith("INVALID_INPUT", `${name} must be whole cents between 1 and ${ONE_TAP_MAX_CENTS}`);
  return null;
}

/** Use case: the member turns password-free pay on (or changes its limit and cap); defaults ¥300 per payment, ¥1,000 a day. */
export async function enableOneTap(db: Db, input: { memberId: string; limitCents?: number; dailyCapCents?: number; at: Date }): Promise<AppResult<OneTapSettings>> {
  const bad = checkAmount("limit", input.limitCents) ?? checkAmount("daily cap", input.dailyCapCents);
  if (bad) return bad as AppResult<never>;
  const before = await oneTapSettings(db, input.memberId);
  const limitCents = input.limitCents ?? before.limitCents;
  const dailyCapCents = input.dailyCapCents ?? before.dailyCapCents;
  if (limitCents > dailyCapCents) return failWith("INVALID_INPUT", "the per-payment limit cannot be above the daily cap");
  await db.prisma.oneTapPay.upsert({
    where: { memberId: input.memberId },
    create: { memberId: input.memberId, limitCents, dailyCapCents, enabledAt: input.at },
    update: { limitCents, dailyCapCents, enabledAt: before.enabled ? undefined : input.at, revokedAt: null },
  });
  return okValue({ enabled: true, limitCents, dailyCapCents });
}

/** Use case: the member revokes password-free pay; takes effect for the next payment. */
export async function disableOneTap(db: Db, input: { memberId: string; at: Date }): Promise<AppResult<{ wasEnabled: boolean }>> {
  const { count } = await db.prisma.oneTapPay.updateMany({ where: { memberId: input.memberId, revokedAt: null }, data: { revokedAt: input.at } });
  return okValue({ wasEnabled: count === 1 });
}

/** What was paid or held password-free in the day before `at`: bills paid with one tap, and order holds. */
async function spentToday(tx: Tx, memberId: string, at: Date): Promise<number> {
  const since = new Date(at.getTime() - ONE_TAP_DAY_MS);
  const bills = await tx.bill.aggregate({ where: { memberId, paidVia: "one_tap", paidAt: { gte: since } }, _sum: { totalCents: true } });
  // a hold (authorized, later captured) only ever comes from password-free pay; a voided hold no longer counts
  const holds = await tx.payment.aggregate({ where: { order: { memberId }, status: { in: ["authorized", "captured"] }, createdAt: { gte: since } }, _sum: { amountCents: true } });
  return (bills._sum.totalCents ?? 0) + (holds._sum.amountCents ?? 0);
}

/**
 * Inside the paying transaction: may this member pay `amountCents` without a confirmation? Touching the member's
 * row first serialises their concurrent password-free payments (PostgreSQL row lock; SQLite has one writer), so two
 * taps at once cannot both slip under the daily cap.
 */
export async function oneTapAllows(tx: Tx, memberId: string, amountCents: number, at: Date): Promise<AppResult<void>> {
  const { count } = await tx.oneTapPay.updateMany({ where: { memberId, revokedAt: null }, data: { updatedAt: at } });
  if (count !== 1) return failWith("ONE_TAP_OFF", "password-free pay is not enabled");
  const s = await tx.oneTapPay.findUniqueOrThrow({ where: { memberId } });
  if (amountCents > s.limitCents) return failWith("ONE_TAP_LIMIT", "above the password-free limit", { limitCents: s.limitCents });
  const spent = await spentToday(tx, memberId, at);
  if (spent + amountCents > s.dailyCapCents) return failWith("ONE_TAP_DAILY_CAP", "above today's password-free cap", { dailyCapCents: s.dailyCapCents, spentCents: spent });
  return okValue(undefined);
}
