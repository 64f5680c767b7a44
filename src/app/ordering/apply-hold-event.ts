// Use case: the payment provider's hold events for a delivery order paid on arrival (password-free pay):
//   payment.authorized — the provider holds the total: a delivery order awaiting payment (quote or pending_payment)
//     becomes authorized through the same path as the member's one-tap confirmation (order-hold.ts holdOrderIn), but
//     without the member's one-tap limits: the provider decided;
//   payment.captured — the provider took the held money: captureHold (paid now, coupon redeemed); the order's
//     fulfilment status does not move, and the courier's arrival later finds nothing left to capture;
//   payment.voided — the provider released the hold: the order is cancelled through the order use case (stock and
//     coupon released).
// Each event is one transaction and happens once, like payment.succeeded (apply-payment-event.ts): the event id is
// the PaymentEvent primary key, which stores the outcome, so a replay gets the first outcome back and changes nothing.
import type { Db, Tx } from "../../db/database.ts";
import { writeTx } from "../../db/write-transaction.ts";
import { isPayable } from "../../domain/orders/order-state.ts";
import { inBothLanguages } from "../../messages/order-texts.ts";
import { outcomeOfWinner } from "./payment-ledger.ts";
import { Rollback } from "../app-result.ts";
import { enqueue } from "../../outbox/enqueue.ts";
import { holdOrderIn } from "./order-hold.ts";
import { captureHold, moveOrder, moveOrderIn, type OrderWithItems } from "./order-lifecycle.ts";
import { ordersTotal, paymentsTotal } from "../../ops/metrics.ts";

export const HOLD_EVENT_TYPES = ["payment.authorized", "payment.captured", "payment.voided"] as const;
export type HoldEventType = (typeof HOLD_EVENT_TYPES)[number];

export interface HoldEventInput {
  id: string;
  provider: "sandbox";
  type: HoldEventType;
  orderId: string;
  amountCents: number;
  currency: string;
}

const REJECT_CODES = ["ORDER_NOT_FOUND", "ORDER_NOT_PAYABLE", "ORDER_EXPIRED", "PAYMENT_MISMATCH", "OUT_OF_STOCK", "ALREADY_PAID", "NOT_HELD", "INVALID_TRANSITION"] as const;
type RejectCode = (typeof REJECT_CODES)[number];

export type HoldOutcome =
  | { result: "accepted"; orderId: string; status: string; duplicate: boolean }
  | { result: "rejected"; code: RejectCode; message: string; orderId: string; duplicate: boolean };

/** A refusal decided here (the shared order code refuses with Rollback). */
class Refused extends Error {
  constructor(readonly code: RejectCode, message: string) {
    super(message);
  }
}

function decode(stored: string, orderId: string): HoldOutcome {
  if (stored.startsWith("accepted")) return { result: "accepted", orderId, status: stored.split(":")[1] ?? "", duplicate: true };
  const [, code, ...msg] = stored.split(":");
  return { result: "rejected", code: code as RejectCode, message: msg.join(":"), orderId, duplicate: true };
}

async function record(tx: Tx | Db["prisma"], ev: HoldEventInput, result: string): Promise<void> {
  await tx.paymentEvent.create({ data: { id: ev.id, provider: ev.provider, type: ev.type, orderId: ev.orderId, amountCents: ev.amountCents, currency: ev.currency, result } });
}

/** notifyMember: also tell the member through the outbox (the webhook comes from outside the chat). */
export async function applyHoldEvent(db: Db, ev: HoldEventInput, at: Date, opts: { notifyMember?: boolean } = {}): Promise<HoldOutcome> {
  const outcome = await apply(db, ev, at, opts);
  paymentsTotal.inc({ result: outcome.duplicate ? "duplicate" : outcome.result });
  if (outcome.result === "accepted" && !outcome.duplicate && ev.type === "payment.authorized") ordersTotal.inc({ status: "authorized" });
  return outcome;
}

async function apply(db: Db, ev: HoldEventInput, at: Date, opts: { notifyMember?: boolean }): Promise<HoldOutcome> {
  const seen = await db.prisma.paymentEvent.findUnique({ where: { id: ev.id } });
  if (seen) return decode(seen.result, ev.orderId);
  let expired = false;
  try {
    return await writeTx(db, async (tx): Promise<HoldOutcome> => {
      const order = await tx.order.findUnique({ where: { id: ev.orderId }, include: { items: true } });
      if (!order) throw new Refused("ORDER_NOT_FOUND", "no such order");
      let status: string;
      if (ev.type === "payment.authorized") {
        if (order.expiresAt && order.expiresAt < at && isPayable(order)) {
          expired = true;
          throw new Refused("ORDER_EXPIRED", "the payment window has closed");
        }
        status = await authorize(tx, order, ev, at, opts);
      } else {
        const held = await tx.payment.findFirst({ where: { orderId: order.id, status: "authorized" } });
        if (!held) throw await notHeld(tx, order);
        if (held.amountCents !== ev.amountCents || held.currency !== ev.currency) throw new Refused("PAYMENT_MISMATCH", `expected ${held.amountCents} ${held.currency}, got ${ev.amountCents} ${ev.currency}`);
        status = ev.type === "payment.captured" ? await capture(tx, order, ev, at, opts) : await voidHold(tx, order, at, opts);
      }
      await record(tx, ev, `accepted:${status}`);
      return { result: "accepted", orderId: order.id, status, duplicate: false };
    });
  } catch (e) {
    const refusal = e instanceof Refused ? { code: e.code, message: e.message } : e instanceof Rollback ? { code: rejectCode(e.error.code), message: e.error.message ?? e.error.code } : null;
    if (refusal) {
      // a pending order past its window is cancelled (stock and coupon back), as a late payment.succeeded does
      if (expired) await moveOrder(db, { orderId: ev.orderId, to: "cancelled", actor: "system:expiry", at });
      try {
        await record(db.prisma, ev, `rejected:${refusal.code}:${refusal.message}`);
        return { result: "rejected", ...refusal, orderId: ev.orderId, duplicate: false };
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

function rejectCode(code: string): RejectCode {
  if (code === "NOT_FOUND") return "ORDER_NOT_FOUND";
  return (REJECT_CODES as readonly string[]).includes(code) ? (code as RejectCode) : "ORDER_NOT_PAYABLE";
}

async function authorize(tx: Tx, order: OrderWithItems, ev: HoldEventInput, at: Date, opts: { notifyMember?: boolean }): Promise<string> {
  // the provider holds what the order asks for; checked before the quote is locked, like payment.succeeded
  if (order.totalCents !== ev.amountCents || order.currency !== ev.currency) throw new Refused("PAYMENT_MISMATCH", `expected ${order.totalCents} ${order.currency}, got ${ev.amountCents} ${ev.currency}`);
  const held = await holdOrderIn(tx, order, at, { actor: `payment:${ev.provider}`, providerRef: ev.id });
  if (held.couponDropped) throw new Refused("PAYMENT_MISMATCH", "the quoted coupon is no longer available; the total changed");
  if (opts.notifyMember) await notify(tx, order, "authorized", inBothLanguages((t) => t.held(order.id)));
  return "authorized";
}

async function capture(tx: Tx, order: OrderWithItems, ev: HoldEventInput, at: Date, opts: { notifyMember?: boolean }): Promise<string> {
  if (!(await captureHold(tx, order, at, { id: ev.id }))) throw new Refused("ALREADY_PAID", "the hold was captured by another event");
  if (opts.notifyMember) await notify(tx, order, "captured", inBothLanguages((t) => t.taken(order.id)));
  return order.status;
}

async function voidHold(tx: Tx, order: OrderWithItems, at: Date, opts: { notifyMember?: boolean }): Promise<string> {
  const moved = await moveOrderIn(tx, { orderId: order.id, to: "cancelled", actor: "payment:sandbox", at, notify: opts.notifyMember === true });
  if (!moved.ok) {
    const why = moved.error.code === "INVALID_TRANSITION" ? `an order that is ${order.status} can no longer be cancelled` : (moved.error.message ?? moved.error.code);
    throw new Refused(rejectCode(moved.error.code), why);
  }
  return "cancelled";
}

/** Why a capture or void finds no hold: taken already, released already, or never held. */
async function notHeld(tx: Tx, order: OrderWithItems): Promise<Refused> {
  if (await tx.payment.findFirst({ where: { orderId: order.id, status: "captured" } })) return new Refused("ALREADY_PAID", "the hold was already captured");
  if (order.status === "cancelled") return new Refused("NOT_HELD", "the order was cancelled and its hold released");
  return new Refused("NOT_HELD", `the order holds no authorized payment (it is ${order.status})`);
}

async function notify(tx: Tx, order: OrderWithItems, what: "authorized" | "captured", text: string): Promise<void> {
  if (!order.memberId) return;
  await enqueue(tx, { memberId: order.memberId, source: "order", orderId: order.id, dedupeKey: `order:${order.id}:${what}`, text, payload: { orderId: order.id, status: what === "authorized" ? "authorized" : order.status, storeId: order.storeId } });
}
