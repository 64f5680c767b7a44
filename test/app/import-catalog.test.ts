import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { loadCatalogView } from "../../src/app/catalog-view.ts";
import { loadDemoIfEmpty, DEMO_CATALOG } from "../../src/app/load-demo-catalog.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { tempFile } from "../support/catalog.ts";

const brand = { id: "acme", name: "Acme 咖啡", aliases: ["acme"] };
const store = { id: "acme-1", brandId: "acme", name: "Acme 一号店", lat: 23.13, lng: 113.32, services: ["pickup"], openHours: "08:00-20:00" };
const product = { id: "acme-latte", brandId: "acme", name: "拿铁", priceCents: 2800, sizes: ["中杯", "大杯"] };
const json = (o: unknown) => tempFile("catalog.json", JSON.stringify(o));

async function counts(db: TestDb) {
  return {
    brands: await db.prisma.brand.count(),
    stores: await db.prisma.store.count(),
    products: await db.prisma.product.count(),
    inventory: await db.prisma.inventory.count(),
    coupons: await db.prisma.coupon.count(),
    staff: await db.prisma.staff.count(),
  };
}

describe.each(DATABASES)("catalog import on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
  });
  afterAll(async () => db.drop());

  it("loads the demo catalog into an empty database, once", async () => {
    expect(await loadDemoIfEmpty(db)).toBe(true);
    expect(await loadDemoIfEmpty(db)).toBe(false);
    const c = await counts(db);
    expect(c.brands).toBe(4);
    expect(c.stores).toBeGreaterThanOrEqual(10);
    const flagship = await db.prisma.store.findUniqueOrThrow({ where: { id: "gxg-flagship" } });
    expect(flagship.services).toContain("ship");
    const coupon = await db.prisma.coupon.findUniqueOrThrow({ where: { code: "GXG30" } });
    expect(coupon).toMatchObject({ kind: "percent", value: 30, storeIds: ["gxg-tianhe"], channels: ["online", "offline"] });
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await counts(db);
    const latteBefore = await db.prisma.inventory.findMany({ where: { productId: "sb-latte" }, orderBy: [{ storeId: "asc" }, { size: "asc" }] });
    const r = await importCatalogFile(db, DEMO_CATALOG);
    expect(r.ok).toBe(true);
    expect(await counts(db)).toEqual(before);
    const latteAfter = await db.prisma.inventory.findMany({ where: { productId: "sb-latte" }, orderBy: [{ storeId: "asc" }, { size: "asc" }] });
    expect(latteAfter.map((i) => [i.storeId, i.size, i.quantity])).toEqual(latteBefore.map((i) => [i.storeId, i.size, i.quantity]));
  });

  it("upserts by id: a changed price replaces the old one", async () => {
    const r = await importCatalogFile(db, json({ brands: [brand], products: [product] }));
    expect(r.ok).toBe(true);
    await importCatalogFile(db, json({ products: [{ ...product, priceCents: 3000 }] }));
    expect((await db.prisma.product.findUniqueOrThrow({ where: { id: "acme-latte" } })).priceCents).toBe(3000);
  });

  const broken: [string, string | Buffer, string, RegExp][] = [
    ["a wrong type", JSON.stringify({ stores: [{ ...store, id: "x1", lat: "north" }] }), "c.json", /c\.json:stores\[0\]: lat: must be a number/],
    ["an unknown brandId", JSON.stringify({ stores: [{ ...store, id: "x2", brandId: "ghost" }] }), "c.json", /stores\[0\]: brandId: unknown brand "ghost"/],
    ["lat 200", JSON.stringify({ stores: [{ ...store, id: "x3", lat: 200 }] }), "c.json", /stores\[0\]: lat: must be between -90 and 90/],
    ["negative stock", JSON.stringify({ inventory: [{ storeId: "sb-tianhe", productId: "sb-croissant", quantity: -5 }] }), "c.json", /inventory\[0\]: quantity: must not be negative/],
    ["duplicate ids", JSON.stringify({ stores: [{ ...store, id: "x4" }, { ...store, id: "x4" }] }), "c.json", /stores\[1\]: duplicate id \(also at c\.json:stores\[0\]\)/],
    ["a size the product does not have", JSON.stringify({ inventory: [{ storeId: "sb-tianhe", productId: "sb-latte", size: "XXL", quantity: 1 }] }), "c.json", /size: "XXL" is not a size of "sb-latte"/],
    ["a delivery promise of 0 minutes", JSON.stringify({ stores: [{ ...store, id: "x10", brandId: "starbucks", deliveryPromiseMinutes: 0 }] }), "c.json", /stores\[0\]: deliveryPromiseMinutes: must be at least 1/],
    ["a fractional preparation time", JSON.stringify({ brands: [{ ...brand, id: "x11", prepMinutes: 2.5 }] }), "c.json", /brands\[0\]: prepMinutes: must be a whole number/],
    ["a promise longer than a day", JSON.stringify({ brands: [{ ...brand, id: "x12", deliveryPromiseMinutes: 100000 }] }), "c.json", /deliveryPromiseMinutes: must be at most 1440/],
    ["bad open hours", JSON.stringify({ stores: [{ ...store, id: "x5", openHours: "9am-5pm" }] }), "c.json", /openHours: must look like/],
    ["an unknown time zone", JSON.stringify({ stores: [{ ...store, id: "x6", timezone: "Mars/Olympus" }] }), "c.json", /timezone: is not a known IANA time zone/],
    ["an empty file", "", "c.json", /c\.json: the file is empty/],
    ["an empty object", "{}", "c.json", /nothing to import/],
    ["broken JSON", '{"stores": [', "c.json", /not valid JSON/],
    ["a GBK-encoded CSV", Buffer.concat([Buffer.from("id,brandId,name,lat,lng\nx7,starbucks,"), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from(",23.1,113.3\n")]), "s.csv", /not UTF-8 \(it looks like GBK/],
    ["a CSV with an unknown column", "id,brandId,name,lat,lng,color\nx8,starbucks,S,23.1,113.3,red\n", "s.csv", /s\.csv:1: unknown column\(s\) color/],
    ["a CSV row with a bad number", "id,brandId,name,lat,lng\nx9,starbucks,S,23.1,abc\n", "s.csv", /s\.csv:2: lng: must be a number/],
  ];

  it.each(broken)("rejects %s with a clear error and writes nothing", async (_what, content, name, message) => {
    const before = await counts(db);
    const r = await importCatalogFile(db, tempFile(name, content), { kind: name.endsWith(".csv") ? "stores" : undefined });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message);
    expect(await counts(db)).toEqual(before);
  });

  it("writes nothing of a file when only its last row is bad", async () => {
    const before = await counts(db);
    const rows = Array.from({ length: 50 }, (_, i) => ({ ...store, id: `bulk-${i}`, brandId: "starbucks" }));
    rows.push({ ...store, id: "bulk-bad", brandId: "starbucks", lat: 91 });
    const r = await importCatalogFile(db, json({ stores: rows }));
    expect(r.ok).toBe(false);
    expect(await counts(db)).toEqual(before);
  });

  it("imports a UTF-8 CSV with a byte-order mark and list cells", async () => {
    const csv = "\uFEFFid,brandId,name,lat,lng,services,deliveryRadiusMeters,flagship\nbom-1,starbucks,星巴克 测试店,23.14,113.33,delivery|pickup,2000,false\n";
    const r = await importCatalogFile(db, tempFile("stores.csv", csv), { kind: "stores" });
    expect(r).toMatchObject({ ok: true, counts: { stores: 1 } });
    const s = await db.prisma.store.findUniqueOrThrow({ where: { id: "bom-1" } });
    expect(s).toMatchObject({ name: "星巴克 测试店", services: ["delivery", "pickup"], deliveryRadiusMeters: 2000, flagship: false });
  });

  it("imports inventory CSV rows, products without sizes leaving size empty", async () => {
    const csv = "storeId,productId,size,quantity\nsb-tianhe,sb-croissant,,12\nsb-tianhe,sb-mocha,大杯,7\n";
    const r = await importCatalogFile(db, tempFile("inv.csv", csv), { kind: "inventory" });
    expect(r.ok).toBe(true);
    const rows = await db.prisma.inventory.findMany({ where: { storeId: "sb-tianhe", productId: { in: ["sb-croissant", "sb-mocha"] } }, orderBy: { productId: "asc" } });
    expect(rows.map((i) => [i.productId, i.size, i.quantity])).toEqual([["sb-croissant", "", 12], ["sb-mocha", "大杯", 7]]);
  });

  it("a store's own delivery promise and preparation time win over its brand's; a re-import without them clears them", async () => {
    const promised = { id: "quick", name: "Quick 咖啡", deliveryPromiseMinutes: 15, prepMinutes: 4 };
    const own = { ...store, id: "quick-own", brandId: "quick", deliveryPromiseMinutes: 30, prepMinutes: 10 };
    const inherits = { ...store, id: "quick-inherits", brandId: "quick" };
    expect((await importCatalogFile(db, json({ brands: [promised], stores: [own, inherits] }))).ok).toBe(true);
    let view = await loadCatalogView(db);
    expect(view.stores.get("quick-own")).toMatchObject({ deliveryPromiseMinutes: 30, prepMinutes: 10 });
    expect(view.stores.get("quick-inherits")).toMatchObject({ deliveryPromiseMinutes: 15, prepMinutes: 4 });
    expect(view.stores.get("sb-tianhe")).toMatchObject({ deliveryPromiseMinutes: null, prepMinutes: null });

    const csv = "id,brandId,name,lat,lng,deliveryPromiseMinutes,prepMinutes\nquick-own,quick,Quick 一号店,23.13,113.32,,\n";
    expect((await importCatalogFile(db, tempFile("stores.csv", csv), { kind: "stores" })).ok).toBe(true);
    view = await loadCatalogView(db);
    expect(view.stores.get("quick-own")).toMatchObject({ deliveryPromiseMinutes: 15, prepMinutes: 4 });
  });
});
