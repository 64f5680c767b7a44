// The sandbox webhook's hold events (pay on arrival), driven over HTTP with a real signature on both databases:
// payment.authorized holds a delivery order's total (stock and coupon reserved), payment.captured takes it (coupon
// redeemed, fulfilment unchanged, the courier's completion does not charge again), payment.voided cancels the order
// (stock and coupon back). Replays change nothing; a wrong amount or an order in the wrong state is a 409.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { moveOrder } from "../../src/app/ordering/order-lifecycle.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { paymentRoutes } from "../../src/server/routes/payments.ts";
import { signWebhook } from "../../src/payments/signing.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

const SECRET = "webhook-secret";

describe.each(DATABASES)("sandbox hold events over HTTP on %s", (kind) => {
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

  /** two large lattes delivered to TIANHE (sb-zhengjia) with the claimed COFFEE5 coupon: 6400 - 500 = 5900 */
  async function quoted(user: string) {
    const deps = testDeps(db);
    deps.signer.secret = SECRET;
    const say = chatter(deps, user);
    one(await say({ text: "领取COFFEE5" }), "coupon");
    await say({ location: TIANHE });
    const quote = one(await say({ text: "两杯大杯拿铁" }), "quote");
    expect(quote).toMatchObject({ fulfillment: "delivery", totalCents: 5900, couponCode: "COFFEE5" });
    const memberId = (await resolveMember(db, { channel: "local", externalId: user })).id;
    return { orderId: quote.orderId, memberId, say };
  }

  async function held(user: string) {
    const q = await quoted(user);
    expect((await post(event("payment.authorized", q.orderId, `evt_auth_${user}`))).statusCode).toBe(200);
    return q;
  }

  const event = (type: string, orderId: string, id: string, amountCents = 5900, currency = "CNY") => ({ id, type, orderId, amountCents, currency });

  const post = (body: object) => {
    const raw = JSON.stringify(body);
    return app.inject({
      method: "POST", url: "/payments/sandbox/webhook", payload: raw,
      headers: { "content-type": "application/json", "o2o-signature": signWebhook(SECRET, raw, Math.floor(NOON.getTime() / 1000)) },
    });
  };

  const stock = async () => (await db.prisma.inventory.findMany({ where: { storeId: "sb-zhengjia", productId: "sb-latte" } })).reduce((n, i) => n + i.quantity, 0);
  const order = (id: string) => db.prisma.order.findUniqueOrThrow({ where: { id } });
  const payments = (orderId: string) => db.prisma.payment.findMany({ where: { orderId }, select: { status: true, amountCents: true } });
  const coupon = (memberId: string) => db.prisma.memberCoupon.findFirstOrThrow({ where: { memberId, couponCode: "COFFEE5" } });

  it("payment.authorized holds a quote: stock and coupon reserved, the order goes to the store; replays change nothing", async () => {
    const before = await stock();
    const { orderId, memberId } = await quoted("hold-amy");
    const ev = event("payment.authorized", orderId, "evt_auth_replay");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(ev));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.json())).toEqual([false, true, true, true].map((duplicate) => ({ ok: true, orderId, status: "authorized", duplicate })));
    expect(await order(orderId)).toMatchObject({ status: "authorized", paidAt: null });
    expect(await payments(orderId)).toEqual([{ status: "authorized", amountCents: 5900 }]);
    expect(await stock()).toBe(before - 2);
    expect((await coupon(memberId)).status).toBe("reserved");
    expect(await db.prisma.orderStatusChange.count({ where: { orderId, to: "authorized" } })).toBe(1);
    // the member hears it once
    expect(await db.prisma.outboxMessage.count({ where: { memberId, dedupeKey: `order:${orderId}:authorized` } })).toBe(1);
  });

  it("payment.authorized also holds an order already waiting on its payment link, without the member's one-tap limits", async () => {
    const { orderId, say } = await quoted("hold-ben");
    one(await say({ tap: `confirm:${orderId}` }), "payment_link");
    expect((await post(event("payment.authorized", orderId, "evt_auth_link"))).statusCode).toBe(200);
    expect((await order(orderId)).status).toBe("authorized");
    expect(await payments(orderId)).toEqual([{ status: "authorized", amountCents: 5900 }]);
  });

  it("refuses a wrong amount or currency with 409 and holds nothing", async () => {
    const before = await stock();
    const { orderId } = await quoted("hold-cy");
    const r = await post(event("payment.authorized", orderId, "evt_auth_amount", 6400));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe("PAYMENT_MISMATCH");
    expect((await post(event("payment.authorized", orderId, "evt_auth_currency", 5900, "USD"))).statusCode).toBe(409);
    expect((await order(orderId)).status).toBe("quote");
    expect(await stock()).toBe(before);
    // the hold itself is checked the same way
    await post(event("payment.authorized", orderId, "evt_auth_cy"));
    expect((await post(event("payment.captured", orderId, "evt_cap_amount", 100))).statusCode).toBe(409);
    expect((await post(event("payment.voided", orderId, "evt_void_amount", 100))).statusCode).toBe(409);
    expect(await payments(orderId)).toEqual([{ status: "authorized", amountCents: 5900 }]);
  });

  it("refuses events for an order in the wrong state with 409", async () => {
    const paid = await quoted("hold-dan");
    one(await paid.say({ tap: `confirm:${paid.orderId}` }), "payment_link");
    expect((await post(event("payment.succeeded", paid.orderId, "evt_paid_dan"))).statusCode).toBe(200);
    const r = await post(event("payment.authorized", paid.orderId, "evt_auth_paid"));
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: "ORDER_NOT_PAYABLE", message: "the order is already paid" });
    // nothing was held: nothing to capture or void
    const open = await quoted("hold-dan-2");
    const cap = await post(event("payment.captured", open.orderId, "evt_cap_unheld"));
    expect(cap.statusCode).toBe(409);
    expect(cap.json().error.code).toBe("NOT_HELD");
    expect((await post(event("payment.voided", open.orderId, "evt_void_unheld"))).statusCode).toBe(409);
    expect((await post(event("payment.captured", "no-such-order", "evt_cap_missing"))).statusCode).toBe(409);
    expect((await order(open.orderId)).status).toBe("quote");
  });

  it("payment.captured takes the hold once (coupon redeemed, status unchanged); the courier's completion does not charge again", async () => {
    const { orderId, memberId } = await held("hold-eve");
    const cap = event("payment.captured", orderId, "evt_cap_eve");
    const answers = await Promise.all([post(cap), post(cap), post(cap)]);
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(await order(orderId)).toMatchObject({ status: "authorized", paidAt: NOON });
    expect(await payments(orderId)).toEqual([{ status: "captured", amountCents: 5900 }]);
    expect((await coupon(memberId)).status).toBe("redeemed");
    // another capture event for the same hold is refused
    const again = await post(event("payment.captured", orderId, "evt_cap_eve_2"));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("ALREADY_PAID");

    for (const to of ["accepted", "ready", "out_for_delivery", "completed"] as const) {
      expect((await moveOrder(db, { orderId, to, actor: "staff:test", at: NOON, storeId: "sb-zhengjia" })).ok).toBe(true);
    }
    expect((await order(orderId)).status).toBe("completed");
    expect(await payments(orderId)).toEqual([{ status: "captured", amountCents: 5900 }]);
    expect(await db.prisma.redemption.count({ where: { orderId } })).toBe(1);
    // the ledger holds one accepted capture (the refused second event is recorded as refused)
    expect(await db.prisma.paymentEvent.count({ where: { orderId, type: "payment.captured", result: { startsWith: "accepted" } } })).toBe(1);
  });

  it("payment.voided cancels the held order: stock and coupon come back; replays change nothing", async () => {
    const before = await stock();
    const { orderId, memberId } = await held("hold-fay");
    expect(await stock()).toBe(before - 2);
    const ev = event("payment.voided", orderId, "evt_void_fay");
    expect((await post(ev)).json()).toEqual({ ok: true, orderId, status: "cancelled", duplicate: false });
    expect((await post(ev)).json()).toEqual({ ok: true, orderId, status: "cancelled", duplicate: true });
    expect((await order(orderId)).status).toBe("cancelled");
    expect(await payments(orderId)).toEqual([{ status: "voided", amountCents: 5900 }]);
    expect(await stock()).toBe(before);
    expect((await coupon(memberId)).status).toBe("claimed");
    expect(await db.prisma.orderStatusChange.count({ where: { orderId, to: "cancelled" } })).toBe(1);
    // a capture after the void finds nothing to take
    expect((await post(event("payment.captured", orderId, "evt_cap_after_void"))).statusCode).toBe(409);
  });

  it("a void cannot cancel an order already out for delivery (409), and cancelling a captured order refunds it", async () => {
    const moving = await held("hold-gus");
    for (const to of ["accepted", "ready", "out_for_delivery"] as const) await moveOrder(db, { orderId: moving.orderId, to, actor: "staff:test", at: NOON });
    const r = await post(event("payment.voided", moving.orderId, "evt_void_moving"));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe("INVALID_TRANSITION");
    expect(await payments(moving.orderId)).toEqual([{ status: "authorized", amountCents: 5900 }]);

    const taken = await held("hold-hal");
    expect((await post(event("payment.captured", taken.orderId, "evt_cap_hal"))).statusCode).toBe(200);
    expect((await moveOrder(db, { orderId: taken.orderId, to: "cancelled", actor: "staff:test", at: NOON })).ok).toBe(true);
    expect(await payments(taken.orderId)).toEqual([{ status: "refunded", amountCents: 5900 }]);
  });
});
