// The console's admin API with bad input: every refusal is a clear 4xx naming the problem, and nothing is half-written.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { claimCoupon } from "../../src/app/coupons/coupon-use-cases.ts";
import { resolveMember } from "../../src/app/members.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const TOKEN = "console-token";

describe.each(DATABASES)("the console API on %s", (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    app = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [adminApiRoutes({ token: TOKEN, brandTokens: { gxg: "gxg-token" }, routes: allAdminRoutes({ db, clock: () => NOON }) })] });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const call = (method: "GET" | "POST" | "PUT", url: string, body?: unknown, token = TOKEN) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });

  it("two managers editing the same stock: the second gets a conflict with the current quantity, never a silent overwrite", async () => {
    const line = { productId: "gxg-jeans", size: "32" };
    const seen = (await db.prisma.inventory.findUnique({ where: { storeId_productId_size: { storeId: "gxg-tianhe", ...line } } }))?.quantity ?? 0;
    const first = await call("PUT", "/admin/api/stores/gxg-tianhe/stock", { ...line, quantity: seen + 5, expected: seen });
    expect(first.statusCode).toBe(200);
    const second = await call("PUT", "/admin/api/stores/gxg-tianhe/stock", { ...line, quantity: 1, expected: seen });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(new RegExp(`now ${seen + 5}`));
    const after = await db.prisma.inventory.findUnique({ where: { storeId_productId_size: { storeId: "gxg-tianhe", ...line } } });
    expect(after?.quantity).toBe(seen + 5);
  });

  it("refuses negative stock, an unknown size, and another brand's store for a brand manager", async () => {
    const neg = await call("PUT", "/admin/api/stores/gxg-tianhe/stock", { productId: "gxg-jeans", size: "32", quantity: -1, expected: 0 });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.message).toMatch(/negative/);
    const size = await call("PUT", "/admin/api/stores/gxg-tianhe/stock", { productId: "gxg-jeans", size: "99", quantity: 1, expected: 0 });
    expect(size.statusCode).toBe(400);
    const foreign = await call("PUT", "/admin/api/stores/sb-tianhe/stock", { productId: "sb-latte", size: "大杯", quantity: 1, expected: 0 }, "gxg-token");
    expect(foreign.statusCode).toBe(403);
  });

  it("a stock CSV with one bad row writes nothing and names the row", async () => {
    const before = await db.prisma.inventory.findMany({ where: { storeId: "gxg-wushan" }, orderBy: [{ productId: "asc" }, { size: "asc" }] });
    const csv = "storeId,productId,size,quantity\ngxg-wushan,gxg-shirt,M,77\ngxg-wushan,gxg-shirt,L,-3\n";
    const r = await call("POST", "/admin/api/brands/gxg/stock/csv", { csv });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/row 3|line 3|-3|negative/i);
    expect(await db.prisma.inventory.findMany({ where: { storeId: "gxg-wushan" }, orderBy: [{ productId: "asc" }, { size: "asc" }] })).toEqual(before);
    const ok = await call("POST", "/admin/api/brands/gxg/stock/csv", { csv: "storeId,productId,size,quantity\ngxg-wushan,gxg-shirt,M,77\n" });
    expect(ok.json()).toEqual({ rows: 1 });
  });

  it("refuses a coupon with a percent over 100 or an end before its start, and counts a good one", async () => {
    const base = { code: "NEW20", kind: "percent", value: 80, validFrom: "2026-12-01T00:00:00+08:00", validTo: "2026-12-31T00:00:00+08:00", storeIds: ["gxg-tianhe"] };
    const over = await call("POST", "/admin/api/brands/gxg/coupons", { ...base, value: 120 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toMatch(/1-100/);
    const backwards = await call("POST", "/admin/api/brands/gxg/coupons", { ...base, validTo: "2026-11-01T00:00:00+08:00" });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toMatch(/after validFrom/);
    const otherStore = await call("POST", "/admin/api/brands/gxg/coupons", { ...base, storeIds: ["sb-tianhe"] });
    expect(otherStore.statusCode).toBe(400);
    expect(await db.prisma.coupon.count({ where: { code: "NEW20" } })).toBe(0);
    const ok = await call("POST", "/admin/api/brands/gxg/coupons", base);
    expect(ok.statusCode).toBe(201);
    const list = (await call("GET", "/admin/api/brands/gxg/coupons")).json().items;
    expect(list.find((c: { code: string }) => c.code === "NEW20")).toMatchObject({ claimed: 0, redeemed: 0, value: 80 });
    expect((await call("POST", "/admin/api/brands/gxg/coupons", base)).statusCode).toBe(409);
  });

  it("a paused coupon takes no new claims, one already claimed stays in the wallet, and resuming opens it again", async () => {
    const early = await resolveMember(db, { channel: "local", externalId: "pause-early" });
    const late = await resolveMember(db, { channel: "local", externalId: "pause-late" });
    expect((await claimCoupon(db, { memberId: early.id, code: "COFFEE5", botBrandIds: null, at: NOON })).ok).toBe(true);
    const paused = await call("POST", "/admin/api/coupons/coffee5/pause", { paused: true });
    expect(paused.json()).toMatchObject({ code: "COFFEE5", paused: true });
    const refused = await claimCoupon(db, { memberId: late.id, code: "COFFEE5", botBrandIds: null, at: NOON });
    expect(refused).toMatchObject({ ok: false, error: { code: "COUPON_PAUSED" } });
    expect(await claimCoupon(db, { memberId: early.id, code: "COFFEE5", botBrandIds: null, at: NOON })).toMatchObject({ ok: true, value: { alreadyClaimed: true } });
    expect((await call("POST", "/admin/api/coupons/COFFEE5/pause", { paused: true }, "gxg-token")).statusCode).toBe(403);
    expect((await call("POST", "/admin/api/coupons/NOPE/pause", { paused: true })).statusCode).toBe(404);
    await call("POST", "/admin/api/coupons/COFFEE5/pause", { paused: false });
    expect((await claimCoupon(db, { memberId: late.id, code: "COFFEE5", botBrandIds: null, at: NOON })).ok).toBe(true);
  });

  it("refuses a campaign in the past; previews the audience of one near a store without writing it", async () => {
    const past = await call("POST", "/admin/api/brands/gxg/campaigns", { text: "hello", at: "2026-11-01T10:00:00+08:00" });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toMatch(/past/);
    const before = await db.prisma.campaign.count();
    const preview = await call("POST", "/admin/api/brands/gxg/campaigns/preview", { text: "hello", audience: "all", nearStoreId: "gxg-tianhe", radiusMeters: 3000, at: "2026-12-01T10:00:00+08:00" });
    expect([200, 400]).toContain(preview.statusCode);
    if (preview.statusCode === 200) expect(typeof preview.json().audienceSize).toBe("number");
    else expect(preview.json().error.message).toBeTruthy();
    expect(await db.prisma.campaign.count()).toBe(before);
  });

  it("creates a staff invite and a store QR code as SVG and PNG; every console route is in the OpenAPI document", async () => {
    const inv = await call("POST", "/admin/api/stores/gxg-tianhe/staff/invites", { role: "manager" });
    expect(inv.statusCode).toBe(201);
    expect(inv.json()).toMatchObject({ storeId: "gxg-tianhe", role: "manager" });
    const staff = (await call("GET", "/admin/api/brands/gxg/staff")).json();
    expect(staff.invites.some((i: { code: string }) => i.code === inv.json().code)).toBe(true);
    const svg = (await call("GET", "/admin/api/stores/gxg-tianhe/qr?format=svg")).json();
    expect(svg.data).toMatch(/^<svg/);
    expect(svg.link).toMatch(/start=store-gxg-tianhe$/);
    expect((await call("GET", "/admin/api/stores/gxg-tianhe/qr?format=png")).json().data).toMatch(/^data:image\/png;base64,/);
    const doc = (await app.inject({ method: "GET", url: "/admin/api/openapi.json" })).json();
    for (const p of ["/admin/api/brands/{brandId}/orders", "/admin/api/orders/{id}/move", "/admin/api/stores/{storeId}/stock", "/admin/api/brands/{brandId}/stock/csv", "/admin/api/brands/{brandId}/coupons", "/admin/api/coupons/{code}/pause", "/admin/api/brands/{brandId}/products", "/admin/api/brands/{brandId}/campaigns/preview", "/admin/api/stores/{storeId}/staff/invites", "/admin/api/stores/{storeId}/qr"]) {
      expect(doc.paths[p], p).toBeTruthy();
    }
  });
});
