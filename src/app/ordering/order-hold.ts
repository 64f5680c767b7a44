// Holding a delivery order's payment (order status authorized): the provider holds the total and the order goes to
// the store at once; the hold is captured when the courier arrives (order-lifecycle.ts, capture_hold) and voided if
// the order is cancelled or expires (void_hold). Two ways in, one path (holdOrderIn): the member confirming a quote
// with password-free pay (免密支付, authorizeOrder: only within their per-payment limit and daily cap, otherwise the
// caller falls back to the ordinary confirmation and link), and the provider's own payment.authorized event
// (apply-hold-event.ts: the provider decided, so no one-tap limits). Telegram invoices cannot hold, so they keep
// paying up front.
import type { Db, Tx } from "../../db/database.ts";
import { isPayable, isQuote } from "../../domain/orders/order-state.ts";
import { Rollback, failWith, okValue, type AppError, type AppResult } from "../app-result.ts";
import { runTx } from "../run-tx.ts";
import { oneTapAllows } from "../till/one-tap-pay.ts";
import { lockQuote, type OrderWithItems } from "./order-lifecycle.ts";
import { ordersTotal } from "../../ops/metrics.ts";

/** How long the store has to accept a held order before the hold is voided and the order expires. */
export const HOLD_TTL_MS = 2 * 3600_000;

export interface HeldOrder {
  orderId: string;
  storeId: string;
  totalCents: number;
  currency: string;
  couponCode: string | null;
  couponDropped: boolean;
}

/**
 * quote or pending_payment -> authorized inside the caller's transaction: a quote is locked first (stock and coupon
 * reserved, payment opened), then `allow` may still refuse for the locked total, then the open payment becomes the
 * hold. Refusals throw Rollback. The store's staff card follows from the status (staff-notifier.ts picks up
 * authorized orders). The caller records the provider event.
 */
export async function holdOrderIn(
  tx: Tx,
  order: OrderWithItems,
  at: Date,
  opts: { actor: string; providerRef?: string; allow?: (locked: OrderWithItems) => Promise<AppError | null> },
): Promise<{ order: OrderWithItems; couponDropped: boolean; paymentId: string; amountCents: number; currency: string }> {
  if (order.fulfillment !== "delivery") throw new Rollback({ code: "ORDER_NOT_PAYABLE", message: "only delivery orders are paid on arrival" });
  if (!isPayable(order)) throw new Rollback({ code: "ORDER_NOT_PAYABLE", message: order.status === "cancelled" ? "the order was cancelled" : `the order is already ${order.status}` });
  let locked = order;
  let couponDropped = false;
  if (isQuote(order)) ({ order: locked, couponDropped } = await lockQuote(tx, order, at));
  const refused = opts.allow ? await opts.allow(locked) : null;
  if (refused) throw new Rollback(refused);
  const { count } = await tx.order.updateMany({ where: { id: order.id, status: "pending_payment" }, data: { status: "authorized", expiresAt: new Date(at.getTime() + HOLD_TTL_MS) } });
  if (count !== 1) throw new Rollback({ code: "ORDER_NOT_PAYABLE", message: "the order changed meanwhile" });
  const payment = await tx.payment.findFirstOrThrow({ where: { orderId: order.id, status: "pending" }, orderBy: { createdAt: "desc" } });
  await tx.payment.update({ where: { id: payment.id }, data: { status: "authorized", providerRef: opts.providerRef ?? `hold_${payment.id}` } });
  await tx.orderStatusChange.create({ data: { orderId: order.id, from: "pending_payment", to: "authorized", actor: opts.actor, at } });
  return { order: locked, couponDropped, paymentId: payment.id, amountCents: payment.amountCents, currency: payment.currency };
}

/** Use case: the member confirms a delivery quote with password-free pay on. */
export async function authorizeOrder(db: Db, input: { memberId: string; orderId: string; at: Date }): Promise<AppResult<HeldOrder>> {
  const r = await runTx(db, async (tx): Promise<AppResult<HeldOrder>> => {
    const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: true } });
    if (!order || order.memberId !== input.memberId) return failWith("NOT_FOUND", "no such order");
    if (!isQuote(order)) return failWith("ORDER_NOT_PAYABLE", `order is ${order.status}`, { status: order.status });
    if (order.fulfillment !== "delivery") return failWith("NOT_ALLOWED", "only delivery orders are paid on arrival");
    const held = await holdOrderIn(tx, order, input.at, {
      actor: "payment:sandbox",
      // above the limit or the cap (or not opted in): the lock is undone, the caller sends the ordinary link
      allow: async (locked) => {
        const allowed = await oneTapAllows(tx, input.memberId, locked.totalCents, input.at);
        return allowed.ok ? null : allowed.error;
      },
    });
    await tx.paymentEvent.create({ data: { id: `sandbox_hold_${held.paymentId}`, provider: "sandbox", type: "payment.authorized", orderId: order.id, amountCents: held.amountCents, currency: held.currency, result: "accepted" } });
    const locked = held.order;
    return okValue({ orderId: order.id, storeId: order.storeId, totalCents: locked.totalCents, currency: locked.currency, couponCode: locked.couponCode, couponDropped: held.couponDropped });
  });
  if (r.ok) ordersTotal.inc({ status: "authorized" });
  return r;
}
