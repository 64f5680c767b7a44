// The order lifecycle as one transition table: the only moves an order can make, and what each move obliges
// the caller to do (refund, release stock or coupon, drop the shared location). Pure: the app layer applies
// the actions inside the same transaction that writes the new status.
import type { DomainError, Result } from "../errors.ts";
import { fail, ok } from "../errors.ts";

/** Every order status (the `order` reply in docs/chat-protocol.md). */
export const ORDER_STATUSES = ["pending_payment", "authorized", "paid", "accepted", "ready", "out_for_delivery", "shipped", "completed", "cancelled"] as const;

/** One order status. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

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

interface Edge {
  to: OrderStatus;
  /** only for this fulfillment; absent = any */
  only?: OrderFulfillment;
}

/** The transition table: from → allowed next statuses. */
const TRANSITIONS: Record<OrderStatus, readonly Edge[]> = {
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

/** The statuses this order may move to next (for buttons and validation). */
export function allowedTransitions(order: { status: OrderStatus; fulfillment: OrderFulfillment }): OrderStatus[] {
  return (TRANSITIONS[order.status] ?? []).filter((e) => !e.only || e.only === order.fulfillment).map((e) => e.to);
}

/** Moves an order to `to` if the table allows it, with the actions the move requires; otherwise INVALID_TRANSITION. */
export function transition(
  order: { status: OrderStatus; fulfillment: OrderFulfillment },
  to: OrderStatus,
): Result<{ status: OrderStatus; from: OrderStatus; actions: OrderAction[] }, TransitionError> {
  const from = order.status;
  const allowed = isOrderStatus(from) ? allowedTransitions(order) : [];
  if (!allowed.includes(to)) return fail("INVALID_TRANSITION", `${order.fulfillment} order cannot go from ${from} to ${to}`, { from, to, allowed });
  const actions: OrderAction[] = [];
  if (to === "cancelled") {
    if (PAID_AND_OPEN.has(from)) actions.push("refund_payment");
    // a hold may still be open on an authorized order, or on one the store accepted before the courier arrived
    if (from === "authorized" || from === "accepted") actions.push("void_hold");
    actions.push("release_stock", "release_coupon");
  }
  if (to === "completed") actions.push("capture_hold");
  if (isTerminal(to)) actions.push("drop_location");
  return ok({ status: to, from, actions });
}
