// A product with a photo in the catalog comes back as a product card: the quote (and a recommendation) carry its photoUrl.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { demoCatalogJson, tempFile } from "../support/catalog.ts";
import { TIANHE, chatter, one, testDeps } from "../support/engine.ts";

const PHOTO = "https://img.example.com/latte.jpg";

describe("product photos", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    const latte = (demoCatalogJson().products as { id: string }[]).find((p) => p.id === "sb-latte")!;
    const r = await importCatalogFile(db, tempFile("photo.json", JSON.stringify({ products: [{ ...latte, photoUrl: PHOTO }] })));
    expect(r.ok).toBe(true);
  });
  afterAll(async () => db.drop());

  it("shows the quoted product's photo, and none for a product without one", async () => {
    const say = chatter(testDeps(db), "photo-1");
    await say({ text: "来杯拿铁" });
    expect(one(await say({ location: TIANHE }), "quote").photoUrl).toBe(PHOTO);
    const other = chatter(testDeps(db), "photo-2");
    await other({ text: "来杯美式" });
    expect(one(await other({ location: TIANHE }), "quote").photoUrl).toBeUndefined();
  });
});
