// Order totals in integer cents. The discount comes from coupon-rules; here it is only capped, so whatever
// the inputs the total is an integer in [0, subtotal].
import { assertCents } from "../money.ts";

/** One priced line of an order. */
export interface PriceLine {
  unitPriceCents: number;
  quantity: number;
}

/** An order's money, all integer cents: total = subtotal − discount, never negative. */
export interface OrderPrice {
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
}

/** Prices the lines and applies the discount, capped at the subtotal; throws RangeError on non-integer or negative inputs (bugs upstream, not user errors). */
export function priceOrder(lines: readonly PriceLine[], discountCents = 0): OrderPrice {
  let subtotal = 0;
  for (const [i, l] of lines.entries()) {
    assertCents(l.unitPriceCents, `lines[${i}].unitPriceCents`);
    if (l.unitPriceCents < 0) throw new RangeError(`lines[${i}].unitPriceCents must be ≥ 0, got ${l.unitPriceCents}`);
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new RangeError(`lines[${i}].quantity must be a positive integer, got ${l.quantity}`);
    subtotal += l.unitPriceCents * l.quantity;
  }
  assertCents(subtotal, "subtotal");
  assertCents(discountCents, "discountCents");
  if (discountCents < 0) throw new RangeError(`discountCents must be ≥ 0, got ${discountCents}`);
  const discount = Math.min(discountCents, subtotal);
  return { subtotalCents: subtotal, discountCents: discount, totalCents: subtotal - discount };
}
