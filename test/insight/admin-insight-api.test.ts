// The insight routes of the admin API: token-protected, paginated, validated, described in OpenAPI, and serving the
// same figures as the use cases (`o2o report`), on both databases.
import pino from "pino";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeReport } from "../../src/app/insight/store-report.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { BRAND, generateDataset, paidCheckoutMs, percentileCont, STORE_IDS, TILL_STORES } from "./insight-dataset.ts";

const TOKEN = "insight-admin-token";
const ROUTES = ["report", "funnel/stores", "funnel/campaigns", "demand", "demand/grid", "timeline"];

describe.each(DATABASES)("the insight admin API on %s", { timeout: 60_000 }, (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb(kind);
    await generateDataset(db, { members: 600, orders: 1500, demand: 400 });
    app = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [adminApiRoutes({ token: TOKEN, routes: allAdminRoutes({ db, clock: () => new Date("2026-11-20T00:00:00Z") }) })] });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const get = async (url: string, token: string | null = TOKEN) => {
    const r = await app.inject({ method: "GET", url: `/admin/api${url}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: r.statusCode, body: r.json() };
  };

  it("refuses every insight route without the admin token, accepts the dashboard's cookie", async () => {
    for (const route of ROUTES) {
      for (const token of [null, "wrong"]) {
        const r = await get(`/brands/${BRAND}/${route}`, token);
        expect([route, r.status, r.body.error.code]).toEqual([route, 401, "UNAUTHORIZED"]);
      }
    }
    const cookie = await app.inject({ method: "GET", url: `/admin/api/brands/${BRAND}/funnel/stores`, headers: { cookie: `o2o_admin=${TOKEN}` } });
    // the token itself is never accepted from a cookie (the dashboard's cookie holds a session secret)
    expect(cookie.statusCode).toBe(401);
  });

  it("serves the same report as the use case, with a period", async () => {
    const r = await get(`/brands/${BRAND}/report?from=2026-11-03T00:00:00Z&to=2026-11-07T00:00:00Z`);
    expect(r.status).toBe(200);
    const want = await storeReport(db, { brandId: BRAND, from: new Date("2026-11-03T00:00:00Z"), to: new Date("2026-11-07T00:00:00Z") });
    expect(r.body).toEqual(JSON.parse(JSON.stringify(want)));
    expect(r.body.totals.orders).toBeGreaterThan(0);
  });

  it("reports each store's checkout time as the median and p90 of its bills' scan → paid, none for a store without bills", async () => {
    const period = { from: new Date("2026-11-02T00:00:00Z"), to: new Date("2026-11-09T00:00:00Z") };
    const r = await get(`/brands/${BRAND}/report?from=${period.from.toISOString()}&to=${period.to.toISOString()}`);
    const want = await paidCheckoutMs(db, period);
    for (const id of STORE_IDS) {
      const ms = want.get(id) ?? [];
      const line = r.body.stores.find((s: { storeId: string }) => s.storeId === id);
      expect(line).toMatchObject(ms.length
        ? { billsPaid: ms.length, checkoutMedianMs: percentileCont(ms, 0.5), checkoutP90Ms: percentileCont(ms, 0.9) }
        : { billsPaid: 0, checkoutMedianMs: null, checkoutP90Ms: null });
      expect(ms.length > 0).toBe(TILL_STORES.includes(id));
    }
    const all = [...want.values()].flat();
    expect(r.body.totals).toMatchObject({ billsPaid: all.length, checkoutMedianMs: percentileCont(all, 0.5), checkoutP90Ms: percentileCont(all, 0.9) });
  });

  it("pages through the store funnel and the campaign funnel", async () => {
    const all = (await get(`/brands/${BRAND}/funnel/stores?limit=500`)).body;
    expect(all.total).toBe(STORE_IDS.length);
    const pages = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: { items: unknown[]; nextOffset: number | null } = (await get(`/brands/${BRAND}/funnel/stores?limit=4&offset=${offset}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(4);
      pages.push(...page.items);
      offset = page.nextOffset;
    }
    expect(pages).toEqual(all.items);
    const report = (await storeReport(db, { brandId: BRAND }))!;
    expect(all.items.map((s: { storeId: string; orders: number; claimed: number }) => [s.storeId, s.orders, s.claimed])).toEqual(report.stores.map((s) => [s.storeId, s.orders, s.claimed]));

    const first = (await get(`/brands/${BRAND}/funnel/campaigns?limit=2`)).body;
    expect([first.total, first.items.length, first.nextOffset]).toEqual([3, 2, 2]);
    const last = (await get(`/brands/${BRAND}/funnel/campaigns?limit=2&offset=2`)).body;
    expect([last.items.length, last.nextOffset]).toEqual([1, null]);
    expect([...first.items, ...last.items]).toEqual(JSON.parse(JSON.stringify(report.campaigns)));
  });

  it("lists unmet demand largest first, filtered by store and period, with a heat grid", async () => {
    const page = (await get(`/brands/${BRAND}/demand?limit=5`)).body;
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
    expect(page.items[0].count).toBeGreaterThanOrEqual(page.items[4].count);
    const ins2 = (await get(`/brands/${BRAND}/demand?limit=500&storeId=ins-2`)).body;
    expect(ins2.items.every((g: { storeId: string }) => g.storeId === "ins-2")).toBe(true);
    expect(ins2.items.reduce((s: number, g: { count: number }) => s + g.count, 0)).toBe(await db.prisma.demandEvent.count({ where: { storeId: "ins-2" } }));
    const grid = (await get(`/brands/${BRAND}/demand/grid`)).body;
    expect(grid.stores.map((s: { storeId: string }) => s.storeId)).toEqual(STORE_IDS);
    expect(grid.cells.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(await db.prisma.demandEvent.count({ where: { brandId: BRAND, lat: { not: null } } }));
  });

  it("draws the timeline of one campaign or all of them", async () => {
    const all = (await get(`/brands/${BRAND}/timeline`)).body;
    expect(all.timezone).toBe("Asia/Shanghai");
    expect(all.days.length).toBeGreaterThan(5);
    const one = (await get(`/brands/${BRAND}/timeline?campaignId=ins-c1`)).body;
    const sends = (b: { days: { sends: number }[] }) => b.days.reduce((s, d) => s + d.sends, 0);
    expect(sends(one)).toBe(await db.prisma.outboxMessage.count({ where: { campaignId: "ins-c1", status: "sent" } }));
    expect(sends(all)).toBeGreaterThan(sends(one));
  });

  it("says what is wrong: unknown brand, store or campaign, bad dates and limits", async () => {
    expect((await get(`/brands/nope/report`)).status).toBe(404);
    expect((await get(`/brands/nope/funnel/stores`)).body.error.code).toBe("NOT_FOUND");
    expect((await get(`/brands/${BRAND}/demand?storeId=other-0`)).status).toBe(404);
    expect((await get(`/brands/${BRAND}/timeline?campaignId=oth-c`)).status).toBe(404);
    const bad = await get(`/brands/${BRAND}/report?from=yesterday`);
    expect([bad.status, bad.body.error.code]).toEqual([400, "INVALID_INPUT"]);
    expect(bad.body.error.message).toMatch(/from/);
    expect((await get(`/brands/${BRAND}/demand?limit=0`)).status).toBe(400);
  });

  it("describes every insight route in the OpenAPI document", async () => {
    const doc = (await get("/openapi.json", null)).body;
    for (const route of ROUTES) {
      const op = doc.paths[`/admin/api/brands/{brandId}/${route}`]?.get;
      expect(op, route).toBeDefined();
      expect(op.tags).toEqual(["insight"]);
      expect(op.responses["200"].content["application/json"].schema).toBeDefined();
      expect(op.responses["401"]).toBeDefined();
    }
    const names = (route: string) => doc.paths[`/admin/api/brands/{brandId}/${route}`].get.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
    expect(names("funnel/stores")).toEqual(["path:brandId", "query:limit", "query:offset", "query:from", "query:to"]);
    expect(names("demand")).toContain("query:storeId");
    expect(names("timeline")).toContain("query:campaignId");
  });
});
