// Use case: a payment provider says an order was paid. The same code path serves the sandbox webhook, the hosted
// payment page's Pay button and the scripted chat's {"pay": …}. Exactly once: the event id is a primary key
// (a replay returns the first outcome), and the order moves pending_payment -> paid with a conditional UPDATE,
// so a second event for the same order is refused instead of charging twice.
import type { Db, Tx } from "../../db/database.ts";
import { writeTx } from "../../db/write-transaction.ts";
import { isPayable, isQuote } from "../../domain/orders/order-state.ts";
import { inBothLanguages } from "../../messages/order-texts.ts";
import { outcomeOfWinner } from "./payment-ledger.ts";
import { Rollback } from "../app-result.ts";
import { markRedeemed } from "../coupons/coupon-ledger.ts";
import { tagPaidOrder } from "../crm/behaviour-tags.ts";
import { enqueue } from "../../outbox/enqueue.ts";
import { lockQuote, moveOrder, type OrderWithItems } from "./order-lifecycle.ts";
import { ordersTotal, paymentsTotal } from "../../ops/metrics.ts";

export interface PaymentEventInput {
  id: string;
  provider: "sandbox" | "telegram";
  type: "payment.succeeded";
  orderId: string;
  amountCents: number;
  currency: string;
}

export type PaymentOutcome =
  | { result: "accepted"; orderId: string; duplicate: boolean }
  | { result: "rejected"; code: "ORDER_NOT_FOUND" | "ORDER_NOT_PAYABLE" | "ORDER_EXPIRED" | "PAYMENT_MISMATCH" | "OUT_OF_STOCK" | "ALREADY_PAID"; message: string; orderId: string; duplicate: boolean };

function decode(stored: string, orderId: string): PaymentOutcome {
  if (stored === "accepted") return { result: "accepted", orderId, duplicate: true };
  const [, code, ...msg] = stored.split(":");
  return { result: "rejected", code: code as never, message: msg.join(":"), orderId, duplicate: true };
}

async function record(tx: Tx, ev: PaymentEventInput, result: string): Promise<void> {
  await tx.paymentEvent.create({ data: { id: ev.id, provider: ev.provider, type: ev.type, orderId: ev.orderId, amountCents: ev.amountCents, currency: ev.currency, result } });
}

/** notifyMember: also tell the member through the outbox (payments from outside the chat: webhook, hosted page). */
export async function applyPaymentEvent(db: Db, ev: PaymentEventInput, at: Date, opts: { notifyMember?: boolean } = {}): Promise<PaymentOutcome> {
  const outcome = await apply(db, ev, at, opts);
  paymentsTotal.inc({ result: outcome.duplicate ? "duplicate" : outcome.result });
  if (outcome.result === "accepted" && !outcome.duplicate) ordersTotal.inc({ status: "paid" });
  return outcome;
}

async function apply(db: Db, ev: PaymentEventInput, at: Date, opts: { notifyMember?: boolean }): Promise<PaymentOutcome> {
  const seen = await db.prisma.paymentEvent.findUnique({ where: { id: ev.id } });
  if (seen) return decode(seen.result, ev.orderId);
  let expired = false;
  const reject = async (code: Extract<PaymentOutcome, { result: "rejected" }>["code"], message: string): Promise<PaymentOutcome> => {
    await writeTx(db, (tx) => record(tx, ev, `rejected:${code}:${message}`));
    return { result: "rejected", code, message, orderId: ev.orderId, duplicate: false };
  };
  try {
    const outcome = await writeTx(db, async (tx): Promise<PaymentOutcome | null> => {
      const found = await tx.order.findUnique({ where: { id: ev.orderId }, include: { items: true } });
      if (!found) return null;
      let order: OrderWithItems = found;
      if (!isPayable(order)) {
        throw new Rollback({ code: "ORDER_NOT_PAYABLE", message: order.status === "cancelled" ? "the order was cancelled" : `the order is already ${order.status}`, status: order.status });
      }
      if (order.expiresAt && order.expiresAt < at) {
        expired = true;
        throw new Rollback({ code: "ORDER_EXPIRED", message: "the payment window has closed" });
      }
      if (order.totalCents !== ev.amountCents || order.currency !== ev.currency) {
        throw new Rollback({ code: "PAYMENT_MISMATCH", message: `expected ${order.totalCents} ${order.currency}, got ${ev.amountCents} ${ev.currency}` });
      }
      if (isQuote(order)) {
        const locked = await lockQuote(tx, order, at);
        if (locked.couponDropped) throw new Rollback({ code: "PAYMENT_MISMATCH", message: "the quoted coupon is no longer available; the total changed" });
        order = locked.order;
      }
      const { count } = await tx.order.updateMany({ where: { id: order.id, status: "pending_payment" }, data: { status: "paid", paidAt: at } });
      if (count !== 1) throw new Rollback({ code: "ALREADY_PAID", message: "the order was paid by another event" });
      await tx.payment.updateMany({ where: { orderId: order.id, status: "pending" }, data: { status: "paid", paidAt: at, providerRef: ev.id } });
      await tx.orderStatusChange.create({ data: { orderId: order.id, from: "pending_payment", to: "paid", actor: `payment:${ev.provider}`, at } });
      if (order.memberCouponId && order.couponCode && order.memberId) {
        await markRedeemed(tx, "reserved", {
          memberCouponId: order.memberCouponId, couponCode: order.couponCode, memberId: order.memberId, storeId: order.creditedStoreId,
          channel: "online", orderId: order.id, amountCents: order.totalCents, discountCents: order.discountCents, campaignId: order.campaignId, at,
        });
      }
      await tagPaidOrder(tx, order);
      if (opts.notifyMember && order.memberId) {
        await enqueue(tx, { memberId: order.memberId, source: "order", orderId: order.id, dedupeKey: `order:${order.id}:paid`, text: inBothLanguages((t) => t.paid(order.id)), payload: { orderId: order.id, status: "paid", storeId: order.storeId } });
      }
      await record(tx, ev, "accepted");
      return { result: "accepted", orderId: order.id, duplicate: false };
    });
    if (outcome === null) return reject("ORDER_NOT_FOUND", "no such order");
    return outcome;
  } catch (e) {
    if (e instanceof Rollback) {
      if (expired) await moveOrder(db, { orderId: ev.orderId, to: "cancelled", actor: "system:expiry", at });
      const known = ["ORDER_EXPIRED", "PAYMENT_MISMATCH", "OUT_OF_STOCK", "ORDER_NOT_PAYABLE", "ALREADY_PAID"] as const;
      const code = (known as readonly string[]).includes(e.error.code) ? (e.error.code as (typeof known)[number]) : "ORDER_NOT_PAYABLE";
      try {
        return await reject(code as never, e.error.message ?? code);
      } catch (again) {
        const first = await outcomeOfWinner(db, ev.id, again);
        if (first !== null) return decode(first, ev.orderId);
        throw again;
      }
    }
    // the same event delivered twice at once: the loser of the primary-key race reports the winner's outcome
    const first = await outcomeOfWinner(db, ev.id, e);
    if (first !== null) return decode(first, ev.orderId);
    throw e;
  }
}
