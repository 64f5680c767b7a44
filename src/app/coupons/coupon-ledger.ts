// Coupon state changes that must happen once whatever the concurrency. Each is a conditional UPDATE whose row count
// decides the race (claimed -> reserved -> redeemed; the global limit as redeemedCount < maxRedemptions), plus the
// unique Redemption.memberCouponId as the last line of defence.
import type { Tx } from "../../db/database.ts";

/** Counts one use against the coupon's total limit; false when the limit is reached. */
export async function takeCouponUse(tx: Tx, code: string): Promise<boolean> {
  const limited = await tx.coupon.updateMany({ where: { code, maxRedemptions: null }, data: { redeemedCount: { increment: 1 } } });
  if (limited.count === 1) return true;
  // the comparison with the limit happens inside the UPDATE, so two racing redemptions cannot both pass it
  const n = await tx.$executeRaw`UPDATE "Coupon" SET "redeemedCount" = "redeemedCount" + 1 WHERE "code" = ${code} AND "redeemedCount" < "maxRedemptions"`;
  return n === 1;
}

export async function giveCouponUseBack(tx: Tx, code: string): Promise<void> {
  await tx.coupon.updateMany({ where: { code, redeemedCount: { gt: 0 } }, data: { redeemedCount: { decrement: 1 } } });
}

/** claimed -> reserved (held by an unpaid order). */
export async function reserveMemberCoupon(tx: Tx, memberCouponId: string): Promise<boolean> {
  const { count } = await tx.memberCoupon.updateMany({ where: { id: memberCouponId, status: "claimed" }, data: { status: "reserved" } });
  return count === 1;
}

/** reserved -> claimed (the order was cancelled or expired). */
export async function releaseMemberCoupon(tx: Tx, memberCouponId: string): Promise<void> {
  await tx.memberCoupon.updateMany({ where: { id: memberCouponId, status: "reserved" }, data: { status: "claimed" } });
}

export interface RedemptionRecord {
  memberCouponId: string;
  couponCode: string;
  memberId: string;
  storeId: string | null;
  channel: "online" | "offline";
  orderId?: string | null;
  amountCents?: number | null;
  discountCents: number;
  campaignId?: string | null;
  at: Date;
}

/** fromStatus -> redeemed, and the Redemption row; false when the coupon was not in fromStatus any more. */
export async function markRedeemed(tx: Tx, fromStatus: "claimed" | "reserved", r: RedemptionRecord): Promise<boolean> {
  const { count } = await tx.memberCoupon.updateMany({ where: { id: r.memberCouponId, status: fromStatus }, data: { status: "redeemed", redeemedAt: r.at } });
  if (count !== 1) return false;
  await tx.redemption.create({
    data: {
      memberCouponId: r.memberCouponId, couponCode: r.couponCode, memberId: r.memberId, storeId: r.storeId, channel: r.channel,
      orderId: r.orderId ?? null, amountCents: r.amountCents ?? null, discountCents: r.discountCents, campaignId: r.campaignId ?? null, createdAt: r.at,
    },
  });
  return true;
}
