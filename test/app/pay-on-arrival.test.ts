// Password-free pay on a delivery order, on both databases: confirming holds the total (status authorized, no
// link); the courier's arrival captures it in the transaction that completes the order and deletes the location
// consent; a cancellation or an expiry voids it and gives the stock back; above the limit the link comes as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { courierFix } from "../../src/app/ordering/delivery-tracking.ts";
import { HOLD_TTL_MS } from "../../src/app/ordering/order-hold.ts";
import { expireOrders, moveOrder } from "../../src/app/ordering/order-lifecycle.ts";
import { enableOneTap } from "../../src/app/till/one-tap-pay.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

describe.each(DATABASES)("pay on arrival on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    await db.prisma.store.update({ where: { id: "sb-zhengjia" }, data: { autoCompleteOnArrival: true, arrivalMeters: 30 } });
  });
  afterAll(async () => db.drop());

  /** a latte quoted to TIANHE (served by sb-zhengjia), confirmed by a member with password-free pay on */
  async function heldLatte(user: string, limitCents?: number) {
    const say = chatter(testDeps(db), user);
    const memberId = (await resolveMember(db, { channel: "local", externalId: user })).id;
    await enableOneTap(db, { memberId, limitCents, at: NOON });
    await say({ text: "来杯拿铁" });
    const quote = one(await say({ location: TIANHE }), "quote");
    return { say, quote, replies: await say({ tap: `confirm:${quote.orderId}` }) };
  }
  const stockOf = async () => (await db.prisma.inventory.findMany({ where: { storeId: "sb-zhengjia", productId: "sb-latte" } })).reduce((n, i) => n + i.quantity, 0);

  it("confirm holds the money (authorized, no link); the courier's arrival captures it, completes the order and deletes the location", async () => {
    const { quote, replies } = await heldLatte("arr-amy");
    expect(replies.some((r) => r.type === "payment_link")).toBe(false);
    expect(one(replies, "order")).toMatchObject({ orderId: quote.orderId, status: "authorized", storeId: "sb-zhengjia" });
    expect(await db.prisma.payment.findFirstOrThrow({ where: { orderId: quote.orderId } })).toMatchObject({ status: "authorized", amountCents: 3200 });
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).paidAt).toBeNull();

    for (const to of ["accepted", "ready", "out_for_delivery"] as const) expect((await moveOrder(db, { orderId: quote.orderId, to, actor: "staff:test", at: NOON, storeId: "sb-zhengjia" })).ok).toBe(true);
    await db.prisma.staff.create({ data: { id: `${kind}-rider`, storeId: "sb-zhengjia", name: "Rider", workingHours: [], telegramUserId: `tg-${kind}-rider` } });
    const arrivedAt = new Date(NOON.getTime() + 900_000);
    // a rider of another store is not carrying it: nothing is charged
    await db.prisma.staff.create({ data: { id: `${kind}-stranger`, storeId: "sb-tianhe", name: "Other", workingHours: [], telegramUserId: `tg-${kind}-stranger` } });
    expect((await courierFix(db, { telegramUserId: `tg-${kind}-stranger`, ...TIANHE, at: arrivedAt })).ok).toBe(false);
    expect((await db.prisma.payment.findFirstOrThrow({ where: { orderId: quote.orderId } })).status).toBe("authorized");

    const fix = await courierFix(db, { telegramUserId: `tg-${kind}-rider`, ...TIANHE, at: arrivedAt });
    expect(fix).toMatchObject({ ok: true, value: { orders: [{ orderId: quote.orderId, arrived: true, completed: true }] } });
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).toMatchObject({ status: "completed", paidAt: arrivedAt });
    expect(await db.prisma.payment.findFirstOrThrow({ where: { orderId: quote.orderId } })).toMatchObject({ status: "captured", paidAt: arrivedAt });
    expect(await db.prisma.consent.count({ where: { orderId: quote.orderId } })).toBe(0);
    expect(await db.prisma.paymentEvent.findMany({ where: { orderId: quote.orderId }, select: { type: true }, orderBy: { receivedAt: "asc" } })).toEqual([{ type: "payment.authorized" }, { type: "payment.captured" }]);
  });

  it("a cancelled held order voids the hold and gives the stock back; nothing is captured", async () => {
    const before = await stockOf();
    const { say, quote } = await heldLatte("arr-ben");
    expect(await stockOf()).toBe(before - 1);
    one(await say({ text: "取消" }), "order");
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).status).toBe("cancelled");
    expect((await db.prisma.payment.findFirstOrThrow({ where: { orderId: quote.orderId } })).status).toBe("voided");
    expect(await stockOf()).toBe(before);
  });

  it("a held order the store never accepts expires: the hold is voided", async () => {
    const { quote } = await heldLatte("arr-cy");
    expect(await expireOrders(db, new Date(NOON.getTime() + HOLD_TTL_MS + 1000))).toBeGreaterThanOrEqual(1);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).status).toBe("cancelled");
    expect((await db.prisma.payment.findFirstOrThrow({ where: { orderId: quote.orderId } })).status).toBe("voided");
  });

  it("above the password-free limit the member gets the ordinary payment link", async () => {
    const { quote, replies } = await heldLatte("arr-dan", 1000);
    expect(one(replies, "payment_link")).toMatchObject({ orderId: quote.orderId, totalCents: 3200 });
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).status).toBe("pending_payment");
  });
});
