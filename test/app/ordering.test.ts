import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { moveOrder } from "../../src/app/ordering/order-lifecycle.ts";
import { resolveMember } from "../../src/app/members.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

describe.each(DATABASES)("ordering in chat on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it("scenario 1: one sentence + location → quote at the nearest store with stock → confirm → link → paid; location forgotten on completion", async () => {
    const deps = testDeps(db);
    const say = chatter(deps, "alice");
    const ask = await say({ text: "来杯拿铁" });
    expect(one(ask, "choice")).toMatchObject({ request: "location" });
    const replies = await say({ location: TIANHE });
    const quote = one(replies, "quote");
    // 天河城店 is the nearest but has no latte: the next nearest store with stock serves it
    expect(quote.storeId).toBe("sb-zhengjia");
    expect(quote).toMatchObject({ subtotalCents: 3200, totalCents: 3200, currency: "CNY", fulfillment: "delivery", couponCode: null });
    expect(one(replies, "store").storeId).toBe("sb-zhengjia");
    const confirmId = quote.buttons!.find((b) => b.id.startsWith("confirm:"))!.id;
    const link = one(await say({ tap: confirmId }), "payment_link");
    expect(link).toMatchObject({ orderId: quote.orderId, totalCents: 3200, currency: "CNY" });
    expect(link.url).toMatch(/^http:\/\/pay\.test\/pay\//);
    const paid = one(await say({ pay: { orderId: quote.orderId } }), "order");
    expect(paid).toMatchObject({ orderId: quote.orderId, status: "paid", storeId: "sb-zhengjia" });
    expect(await db.prisma.consent.count({ where: { orderId: quote.orderId, purpose: "location" } })).toBe(1);

    for (const to of ["accepted", "ready", "out_for_delivery", "completed"] as const) {
      const r = await moveOrder(db, { orderId: quote.orderId, to, actor: "staff:test", at: NOON, storeId: "sb-zhengjia" });
      expect(r.ok).toBe(true);
    }
    expect(await db.prisma.consent.count({ where: { orderId: quote.orderId } })).toBe(0);
    const member = await resolveMember(db, { channel: "local", externalId: "alice" });
    const pushes = await db.prisma.outboxMessage.findMany({ where: { memberId: member.id, source: "order" }, orderBy: { createdAt: "asc" } });
    expect(pushes.map((p) => (p.payload as { status: string }).status)).toEqual(["accepted", "ready", "out_for_delivery", "completed"]);
  });

  it("applies the best claimed coupon to the quote and redeems it online on payment", async () => {
    const say = chatter(testDeps(db), "bob");
    one(await say({ text: "领取COFFEE5" }), "coupon");
    await say({ location: TIANHE });
    const quote = one(await say({ text: "两杯大杯拿铁" }), "quote");
    expect(quote).toMatchObject({ subtotalCents: 6400, discountCents: 500, totalCents: 5900, couponCode: "COFFEE5" });
    await say({ tap: `confirm:${quote.orderId}` });
    one(await say({ pay: { orderId: quote.orderId } }), "order");
    const wallet = await say({ text: "我的优惠券" });
    expect(one(wallet, "coupon")).toMatchObject({ code: "COFFEE5", status: "redeemed" });
    expect(await db.prisma.redemption.count({ where: { orderId: quote.orderId, channel: "online" } })).toBe(1);
  });

  it("corrects the size mid-flow: 不要大杯，中杯", async () => {
    const say = chatter(testDeps(db), "carol");
    await say({ text: "来一杯大杯美式" });
    const first = one(await say({ location: TIANHE }), "quote");
    expect(first.subtotalCents).toBe(2700);
    const again = one(await say({ text: "不要大杯，中杯" }), "quote");
    const order = await db.prisma.order.findUniqueOrThrow({ where: { id: again.orderId }, include: { items: true } });
    expect(order.items[0]).toMatchObject({ productId: "sb-americano", size: "中杯" });
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: first.orderId } })).status).toBe("cancelled");
    // one open quote per member: the replaced quote's location consent goes with it, the new one has its own and its history
    expect(await db.prisma.consent.count({ where: { orderId: first.orderId } })).toBe(0);
    expect(await db.prisma.consent.count({ where: { orderId: again.orderId, purpose: "location" } })).toBe(1);
    expect(await db.prisma.orderStatusChange.findMany({ where: { orderId: again.orderId } })).toMatchObject([{ from: null, to: "quote", actor: "member" }]);
    expect(await db.prisma.order.count({ where: { member: { identities: { some: { externalId: "carol" } } }, status: "quote" } })).toBe(1);
  });

  it("scenario 3: a size out of stock nearby → ship from the flagship, credited to the local store", async () => {
    const say = chatter(testDeps(db), "dave");
    await say({ text: "买一条32码的牛仔裤" });
    const nothing = await say({ location: { lat: 23.1322, lng: 113.3255 } });
    const err = one(nothing, "error");
    expect(err.text).toMatch(/32/);
    const ship = err.buttons!.find((b) => b.id === "fulfil:ship");
    expect(ship).toBeDefined();
    const quote = one(await say({ tap: ship!.id }), "quote");
    expect(quote).toMatchObject({ storeId: "gxg-flagship", fulfillment: "ship", creditedStoreId: "gxg-tianhe" });
    const demand = await db.prisma.demandEvent.findMany({ where: { productId: "gxg-jeans", size: "32" } });
    expect(demand.some((d) => d.storeId === "gxg-tianhe")).toBe(true);
    await say({ tap: `confirm:${quote.orderId}` });
    one(await say({ pay: { orderId: quote.orderId } }), "order");
    const order = await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } });
    expect(order).toMatchObject({ storeId: "gxg-flagship", creditedStoreId: "gxg-tianhe", status: "paid" });
  });

  it("explains that the stores are closed and when they open", async () => {
    const say = chatter(testDeps(db, { now: new Date("2026-11-25T06:00:00+08:00") }), "erin");
    await say({ text: "我要到店自取一件175/92A的夹克" });
    const err = one(await say({ location: { lat: 23.1322, lng: 113.3255 } }), "error");
    expect(err.code).toBe("ALL_CLOSED");
    expect(err.text).toMatch(/10:00/);
  });
});
