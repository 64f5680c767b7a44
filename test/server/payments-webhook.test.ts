import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { paymentRoutes } from "../../src/server/routes/payments.ts";
import { signWebhook } from "../../src/payments/signing.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

const SECRET = "webhook-secret";

describe.each(DATABASES)("sandbox payments over HTTP on %s", (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    app = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [paymentRoutes({ db, secret: SECRET, clock: () => NOON })] });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  async function pendingOrder(user: string) {
    const deps = testDeps(db);
    deps.signer.secret = SECRET;
    const say = chatter(deps, user);
    await say({ text: "来杯拿铁" });
    const quote = one(await say({ location: TIANHE }), "quote");
    const link = one(await say({ tap: `confirm:${quote.orderId}` }), "payment_link");
    return { orderId: quote.orderId, link, say };
  }

  const post = (body: object, opts: { t?: number; secret?: string; header?: string } = {}) => {
    const raw = JSON.stringify(body);
    const t = opts.t ?? Math.floor(NOON.getTime() / 1000);
    return app.inject({
      method: "POST", url: "/payments/sandbox/webhook", payload: raw,
      headers: { "content-type": "application/json", "o2o-signature": opts.header ?? signWebhook(opts.secret ?? SECRET, raw, t) },
    });
  };

  it("pays once when the same event is replayed 5 times", async () => {
    const { orderId, say } = await pendingOrder("wh-1");
    const ev = { id: "evt_replay_1", type: "payment.succeeded", orderId, amountCents: 3200, currency: "CNY" };
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await post(ev)).statusCode);
    expect(codes.every((c) => c >= 200 && c < 300)).toBe(true);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("paid");
    expect(await db.prisma.payment.count({ where: { orderId, status: "paid" } })).toBe(1);
    expect(await db.prisma.orderStatusChange.count({ where: { orderId, to: "paid" } })).toBe(1);
    // the member learns about it as a push on their next message, once
    const next = await chatter(testDeps(db), "wh-1")({ text: "我的订单" });
    void say;
    expect(next.filter((r) => r.type === "order").length).toBeGreaterThan(0);
  });

  it("pays once when 5 copies arrive at the same time", async () => {
    const { orderId } = await pendingOrder("wh-2");
    const ev = { id: "evt_parallel_2", type: "payment.succeeded", orderId, amountCents: 3200, currency: "CNY" };
    const res = await Promise.all(Array.from({ length: 5 }, () => post(ev)));
    expect(res.every((r) => r.statusCode === 200)).toBe(true);
    expect(await db.prisma.orderStatusChange.count({ where: { orderId, to: "paid" } })).toBe(1);
  });

  it.each([
    ["a bad signature", { secret: "wrong" }],
    ["a missing signature", { header: "" }],
    ["a stale timestamp", { t: Math.floor(NOON.getTime() / 1000) - 301 }],
    ["a timestamp from the future", { t: Math.floor(NOON.getTime() / 1000) + 400 }],
  ])("refuses %s with 400 and changes nothing", async (_what, opts) => {
    const { orderId } = await pendingOrder(`wh-bad-${_what}`);
    const r = await post({ id: `evt_bad_${_what}`, type: "payment.succeeded", orderId, amountCents: 3200, currency: "CNY" }, opts);
    expect(r.statusCode).toBe(400);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("pending_payment");
  });

  it("refuses a malformed body with 400", async () => {
    const r = await post({ id: "evt_malformed", type: "payment.succeeded", orderId: "x", amountCents: "lots" });
    expect(r.statusCode).toBe(400);
  });

  it("refuses a wrong amount or currency with 409 and changes nothing", async () => {
    const { orderId } = await pendingOrder("wh-amount");
    expect((await post({ id: "evt_amount", type: "payment.succeeded", orderId, amountCents: 1, currency: "CNY" })).statusCode).toBe(409);
    expect((await post({ id: "evt_currency", type: "payment.succeeded", orderId, amountCents: 3200, currency: "USD" })).statusCode).toBe(409);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("pending_payment");
  });

  it("refuses a second event for an order another event already paid, with 409", async () => {
    const { orderId } = await pendingOrder("wh-twice");
    expect((await post({ id: "evt_first", type: "payment.succeeded", orderId, amountCents: 3200, currency: "CNY" })).statusCode).toBe(200);
    expect((await post({ id: "evt_second", type: "payment.succeeded", orderId, amountCents: 3200, currency: "CNY" })).statusCode).toBe(409);
    expect(await db.prisma.payment.count({ where: { orderId, status: "paid" } })).toBe(1);
  });

  it("refuses a cancelled order with 409", async () => {
    const { orderId, say } = await pendingOrder("wh-cancel");
    await say({ text: "取消" });
    expect((await post({ id: "evt_cancelled", type: "payment.succeeded", orderId, amountCents: 3200, currency: "CNY" })).statusCode).toBe(409);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("cancelled");
  });

  it("the hosted page shows the order and its Pay button pays once, however often it is clicked", async () => {
    const { orderId, link } = await pendingOrder("wh-page");
    const path = link.url.replace("http://pay.test", "");
    const page = await app.inject({ method: "GET", url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/¥32\.00/);
    // a browser posts the form encoded, a script may post nothing at all
    const clicks = await Promise.all([
      app.inject({ method: "POST", url: path, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "" }),
      app.inject({ method: "POST", url: path }),
      app.inject({ method: "POST", url: path, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "x=1" }),
    ]);
    expect(clicks.every((c) => c.statusCode === 200)).toBe(true);
    expect(await db.prisma.orderStatusChange.count({ where: { orderId, to: "paid" } })).toBe(1);
    expect((await app.inject({ method: "GET", url: path.replace(/token=\w+/, "token=forged") })).statusCode).toBe(404);
  });
});
