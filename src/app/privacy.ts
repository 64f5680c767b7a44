// Consent and personal data: unsubscribe from promotions, and "forget me", which erases the person and everything that
// links to them. What is kept, and why (README "Security"): orders, redeemed coupons, redemptions, past appointments,
// sent-message records and touches stay for the merchant's books and funnels, re-pointed at a fresh anonymous
// "tombstone" member (a new random id, no name, no identity) so nothing left can be joined back to the person.
import type { Db, Tx } from "../db/database.ts";
import { executeIn } from "../db/sql.ts";
import { writeTx } from "../db/write-transaction.ts";
import { PAYABLE_STATUSES } from "../domain/orders/order-state.ts";
import { okValue, type AppResult } from "./app-result.ts";
import { dropReminders } from "./appointments.ts";
import { queueBookingNotice } from "./appointment-notices.ts";
import { moveOrderIn } from "./ordering/order-lifecycle.ts";

/** Use case: stop promotions (campaign pushes); order updates still arrive. */
export async function unsubscribe(db: Db, memberId: string, at: Date): Promise<void> {
  await writeTx(db, async (tx) => {
    await tx.member.update({ where: { id: memberId }, data: { marketingOptOut: true } });
    await tx.consent.updateMany({ where: { memberId, purpose: "marketing", revokedAt: null }, data: { revokedAt: at } });
    // queued promotions and follow-ups are dropped now, not just skipped at send time
    await tx.outboxMessage.updateMany({ where: { memberId, source: { in: ["campaign", "follow_up"] }, status: "queued" }, data: { status: "skipped", error: "unsubscribed" } });
  });
}

export interface ForgetSummary {
  /** the anonymous member that now holds the kept records (orders for the books); null when there was nothing to keep */
  tombstoneId: string | null;
  appointmentsCancelled: number;
  ordersCancelled: number;
}

/** Every member record of one person: the member and the records merged into it (an old till record, another account). */
async function personIds(tx: Tx, memberId: string): Promise<string[]> {
  const ids = [memberId];
  for (let i = 0; i < ids.length && i < 1000; i++) {
    for (const m of await tx.member.findMany({ where: { mergedIntoId: ids[i] }, select: { id: true } })) if (!ids.includes(m.id)) ids.push(m.id);
  }
  return ids;
}

/**
 * Use case ("forget me", from chat, the Mini App and the CLI): in one transaction, cancel the person's upcoming
 * appointments (staff told, the slot freed) and open orders (quote, pending payment: stock and coupon released by the
 * order use case), delete what is personal, re-point what the merchant must keep at an anonymous tombstone, then
 * delete the member rows themselves. Idempotent: forgetting an unknown member does nothing.
 */
export async function forgetMember(db: Db, memberId: string, at: Date): Promise<AppResult<ForgetSummary>> {
  return writeTx(db, async (tx) => {
    const member = await tx.member.findUnique({ where: { id: memberId } });
    if (!member) return okValue({ tombstoneId: null, appointmentsCancelled: 0, ordersCancelled: 0 });
    const ids = await personIds(tx, member.mergedIntoId ?? memberId);
    const mine = { memberId: { in: ids } };
    const tomb = await tx.member.create({ data: { marketingOptOut: true, unreachable: true, erasedAt: at, firstSource: "erased" } });

    // 1. the slot frees and the staff member hears of it (the notice names the tombstone, not the person)
    const upcoming = await tx.appointment.findMany({ where: { ...mine, status: "booked", end: { gt: at } } });
    for (const a of upcoming) {
      await tx.appointment.update({ where: { id: a.id }, data: { status: "cancelled", slotKey: null } });
      await dropReminders(tx, a.id, "member erased");
      await queueBookingNotice(tx, { ...a, memberId: tomb.id }, "cancelled");
    }
    // 2. open orders are cancelled through the order use case: their stock and reserved coupons come back
    let ordersCancelled = 0;
    for (const o of await tx.order.findMany({ where: { ...mine, status: { in: PAYABLE_STATUSES } }, select: { id: true } })) {
      const r = await moveOrderIn(tx, { orderId: o.id, to: "cancelled", actor: "member:erased", at, notify: false });
      if (r.ok) ordersCancelled++;
    }

    // 3. personal data goes
    await tx.consent.deleteMany({ where: mine });
    await tx.conversation.deleteMany({ where: mine });
    await tx.chatMessage.deleteMany({ where: mine });
    await tx.memberTag.deleteMany({ where: mine });
    await tx.follow.deleteMany({ where: mine });
    await tx.memberIdentity.deleteMany({ where: mine });
    await tx.webSession.deleteMany({ where: mine });
    await tx.signInLink.deleteMany({ where: mine });
    await tx.oneTapPay.deleteMany({ where: mine });
    await tx.memberCoupon.deleteMany({ where: { ...mine, status: "claimed" } });
    await tx.outboxMessage.deleteMany({ where: { ...mine, status: { in: ["queued", "claimed"] } } });
    await tx.demandEvent.updateMany({ where: mine, data: { memberId: null, lat: null, lng: null } });

    // 4. what the books need stays, tied to the tombstone; delivery keys embed member ids, so they are rewritten too
    await tx.order.updateMany({ where: mine, data: { memberId: tomb.id, deliveryAddress: null } });
    await tx.appointment.updateMany({ where: mine, data: { memberId: tomb.id, note: null } });
    await tx.redemption.updateMany({ where: mine, data: { memberId: tomb.id } });
    await tx.touch.updateMany({ where: mine, data: { memberId: tomb.id } });
    // the till's bills are the store's books: kept, pointing at the anonymous record
    await tx.bill.updateMany({ where: mine, data: { memberId: tomb.id } });
    // a person's several records may hold the same coupon: renumber so (memberId, couponCode, seq) stays unique
    const kept = await tx.memberCoupon.findMany({ where: mine, orderBy: [{ couponCode: "asc" }, { claimedAt: "asc" }] });
    const seq = new Map<string, number>();
    for (const c of kept) {
      const n = (seq.get(c.couponCode) ?? 0) + 1;
      seq.set(c.couponCode, n);
      await tx.memberCoupon.update({ where: { id: c.id }, data: { memberId: tomb.id, seq: n } });
    }
    await tx.outboxMessage.updateMany({ where: mine, data: { text: "", payload: {} } });
    for (const id of ids) {
      await executeIn(tx, (p) => `UPDATE "OutboxMessage" SET "memberId" = ${p.v(tomb.id)}, "dedupeKey" = REPLACE("dedupeKey", ${p.v(id)}, ${p.v(tomb.id)}) WHERE "memberId" = ${p.v(id)}`);
    }

    // 5. the person's own rows
    await tx.member.deleteMany({ where: { id: { in: ids } } });
    return okValue({ tombstoneId: tomb.id, appointmentsCancelled: upcoming.length, ordersCancelled });
  });
}
