// Coupon rules, the same online (in chat) and offline (at the till): is this coupon usable here and now, and
// what does it save. Money: integer cents, rounding always in the merchant's favour by less than a cent, so a
// "3折" coupon never lets the customer pay below 30% and no total goes negative.
import { assertCents } from "../money.ts";
import type { DomainError, Result } from "../errors.ts";
import { fail, ok } from "../errors.ts";

/** percent: `value` is the percent of the price that is PAID (30 = "3折" = 70% off); amount: `value` cents off. */
export type CouponKind = "percent" | "amount";

/** Where a coupon is used: in chat / online checkout, or at a store's till. */
export type CouponChannel = "online" | "offline";

/** A coupon definition as in the catalog (dates as Date or ISO strings). */
export interface Coupon {
  code: string;
  brandId: string;
  kind: CouponKind;
  value: number;
  minSpendCents: number;
  channels: readonly CouponChannel[];
  validFrom: Date | string;
  /** inclusive */
  validTo: Date | string;
  /** total redemptions allowed across members; null = unlimited */
  maxRedemptions?: number | null;
  /** redemptions allowed per member; null = unlimited */
  perMemberLimit?: number | null;
  /** empty = every store of the brand */
  storeIds: readonly string[];
}

/** Where and when a coupon is being used. */
export interface CouponContext {
  channel: CouponChannel;
  /** the serving store; null for an order no store serves */
  storeId: string | null;
  /** the order's brand; when given, a coupon of another brand is refused */
  brandId?: string | null;
  subtotalCents: number;
  at: Date;
  /** how many times this member already redeemed this coupon (default 0) */
  memberRedeemedCount?: number;
  /** how many times anyone redeemed it (default 0) */
  totalRedeemed?: number;
}

/** Why a coupon cannot be used. */
export type CouponErrorCode =
  | "COUPON_EXPIRED"
  | "COUPON_NOT_YET_VALID"
  | "COUPON_MIN_SPEND"
  | "COUPON_WRONG_STORE"
  | "COUPON_WRONG_CHANNEL"
  | "COUPON_LIMIT_REACHED"
  | "COUPON_MEMBER_LIMIT"
  | "COUPON_WRONG_BRAND";

/** A refusal, with details for the reply ("spend ¥12.00 more", "valid until …"). */
export type CouponError = DomainError<CouponErrorCode> & {
  couponCode: string;
  validFrom?: Date;
  validTo?: Date;
  minSpendCents?: number;
  shortfallCents?: number;
  storeIds?: readonly string[];
  channels?: readonly CouponChannel[];
};

function instant(d: Date | string): Date {
  return d instanceof Date ? d : new Date(d);
}

/** The saving in cents on a subtotal: percent rounds the discount down (never below `value`% paid), amount is capped at the subtotal. */
export function couponDiscount(coupon: Pick<Coupon, "kind" | "value">, subtotalCents: number): number {
  assertCents(subtotalCents, "subtotalCents");
  if (subtotalCents <= 0) return 0;
  if (coupon.kind === "percent") {
    if (!Number.isInteger(coupon.value) || coupon.value < 0 || coupon.value > 100) throw new RangeError(`percent coupon value must be 0..100, got ${coupon.value}`);
    // pay ceil(value%), save the rest: integer arithmetic, exact for any realistic subtotal
    return Math.floor((subtotalCents * (100 - coupon.value)) / 100);
  }
  assertCents(coupon.value, "amount coupon value");
  if (coupon.value < 0) throw new RangeError(`amount coupon value must be ≥ 0, got ${coupon.value}`);
  return Math.min(coupon.value, subtotalCents);
}

/** Whether the coupon applies here and now and what it saves; failures in a fixed order, the most basic first (brand, channel, dates, store, limits, spend). */
export function checkCoupon(coupon: Coupon, ctx: CouponContext): Result<{ discountCents: number }, CouponError> {
  const couponCode = coupon.code;
  const at = ctx.at.getTime();
  const validFrom = instant(coupon.validFrom);
  const validTo = instant(coupon.validTo);
  if (ctx.brandId && ctx.brandId !== coupon.brandId)
    return fail("COUPON_WRONG_BRAND", `${couponCode} is a ${coupon.brandId} coupon`, { couponCode });
  if (!coupon.channels.includes(ctx.channel))
    return fail("COUPON_WRONG_CHANNEL", `${couponCode} is not valid ${ctx.channel}`, { couponCode, channels: coupon.channels });
  if (at < validFrom.getTime()) return fail("COUPON_NOT_YET_VALID", `${couponCode} starts ${validFrom.toISOString()}`, { couponCode, validFrom });
  if (at > validTo.getTime()) return fail("COUPON_EXPIRED", `${couponCode} ended ${validTo.toISOString()}`, { couponCode, validTo });
  if (coupon.storeIds.length > 0 && (ctx.storeId === null || !coupon.storeIds.includes(ctx.storeId)))
    return fail("COUPON_WRONG_STORE", `${couponCode} is not valid at ${ctx.storeId ?? "this order"}`, { couponCode, storeIds: coupon.storeIds });
  if (coupon.maxRedemptions != null && (ctx.totalRedeemed ?? 0) >= coupon.maxRedemptions)
    return fail("COUPON_LIMIT_REACHED", `${couponCode} is fully redeemed`, { couponCode });
  if (coupon.perMemberLimit != null && (ctx.memberRedeemedCount ?? 0) >= coupon.perMemberLimit)
    return fail("COUPON_MEMBER_LIMIT", `${couponCode} already used ${ctx.memberRedeemedCount} time(s)`, { couponCode });
  assertCents(ctx.subtotalCents, "subtotalCents");
  if (ctx.subtotalCents < coupon.minSpendCents)
    return fail("COUPON_MIN_SPEND", `${couponCode} needs ${coupon.minSpendCents} cents`, {
      couponCode, minSpendCents: coupon.minSpendCents, shortfallCents: coupon.minSpendCents - ctx.subtotalCents,
    });
  return ok({ discountCents: couponDiscount(coupon, ctx.subtotalCents) });
}

/** A coupon in the member's wallet, with its redemption counts. */
export type WalletCoupon<C extends Coupon = Coupon> = C & { memberRedeemedCount?: number; totalRedeemed?: number };

/** A usable coupon and its saving. */
export interface CouponPick<C extends Coupon = Coupon> {
  coupon: C;
  discountCents: number;
}

/** Every wallet coupon checked: the usable ones best first (largest saving, then expiring soonest, then code), and the refused ones with why. */
export function rankCoupons<C extends Coupon>(
  wallet: readonly WalletCoupon<C>[], ctx: Omit<CouponContext, "memberRedeemedCount" | "totalRedeemed">,
): { usable: CouponPick<C>[]; rejected: { coupon: C; error: CouponError }[] } {
  const usable: CouponPick<C>[] = [];
  const rejected: { coupon: C; error: CouponError }[] = [];
  for (const c of wallet) {
    const r = checkCoupon(c, { ...ctx, memberRedeemedCount: c.memberRedeemedCount, totalRedeemed: c.totalRedeemed });
    if (r.ok) usable.push({ coupon: c, discountCents: r.value.discountCents });
    else rejected.push({ coupon: c, error: r.error });
  }
  usable.sort(
    (a, b) =>
      b.discountCents - a.discountCents ||
      instant(a.coupon.validTo).getTime() - instant(b.coupon.validTo).getTime() ||
      (a.coupon.code < b.coupon.code ? -1 : a.coupon.code > b.coupon.code ? 1 : 0),
  );
  return { usable, rejected };
}

/** The wallet coupon that saves the most here (ties: the one expiring soonest), or null; a coupon saving nothing is never picked, so it is not spent for free. */
export function bestCoupon<C extends Coupon>(
  wallet: readonly WalletCoupon<C>[], ctx: Omit<CouponContext, "memberRedeemedCount" | "totalRedeemed">,
): CouponPick<C> | null {
  const [best] = rankCoupons(wallet, ctx).usable;
  return best && best.discountCents > 0 ? best : null;
}
