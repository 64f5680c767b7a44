// Order state changes after the quote: confirm (reserve stock and coupon, open a payment), cancel, expire, and the
// merchant's moves (accept, ready, out for delivery, shipped, completed). Every move goes through the domain's
// transition table and is applied with a conditional UPDATE on the current status, so two racing moves cannot both win.
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "../../db/database.ts";
import { isQuote, QUOTE, transition, type OrderAction, type OrderFulfillment, type OrderStatus } from "../../domain/orders/order-state.ts";
import { priceOrder } from "../../domain/orders/pricing.ts";
import { langOfLocale } from "../../messages/lang.ts";
import { ORDER_PUSHES } from "../../messages/order-texts.ts";
import { linkToken } from "../../payments/signing.ts";
import { Rollback, failWith, okValue, type AppResult } from "../app-result.ts";
import { giveCouponUseBack, markRedeemed, releaseMemberCoupon, reserveMemberCoupon, takeCouponUse } from "../coupons/coupon-ledger.ts";
import { enqueue } from "../../outbox/enqueue.ts";
import { runTx } from "../run-tx.ts";
import { releaseStock, reserveStock } from "./inventory.ts";
import { ordersTotal } from "../../ops/metrics.ts";

export const PAYMENT_TTL_MS = 15 * 60_000;

type OrderRow = NonNullable<Awaited<ReturnType<Tx["order"]["findUnique"]>>>;
type OrderItemRow = NonNullable<Awaited<ReturnType<Tx["orderItem"]["findUnique"]>>>;
export type OrderWithItems = OrderRow & { items: OrderItemRow[] };

export interface PaymentLink {
  orderId: string;
  paymentId: string;
  url: string;
  totalCents: number;
  currency: string;
  expiresAt: Date;
  couponDropped: boolean;
}

export interface LinkSigner {
  publicUrl: string;
  secret: string;
}

export function paymentUrl(signer: LinkSigner, paymentId: string, expiresAt: Date): string {
  return `${signer.publicUrl}/pay/${paymentId}?token=${linkToken(signer.secret, paymentId, expiresAt.getTime())}`;
}

async function addHistory(tx: Tx, orderId: string, from: string | null, to: string, actor: string, at: Date) {
  await tx.orderStatusChange.create({ data: { orderId, from, to, actor, at } });
}

/**
 * quote -> pending_payment inside the caller's transaction: reserves stock (all lines or Rollback), holds the quoted
 * coupon (or drops it and re-prices if it is gone), and opens a sandbox payment. Callers: confirm, and a payment
 * event that arrives for a quote (paying a quote confirms it).
 */
export async function lockQuote(tx: Tx, order: OrderWithItems, at: Date): Promise<{ order: OrderWithItems; couponDropped: boolean }> {
  if (order.expiresAt && order.expiresAt < at) throw new Rollback({ code: "ORDER_EXPIRED", message: "the quote expired" });
  const gone = () => new Rollback({ code: "ORDER_NOT_PAYABLE", message: "the quote was already confirmed or cancelled" });
  const confirmed = transition(fulfilled(order), "pending_payment", "confirm");
  if (!confirmed.ok) throw gone();
  const { count } = await tx.order.updateMany({ where: { id: order.id, status: QUOTE }, data: { status: confirmed.value.status, expiresAt: new Date(at.getTime() + PAYMENT_TTL_MS) } });
  if (count !== 1) throw gone();
  const short = await reserveStock(tx, order.storeId, order.items);
  if (short) throw new Rollback({ code: "OUT_OF_STOCK", message: `${short.productId} ${short.size} sold out`, productId: short.productId, size: short.size });

  let couponDropped = false;
  let memberCouponId: string | null = null;
  if (order.couponCode && order.memberId) {
    const candidates = await tx.memberCoupon.findMany({ where: { memberId: order.memberId, couponCode: order.couponCode, status: "claimed" }, orderBy: { seq: "asc" } });
    for (const c of candidates) {
      if (!(await reserveMemberCoupon(tx, c.id))) continue;
      if (await takeCouponUse(tx, order.couponCode)) memberCouponId = c.id;
      else await releaseMemberCoupon(tx, c.id);
      break;
    }
    couponDropped = memberCouponId === null;
  }
  const price = couponDropped ? priceOrder(order.items, 0) : { subtotalCents: order.subtotalCents, discountCents: order.discountCents, totalCents: order.totalCents };
  const updated = await tx.order.update({
    where: { id: order.id },
    data: { memberCouponId, ...(couponDropped ? { couponCode: null, ...price } : {}) },
    include: { items: true },
  });
  await tx.payment.create({
    data: { orderId: order.id, provider: "sandbox", amountCents: updated.totalCents, currency: updated.currency, linkNonce: randomBytes(12).toString("hex"), expiresAt: updated.expiresAt },
  });
  await addHistory(tx, order.id, QUOTE, "pending_payment", "member", at);
  return { order: updated, couponDropped };
}

async function currentLink(tx: Tx, order: OrderRow, signer: LinkSigner, couponDropped: boolean): Promise<PaymentLink> {
  const payment = await tx.payment.findFirstOrThrow({ where: { orderId: order.id, provider: "sandbox" }, orderBy: { createdAt: "desc" } });
  const expiresAt = payment.expiresAt ?? order.expiresAt!;
  return { orderId: order.id, paymentId: payment.id, url: paymentUrl(signer, payment.id, expiresAt), totalCents: payment.amountCents, currency: payment.currency, expiresAt, couponDropped };
}

/** Use case: the member confirms a quote and gets a payment link. A second tap returns the same link. */
export async function confirmOrder(db: Db, input: { memberId: string; orderId: string; at: Date; signer: LinkSigner }): Promise<AppResult<PaymentLink>> {
  let locked = false;
  const r = await runTx(db, async (tx): Promise<AppResult<PaymentLink>> => {
    const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: true } });
    if (!order || order.memberId !== input.memberId) return failWith("NOT_FOUND", "no such order");
    if (order.status === "pending_payment") return okValue(await currentLink(tx, order, input.signer, false));
    if (!isQuote(order)) return failWith("ORDER_NOT_PAYABLE", `order is ${order.status}`, { status: order.status });
    const quote = await lockQuote(tx, order, input.at);
    locked = true;
    return okValue(await currentLink(tx, quote.order, input.signer, quote.couponDropped));
  });
  if (r.ok && locked) ordersTotal.inc({ status: "pending_payment" });
  return r;
}

/** The order as the domain's transition table reads it. */
const fulfilled = (order: OrderRow) => ({ status: order.status as OrderStatus, fulfillment: order.fulfillment as OrderFulfillment });

/** Undo what a live order holds: stock, coupon, location consent. */
async function applyActions(tx: Tx, order: OrderRow & { items: { productId: string; size: string; quantity: number }[] }, actions: OrderAction[], at: Date) {
  if (actions.includes("release_stock")) await releaseStock(tx, order.storeId, order.items);
  if (actions.includes("release_coupon") && order.memberCouponId && order.couponCode) {
    const mc = await tx.memberCoupon.findUnique({ where: { id: order.memberCouponId } });
    if (mc?.status === "reserved") {
      await releaseMemberCoupon(tx, mc.id);
      await giveCouponUseBack(tx, order.couponCode);
    }
    await tx.order.update({ where: { id: order.id }, data: { memberCouponId: null } });
  }
  // Password-free pay: the hold is voided on cancellation, and captured (the coupon redeemed with it) on completion,
  // in this same transaction — the courier's arrival completes, charges and forgets the location at once.
  if (actions.includes("void_hold")) {
    await tx.payment.updateMany({ where: { orderId: order.id, status: "authorized" }, data: { status: "voided" } });
    // the provider may have captured the hold before the courier arrived (its payment.captured event): the money was
    // taken, so cancelling gives it back
    await tx.payment.updateMany({ where: { orderId: order.id, status: "captured" }, data: { status: "refunded" } });
  }
  // a hold the provider already captured is not captured again: captureHold finds no authorized payment
  if (actions.includes("capture_hold")) await captureHold(tx, order, at);
  // Consent: the location was shared for this order only; once it is over the brand no longer keeps it.
  if (actions.includes("drop_location")) await tx.consent.deleteMany({ where: { orderId: order.id, purpose: "location" } });
}

export interface MoveInput {
  orderId: string;
  to: OrderStatus;
  actor: string;
  at: Date;
  /** when set, the order must belong to this member (a member cancelling) */
  memberId?: string;
  /** when set, the order must be served by this store (staff acting) */
  storeId?: string;
  /** tell the member through the outbox (default true) */
  notify?: boolean;
}

export type MoveResult = AppResult<{ orderId: string; from: string; status: OrderStatus; storeId: string; memberId: string | null }>;

/** Use case: move an order along the state machine, applying what the move requires (refund, release, drop location). */
export async function moveOrder(db: Db, input: MoveInput): Promise<MoveResult> {
  return runTx(db, (tx) => moveOrderIn(tx, input));
}

// counted when the move is written (inside the caller's transaction: a caller that rolls back afterwards, rare,
// leaves the counter one ahead — metrics are for rates and alerts, the OrderStatusChange rows are the record)

/** moveOrder inside the caller's transaction (a courier's arrival completes the order in the fix's transaction). Refusals come before any write. */
export async function moveOrderIn(tx: Tx, input: MoveInput): Promise<MoveResult> {
  const order = await tx.order.findUnique({ where: { id: input.orderId }, include: { items: true } });
  if (!order || (input.memberId && order.memberId !== input.memberId)) return failWith("NOT_FOUND", "no such order");
  if (input.storeId && order.storeId !== input.storeId) return failWith("NOT_ALLOWED", "this order belongs to another store");
  const t = transition(fulfilled(order), input.to);
  if (!t.ok) return { ok: false, error: { ...t.error } };
  const { actions } = t.value;
  const { count } = await tx.order.updateMany({
    where: { id: order.id, status: order.status },
    data: { status: input.to, ...(input.to === "completed" ? { completedAt: input.at } : {}) },
  });
  if (count !== 1) return failWith("INVALID_TRANSITION", "the order changed meanwhile; try again");
  await applyActions(tx, order, actions, input.at);
  if (actions.includes("refund_payment")) await tx.payment.updateMany({ where: { orderId: order.id, status: "paid" }, data: { status: "refunded" } });
  await addHistory(tx, order.id, order.status, input.to, input.actor, input.at);
  // the member hears of every move of an order they confirmed; a quote they dropped needs no news
  if (order.memberId && input.notify !== false && !isQuote(order)) {
    const lang = langOfLocale((await tx.member.findUnique({ where: { id: order.memberId }, select: { locale: true } }))?.locale);
    await enqueue(tx, {
      memberId: order.memberId, source: "order", orderId: order.id, dedupeKey: `order:${order.id}:${input.to}`,
      text: ORDER_PUSHES[lang].moved(order.id, input.to),
      payload: { orderId: order.id, status: input.to, storeId: order.storeId },
    });
  }
  ordersTotal.inc({ status: input.to });
  return okValue({ orderId: order.id, from: order.status, status: input.to, storeId: order.storeId, memberId: order.memberId });
}

/**
 * Takes a held payment: authorized -> captured, the order counts as paid now, the reserved coupon is redeemed.
 * Callers: the order's completion (the courier's arrival), and the provider's payment.captured event, which passes
 * its own event id (the caller records it). False when there was no hold left to take.
 */
export async function captureHold(tx: Tx, order: OrderRow, at: Date, event?: { id: string }): Promise<boolean> {
  const held = await tx.payment.findFirst({ where: { orderId: order.id, status: "authorized" } });
  if (!held) return false;
  const { count } = await tx.payment.updateMany({ where: { id: held.id, status: "authorized" }, data: { status: "captured", paidAt: at, ...(event ? { providerRef: event.id } : {}) } });
  if (count !== 1) return false;
  await tx.order.update({ where: { id: order.id }, data: { paidAt: at } });
  if (order.memberCouponId && order.couponCode && order.memberId) {
    await markRedeemed(tx, "reserved", {
      memberCouponId: order.memberCouponId, couponCode: order.couponCode, memberId: order.memberId, storeId: order.creditedStoreId,
      channel: "online", orderId: order.id, amountCents: order.totalCents, discountCents: order.discountCents, campaignId: order.campaignId, at,
    });
  }
  // the provider's record of the capture, idempotent by id like every payment event
  if (!event) await tx.paymentEvent.create({ data: { id: `sandbox_capture_${held.id}`, provider: "sandbox", type: "payment.captured", orderId: order.id, amountCents: held.amountCents, currency: held.currency, result: "accepted" } });
  return true;
}

/** Use case (scheduler): cancel quotes and unpaid orders past their expiry, giving back stock and coupons. */
export async function expireOrders(db: Db, at: Date): Promise<number> {
  // an authorized order the store never accepted expires too: its hold is voided, stock and coupon released
  const due = await db.prisma.order.findMany({ where: { status: { in: [QUOTE, "pending_payment", "authorized"] }, expiresAt: { lt: at } }, select: { id: true }, take: 500 });
  let n = 0;
  for (const o of due) {
    const r = await moveOrder(db, { orderId: o.id, to: "cancelled", actor: "system:expiry", at });
    if (r.ok) n++;
  }
  return n;
}
