// The Mini App's JSON API through fastify inject, on a fresh database with the demo catalog and a pinned clock.
import pino from "pino";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBot } from "../../src/bot-config.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { handleEvent } from "../../src/conversation/engine.ts";
import { signInitData } from "../../src/miniapp/init-data.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { miniAppRoutes } from "../../src/server/routes/mini-app.ts";
import { paymentRoutes } from "../../src/server/routes/payments.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, testDeps } from "../support/engine.ts";

const SECRET = "miniapp-test-secret";
const MARKET_TOKEN = "1000:market-token";
const STARBUCKS_TOKEN = "2000:starbucks-token";
const nowSec = Math.floor(NOON.getTime() / 1000);

const initData = (userId: number, opts: { token?: string; authDate?: number; name?: string } = {}) =>
  signInitData({ auth_date: String(opts.authDate ?? nowSec - 120), query_id: "q1", user: JSON.stringify({ id: userId, first_name: opts.name ?? `U${userId}`, language_code: "zh-hans" }) }, opts.token ?? MARKET_TOKEN);
const tma = (data: string) => ({ authorization: `tma ${data}` });

describe.each(DATABASES)("Mini App API on %s", (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    const clock = () => NOON;
    app = await buildServer({
      logger: pino({ level: "silent" }),
      isReady: () => true,
      routes: [
        paymentRoutes({ db, secret: SECRET, clock }),
        miniAppRoutes({
          db, clock, publicUrl: "http://shop.test", secret: SECRET, localSignIn: true,
          bots: [{ bot: findBot("marketplace"), token: MARKET_TOKEN }, { bot: findBot("starbucks"), token: STARBUCKS_TOKEN }],
        }),
      ],
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url, headers });
  const post = (url: string, payload: object, headers: Record<string, string> = {}) => app.inject({ method: "POST", url, payload, headers });

  async function webSignIn(name: string): Promise<Record<string, string>> {
    const r = await post("/app/api/session", { name });
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers["set-cookie"]).split(";")[0];
    expect(cookie).toMatch(/^o2o_session=/);
    return { cookie };
  }

  describe("authentication", () => {
    it("accepts valid Telegram initData as that Telegram user", async () => {
      const r = await get("/app/api/me", tma(initData(7001, { name: "Ming" })));
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ ok: true, member: { channel: "telegram", displayName: "Ming" }, botId: "marketplace" });
      const ident = await db.prisma.memberIdentity.findUnique({ where: { channel_externalId: { channel: "telegram", externalId: "7001" } } });
      expect(ident?.memberId).toBe(r.json().member.id);
    });

    it("refuses forged initData with 401 before showing or changing anything", async () => {
      const forged = initData(7002, { token: "666:not-our-bot" });
      for (const [method, url] of [["GET", "/app/api/me"], ["GET", "/app/api/wallet"], ["GET", "/app/api/orders"], ["GET", "/app/api/brands"]] as const) {
        const r = await app.inject({ method, url, headers: tma(forged) });
        expect(r.statusCode, url).toBe(401);
        expect(r.json().error).toMatchObject({ code: "UNAUTHORIZED", reason: "BAD_INIT_DATA" });
      }
      const claim = await post("/app/api/claim", { code: "LATTE8" }, tma(forged));
      expect(claim.statusCode).toBe(401);
      // a valid payload with the user swapped keeps the old hash: refused too
      const swapped = initData(7003).replace(encodeURIComponent('"id":7003'), encodeURIComponent('"id":7001'));
      expect((await get("/app/api/me", tma(swapped))).statusCode).toBe(401);
      expect(await db.prisma.memberIdentity.count({ where: { channel: "telegram", externalId: { in: ["7002", "7003"] } } })).toBe(0);
    });

    it("refuses stale initData (auth_date older than a day) with 401", async () => {
      const r = await get("/app/api/me", { ...tma(initData(7004, { authDate: nowSec - 25 * 3600 })), "accept-language": "en" });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.reason).toBe("STALE_INIT_DATA");
      expect(r.json().error.message).toMatch(/expired/);
    });

    it("needs a sign-in for member data, but lets anyone browse the catalog", async () => {
      expect((await get("/app/api/wallet")).statusCode).toBe(401);
      expect((await get("/app/api/orders")).json().error.message).toMatch(/登录/);
      expect((await get("/app/api/brands")).statusCode).toBe(200);
    });

    it("signs in locally with a name or phone as a web member, by cookie or bearer token", async () => {
      const r = await post("/app/api/session", { name: "138 0013 8000" });
      const { token, member } = r.json();
      expect(member.channel).toBe("web");
      expect(r.headers["set-cookie"]).toMatch(/HttpOnly/);
      expect((await get("/app/api/me", { authorization: `Bearer ${token}` })).json().member.id).toBe(member.id);
      expect((await get("/app/api/me", await webSignIn("13800138000"))).json().member.id).toBe(member.id);
      expect((await get("/app/api/me", { authorization: `Bearer ${token.slice(0, -2)}xx` })).statusCode).toBe(401);
      expect((await post("/app/api/session", { name: "" })).statusCode).toBe(400);
    });
  });

  describe("storefront", () => {
    it("lists stores nearest first, and a store's products with sizes, price and stock", async () => {
      const stores = (await get(`/app/api/stores?brand=starbucks&lat=${TIANHE.lat}&lng=${TIANHE.lng}`)).json().stores;
      expect(stores.map((s: { brandId: string }) => s.brandId)).toEqual(["starbucks", "starbucks", "starbucks", "starbucks"]);
      const d = stores.map((s: { distanceMeters: number }) => s.distanceMeters);
      expect(d).toEqual([...d].sort((a, b) => a - b));
      const shelf = (await get("/app/api/products?store=sb-zhujiang")).json();
      expect(shelf.store).toMatchObject({ id: "sb-zhujiang", openNow: true, fulfillment: "pickup" });
      const latte = shelf.products.find((p: { id: string }) => p.id === "sb-latte");
      expect(latte).toMatchObject({ priceCents: 3200, currency: "CNY", inStock: true });
      expect(latte.sizes).toEqual([{ size: "中杯", stock: 50 }, { size: "大杯", stock: 50 }, { size: "超大杯", stock: 20 }]);
      const croissant = shelf.products.find((p: { id: string }) => p.id === "sb-croissant");
      expect(croissant.sizes).toEqual([{ size: "", stock: 20 }]);
    });

    it("shows a brand bot's Mini App only that brand", async () => {
      const h = tma(initData(7010, { token: STARBUCKS_TOKEN }));
      expect((await get("/app/api/brands", h)).json().brands.map((b: { id: string }) => b.id)).toEqual(["starbucks"]);
      expect((await get("/app/api/products?store=gxg-tianhe", h)).statusCode).toBe(404);
      const me = (await get("/app/api/me", h)).json();
      expect(me).toMatchObject({ botId: "starbucks", brandIds: ["starbucks"] });
    });

    it("validates query input with a friendly 400", async () => {
      const r = await get("/app/api/stores?lat=999&lng=1", { "accept-language": "en" });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: "INVALID_INPUT" });
      expect(r.json().error.message).toMatch(/lat/);
    });
  });

  describe("cart and checkout", () => {
    it("refuses a cart with another brand's product, naming it", async () => {
      const h = await webSignIn("mixed-cart");
      const r = await post("/app/api/quote", { storeId: "sb-zhujiang", items: [{ productId: "sb-latte", size: "大杯", quantity: 1 }, { productId: "gxg-jeans", size: "30", quantity: 1 }] }, h);
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: "INVALID_INPUT", reason: "WRONG_BRAND" });
      expect(r.json().error.message).toContain("修身牛仔裤");
      const c = await post("/app/api/checkout", { storeId: "sb-zhujiang", items: [{ productId: "gxg-jeans", size: "30", quantity: 1 }], idempotencyKey: "mixedmixed01" }, { ...h, "accept-language": "en" });
      expect(c.statusCode).toBe(400);
      expect(c.json().error.message).toMatch(/GXG product/);
    });

    it("refuses a size that is out of stock at the store, naming the size", async () => {
      const h = await webSignIn("out-of-stock");
      const r = await post("/app/api/checkout", { storeId: "gxg-tianhe", items: [{ productId: "gxg-jeans", size: "32", quantity: 1 }], idempotencyKey: "oos-key-0001" }, h);
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe("OUT_OF_STOCK");
      expect(r.json().error.message).toMatch(/修身牛仔裤.*32.*售罄/);
      const more = await post("/app/api/quote", { storeId: "gxg-tianhe", items: [{ productId: "gxg-jeans", size: "31", quantity: 6 }] }, { ...h, "accept-language": "en" });
      expect(more.statusCode).toBe(409);
      expect(more.json().error.message).toMatch(/down to 5/);
      const noSize = await post("/app/api/quote", { storeId: "gxg-tianhe", items: [{ productId: "gxg-jeans", quantity: 1 }] }, h);
      expect(noSize.json().error.reason).toBe("INVALID_SIZE");
      const member = (await get("/app/api/me", h)).json().member.id;
      expect(await db.prisma.order.count({ where: { memberId: member } })).toBe(0);
    });

    it("applies a claimed coupon and checks out to a payment link, once for a double click", async () => {
      const h = await webSignIn("double-click");
      const claim = await post("/app/api/claim", { code: "latte8" }, h);
      expect(claim.json()).toMatchObject({ ok: true, alreadyClaimed: false, coupon: { code: "LATTE8", status: "claimed" } });
      const wallet = (await get("/app/api/wallet?store=sb-zhujiang", h)).json();
      expect(wallet.wallet).toEqual([expect.objectContaining({ code: "LATTE8", status: "claimed", usableHere: true })]);
      expect(wallet.claimable.map((c: { code: string }) => c.code)).not.toContain("LATTE8");

      const cart = { storeId: "sb-zhujiang", items: [{ productId: "sb-latte", size: "大杯", quantity: 1 }] };
      const quote = (await post("/app/api/quote", cart, h)).json().quote;
      expect(quote).toMatchObject({ couponCode: "LATTE8", subtotalCents: 3200, discountCents: 640, totalCents: 2560, fulfillment: "pickup", storeId: "sb-zhujiang" });

      // two clicks in flight at once, then a retry: one order, one link
      const body = { ...cart, quoteId: quote.orderId, idempotencyKey: "click-key-0001" };
      const [a, b] = await Promise.all([post("/app/api/checkout", body, h), post("/app/api/checkout", body, h)]);
      const c = await post("/app/api/checkout", body, h);
      for (const r of [a, b, c]) expect(r.statusCode).toBe(200);
      expect(new Set([a, b, c].map((r) => r.json().orderId))).toEqual(new Set([quote.orderId]));
      expect(new Set([a, b, c].map((r) => r.json().payment.url)).size).toBe(1);
      expect(a.json().payment).toMatchObject({ totalCents: 2560, currency: "CNY" });
      expect(a.json().payment.url).toMatch(/^http:\/\/shop\.test\/pay\//);
      const member = (await get("/app/api/me", h)).json().member.id;
      expect(await db.prisma.order.count({ where: { memberId: member, status: { not: "cancelled" } } })).toBe(1);

      // pay on the sandbox page; the app then shows it as paid
      const pay = await app.inject({ method: "POST", url: a.json().payment.url.replace("http://shop.test", "") });
      expect(pay.statusCode).toBe(200);
      const orders = (await get("/app/api/orders", h)).json().orders;
      expect(orders).toEqual([expect.objectContaining({ id: quote.orderId, status: "paid", totalCents: 2560, couponCode: "LATTE8" })]);
      expect(orders[0].statusText.zh).toBe("已支付，等待门店接单");
      // the coupon was used by this order
      expect((await get("/app/api/wallet", h)).json().wallet[0].status).toBe("redeemed");
      // checking out the same attempt again after paying does not charge twice
      const again = (await post("/app/api/checkout", body, h)).json();
      expect(again).toMatchObject({ orderId: quote.orderId, status: "paid", payment: null });
    });

    it("dedupes concurrent checkouts with the same key even without a shown quote", async () => {
      const h = await webSignIn("no-quote-double");
      const body = { storeId: "sb-zhujiang", items: [{ productId: "sb-americano", size: "中杯", quantity: 2 }], idempotencyKey: "no-quote-key-1" };
      const rs = await Promise.all([1, 2, 3].map(() => post("/app/api/checkout", body, h)));
      expect(rs.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      expect(new Set(rs.map((r) => r.json().orderId)).size).toBe(1);
      const member = (await get("/app/api/me", h)).json().member.id;
      expect(await db.prisma.order.count({ where: { memberId: member, status: "pending_payment" } })).toBe(1);
      const stock = await db.prisma.inventory.findUniqueOrThrow({ where: { storeId_productId_size: { storeId: "sb-zhujiang", productId: "sb-americano", size: "中杯" } } });
      expect(stock.quantity).toBe(48);
    });
  });

  describe("orders", () => {
    it("answers 404 for another member's order, and never lists it", async () => {
      const owner = tma(initData(7020));
      const other = await webSignIn("nosy-neighbour");
      const ck = (await post("/app/api/checkout", { storeId: "sb-zhujiang", items: [{ productId: "sb-croissant", quantity: 1 }], idempotencyKey: "owner-key-001" }, owner)).json();
      expect(ck.ok).toBe(true);
      expect((await get(`/app/api/orders/${ck.orderId}`, owner)).json().order).toMatchObject({ id: ck.orderId, status: "pending_payment" });
      const peek = await get(`/app/api/orders/${ck.orderId}`, other);
      expect(peek.statusCode).toBe(404);
      expect(peek.json().error.code).toBe("NOT_FOUND");
      expect((await post(`/app/api/orders/${ck.orderId}/pay`, {}, other)).statusCode).toBe(404);
      expect((await get("/app/api/orders", other)).json().orders).toEqual([]);
      // the owner can get the same payment link again
      const link = (await post(`/app/api/orders/${ck.orderId}/pay`, {}, owner)).json();
      expect(link.payment.url).toBe(ck.payment.url);
    });
  });

  describe("shared with the chat", () => {
    it("puts the Mini App's quote in the chat, where 确认 confirms it", async () => {
      const h = tma(initData(7030));
      const quote = (await post("/app/api/quote", { storeId: "sb-zhujiang", items: [{ productId: "sb-mocha", size: "大杯", quantity: 1 }] }, h)).json().quote;
      const deps = testDeps(db);
      deps.signer.secret = SECRET;
      const replies = await handleEvent(deps, { channel: "telegram", externalId: "7030" }, { text: "确认" });
      const link = replies.find((r) => r.type === "payment_link") as { orderId: string } | undefined;
      expect(link?.orderId).toBe(quote.orderId);
      // and the Mini App's orders show what the chat confirmed
      expect((await get("/app/api/orders", h)).json().orders[0]).toMatchObject({ id: quote.orderId, status: "pending_payment" });
    });
  });

  describe("static front end", () => {
    it("serves the storefront page and its modules under /app/", async () => {
      const page = await get("/app/?brand=starbucks");
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toMatch(/text\/html/);
      expect(page.body).toContain("./app.js");
      expect((await get("/app/app.js")).headers["content-type"]).toMatch(/javascript/);
      expect((await get("/app")).statusCode).toBe(302);
      expect((await get("/app/../package.json")).statusCode).toBe(404);
      expect((await get("/app/%2e%2e/package.json")).statusCode).toBe(404);
      expect((await get("/app/api/nope")).statusCode).toBe(404);
    });
  });
});
