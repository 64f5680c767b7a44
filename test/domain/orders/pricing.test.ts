import { describe, expect, it } from "vitest";
import { couponDiscount } from "../../../src/domain/coupons/coupon-rules.ts";
import { priceOrder } from "../../../src/domain/orders/pricing.ts";

describe("priceOrder", () => {
  it.each([
    { what: "one latte", lines: [{ unitPriceCents: 3200, quantity: 1 }], discount: 0, price: [3200, 0, 3200] },
    { what: "two lattes and a croissant, ¥5 off", lines: [{ unitPriceCents: 3200, quantity: 2 }, { unitPriceCents: 1800, quantity: 1 }], discount: 500, price: [8200, 500, 7700] },
    { what: "a discount larger than the order is capped", lines: [{ unitPriceCents: 300, quantity: 1 }], discount: 500, price: [300, 300, 0] },
    { what: "no lines", lines: [], discount: 0, price: [0, 0, 0] },
    { what: "a free sample", lines: [{ unitPriceCents: 0, quantity: 3 }], discount: 100, price: [0, 0, 0] },
    { what: "a sofa at 3折", lines: [{ unitPriceCents: 899900, quantity: 1 }], discount: couponDiscount({ kind: "percent", value: 30 }, 899900), price: [899900, 629930, 269970] },
  ])("$what → subtotal/discount/total $price", ({ lines, discount, price }) => {
    const p = priceOrder(lines, discount);
    expect([p.subtotalCents, p.discountCents, p.totalCents]).toEqual(price);
  });

  it("keeps its invariants: integers, total = subtotal − discount, 0 ≤ total ≤ subtotal", () => {
    for (let unit = 0; unit < 5000; unit += 373)
      for (let qty = 1; qty < 5; qty++)
        for (const discount of [0, 1, 999, 5000, 100000]) {
          const p = priceOrder([{ unitPriceCents: unit, quantity: qty }], discount);
          expect([p.subtotalCents, p.discountCents, p.totalCents].every(Number.isSafeInteger)).toBe(true);
          expect(p.totalCents).toBe(p.subtotalCents - p.discountCents);
          expect(p.totalCents >= 0 && p.totalCents <= p.subtotalCents).toBe(true);
        }
  });

  it.each([
    { what: "a fractional price", lines: [{ unitPriceCents: 32.5, quantity: 1 }], discount: 0 },
    { what: "a negative price", lines: [{ unitPriceCents: -1, quantity: 1 }], discount: 0 },
    { what: "a zero quantity", lines: [{ unitPriceCents: 100, quantity: 0 }], discount: 0 },
    { what: "a fractional quantity", lines: [{ unitPriceCents: 100, quantity: 1.5 }], discount: 0 },
    { what: "a negative discount", lines: [{ unitPriceCents: 100, quantity: 1 }], discount: -1 },
    { what: "a fractional discount", lines: [{ unitPriceCents: 100, quantity: 1 }], discount: 0.5 },
  ])("throws on $what", ({ lines, discount }) => {
    expect(() => priceOrder(lines, discount)).toThrow(RangeError);
  });
});
