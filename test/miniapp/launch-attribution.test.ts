// A Mini App opened from a startapp link (t.me/<bot>?startapp=c-<campaign> / store-<id>) is attributed like a chat deep link.
import pino from "pino";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBot } from "../../src/bot-config.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { signInitData } from "../../src/miniapp/init-data.ts";
import { parseStartParam } from "../../src/miniapp/launch-attribution.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { miniAppRoutes } from "../../src/server/routes/mini-app.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const SECRET = "launch-test-secret";
const TOKEN = "1000:market-token";
const nowSec = Math.floor(NOON.getTime() / 1000);
const tma = (userId: number, startParam?: string) => ({
  authorization: `tma ${signInitData({ auth_date: String(nowSec - 60), query_id: "q1", user: JSON.stringify({ id: userId, first_name: `U${userId}` }), ...(startParam ? { start_param: startParam } : {}) }, TOKEN)}`,
});

describe("startapp parameters", () => {
  it.each([
    ["c-cm123", { campaignId: "cm123" }],
    ["c_cm123", { campaignId: "cm123" }],
    ["store-sb-tianhe", { storeId: "sb-tianhe" }],
    ["store_sb-tianhe", { storeId: "sb-tianhe" }],
    ["coupon-LATTE8", { couponCode: "LATTE8" }],
    ["brand_starbucks", {}],
    ["", {}],
    [null, {}],
  ])("%s points at %o", (param, target) => {
    expect(parseStartParam(param)).toEqual(target);
  });
});

describe.each(DATABASES)("Mini App launch attribution on %s", (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  let campaignId: string;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    campaignId = (await db.prisma.campaign.create({ data: { brandId: "starbucks", text: "拿铁8折", audience: { kind: "followers" }, at: NOON, status: "done" } })).id;
    app = await buildServer({
      logger: pino({ level: "silent" }),
      isReady: () => true,
      routes: [miniAppRoutes({ db, clock: () => NOON, publicUrl: "https://shop.test", secret: SECRET, bots: [{ bot: findBot("marketplace"), token: TOKEN }] })],
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const me = (headers: Record<string, string>) => app.inject({ method: "GET", url: "/app/api/me", headers });

  it("records one touch per launch and credits the campaign with the Mini App order", async () => {
    const h = tma(5101, `c-${campaignId}`);
    const first = await me(h);
    expect(first.statusCode).toBe(200);
    expect(first.json().startParam).toBe(`c-${campaignId}`);
    await me(h); // the app asks again on every page load: still one launch
    const member = first.json().member.id;
    expect(await db.prisma.touch.findMany({ where: { memberId: member }, select: { kind: true, campaignId: true, brandId: true } })).toEqual([{ kind: "miniapp", campaignId, brandId: "starbucks" }]);

    const cart = { storeId: "sb-zhujiang", items: [{ productId: "sb-latte", size: "大杯", quantity: 1 }] };
    const quote = await app.inject({ method: "POST", url: "/app/api/quote", payload: cart, headers: h });
    expect(quote.statusCode).toBe(200);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.json().quote.orderId } })).campaignId).toBe(campaignId);
  });

  it("records a store launch with its store and brand; an unknown or plain launch records nothing", async () => {
    const store = await me(tma(5102, "store_sb-tianhe"));
    expect(await db.prisma.touch.findMany({ where: { memberId: store.json().member.id }, select: { kind: true, storeId: true, brandId: true } })).toEqual([{ kind: "miniapp", storeId: "sb-tianhe", brandId: "starbucks" }]);
    for (const [user, param] of [[5103, "store-nope"], [5104, undefined], [5105, "hello"]] as const) {
      const r = await me(tma(user, param));
      expect(r.statusCode).toBe(200);
      const touches = await db.prisma.touch.findMany({ where: { memberId: r.json().member.id } });
      expect(touches.every((t) => t.storeId === null && t.campaignId === null)).toBe(true);
    }
  });
});
