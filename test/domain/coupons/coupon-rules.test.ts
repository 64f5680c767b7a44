import { describe, expect, it } from "vitest";
import {
  bestCoupon, checkCoupon, couponDiscount, rankCoupons, type Coupon, type CouponContext, type WalletCoupon,
} from "../../../src/domain/coupons/coupon-rules.ts";

// the demo catalog's coupons
const GXG30: Coupon = {
  code: "GXG30", brandId: "gxg", kind: "percent", value: 30, minSpendCents: 0, channels: ["online", "offline"],
  validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00", maxRedemptions: 1000, perMemberLimit: 1, storeIds: ["gxg-tianhe"],
};
const COFFEE5: Coupon = {
  code: "COFFEE5", brandId: "starbucks", kind: "amount", value: 500, minSpendCents: 3000, channels: ["online", "offline"],
  validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00", maxRedemptions: 10000, perMemberLimit: 3, storeIds: [],
};
const LATTE8: Coupon = {
  code: "LATTE8", brandId: "starbucks", kind: "percent", value: 80, minSpendCents: 0, channels: ["online"],
  validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00", maxRedemptions: 5000, perMemberLimit: 1, storeIds: [],
};

describe("couponDiscount", () => {
  it.each([
    { what: "3折 on ¥399: pay ¥119.70", coupon: GXG30, subtotal: 39900, discount: 27930 },
    { what: "3折 on ¥9.99: pay ¥3.00, not ¥2.997", coupon: GXG30, subtotal: 999, discount: 699 },
    { what: "8折 on ¥32", coupon: LATTE8, subtotal: 3200, discount: 640 },
    { what: "85% paid on ¥33.33: pay ¥28.34 (rounded up)", coupon: { kind: "percent" as const, value: 85 }, subtotal: 3333, discount: 499 },
    { what: "percent 100: nothing off", coupon: { kind: "percent" as const, value: 100 }, subtotal: 3200, discount: 0 },
    { what: "percent 0: free", coupon: { kind: "percent" as const, value: 0 }, subtotal: 3200, discount: 3200 },
    { what: "¥5 off ¥32", coupon: COFFEE5, subtotal: 3200, discount: 500 },
    { what: "¥5 off ¥3: capped at the subtotal", coupon: COFFEE5, subtotal: 300, discount: 300 },
    { what: "nothing to discount", coupon: COFFEE5, subtotal: 0, discount: 0 },
  ])("$what → $discount cents off", ({ coupon, subtotal, discount }) => {
    expect(couponDiscount(coupon, subtotal)).toBe(discount);
  });

  it("never lets the customer pay less than value% (nor a whole cent more)", () => {
    for (let value = 0; value <= 100; value += 5)
      for (let subtotal = 0; subtotal <= 2000; subtotal += 7) {
        const discount = couponDiscount({ kind: "percent", value }, subtotal);
        const paid = subtotal - discount;
        expect(Number.isInteger(discount) && discount >= 0).toBe(true);
        expect(paid * 100).toBeGreaterThanOrEqual(subtotal * value);
        expect(paid * 100).toBeLessThan(subtotal * value + 100);
      }
  });

  it.each([
    { what: "a percent above 100", coupon: { kind: "percent" as const, value: 120 }, subtotal: 100 },
    { what: "a fractional percent", coupon: { kind: "percent" as const, value: 7.5 }, subtotal: 100 },
    { what: "a negative amount", coupon: { kind: "amount" as const, value: -1 }, subtotal: 100 },
    { what: "a fractional subtotal", coupon: COFFEE5, subtotal: 10.5 },
  ])("throws on $what (a bug upstream, not a user error)", ({ coupon, subtotal }) => {
    expect(() => couponDiscount(coupon, subtotal)).toThrow(RangeError);
  });
});

describe("checkCoupon", () => {
  const base: CouponContext = { channel: "offline", storeId: "gxg-tianhe", brandId: "gxg", subtotalCents: 39900, at: new Date("2026-06-01T12:00:00+08:00") };
  it.each([
    { what: "GXG30 at the till of 天河店", coupon: GXG30, ctx: {}, expected: { discountCents: 27930 } },
    { what: "GXG30 claimed online, used online", coupon: GXG30, ctx: { channel: "online" as const }, expected: { discountCents: 27930 } },
    { what: "the first valid instant", coupon: GXG30, ctx: { at: new Date("2026-01-01T00:00:00+08:00") }, expected: { discountCents: 27930 } },
    { what: "one second before", coupon: GXG30, ctx: { at: new Date("2025-12-31T23:59:59+08:00") }, expected: "COUPON_NOT_YET_VALID" },
    { what: "the last valid instant (validTo inclusive)", coupon: GXG30, ctx: { at: new Date("2027-12-31T23:59:59+08:00") }, expected: { discountCents: 27930 } },
    { what: "one second after", coupon: GXG30, ctx: { at: new Date("2028-01-01T00:00:00+08:00") }, expected: "COUPON_EXPIRED" },
    { what: "another GXG store", coupon: GXG30, ctx: { storeId: "gxg-wushan" }, expected: "COUPON_WRONG_STORE" },
    { what: "an order no store serves", coupon: GXG30, ctx: { storeId: null }, expected: "COUPON_WRONG_STORE" },
    { what: "a Starbucks order", coupon: GXG30, ctx: { brandId: "starbucks" }, expected: "COUPON_WRONG_BRAND" },
    { what: "no brand given: not checked", coupon: GXG30, ctx: { brandId: undefined }, expected: { discountCents: 27930 } },
    { what: "online-only LATTE8 at the till", coupon: LATTE8, ctx: { brandId: "starbucks", subtotalCents: 3200 }, expected: "COUPON_WRONG_CHANNEL" },
    { what: "the 1000th redemption is the last", coupon: GXG30, ctx: { totalRedeemed: 999 }, expected: { discountCents: 27930 } },
    { what: "all 1000 redeemed", coupon: GXG30, ctx: { totalRedeemed: 1000 }, expected: "COUPON_LIMIT_REACHED" },
    { what: "no global limit", coupon: { ...GXG30, maxRedemptions: null }, ctx: { totalRedeemed: 1e9 }, expected: { discountCents: 27930 } },
    { what: "already used once (limit 1)", coupon: GXG30, ctx: { memberRedeemedCount: 1 }, expected: "COUPON_MEMBER_LIMIT" },
    { what: "COFFEE5 used twice of three", coupon: COFFEE5, ctx: { brandId: "starbucks", subtotalCents: 3200, memberRedeemedCount: 2 }, expected: { discountCents: 500 } },
    { what: "COFFEE5 at ¥29.99", coupon: COFFEE5, ctx: { brandId: "starbucks", subtotalCents: 2999 }, expected: "COUPON_MIN_SPEND" },
    { what: "COFFEE5 at exactly ¥30", coupon: COFFEE5, ctx: { brandId: "starbucks", subtotalCents: 3000 }, expected: { discountCents: 500 } },
    { what: "dates as Date objects (from the database)", coupon: { ...GXG30, validFrom: new Date("2026-01-01T00:00:00+08:00"), validTo: new Date("2026-03-01T00:00:00+08:00") }, ctx: {}, expected: "COUPON_EXPIRED" },
    // precedence: the most basic failure wins
    { what: "wrong brand and expired: brand first", coupon: GXG30, ctx: { brandId: "starbucks", at: new Date("2030-01-01") }, expected: "COUPON_WRONG_BRAND" },
    { what: "expired at the wrong store: expiry first", coupon: GXG30, ctx: { storeId: "gxg-wushan", at: new Date("2030-01-01") }, expected: "COUPON_EXPIRED" },
    { what: "used up and under minimum spend: limit first", coupon: COFFEE5, ctx: { brandId: "starbucks", subtotalCents: 100, memberRedeemedCount: 3 }, expected: "COUPON_MEMBER_LIMIT" },
  ])("$what → $expected", ({ coupon, ctx, expected }) => {
    const r = checkCoupon(coupon, { ...base, ...ctx });
    if (typeof expected === "string") expect(r).toMatchObject({ ok: false, error: { code: expected, couponCode: coupon.code } });
    else expect(r).toEqual({ ok: true, value: expected });
  });

  it("details for the reply: how much more to spend, when it ended", () => {
    const spend = checkCoupon(COFFEE5, { ...base, brandId: "starbucks", subtotalCents: 2500 });
    expect(!spend.ok && spend.error).toMatchObject({ minSpendCents: 3000, shortfallCents: 500 });
    const ended = checkCoupon(GXG30, { ...base, at: new Date("2030-01-01") });
    expect(!ended.ok && ended.error.validTo?.toISOString()).toBe("2027-12-31T15:59:59.000Z");
  });
});

describe("bestCoupon", () => {
  const ctx = { channel: "online" as const, storeId: "sb-zhengjia", brandId: "starbucks", at: new Date("2026-06-01T12:00:00+08:00") };
  const early = (c: Coupon, code: string): Coupon => ({ ...c, code, validTo: "2026-07-01T00:00:00+08:00" });
  it.each([
    { what: "¥32 online: 8折 (¥6.40) beats ¥5 off", wallet: [COFFEE5, LATTE8], subtotal: 3200, channel: "online", best: "LATTE8", saving: 640 },
    { what: "¥32 at the till: 8折 is online only", wallet: [COFFEE5, LATTE8], subtotal: 3200, channel: "offline", best: "COFFEE5", saving: 500 },
    { what: "¥20: under COFFEE5's minimum", wallet: [COFFEE5, LATTE8], subtotal: 2000, channel: "online", best: "LATTE8", saving: 400 },
    { what: "8折 already used", wallet: [COFFEE5, { ...LATTE8, memberRedeemedCount: 1 }], subtotal: 3200, channel: "online", best: "COFFEE5", saving: 500 },
    { what: "equal savings: the one expiring soonest", wallet: [COFFEE5, early(COFFEE5, "SOON5")], subtotal: 3200, channel: "online", best: "SOON5", saving: 500 },
    { what: "equal savings and expiry: by code", wallet: [{ ...COFFEE5, code: "B5" }, { ...COFFEE5, code: "A5" }], subtotal: 3200, channel: "online", best: "A5", saving: 500 },
    { what: "only another brand's coupon", wallet: [GXG30], subtotal: 3200, channel: "online", best: null, saving: 0 },
    { what: "only a coupon that saves nothing: keep it", wallet: [{ ...LATTE8, value: 100 }], subtotal: 3200, channel: "online", best: null, saving: 0 },
    { what: "an empty wallet", wallet: [], subtotal: 3200, channel: "online", best: null, saving: 0 },
  ] as { what: string; wallet: WalletCoupon[]; subtotal: number; channel: "online" | "offline"; best: string | null; saving: number }[])(
    "$what → $best",
    ({ wallet, subtotal, channel, best, saving }) => {
      const pick = bestCoupon(wallet, { ...ctx, channel, subtotalCents: subtotal });
      expect(pick && [pick.coupon.code, pick.discountCents]).toEqual(best && [best, saving]);
    },
  );

  it("rankCoupons lists usable coupons best first and refused ones with why", () => {
    const r = rankCoupons([COFFEE5, LATTE8, GXG30], { ...ctx, channel: "online", subtotalCents: 3200 });
    expect(r.usable.map((u) => [u.coupon.code, u.discountCents])).toEqual([["LATTE8", 640], ["COFFEE5", 500]]);
    expect(r.rejected.map((x) => [x.coupon.code, x.error.code])).toEqual([["GXG30", "COUPON_WRONG_BRAND"]]);
  });
});
