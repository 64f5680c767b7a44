// The order lifecycle as one transition table: the only moves an order can make, and what each move obliges
// the caller to do (refund, release stock or coupon, drop the shared location). Pure: the app layer applies
// the actions inside the same transaction that writes the new status.
import type { DomainError, Result } from "../errors.ts";
import { fail, ok } from "../errors.ts";

/**
 * The status of a priced order the member has not confirmed yet (the `quote` reply in docs/chat-protocol.md): it
 * holds no stock and no coupon, the merchant does not see it, and the member is not told when it is cancelled.
 */
export const QUOTE = "quote";

/** The statuses of a confirmed order (the `order` reply in docs/chat-protocol.md; the merchant's board and moves). */
export const CONFIRMED_STATUSES = ["pending_payment", "authorized", "paid", "accepted", "ready", "out_for_delivery", "shipped", "completed", "cancelled"] as const;

/** Every order status: the quote, then the confirmed ones. */
export const ORDER_STATUSES = [QUOTE, ...CONFIRMED_STATUSES] as const;

/** One order status. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One status of a confirmed order. */
export type ConfirmedStatus = (typeof CONFIRMED_STATUSES)[number];

/** How an order reaches the customer; decides the step after `ready`. */
export type OrderFulfillment = "delivery" | "pickup" | "ship";

/** What the caller must do alongside a transition. */
export type OrderAction =
  /** money was taken: give it back */
  | "refund_payment"
  /** put reserved stock back on the shelf */
  | "release_stock"
  /** the coupon used on the order becomes usable again */
  | "release_coupon"
  /** consent: the location shared for this order is no longer needed (it is kept only while the order is open) */
  | "drop_location"
  /** password-free pay held the money (authorized): release the hold, nothing was taken */
  | "void_hold"
  /** a held payment is taken now: the order is done (the courier arrived) */
  | "capture_hold";

/** How a move is made: `move` is any use case moving an order (staff, the member cancelling, expiry, the courier); `confirm` is the member confirming a quote. */
export type TransitionVia = "move" | "confirm";

interface Edge {
  to: OrderStatus;
  /** only for this fulfillment; absent = any */
  only?: OrderFulfillment;
  /** only by this way; absent = a plain move */
  via?: TransitionVia;
}

/** The transition table: from → allowed next statuses. */
const TRANSITIONS: Record<OrderStatus, readonly Edge[]> = {
  // confirming reserves the stock and the coupon and opens the payment (the confirm use case does all of it), so no
  // plain move may take this edge; a quote not confirmed in time is cancelled by the expiry
  quote: [{ to: "pending_payment", via: "confirm" }, { to: "cancelled" }],
  pending_payment: [{ to: "paid" }, { to: "authorized", only: "delivery" }, { to: "cancelled" }],
  // password-free pay on a delivery order: the money is held at confirmation and taken when the courier arrives
  authorized: [{ to: "accepted" }, { to: "cancelled" }],
  paid: [{ to: "accepted" }, { to: "cancelled" }],
  accepted: [{ to: "ready" }, { to: "cancelled" }],
  ready: [
    { to: "out_for_delivery", only: "delivery" },
    { to: "completed", only: "pickup" },
    { to: "shipped", only: "ship" },
  ],
  out_for_delivery: [{ to: "completed", only: "delivery" }],
  shipped: [{ to: "completed", only: "ship" }],
  completed: [],
  cancelled: [],
};

/** Statuses in which the customer has paid and the order is still alive. */
const PAID_AND_OPEN: ReadonlySet<OrderStatus> = new Set(["paid", "accepted"]);

/** A refused move, naming where the order is and where it could go. */
export type TransitionError = DomainError<"INVALID_TRANSITION"> & { from: string; to: string; allowed: OrderStatus[] };

/** True for a known status string (e.g. read back from the database). */
export function isOrderStatus(s: unknown): s is OrderStatus {
  return typeof s === "string" && (ORDER_STATUSES as readonly string[]).includes(s);
}

/** True when no further transition exists (completed, cancelled). */
export function isTerminal(status: OrderStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** True for an order the member has not confirmed yet. */
export function isQuote(order: { status: string }): boolean {
  return order.status === QUOTE;
}

/** The statuses in which an order can still be paid: a quote (paying confirms it) and an order waiting for its payment. */
export const PAYABLE_STATUSES: OrderStatus[] = [QUOTE, "pending_payment"];

/** True for an order that can still be paid. */
export function isPayable(order: { status: string }): boolean {
  return (PAYABLE_STATUSES as string[]).includes(order.status);
}

/** The statuses an order may move to next, by the given way (for buttons and validation). */
export function allowedTransitions(order: { status: OrderStatus; fulfillment: OrderFulfillment }, via: TransitionVia = "move"): OrderStatus[] {
  return (TRANSITIONS[order.status] ?? []).filter((e) => (!e.only || e.only === order.fulfillment) && (e.via ?? "move") === via).map((e) => e.to);
}

/** Moves an order to `to` if the table allows it, with the actions the move requires; otherwise INVALID_TRANSITION. */
export function transition(
  order: { status: OrderStatus; fulfillment: OrderFulfillment },
  to: OrderStatus,
  via: TransitionVia = "move",
): Result<{ status: OrderStatus; from: OrderStatus; actions: OrderAction[] }, TransitionError> {
  const from = order.status;
  const allowed = isOrderStatus(from) ? allowedTransitions(order, via) : [];
  if (!allowed.includes(to)) {
    const why = isQuote(order) && via === "move" ? "the order is not confirmed yet" : `${order.fulfillment} order cannot go from ${from} to ${to}`;
    return fail("INVALID_TRANSITION", why, { from, to, allowed });
  }
  const actions: OrderAction[] = [];
  if (to === "cancelled") {
    if (PAID_AND_OPEN.has(from)) actions.push("refund_payment");
    // a hold may still be open on an authorized order, or on one the store accepted before the courier arrived
    if (from === "authorized" || from === "accepted") actions.push("void_hold");
    // a quote holds no stock and no coupon yet: confirming reserves them
    if (!isQuote(order)) actions.push("release_stock", "release_coupon");
  }
  if (to === "completed") actions.push("capture_hold");
  if (isTerminal(to)) actions.push("drop_location");
  return ok({ status: to, from, actions });
}
