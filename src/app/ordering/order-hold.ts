// Use case: confirm a delivery quote with password-free pay (免密支付): instead of a payment link, the sandbox
// provider holds the total (authorized) and the order goes to the store at once; the hold is captured when the
// courier arrives (order-lifecycle.ts, capture_hold) and voided if the order is cancelled or expires (void_hold).
// Only when the member opted in and the total is within their per-payment limit and daily cap; otherwise the
// caller falls back to the ordinary confirmation and link. Telegram invoices cannot hold, so they keep paying up front.
import type { Db } from "../../db/database.ts";
import { Rollback, failWith, okValue, type AppResult } from "../app-result.ts";
import { runTx } from "../run-tx.ts";
import { oneTapAllows } from "../till/one-tap-pay.ts";
import { lockQuote } from "./order-lifecycle.ts";
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

export async function authorizeOrder(db: Db, input: { memberId: string; orderId: string; at: Date }): Promise<AppResult<HeldOrder>> {
  const r = await runTx(db, async (tx): Promise<AppResult<HeldOrder>> => {
    const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: true } });
    if (!order || order.memberId !== input.memberId) return failWith("NOT_FOUND", "no such order");
    if (order.status !== "quote") return failWith("ORDER_NOT_PAYABLE", `order is ${order.status}`, { status: order.status });
    if (order.fulfillment !== "delivery") return failWith("NOT_ALLOWED", "only delivery orders are paid on arrival");
    const { order: locked, couponDropped } = await lockQuote(tx, order, input.at);
    const allowed = await oneTapAllows(tx, input.memberId, locked.totalCents, input.at);
    // above the limit or the cap (or not opted in): undo the lock, the caller sends the ordinary link
    if (!allowed.ok) throw new Rollback(allowed.error);
    const { count } = await tx.order.updateMany({ where: { id: order.id, status: "pending_payment" }, data: { status: "authorized", expiresAt: new Date(input.at.getTime() + HOLD_TTL_MS) } });
    if (count !== 1) throw new Rollback({ code: "ORDER_NOT_PAYABLE", message: "the order changed meanwhile" });
    const payment = await tx.payment.findFirstOrThrow({ where: { orderId: order.id, status: "pending" }, orderBy: { createdAt: "desc" } });
    await tx.payment.update({ where: { id: payment.id }, data: { status: "authorized", providerRef: `hold_${payment.id}` } });
    await tx.orderStatusChange.create({ data: { orderId: order.id, from: "pending_payment", to: "authorized", actor: "payment:sandbox", at: input.at } });
    await tx.paymentEvent.create({ data: { id: `sandbox_hold_${payment.id}`, provider: "sandbox", type: "payment.authorized", orderId: order.id, amountCents: payment.amountCents, currency: payment.currency, result: "accepted" } });
    return okValue({ orderId: order.id, storeId: order.storeId, totalCents: locked.totalCents, currency: locked.currency, couponCode: locked.couponCode, couponDropped });
  });
  if (r.ok) ordersTotal.inc({ status: "authorized" });
  return r;
}
