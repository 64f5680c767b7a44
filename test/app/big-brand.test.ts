// One brand with 100,000 products (every one stocked): import, the storefront, a quote, the size-back notices and the
// report all work, with no query binding more parameters than the database allows, and the shelf answers fast.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalog } from "../../src/app/import-catalog.ts";
import { quoteOrder } from "../../src/app/ordering/quote-order.ts";
import { storeReport } from "../../src/app/insight/store-report.ts";
import { resolveMember } from "../../src/app/members.ts";
import { emptyCatalog, type Catalog, type Kind } from "../../src/catalog/catalog-schema.ts";
import { storeShelf } from "../../src/miniapp/storefront.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const N = 100_000;
const AT = { lat: 23.1317, lng: 113.3246 };

function bigCatalog(quantity: number): { catalog: Catalog; where: Record<Kind, string[]> } {
  const c = emptyCatalog();
  c.brands.push({ id: "big", name: "Big Brand", aliases: [], timezone: "Asia/Shanghai" });
  for (const id of ["big-1", "big-2"]) {
    c.stores.push({ id, brandId: "big", name: `Big ${id}`, lat: AT.lat, lng: AT.lng, address: "", openHours: "00:00-24:00", timezone: "Asia/Shanghai", services: ["pickup", "delivery"], deliveryRadiusMeters: 5000, flagship: false });
  }
  for (let i = 0; i < N; i++) {
    c.products.push({ id: `p${i}`, brandId: "big", name: `Product ${i}`, aliases: [], priceCents: 1000 + (i % 50), currency: "CNY", sizes: [], tags: [] });
    c.inventory.push({ storeId: "big-1", productId: `p${i}`, size: "", quantity });
  }
  const where = Object.fromEntries(Object.entries(c).map(([k, rows]) => [k, (rows as unknown[]).map((_, i) => `big.json:${k}[${i}]`)])) as Record<Kind, string[]>;
  return { catalog: c, where };
}

describe("a brand with 100,000 products (sqlite)", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("sqlite");
  }, 60_000);
  afterAll(async () => db?.drop());

  it("imports, serves the shelf in under 200 ms, quotes, tells waiting members their size is back, and reports", async () => {
    const first = await importCatalog(db, ...Object.values(bigCatalog(0)) as [Catalog, Record<Kind, string[]>], undefined, { at: NOON });
    expect(first).toMatchObject({ ok: true, counts: { products: N, inventory: N } });

    // 3,000 members each asked for a different product that was sold out
    const waiting = 3_000;
    const member = await resolveMember(db, { channel: "local", externalId: "waiter" });
    await db.prisma.demandEvent.createMany({
      data: Array.from({ length: waiting }, (_, i) => ({ brandId: "big", productId: `p${i}`, size: "", reason: "out_of_stock", storeId: "big-1", memberId: member.id, lat: AT.lat, lng: AT.lng })),
    });
    const restock = await importCatalog(db, ...Object.values(bigCatalog(5)) as [Catalog, Record<Kind, string[]>], undefined, { at: NOON });
    expect(restock.ok).toBe(true);
    expect(await db.prisma.outboxMessage.count({ where: { memberId: member.id, source: "follow_up" } })).toBe(waiting);

    await storeShelf(db, { scope: null, storeId: "big-1", at: NOON, limit: 50 }); // warms the catalog view
    const t0 = performance.now();
    const shelf = await storeShelf(db, { scope: null, storeId: "big-1", at: NOON, limit: 50 });
    const ms = performance.now() - t0;
    expect(shelf?.products).toHaveLength(50);
    expect(shelf?.total).toBe(N);
    expect(shelf?.products.every((p) => p.inStock)).toBe(true);
    expect(ms).toBeLessThan(200);
    const later = await storeShelf(db, { scope: null, storeId: "big-1", at: NOON, limit: 50, offset: N - 10 });
    expect(later?.products).toHaveLength(10);

    const q = await quoteOrder(db, { memberId: member.id, botId: "marketplace", botBrandIds: null, items: [{ productId: `p${N - 1}`, quantity: 2, size: null }], fulfillment: "pickup", location: AT, at: NOON });
    expect(q.ok).toBe(true);

    const report = await storeReport(db, { brandId: "big" });
    expect(report?.stores.map((s) => s.storeId).sort()).toEqual(["big-1", "big-2"]);
  }, 600_000);
});
