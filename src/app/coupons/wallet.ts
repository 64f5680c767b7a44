// The member's coupon wallet as the coupon rules see it: claimed (usable) coupons with their definitions and counts.
import { query, type SqlTarget } from "../../db/sql.ts";
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
export async function claimedWallet(on: SqlTarget, memberId: string, brandId?: string | null): Promise<WalletEntry[]> {
  // one join in SQL (a Prisma include is two queries, and this runs in every quote)
  const rows = await query<CouponRow & { memberCouponId: string }>(on, (p) => `SELECT mc."id" AS "memberCouponId", c."code", c."brandId", c."kind", c."value", c."minSpendCents",
      c."channels", c."validFrom", c."validTo", c."maxRedemptions", c."perMemberLimit", c."storeIds", c."redeemedCount", c."title"
    FROM "MemberCoupon" mc JOIN "Coupon" c ON c."code" = mc."couponCode"
    WHERE mc."memberId" = ${p.v(memberId)} AND mc."status" = 'claimed'${brandId ? ` AND c."brandId" = ${p.v(brandId)}` : ""}
    ORDER BY mc."claimedAt" ASC, mc."id" ASC`);
  return rows.map((r) => ({ ...couponDef(r), memberCouponId: r.memberCouponId, totalRedeemed: r.redeemedCount }));
}
