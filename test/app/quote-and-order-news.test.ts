// The quote is an order status like the others: only confirming moves it on, cancelling or expiring it holds
// nothing back and tells nobody. Every move of a confirmed order reaches the member in their language, in the words
// of the order dictionary (src/messages/order-texts.ts), and so does "my orders".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { applyPaymentEvent } from "../../src/app/ordering/apply-payment-event.ts";
import { expireOrders, moveOrder } from "../../src/app/ordering/order-lifecycle.ts";
import { QUOTE_TTL_MS } from "../../src/app/ordering/quote-order.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

describe.each(DATABASES)("the quote and the order news on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  const quoteFor = async (user: string) => {
    const say = chatter(testDeps(db), user);
    await say({ text: "来杯拿铁" });
    const quote = one(await say({ location: TIANHE }), "quote");
    const member = await resolveMember(db, { channel: "local", externalId: user });
    return { say, quote, member };
  };
  const stockOf = (storeId: string) => db.prisma.inventory.findMany({ where: { storeId }, orderBy: [{ productId: "asc" }, { size: "asc" }], select: { productId: true, size: true, quantity: true } });
  const orderPushes = (orderId: string) => db.prisma.outboxMessage.findMany({ where: { orderId, source: "order" }, orderBy: { createdAt: "asc" } });

  it("a quote moves on only by being confirmed; cancelling it releases nothing, forgets the location and tells nobody", async () => {
    const { quote, member } = await quoteFor("quinn");
    const stock = await stockOf(quote.storeId);
    for (const to of ["pending_payment", "paid", "accepted"] as const) {
      expect(await moveOrder(db, { orderId: quote.orderId, to, actor: "staff:test", at: NOON })).toMatchObject({
        ok: false, error: { code: "INVALID_TRANSITION", message: "the order is not confirmed yet" },
      });
    }
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).status).toBe("quote");

    const cancelled = await moveOrder(db, { orderId: quote.orderId, to: "cancelled", actor: "member", memberId: member.id, at: NOON });
    expect(cancelled).toMatchObject({ ok: true, value: { from: "quote", status: "cancelled" } });
    expect(await stockOf(quote.storeId)).toEqual(stock);
    expect(await db.prisma.consent.count({ where: { orderId: quote.orderId } })).toBe(0);
    expect(await orderPushes(quote.orderId)).toEqual([]);
    const history = await db.prisma.orderStatusChange.findMany({ where: { orderId: quote.orderId } });
    expect(history.map((h) => `${h.from} → ${h.to}`).sort()).toEqual(["null → quote", "quote → cancelled"]);
  });

  it("a quote nobody confirms expires into cancelled, silently", async () => {
    const { quote } = await quoteFor("rita");
    expect(await expireOrders(db, new Date(NOON.getTime() + QUOTE_TTL_MS + 60_000))).toBeGreaterThanOrEqual(1);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).status).toBe("cancelled");
    expect(await orderPushes(quote.orderId)).toEqual([]);
  });

  it.each([
    {
      user: "sam", locale: "zh-CN", myOrders: "我的订单",
      texts: (id: string) => [
        `订单 ${id} 支付成功 / payment received`,
        `订单 ${id}：门店已接单，正在准备`,
        `订单 ${id}：已备好`,
        `订单 ${id}：配送中`,
        `订单 ${id}：已完成，这一单的位置信息已删除。`,
      ],
      line: (id: string) => `订单 ${id}：已完成，`,
    },
    {
      user: "tess", locale: "en-GB", myOrders: "my orders",
      texts: (id: string) => [
        `订单 ${id} 支付成功 / payment received`,
        `Order ${id}: accepted by the store, being prepared.`,
        `Order ${id}: ready.`,
        `Order ${id}: out for delivery.`,
        `Order ${id}: completed. Your location for this order has been deleted.`,
      ],
      line: (id: string) => `Order ${id}: completed, `,
    },
  ])("a member with locale $locale hears every move of a confirmed order, and sees it in $myOrders", async ({ user, locale, myOrders, texts, line }) => {
    const { say, quote, member } = await quoteFor(user);
    one(await say({ tap: `confirm:${quote.orderId}` }), "payment_link");
    // the language the member last chatted in (the engine keeps it as the locale)
    await db.prisma.member.update({ where: { id: member.id }, data: { locale } });
    const paid = await applyPaymentEvent(db, { id: `evt_${user}`, provider: "sandbox", type: "payment.succeeded", orderId: quote.orderId, amountCents: quote.totalCents, currency: quote.currency }, NOON, { notifyMember: true });
    expect(paid).toMatchObject({ result: "accepted" });
    for (const to of ["accepted", "ready", "out_for_delivery", "completed"] as const) {
      expect(await moveOrder(db, { orderId: quote.orderId, to, actor: "staff:test", at: NOON, storeId: quote.storeId })).toMatchObject({ ok: true });
    }
    expect((await orderPushes(quote.orderId)).map((p) => p.text)).toEqual(texts(quote.orderId));
    const listed = one(await say({ text: myOrders }), "order");
    expect(listed).toMatchObject({ orderId: quote.orderId, status: "completed" });
    expect(listed.text.startsWith(line(quote.orderId))).toBe(true);
  });
});
