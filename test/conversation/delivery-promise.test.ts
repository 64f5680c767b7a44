// A brand that promises delivery within 15 minutes: the chat quotes only a store whose estimate (preparation +
// ride at 15 km/h) keeps it and says the estimate; when no store can keep it, it says why and offers pickup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { tempFile } from "../support/catalog.ts";
import { chatter, one, testDeps } from "../support/engine.ts";

const M_PER_DEG_LAT = 111_195;
const HOME = { lat: 30.25, lng: 120.16 };
const north = (meters: number) => ({ lat: HOME.lat + meters / M_PER_DEG_LAT, lng: HOME.lng });
const CATALOG = {
  brands: [{ id: "kk", name: "快咖", aliases: ["kuaika"], deliveryPromiseMinutes: 15, prepMinutes: 5 }],
  stores: [
    // 500 m away, but its own 20-minute preparation (winning over the brand's 5) breaks the promise: 20 + 2 = 22 min
    { id: "kk-slow", brandId: "kk", name: "快咖 慢工店", ...north(500), services: ["delivery", "pickup"], deliveryRadiusMeters: 5000, prepMinutes: 20 },
    // 1.7 km away with the brand's 5 minutes: 5 + 6.8 → 12 min, within 15
    { id: "kk-quick", brandId: "kk", name: "快咖 快手店", ...north(1700), services: ["delivery", "pickup"], deliveryRadiusMeters: 5000 },
  ],
  products: [{ id: "kk-latte", brandId: "kk", name: "燕麦拿铁", aliases: ["oat latte"], priceCents: 2500 }],
  inventory: [
    { storeId: "kk-slow", productId: "kk-latte", quantity: 50 },
    { storeId: "kk-quick", productId: "kk-latte", quantity: 50 },
  ],
};

describe.each(DATABASES)("the delivery promise in chat, on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    expect((await importCatalogFile(db, tempFile("promise.json", JSON.stringify(CATALOG)))).ok).toBe(true);
  });
  afterAll(async () => db.drop());

  it("quotes the farther store that keeps the promise, with its estimate", async () => {
    const say = chatter(testDeps(db), "promise-1");
    await say({ text: "来杯燕麦拿铁外卖" });
    const replies = await say({ location: HOME });
    const store = one(replies, "store");
    expect(store.storeId).toBe("kk-quick");
    expect(store.text).toContain("约12分钟送达");
    const quote = one(replies, "quote");
    expect(quote).toMatchObject({ fulfillment: "delivery", storeId: "kk-quick", etaMinutes: 12 });
    expect(quote.text).toContain("约12分钟送达");
  });

  it("says the estimate in English too", async () => {
    const say = chatter(testDeps(db), "promise-2");
    await say({ text: "one oat latte, delivery please" });
    const store = one(await say({ location: HOME }), "store");
    expect(store.storeId).toBe("kk-quick");
    expect(store.text).toContain("about 12 min delivery");
  });

  it("when every store would break the promise, says so and offers pickup, which quotes", async () => {
    const say = chatter(testDeps(db), "promise-3");
    await say({ text: "来杯燕麦拿铁外卖" });
    // 3 km south of home: the quick store is 4.7 km away (5 + 18.8 → 24 min), the slow one 3.5 km (20 + 14 → 34 min)
    const replies = await say({ location: north(-3000) });
    expect(replies.some((r) => r.type === "quote")).toBe(false);
    const err = replies.find((r) => r.type === "error");
    expect(err?.text).toContain("快咖 快手店送到你这里约需24分钟，超出了它承诺的15分钟送达");
    const pickup = err && "buttons" in err ? err.buttons?.find((b) => b.id === "fulfil:pickup") : undefined;
    expect(pickup?.label).toContain("快咖 慢工店");
    const afterTap = await say({ tap: "fulfil:pickup" });
    expect(one(afterTap, "quote").fulfillment).toBe("pickup");
    expect(one(afterTap, "store").storeId).toBe("kk-slow");
  });
});
