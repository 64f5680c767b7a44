// Reads the chat flows need, in one place below them: the conversation and channel layers ask here instead of
// querying the database themselves (they change nothing; the use cases do that).
import type { Db } from "../db/database.ts";
import { PAYABLE_STATUSES, QUOTE } from "../domain/orders/order-state.ts";

/** A staff member and their store (a slot tap names the staff member). */
export async function staffMember(db: Db, staffId: string): Promise<{ id: string; storeId: string } | null> {
  return db.prisma.staff.findUnique({ where: { id: staffId }, select: { id: true, storeId: true } });
}

/** A bill's id and the coupon fixed on it, or null when the id is not a bill. */
export async function billCouponCode(db: Db, billId: string): Promise<{ id: string; couponCode: string | null } | null> {
  return db.prisma.bill.findUnique({ where: { id: billId }, select: { id: true, couponCode: true } });
}

/** The member's next upcoming booking. */
export async function nextAppointment(db: Db, memberId: string, now: Date): Promise<{ id: string } | null> {
  return db.prisma.appointment.findFirst({ where: { memberId, status: "booked", start: { gt: now } }, orderBy: { start: "asc" }, select: { id: true } });
}

/** An appointment with its staff member's role; `of` narrows it to the member's own, still booked. */
export async function memberAppointment(db: Db, id: string, of?: { memberId: string; booked: true }): Promise<{ id: string; storeId: string; start: Date; staffRole: string } | null> {
  const a = await db.prisma.appointment.findFirst({ where: { id, ...(of ? { memberId: of.memberId, status: "booked" } : {}) }, include: { staff: true } });
  return a ? { id: a.id, storeId: a.storeId, start: a.start, staffRole: a.staff.role } : null;
}

/** A campaign's coupon code (a campaign deep link or claim button names the campaign). */
export async function campaignCoupon(db: Db, campaignId: string): Promise<{ id: string; couponCode: string | null } | null> {
  return db.prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true, couponCode: true } });
}

/** A store's id, name and brand (a store QR names the store). */
export async function storeSummary(db: Db, storeId: string): Promise<{ id: string; name: string; brandId: string } | null> {
  return db.prisma.store.findUnique({ where: { id: storeId }, select: { id: true, name: true, brandId: true } });
}

/** Coupons on offer now (of these brands; null: every brand), soonest to expire first. */
export async function couponsOnOffer(db: Db, at: Date, brandIds: string[] | null, take = 8): Promise<{ code: string; title: string | null }[]> {
  return db.prisma.coupon.findMany({
    where: { validTo: { gte: at }, ...(brandIds ? { brandId: { in: brandIds } } : {}) },
    orderBy: { validTo: "asc" },
    take,
    select: { code: true, title: true },
  });
}

/** What the member's account shows: the phone and member card bound. */
export async function memberAccount(db: Db, memberId: string): Promise<{ phone: string | null; memberCode: string | null } | null> {
  return db.prisma.member.findUnique({ where: { id: memberId }, select: { phone: true, memberCode: true } });
}

/** An order as a payment sees it: who, how much, where, in which status. */
export async function orderForPayment(db: Db, orderId: string) {
  return db.prisma.order.findUnique({ where: { id: orderId }, select: { id: true, memberId: true, status: true, storeId: true, totalCents: true, currency: true } });
}

/** The latest sandbox payment of an order (its id names the sandbox event). */
export async function latestSandboxPayment(db: Db, orderId: string): Promise<{ id: string } | null> {
  return db.prisma.payment.findFirst({ where: { orderId, provider: "sandbox" }, orderBy: { createdAt: "desc" }, select: { id: true } });
}

/** The currency amounts of a redemption are shown in: the store's brand's (else the coupon's brand's) price currency. */
export async function redemptionCurrency(db: Db, input: { code: string; storeId: string }): Promise<string> {
  const coupon = await db.prisma.coupon.findUnique({ where: { code: input.code }, select: { brandId: true } });
  const store = await db.prisma.store.findUnique({ where: { id: input.storeId }, select: { brandId: true } });
  return (await db.prisma.product.findFirst({ where: { brandId: store?.brandId ?? coupon?.brandId }, select: { currency: true } }))?.currency ?? "CNY";
}

/** What a staff order card's buttons depend on: how the order is received and where it stands. */
export async function orderForStaffCard(db: Db, orderId: string): Promise<{ id: string; fulfillment: string; status: string } | null> {
  return db.prisma.order.findUnique({ where: { id: orderId }, select: { id: true, fulfillment: true, status: true } });
}

/** True before any catalog is loaded (no brand yet). */
export async function catalogIsEmpty(db: Db): Promise<boolean> {
  return (await db.prisma.brand.count()) === 0;
}

/** The member's latest order still waiting to be paid (a quote or a confirmed, unpaid order), for "取消". */
export async function latestPayableOrderId(db: Db, memberId: string): Promise<string | null> {
  const row = await db.prisma.order.findFirst({ where: { memberId, status: { in: PAYABLE_STATUSES } }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return row?.id ?? null;
}

/** The member's five latest orders past the quote (or the one asked for), newest first, for "我的订单". */
export async function recentOrders(db: Db, memberId: string, orderId: string | null) {
  return db.prisma.order.findMany({
    where: { memberId, status: { not: QUOTE }, ...(orderId ? { id: orderId } : {}) },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
}
