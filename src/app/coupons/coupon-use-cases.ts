// Use cases for coupons: claim into the wallet (chat, campaign button, deep link), list the wallet, redeem at the till.
// One member identity across online and offline: the till finds the member by member id, chat user id, phone or card.
import type { Db } from "../../db/database.ts";
import { query } from "../../db/sql.ts";
import { isUniqueViolation } from "../../db/write-transaction.ts";
import { checkCoupon } from "../../domain/coupons/coupon-rules.ts";
import { Rollback, failWith, okValue, type AppResult } from "../app-result.ts";
import { tagCampaignClaim, tagStoreVisit } from "../crm/behaviour-tags.ts";
import { tillMember } from "../crm/bind-identity.ts";
import { runTx } from "../run-tx.ts";
import { couponDef } from "./wallet.ts";
import { markRedeemed, takeCouponUse } from "./coupon-ledger.ts";

export interface WalletItem {
  memberCouponId: string;
  code: string;
  brandId: string;
  title: string | null;
  kind: string;
  value: number;
  minSpendCents: number;
  validTo: Date;
  storeIds: string[];
  /** as the chat's `coupon` reply shows it (docs/chat-protocol.md): reserved (held by an unpaid order) counts as claimed */
  status: "claimed" | "redeemed" | "expired";
}

export async function claimCoupon(
  db: Db,
  input: { memberId: string; code: string; botBrandIds: string[] | null; source?: string; campaignId?: string | null; at: Date },
): Promise<AppResult<{ item: WalletItem; alreadyClaimed: boolean }>> {
  const code = input.code.trim().toUpperCase();
  const coupon = await db.prisma.coupon.findUnique({ where: { code } });
  if (!coupon || (input.botBrandIds && !input.botBrandIds.includes(coupon.brandId))) return failWith("COUPON_NOT_FOUND", `no coupon ${code}`, { couponCode: code });
  if (coupon.validTo < input.at) return failWith("COUPON_EXPIRED", "expired", { validTo: coupon.validTo });
  // paused by the merchant: no new claims (coupons already in a wallet stay usable)
  if (coupon.pausedAt) {
    const held = await db.prisma.memberCoupon.findFirst({ where: { memberId: input.memberId, couponCode: code, status: { in: ["claimed", "reserved"] } } });
    if (!held) return failWith("COUPON_PAUSED", "the merchant paused this coupon");
  }
  const toItem = (id: string, status: string): WalletItem => ({
    memberCouponId: id, code, brandId: coupon.brandId, title: coupon.title, kind: coupon.kind, value: coupon.value, minSpendCents: coupon.minSpendCents,
    validTo: coupon.validTo, storeIds: coupon.storeIds as string[], status: status === "redeemed" ? "redeemed" : coupon.validTo < input.at ? "expired" : "claimed",
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    const mine = await db.prisma.memberCoupon.findMany({ where: { memberId: input.memberId, couponCode: code }, orderBy: { seq: "asc" } });
    const unused = mine.find((m) => m.status === "claimed" || m.status === "reserved");
    if (unused) return okValue({ item: toItem(unused.id, unused.status), alreadyClaimed: true });
    const seq = mine.length + 1;
    if (seq > coupon.perMemberLimit) return failWith("COUPON_MEMBER_LIMIT", "you have used this coupon as often as it allows", { limit: coupon.perMemberLimit });
    if (coupon.maxRedemptions !== null && coupon.redeemedCount >= coupon.maxRedemptions) return failWith("COUPON_LIMIT_REACHED", "all gone");
    try {
      const created = await runTx(db, async (tx) => {
        const mc = await tx.memberCoupon.create({ data: { memberId: input.memberId, couponCode: code, seq, source: input.source ?? "chat", campaignId: input.campaignId ?? null, claimedAt: input.at } });
        await tx.coupon.update({ where: { code }, data: { claimedCount: { increment: 1 } } });
        await tagCampaignClaim(tx, input.memberId, input.campaignId);
        return okValue(mc);
      });
      if (created.ok) return okValue({ item: toItem(created.value.id, "claimed"), alreadyClaimed: false });
      return created;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // a concurrent claim took this seq: look again
    }
  }
  return failWith("CONFLICT", "please try again");
}

/** The member's wallet, newest first, with the status the member would recognise. */
export async function listWallet(db: Db, memberId: string, at: Date, brandIds: string[] | null = null): Promise<WalletItem[]> {
  // one join in plain SQL: "我的优惠券" is a chat turn, where a Prisma include costs two statements and their compiling
  const rows = await query<{ id: string; couponCode: string; status: string; brandId: string; title: string | null; kind: string; value: number; minSpendCents: number; validTo: Date; storeIds: unknown }>(
    db,
    (p) => `SELECT mc."id", mc."couponCode", mc."status", c."brandId", c."title", c."kind", c."value", c."minSpendCents", c."validTo", c."storeIds"
      FROM "MemberCoupon" mc JOIN "Coupon" c ON c."code" = mc."couponCode"
      WHERE mc."memberId" = ${p.v(memberId)}${brandIds ? ` AND c."brandId" IN ${p.list(brandIds)}` : ""}
      ORDER BY mc."claimedAt" DESC`,
  );
  return rows.map((r) => ({
    memberCouponId: r.id, code: r.couponCode, brandId: r.brandId, title: r.title, kind: r.kind, value: r.value,
    minSpendCents: r.minSpendCents, validTo: r.validTo, storeIds: r.storeIds as string[],
    status: r.status === "redeemed" ? "redeemed" : r.validTo < at ? "expired" : "claimed",
  }));
}

export interface TillRedemption {
  code: string;
  memberId: string;
  storeId: string;
  discountCents: number;
  /** what the customer pays at the till, when the amount was given */
  payCents: number | null;
  redemptionId: string;
}

/** Use case: store staff redeem a member's online-claimed coupon at the till (offline channel), with the payment amount if given. */
export async function redeemAtTill(db: Db, input: { storeId: string; code: string; memberRef: string; amountCents?: number | null; at: Date }): Promise<AppResult<TillRedemption>> {
  const code = input.code.trim().toUpperCase();
  const store = await db.prisma.store.findUnique({ where: { id: input.storeId } });
  if (!store) return failWith("NOT_FOUND", `no store "${input.storeId}"`);
  const coupon = await db.prisma.coupon.findUnique({ where: { code } });
  if (!coupon) return failWith("COUPON_NOT_FOUND", `no coupon "${code}"`);
  // an unknown phone number is a walk-in: the till creates the member, and the coupon is claimed on the spot
  const found = await tillMember(db, input.memberRef);
  if (!found) return failWith("NOT_FOUND", `no member "${input.memberRef}"`);
  const member = found.member;
  if (input.amountCents != null && (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0)) return failWith("INVALID_INPUT", "amount must be whole cents ≥ 0");
  const def = couponDef(coupon);
  const subtotal = input.amountCents ?? Math.max(coupon.minSpendCents, 0);
  const check = checkCoupon({ ...def, maxRedemptions: null }, { channel: "offline", storeId: store.id, brandId: store.brandId, subtotalCents: subtotal, at: input.at });
  if (!check.ok) return { ok: false, error: { ...check.error } };
  const discount = input.amountCents != null ? check.value.discountCents : 0;

  return runTx(db, async (tx) => {
    const mine = await tx.memberCoupon.findMany({ where: { memberId: member.id, couponCode: code }, orderBy: { seq: "asc" } });
    let claimed = mine.find((m) => m.status === "claimed");
    if (!claimed && found.created && mine.length === 0) {
      claimed = await tx.memberCoupon.create({ data: { memberId: member.id, couponCode: code, seq: 1, source: "till", claimedAt: input.at } });
      await tx.coupon.update({ where: { code }, data: { claimedCount: { increment: 1 } } });
    }
    if (!claimed) {
      if (mine.some((m) => m.status === "reserved")) return failWith("COUPON_ALREADY_REDEEMED", "this coupon is held by an unpaid online order");
      if (mine.some((m) => m.status === "redeemed")) return failWith("COUPON_ALREADY_REDEEMED", "this coupon was already redeemed");
      return failWith("COUPON_NOT_CLAIMED", "the member has not claimed this coupon");
    }
    if (!(await markRedeemed(tx, "claimed", { memberCouponId: claimed.id, couponCode: code, memberId: member.id, storeId: store.id, channel: "offline", amountCents: input.amountCents ?? null, discountCents: discount, campaignId: claimed.campaignId, at: input.at }))) {
      throw new Rollback({ code: "COUPON_ALREADY_REDEEMED", message: "this coupon was already redeemed" });
    }
    if (!(await takeCouponUse(tx, code))) throw new Rollback({ code: "COUPON_LIMIT_REACHED", message: "the coupon's total limit is reached" });
    const red = await tx.redemption.findUniqueOrThrow({ where: { memberCouponId: claimed.id } });
    await tagStoreVisit(tx, member.id, store.id);
    return okValue({ code, memberId: member.id, storeId: store.id, discountCents: discount, payCents: input.amountCents != null ? input.amountCents - discount : null, redemptionId: red.id });
  });
}

