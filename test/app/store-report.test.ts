// The merchant report's figures equal independent SQL counts over a generated data set, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { storeReport } from "../../src/app/insight/store-report.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { tempFile } from "../support/catalog.ts";

const STORES = 10;
const catalog = {
  brands: [{ id: "rb", name: "Report Brand" }],
  stores: Array.from({ length: STORES }, (_, i) => ({ id: `rb-${i}`, brandId: "rb", name: `RB ${i}`, lat: 23 + i * 0.05, lng: 113, services: ["delivery", "pickup"], deliveryRadiusMeters: 2000 })),
  products: [{ id: "rb-p", brandId: "rb", name: "Thing", priceCents: 1000, sizes: ["S", "M"] }],
  coupons: [{ code: "RBX", brandId: "rb", kind: "amount", value: 100, validFrom: "2026-01-01T00:00:00Z", validTo: "2027-01-01T00:00:00Z", perMemberLimit: 1 }],
};

describe.each(DATABASES)("store report on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    expect((await importCatalogFile(db, tempFile("c.json", JSON.stringify(catalog)))).ok).toBe(true);
    // a deterministic generated data set: members around the stores, orders in several statuses, claims, redemptions, demand
    const members = Array.from({ length: 300 }, (_, i) => ({ id: `m${i}`, areaLat: 23 + (i % STORES) * 0.05, areaLng: 113.001 }));
    await db.prisma.member.createMany({ data: members });
    const statuses = ["paid", "completed", "cancelled", "pending_payment", "shipped"];
    await db.prisma.order.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        id: `o${i}`, memberId: `m${i % 300}`, brandId: "rb", storeId: `rb-${i % STORES}`, creditedStoreId: `rb-${(i * 7) % STORES}`, status: statuses[i % statuses.length],
        fulfillment: "pickup", subtotalCents: 1000 + i, totalCents: 1000 + i, paidAt: new Date("2026-06-01T00:00:00Z"),
      })),
    });
    await db.prisma.memberCoupon.createMany({ data: members.map((m) => ({ id: `mc-${m.id}`, memberId: m.id, couponCode: "RBX", status: Number(m.id.slice(1)) % 3 === 0 ? "redeemed" : "claimed" })) });
    await db.prisma.redemption.createMany({
      data: members.filter((m) => Number(m.id.slice(1)) % 3 === 0).map((m, i) => ({ memberCouponId: `mc-${m.id}`, couponCode: "RBX", memberId: m.id, storeId: `rb-${i % STORES}`, channel: i % 2 ? "online" : "offline" })),
    });
    await db.prisma.demandEvent.createMany({ data: Array.from({ length: 90 }, (_, i) => ({ brandId: "rb", productId: "rb-p", productName: "Thing", size: i % 4 ? "M" : "S", reason: "out_of_stock", storeId: `rb-${i % 3}` })) });
  });
  afterAll(async () => db.drop());

  it("orders, revenue, redemptions, claims and demand per store equal independent SQL counts", async () => {
    const r = (await storeReport(db, { brandId: "rb" }))!;
    expect(r.stores).toHaveLength(STORES);
    const q = (sql: string) => db.prisma.$queryRawUnsafe<{ s: string; n: number | bigint; v: number | bigint | null }[]>(sql);
    const paid = `'paid','accepted','ready','out_for_delivery','shipped','completed'`;
    const orders = await q(`SELECT "creditedStoreId" AS s, COUNT(*) AS n, SUM("totalCents") AS v FROM "Order" WHERE "brandId"='rb' AND "status" IN (${paid}) GROUP BY "creditedStoreId"`);
    const reds = await q(`SELECT "storeId" AS s, COUNT(*) AS n, NULL AS v FROM "Redemption" GROUP BY "storeId"`);
    const demand = await q(`SELECT "storeId" AS s, COUNT(*) AS n, NULL AS v FROM "DemandEvent" WHERE "brandId"='rb' GROUP BY "storeId"`);
    for (const line of r.stores) {
      const o = orders.find((x) => x.s === line.storeId);
      expect(line.orders).toBe(Number(o?.n ?? 0));
      expect(line.revenueCents).toBe(Number(o?.v ?? 0));
      expect(line.redeemed).toBe(Number(reds.find((x) => x.s === line.storeId)?.n ?? 0));
      expect(line.unmetDemand.reduce((s, d) => s + d.count, 0)).toBe(Number(demand.find((x) => x.s === line.storeId)?.n ?? 0));
    }
    // every claim is credited to the store whose area holds the member (each member sits 100 m from one store)
    expect(r.totals.claimed).toBe(300);
    expect(r.stores.every((l) => l.claimed === 30)).toBe(true);
    expect(r.stores.find((l) => l.storeId === "rb-0")!.unmetDemand[0]).toMatchObject({ productId: "rb-p", size: "M" });
  });

  it("filters by period", async () => {
    const r = (await storeReport(db, { brandId: "rb", from: new Date("2026-07-01T00:00:00Z") }))!;
    expect(r.totals.orders).toBe(0);
    expect(await storeReport(db, { brandId: "nope" })).toBeNull();
  });
});
