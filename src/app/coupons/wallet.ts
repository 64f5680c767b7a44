// The member's coupon wallet as the coupon rules see it: claimed (usable) coupons with their definitions and counts.
import type { Tx } from "../../db/database.ts";
import type { Coupon as CouponDef, CouponChannel, WalletCoupon } from "../../domain/coupons/coupon-rules.ts";

export type WalletEntry = WalletCoupon<CouponDef & { memberCouponId: string; title: string | null }>;

type CouponRow = {
  code: string; brandId: string; kind: string; value: number; minSpendCents: number; channels: unknown; validFrom: Date; validTo: Date;
  maxRedemptions: number | null; perMemberLimit: number; storeIds: unknown; redeemedCount: number; title: string | null;
};

export function couponDef(c: CouponRow): CouponDef & { title: string | null } {
  return {
    code: c.code, brandId: c.brandId, kind: c.kind as CouponDef["kind"], value: c.value, minSpendCents: c.minSpendCents,
    channels: c.channels as CouponChannel[], validFrom: c.validFrom, validTo: c.validTo, maxRedemptions: c.maxRedemptions,
    perMemberLimit: null, storeIds: c.storeIds as string[], title: c.title,
  };
}

/**
 * Claimed coupons of a member (optionally of one brand). Per-member limits are enforced at claim time
 * (one wallet entry per allowed use), so a claimed entry is always one usable redemption.
 */
export async function claimedWallet(tx: Tx, memberId: string, brandId?: string | null): Promise<WalletEntry[]> {
  const rows = await tx.memberCoupon.findMany({
    where: { memberId, status: "claimed", ...(brandId ? { coupon: { brandId } } : {}) },
    include: { coupon: true },
    orderBy: { claimedAt: "asc" },
  });
  return rows.map((r) => ({ ...couponDef(r.coupon), memberCouponId: r.id, totalRedeemed: r.coupon.redeemedCount }));
}
