import { describe, expect, it } from "vitest";
import {
  allowedTransitions, CONFIRMED_STATUSES, isOrderStatus, isPayable, isQuote, isTerminal, ORDER_STATUSES, QUOTE, transition, type OrderFulfillment, type OrderStatus,
} from "../../../src/domain/orders/order-state.ts";

const FULFILLMENTS: OrderFulfillment[] = ["delivery", "pickup", "ship"];
const ANY = FULFILLMENTS;

// the whole lifecycle: every allowed move, for which fulfillments, and what the caller must do
const ALLOWED: { from: OrderStatus; to: OrderStatus; for: OrderFulfillment[]; actions: string[] }[] = [
  // a quote holds no stock and no coupon yet; cancelling it (the member, a newer quote, the expiry) only forgets the location
  { from: "quote", to: "cancelled", for: ANY, actions: ["drop_location"] },
  { from: "pending_payment", to: "paid", for: ANY, actions: [] },
  { from: "pending_payment", to: "authorized", for: ["delivery"], actions: [] },
  { from: "pending_payment", to: "cancelled", for: ANY, actions: ["release_stock", "release_coupon", "drop_location"] },
  // password-free pay: the held money is released on cancellation, taken on completion
  { from: "authorized", to: "accepted", for: ANY, actions: [] },
  { from: "authorized", to: "cancelled", for: ANY, actions: ["void_hold", "release_stock", "release_coupon", "drop_location"] },
  { from: "paid", to: "accepted", for: ANY, actions: [] },
  { from: "paid", to: "cancelled", for: ANY, actions: ["refund_payment", "release_stock", "release_coupon", "drop_location"] },
  { from: "accepted", to: "ready", for: ANY, actions: [] },
  { from: "accepted", to: "cancelled", for: ANY, actions: ["refund_payment", "void_hold", "release_stock", "release_coupon", "drop_location"] },
  { from: "ready", to: "out_for_delivery", for: ["delivery"], actions: [] },
  { from: "ready", to: "completed", for: ["pickup"], actions: ["capture_hold", "drop_location"] },
  { from: "ready", to: "shipped", for: ["ship"], actions: [] },
  { from: "out_for_delivery", to: "completed", for: ["delivery"], actions: ["capture_hold", "drop_location"] },
  { from: "shipped", to: "completed", for: ["ship"], actions: ["capture_hold", "drop_location"] },
];
const allowedRows = ALLOWED.flatMap((e) => e.for.map((fulfillment) => ({ ...e, fulfillment })));

describe("order state machine", () => {
  it.each(allowedRows)("$fulfillment: $from → $to, then $actions", ({ from, to, fulfillment, actions }) => {
    expect(transition({ status: from, fulfillment }, to)).toEqual({ ok: true, value: { status: to, from, actions } });
  });

  it.each([
    { from: "pending_payment", to: "accepted", fulfillment: "delivery", why: "skipping payment" },
    { from: "pending_payment", to: "completed", fulfillment: "pickup", why: "skipping everything" },
    { from: "paid", to: "paid", fulfillment: "delivery", why: "paying twice" },
    { from: "ready", to: "cancelled", fulfillment: "delivery", why: "cancelling once it is made" },
    { from: "ready", to: "completed", fulfillment: "delivery", why: "a delivery completing without going out" },
    { from: "ready", to: "shipped", fulfillment: "pickup", why: "shipping a pickup" },
    { from: "ready", to: "out_for_delivery", fulfillment: "ship", why: "a rider for a parcel" },
    { from: "completed", to: "cancelled", fulfillment: "delivery", why: "cancelling a completed order" },
    { from: "cancelled", to: "paid", fulfillment: "delivery", why: "paying a cancelled order" },
    { from: "shipped", to: "out_for_delivery", fulfillment: "ship", why: "going backwards" },
  ] as { from: OrderStatus; to: OrderStatus; fulfillment: OrderFulfillment; why: string }[])(
    "refuses $why ($fulfillment: $from → $to)",
    ({ from, to, fulfillment }) => {
      const r = transition({ status: from, fulfillment }, to);
      expect(r).toMatchObject({ ok: false, error: { code: "INVALID_TRANSITION", from, to } });
    },
  );

  it("allows exactly the moves in the table, nothing else", () => {
    let allowed = 0;
    for (const fulfillment of FULFILLMENTS)
      for (const from of ORDER_STATUSES)
        for (const to of ORDER_STATUSES) {
          const expected = allowedRows.some((r) => r.from === from && r.to === to && r.fulfillment === fulfillment);
          expect(transition({ status: from, fulfillment }, to).ok).toBe(expected);
          if (expected) allowed++;
        }
    expect(allowed).toBe(allowedRows.length);
  });

  it("confirms a quote only by the confirm use case, which reserves stock and coupon and opens the payment", () => {
    for (const fulfillment of FULFILLMENTS) {
      expect(transition({ status: QUOTE, fulfillment }, "pending_payment", "confirm")).toEqual({ ok: true, value: { status: "pending_payment", from: "quote", actions: [] } });
      expect(allowedTransitions({ status: QUOTE, fulfillment }, "confirm")).toEqual(["pending_payment"]);
      // a plain move (staff, console, CLI) cannot skip the confirmation
      expect(transition({ status: QUOTE, fulfillment }, "pending_payment")).toMatchObject({
        ok: false, error: { code: "INVALID_TRANSITION", message: "the order is not confirmed yet", from: "quote", to: "pending_payment", allowed: ["cancelled"] },
      });
    }
    // confirming is the quote's move only
    expect(transition({ status: "pending_payment", fulfillment: "delivery" }, "paid", "confirm")).toMatchObject({ ok: false, error: { code: "INVALID_TRANSITION" } });
    expect(transition({ status: QUOTE, fulfillment: "delivery" }, "cancelled", "confirm")).toMatchObject({ ok: false, error: { code: "INVALID_TRANSITION" } });
  });

  it("never moves an order back into a quote", () => {
    for (const from of ORDER_STATUSES) expect(transition({ status: from, fulfillment: "delivery" }, QUOTE).ok).toBe(false);
  });

  it("tells a quote and a payable order from the rest", () => {
    expect(ORDER_STATUSES).toEqual([QUOTE, ...CONFIRMED_STATUSES]);
    expect(CONFIRMED_STATUSES).not.toContain(QUOTE);
    expect(ORDER_STATUSES.filter((status) => isQuote({ status }))).toEqual(["quote"]);
    expect(ORDER_STATUSES.filter((status) => isPayable({ status }))).toEqual(["quote", "pending_payment"]);
  });

  it("refuses an unknown status read from storage", () => {
    const r = transition({ status: "lost" as OrderStatus, fulfillment: "delivery" }, "paid");
    expect(r).toMatchObject({ ok: false, error: { code: "INVALID_TRANSITION", allowed: [] } });
  });

  it.each([
    { status: "ready", fulfillment: "delivery", next: ["out_for_delivery"] },
    { status: "ready", fulfillment: "pickup", next: ["completed"] },
    { status: "ready", fulfillment: "ship", next: ["shipped"] },
    { status: "paid", fulfillment: "ship", next: ["accepted", "cancelled"] },
    { status: "completed", fulfillment: "pickup", next: [] },
    { status: "quote", fulfillment: "delivery", next: ["cancelled"] },
  ] as { status: OrderStatus; fulfillment: OrderFulfillment; next: OrderStatus[] }[])(
    "$fulfillment order in $status may go to $next",
    ({ status, fulfillment, next }) => {
      expect(allowedTransitions({ status, fulfillment })).toEqual(next);
    },
  );

  it.each(ORDER_STATUSES.map((s) => ({ status: s, terminal: s === "completed" || s === "cancelled" })))(
    "$status is terminal: $terminal",
    ({ status, terminal }) => {
      expect(isTerminal(status)).toBe(terminal);
    },
  );

  it("recognises status strings", () => {
    expect(isOrderStatus("out_for_delivery")).toBe(true);
    expect(isOrderStatus("delivered")).toBe(false);
  });
});
