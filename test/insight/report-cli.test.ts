// `npx o2o report` as a merchant runs it: the JSON is the use case's report, the table shows every store, a campaign
// section and the totals, and bad input gets a one-line error.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeReport } from "../../src/app/insight/store-report.ts";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { o2o } from "../support/processes.ts";
import { BRAND, generateDataset, STORE_IDS } from "./insight-dataset.ts";

describe("o2o report", { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "o2o-report-cli-"));
  const env = { DATABASE_URL: `file:${join(dir, "o2o.db")}` };
  let db: Db;
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: env.DATABASE_URL });
    await generateDataset(db, { members: 500, orders: 1000, demand: 200 });
    // three bills paid at 门店 2's till, scanned → paid in 4 s, 6 s and 30 s
    await db.prisma.bill.createMany({
      data: [4000, 6000, 30_000].map((ms, i) => ({
        id: `cli-bill-${i}`, storeId: STORE_IDS[2], brandId: BRAND, subtotalCents: 1000, totalCents: 1000, status: "paid", paidVia: "sandbox",
        scannedAt: new Date("2026-11-05T10:00:00Z"), paidAt: new Date(Date.parse("2026-11-05T10:00:00Z") + ms), expiresAt: new Date("2026-11-05T11:00:00Z"),
      })),
    });
  }, 60_000);
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the report as JSON, the same as the use case, over a period", () => {
    const r = o2o(["report", "--brand", BRAND, "--json", "--from", "2026-11-02T00:00:00+08:00", "--to", "2026-11-08"], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    return storeReport(db, { brandId: BRAND, from: new Date("2026-11-02T00:00:00+08:00"), to: new Date("2026-11-08") }).then((want) => {
      expect(printed).toEqual(JSON.parse(JSON.stringify(want)));
      // the contract's fields per store
      for (const k of ["storeId", "name", "reach", "claimed", "redeemed", "orders", "revenueCents", "unmetDemand"]) expect(printed.stores[0]).toHaveProperty(k);
      expect(printed.stores.find((s: { storeId: string }) => s.storeId === STORE_IDS[2])).toMatchObject({ billsPaid: 3, checkoutMedianMs: 6000, checkoutP90Ms: 25_200 });
      expect(printed.stores.find((s: { storeId: string }) => s.storeId === STORE_IDS[1])).toMatchObject({ billsPaid: 0, checkoutMedianMs: null, checkoutP90Ms: null });
    });
  });

  it("prints a table with every store, the totals and the campaigns", () => {
    const r = o2o(["report", "--brand", BRAND], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^store\s+reach\s+opened\s+claimed\s+redeemed\s+orders\s+revenue/);
    for (let i = 0; i < STORE_IDS.length; i++) expect(lines.some((l) => l.startsWith(`门店 ${i} `))).toBe(true);
    expect(lines.some((l) => l.startsWith("TOTAL"))).toBe(true);
    expect(lines.filter((l) => l.startsWith("campaign "))).toHaveLength(3);
    // checkout time: median 6 s, p90 at rank 1.8 = 6 + 0.8 × 24 = 25.2 s; a store without paid bills shows no figure
    expect(lines[0]).toMatch(/checkout median\/p90/);
    expect(lines.find((l) => l.startsWith("门店 2 "))).toContain("6.0 s / 25.2 s (3 bills)");
    expect(lines.find((l) => l.startsWith("门店 1 "))).toMatch(/\s—\s/);
  });

  it("says what is wrong with a bad date or an unknown brand", () => {
    const bad = o2o(["report", "--brand", BRAND, "--from", "last week"], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--from must be an ISO date/);
    const unknown = o2o(["report", "--brand", "nope"], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown brand "nope"/);
  });
});
