// Use case: the sandbox provider says a bill was paid (its hosted page's Pay button, or its signed webhook with
// "billId"). The member is the one holding the bill (the first to scan it). Exactly once: payBill itself refuses a
// second payment, and the event id is recorded so a replayed event returns its first outcome without a new attempt.
import type { Db } from "../../db/database.ts";
import { isUniqueViolation } from "../../db/write-transaction.ts";
import { payBill } from "./bills.ts";

export interface BillPaymentEvent {
  id: string;
  billId: string;
  amountCents: number;
  currency: string;
}

export type BillPaymentOutcome = { result: "accepted"; billId: string; duplicate: boolean } | { result: "rejected"; billId: string; code: string; message: string; duplicate: boolean };

export async function applyBillPaymentEvent(db: Db, ev: BillPaymentEvent, at: Date): Promise<BillPaymentOutcome> {
  const seen = await db.prisma.paymentEvent.findUnique({ where: { id: ev.id } });
  if (seen) return decode(seen.result, ev.billId);
  const outcome = await attempt(db, ev, at);
  try {
    await db.prisma.paymentEvent.create({
      data: { id: ev.id, provider: "sandbox", type: "payment.succeeded", orderId: `bill:${ev.billId}`, amountCents: ev.amountCents, currency: ev.currency, result: outcome.result === "accepted" ? "accepted" : `rejected:${outcome.code}:${outcome.message}` },
    });
  } catch (e) {
    // the same event twice at once: the loser reports the winner's outcome
    if (!isUniqueViolation(e)) throw e;
    return decode((await db.prisma.paymentEvent.findUniqueOrThrow({ where: { id: ev.id } })).result, ev.billId);
  }
  return outcome;
}

function decode(stored: string, billId: string): BillPaymentOutcome {
  if (stored === "accepted") return { result: "accepted", billId, duplicate: true };
  const [, code, ...msg] = stored.split(":");
  return { result: "rejected", billId, code, message: msg.join(":"), duplicate: true };
}

async function attempt(db: Db, ev: BillPaymentEvent, at: Date): Promise<BillPaymentOutcome> {
  const bill = await db.prisma.bill.findUnique({ where: { id: ev.billId } });
  if (!bill) return { result: "rejected", billId: ev.billId, code: "NOT_FOUND", message: "no such bill", duplicate: false };
  if (!bill.memberId) return { result: "rejected", billId: bill.id, code: "BILL_NOT_OPENED", message: "nobody has opened this bill in chat yet", duplicate: false };
  if (bill.status === "open" && (bill.totalCents !== ev.amountCents || bill.currency !== ev.currency)) {
    return { result: "rejected", billId: bill.id, code: "PAYMENT_MISMATCH", message: `expected ${bill.totalCents} ${bill.currency}, got ${ev.amountCents} ${ev.currency}`, duplicate: false };
  }
  const r = await payBill(db, { billId: bill.id, memberId: bill.memberId, useCoupon: bill.couponCode !== null, via: "sandbox", at });
  if (r.ok) return { result: "accepted", billId: bill.id, duplicate: false };
  return { result: "rejected", billId: bill.id, code: r.error.code, message: r.error.message ?? r.error.code, duplicate: false };
}
