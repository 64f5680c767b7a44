// On-time delivery per store: completed delivery orders completed within the store's promise after payment, over
// completed delivery orders; no figure without a promise or without such orders. Known values on both databases,
// through the use case, the admin API and `o2o report`.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { storeReport } from "../../src/app/insight/store-report.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { tempFile } from "../support/catalog.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { o2o } from "../support/processes.ts";

const store = (id: string, brandId: string, extra: object = {}) => ({ id, brandId, name: id, lat: 30.25, lng: 120.16, services: ["delivery", "pickup"], deliveryRadiusMeters: 3000, ...extra });
const CATALOG = {
  brands: [{ id: "ot", name: "准时", deliveryPromiseMinutes: 15 }, { id: "np", name: "不承诺" }],
  stores: [store("ot-a", "ot", { deliveryPromiseMinutes: 20 }), store("ot-b", "ot"), store("ot-c", "ot"), store("np-c", "np")],
};
const PAID = new Date("2026-11-05T10:00:00Z");
const IN_PERIOD = { from: new Date("2026-11-05T00:00:00Z"), to: new Date("2026-11-06T00:00:00Z") };
let n = 0;
/** An order paid at PAID (or `paidAt`), completed `minutes` later (null: not completed). */
const order = (storeId: string, minutes: number | null, o: { fulfillment?: string; status?: string; paidAt?: Date } = {}) => {
  const paidAt = o.paidAt ?? PAID;
  return {
    id: `ot-order-${n++}`, brandId: storeId.split("-")[0], storeId, creditedStoreId: storeId, fulfillment: o.fulfillment ?? "delivery",
    status: o.status ?? (minutes === null ? "out_for_delivery" : "completed"), subtotalCents: 1000, totalCents: 1000,
    paidAt, completedAt: minutes === null ? null : new Date(paidAt.getTime() + minutes * 60_000),
  };
};

describe.each(DATABASES)("on-time delivery in the report, on %s", { timeout: 60_000 }, (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    expect((await importCatalogFile(db, tempFile("on-time.json", JSON.stringify(CATALOG)))).ok).toBe(true);
    await db.prisma.order.createMany({
      data: [
        // ot-a promises 20 minutes: 10 and exactly 20 are on time, 21 and 30 are late → 2 of 4
        order("ot-a", 10), order("ot-a", 20), order("ot-a", 21), order("ot-a", 30),
        // not counted: a pickup, a delivery still on its way, a cancelled one, one paid the day before the period
        order("ot-a", 5, { fulfillment: "pickup" }), order("ot-a", null), order("ot-a", 5, { status: "cancelled" }),
        order("ot-a", 5, { paidAt: new Date("2026-11-04T10:00:00Z") }),
        // ot-b has the brand's 15 minutes: 14 on time; 15.5 and 16 late → 1 of 3
        order("ot-b", 14), order("ot-b", 15.5), order("ot-b", 16),
        // np-c's brand promises nothing: completed deliveries, but no share
        order("np-c", 5), order("np-c", 50),
      ],
    });
  });
  afterAll(async () => db.drop());

  it("the use case: per store against its own or its brand's promise, and in total", async () => {
    const r = (await storeReport(db, { brandId: "ot", ...IN_PERIOD }))!;
    const line = (id: string) => r.stores.find((s) => s.storeId === id);
    expect(line("ot-a")).toMatchObject({ deliveryPromiseMinutes: 20, deliveriesCompleted: 4, deliveriesOnTime: 2, onTimeShare: 0.5 });
    expect(line("ot-b")).toMatchObject({ deliveryPromiseMinutes: 15, deliveriesCompleted: 3, deliveriesOnTime: 1, onTimeShare: 1 / 3 });
    expect(line("ot-c")).toMatchObject({ deliveryPromiseMinutes: 15, deliveriesCompleted: 0, deliveriesOnTime: 0, onTimeShare: null });
    expect(r.totals).toMatchObject({ deliveriesCompleted: 7, deliveriesOnTime: 3, onTimeShare: 3 / 7 });
    // without a period, the order paid the day before counts too (5 minutes: on time)
    expect((await storeReport(db, { brandId: "ot" }))!.stores.find((s) => s.storeId === "ot-a")).toMatchObject({ deliveriesCompleted: 5, deliveriesOnTime: 3, onTimeShare: 0.6 });
  });

  it("no share for a store without a promise", async () => {
    const r = (await storeReport(db, { brandId: "np", ...IN_PERIOD }))!;
    expect(r.stores.find((s) => s.storeId === "np-c")).toMatchObject({ deliveryPromiseMinutes: null, deliveriesCompleted: 2, deliveriesOnTime: 0, onTimeShare: null });
    expect(r.totals).toMatchObject({ deliveriesCompleted: 0, onTimeShare: null });
  });

  it("the admin API serves the same figures", async () => {
    const token = "on-time-token";
    const app = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [adminApiRoutes({ token, routes: allAdminRoutes({ db, clock: () => new Date("2026-11-20T00:00:00Z") }) })] });
    try {
      const res = await app.inject({ method: "GET", url: `/admin/api/brands/ot/report?from=${IN_PERIOD.from.toISOString()}&to=${IN_PERIOD.to.toISOString()}`, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.stores.find((s: { storeId: string }) => s.storeId === "ot-a")).toMatchObject({ deliveryPromiseMinutes: 20, deliveriesCompleted: 4, deliveriesOnTime: 2, onTimeShare: 0.5 });
      expect(body.totals).toMatchObject({ deliveriesCompleted: 7, deliveriesOnTime: 3, onTimeShare: 3 / 7 });
    } finally {
      await app.close();
    }
  });

  it.runIf(kind === "sqlite")("o2o report shows the on-time column", () => {
    const r = o2o(["report", "--brand", "ot", "--from", IN_PERIOD.from.toISOString(), "--to", IN_PERIOD.to.toISOString()], { env: { DATABASE_URL: db.url } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/on time/);
    expect(lines.find((l) => l.startsWith("ot-a "))).toContain("50% (2 of 4, ≤20 min)");
    expect(lines.find((l) => l.startsWith("ot-b "))).toContain("33% (1 of 3, ≤15 min)");
    expect(lines.find((l) => l.startsWith("ot-c "))).toMatch(/\s—\s/);
    expect(lines.find((l) => l.startsWith("TOTAL"))).toContain("43% (3 of 7)");
  });
});
