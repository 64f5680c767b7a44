// The catalog example of the interface specification, imported verbatim, drives the scenarios: acceptance tests may
// use it (the format: docs/catalog-format.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { tempFile } from "../support/catalog.ts";
import { NOON, chatter, one, testDeps } from "../support/engine.ts";
import { redeemAtTill } from "../../src/app/coupons/coupon-use-cases.ts";

const contractCatalog = {
  brands: [{ id: "starbucks", name: "星巴克", aliases: ["Starbucks"] }, { id: "gxg", name: "GXG" }, { id: "spzp", name: "尚品宅配" }],
  stores: [
    { id: "sb-tianhe", brandId: "starbucks", name: "星巴克 天河城店", lat: 23.1317, lng: 113.3246, address: "…", openHours: "07:00-22:00", timezone: "Asia/Shanghai", services: ["delivery", "pickup", "appointment"], deliveryRadiusMeters: 3000, flagship: false },
    { id: "gxg-tianhe", brandId: "gxg", name: "GXG 天河店", lat: 23.1322, lng: 113.3255, services: ["pickup"], openHours: "10:00-22:00" },
    { id: "spzp-zhujiang", brandId: "spzp", name: "尚品宅配 珠江新城店", lat: 23.1195, lng: 113.3255, services: ["appointment"], openHours: "10:00-21:00" },
  ],
  products: [{ id: "sb-latte", brandId: "starbucks", name: "拿铁", aliases: ["latte"], priceCents: 3200, currency: "CNY", sizes: ["中杯", "大杯"], tags: ["coffee"] }],
  inventory: [{ storeId: "sb-tianhe", productId: "sb-latte", size: "大杯", quantity: 20 }],
  coupons: [
    { code: "GXG30", brandId: "gxg", kind: "percent", value: 70, minSpendCents: 0, channels: ["online", "offline"], validFrom: "2026-01-01T00:00:00+08:00", validTo: "2026-12-31T23:59:59+08:00", maxRedemptions: 1000, perMemberLimit: 1, storeIds: ["gxg-tianhe"] },
  ],
  staff: [{ id: "spzp-d1", storeId: "spzp-zhujiang", name: "王设计师", role: "designer" }],
};

describe.each(DATABASES)("the interface example catalog on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    const r = await importCatalogFile(db, tempFile("catalog.json", JSON.stringify(contractCatalog)));
    expect(r.ok).toBe(true);
  });
  afterAll(async () => db.drop());

  it("来杯拿铁 + location: the only size in stock is quoted (no size question), then paid", async () => {
    const say = chatter(testDeps(db), "c-alice");
    await say({ text: "来杯拿铁" });
    const replies = await say({ location: { lat: 23.132, lng: 113.325 } });
    const quote = one(replies, "quote");
    expect(quote).toMatchObject({ storeId: "sb-tianhe", subtotalCents: 3200, totalCents: 3200, fulfillment: "delivery" });
    expect(quote.text).toMatch(/大杯/);
    one(await say({ tap: quote.buttons![0].id }), "payment_link");
    expect(one(await say({ pay: { orderId: quote.orderId } }), "order").status).toBe("paid");
    expect((await db.prisma.inventory.findFirstOrThrow({ where: { storeId: "sb-tianhe", size: "大杯" } })).quantity).toBe(19);
  });

  it("books 王设计师 and redeems GXG30 once at the till", async () => {
    const say = chatter(testDeps(db), "c-bob");
    await say({ location: { lat: 23.1200, lng: 113.3250 } });
    const appt = one(await say({ text: "明天下午三点约尚品宅配的设计师" }), "appointment");
    expect(appt).toMatchObject({ storeId: "spzp-zhujiang", staffId: "spzp-d1" });
    one(await say({ text: "领取GXG30" }), "coupon");
    const first = await redeemAtTill(db, { storeId: "gxg-tianhe", code: "GXG30", memberRef: "c-bob", amountCents: 10000, at: NOON });
    expect(first).toMatchObject({ ok: true, value: { discountCents: 3000, payCents: 7000 } });
    const second = await redeemAtTill(db, { storeId: "gxg-tianhe", code: "GXG30", memberRef: "c-bob", at: NOON });
    expect(second.ok).toBe(false);
  });
});
