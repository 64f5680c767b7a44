// Demand events carry the style asked for (the product's "style:" tag, else its category), so a merchant can read
// which styles and sizes are missing around each store: from a chat request to the report and the demand list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBrandContext } from "../../src/app/insight/brand-context.ts";
import { demandGaps } from "../../src/app/insight/demand.ts";
import { demandStyleOf } from "../../src/app/insight/demand-style.ts";
import { storeReport } from "../../src/app/insight/store-report.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { chatter, one, testDeps } from "../support/engine.ts";

describe("the style of a demand event", () => {
  it.each([
    [["pants", "style:休闲"], "休闲"],
    [["style:北欧", "style:简约"], "北欧"],
    [["coffee", "milk"], "coffee"],
    [[], null],
    [null, null],
    [["style: "], null],
  ])("tags %j → %j", (tags, style) => expect(demandStyleOf(tags as string[] | null)).toBe(style));
});

describe.each(DATABASES)("unmet demand from chat to report on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it("a size sold out in the area store is recorded with its style and shows in the store's gaps", async () => {
    const say = chatter(testDeps(db), "dana");
    await say({ text: "买一条32码的牛仔裤" });
    one(await say({ location: { lat: 23.1322, lng: 113.3255 } }), "error");
    const events = await db.prisma.demandEvent.findMany({ where: { productId: "gxg-jeans", size: "32" } });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.style === "休闲")).toBe(true);

    const report = (await storeReport(db, { brandId: "gxg" }))!;
    const tianhe = report.stores.find((s) => s.storeId === "gxg-tianhe")!;
    expect(tianhe.outOfStock).toBe(events.filter((e) => e.storeId === "gxg-tianhe" && e.reason === "out_of_stock").length);
    expect(tianhe.unmetDemand[0]).toMatchObject({ productId: "gxg-jeans", size: "32", count: tianhe.outOfStock });
    const gaps = await demandGaps(db, (await loadBrandContext(db, "gxg"))!, { storeId: "gxg-tianhe" }, { limit: 10, offset: 0 });
    expect(gaps.items[0]).toMatchObject({ storeId: "gxg-tianhe", productId: "gxg-jeans", size: "32", style: "休闲", outOfStock: tianhe.outOfStock, members: 1 });
  });
});
