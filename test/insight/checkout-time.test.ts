// Checkout time in the merchant report on both databases: bills created, scanned and paid through the till's use cases
// give each store's median and p90 of scan → paid (known values worked out by hand); a store without a paid bill shows
// no figure rather than 0; open, voided and out-of-period bills do not count; and over many bills the figures equal an
// independent computation (JS here, PostgreSQL's own percentile_cont there).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeReport } from "../../src/app/insight/store-report.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { createBill, openBill, payBill, voidBill } from "../../src/app/till/bills.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { percentileCont } from "./insight-dataset.ts";

const T0 = Date.parse("2026-11-20T10:00:00Z");
const at = (ms: number) => new Date(T0 + ms);


describe.each(DATABASES)("checkout time in the report on %s", { timeout: 60_000 }, (kind) => {
  let db: TestDb;
  let n = 0;
  /** a bill at the store, scanned at `scan` and paid `ms` later, all through the till's use cases */
  const checkout = async (storeId: string, scan: number, ms: number | "open" | "void") => {
    const b = await createBill(db, { storeId, amountCents: 2500, createdBy: "cli", at: at(scan - 1000), ttlMs: 24 * 3600_000 });
    if (!b.ok) throw new Error(JSON.stringify(b.error));
    const memberId = (await resolveMember(db, { channel: "local", externalId: `ct-${kind}-${n++}` })).id;
    expect((await openBill(db, { billId: b.value.billId, memberId, at: at(scan) })).ok).toBe(true);
    if (ms === "void") expect((await voidBill(db, { billId: b.value.billId, at: at(scan + 1000) })).ok).toBe(true);
    else if (ms !== "open") expect(await payBill(db, { billId: b.value.billId, memberId, via: "sandbox", at: at(scan + ms) })).toMatchObject({ ok: true, value: { checkoutMs: ms } });
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    // 天河城: 3 s, 5 s, 8 s, 13 s, 60 s → median 8 s; p90 at rank 3.6: 13 + 0.6 × 47 = 41.2 s
    for (const [i, ms] of [13_000, 3000, 60_000, 5000, 8000].entries()) await checkout("sb-tianhe", i * 60_000, ms);
    // 正佳: 2 s, 4 s, 6 s, 100 s → median (4 + 6) / 2 = 5 s; p90 at rank 2.7: 6 + 0.7 × 94 = 71.8 s
    for (const [i, ms] of [100_000, 2000, 6000, 4000].entries()) await checkout("sb-zhengjia", i * 60_000, ms);
    // 珠江新城: one bill of 7.25 s, and one paid the next day (outside the period below)
    await checkout("sb-zhujiang", 0, 7250);
    await checkout("sb-zhujiang", 86_400_000, 1000);
    // 太古汇: scanned but never paid, and voided — no figure
    await checkout("sb-taikoohui", 0, "open");
    await checkout("sb-taikoohui", 0, "void");
  });
  afterAll(async () => db.drop());

  it("shows each store's median and p90 of scan → paid, and no figure (not 0) for a store without paid bills", async () => {
    const r = (await storeReport(db, { brandId: "starbucks", from: at(-3600_000), to: at(12 * 3600_000) }))!;
    const line = (id: string) => r.stores.find((s) => s.storeId === id);
    expect(line("sb-tianhe")).toMatchObject({ billsPaid: 5, checkoutMedianMs: 8000, checkoutP90Ms: 41_200 });
    expect(line("sb-zhengjia")).toMatchObject({ billsPaid: 4, checkoutMedianMs: 5000, checkoutP90Ms: 71_800 });
    expect(line("sb-zhujiang")).toMatchObject({ billsPaid: 1, checkoutMedianMs: 7250, checkoutP90Ms: 7250 });
    expect(line("sb-taikoohui")).toMatchObject({ billsPaid: 0, checkoutMedianMs: null, checkoutP90Ms: null });
    // the total line is over all ten bills together, not a sum or mean of the stores' medians:
    // 2 3 4 5 6 7.25 8 13 60 100 → median (6 + 7.25) / 2 = 6.625 s; p90 at rank 8.1: 60 + 0.1 × 40 = 64 s
    expect(r.totals).toMatchObject({ billsPaid: 10, checkoutMedianMs: 6625, checkoutP90Ms: 64_000 });

    // the whole history includes 珠江新城's second bill; a brand without bills has no figure anywhere
    const all = (await storeReport(db, { brandId: "starbucks" }))!;
    expect(all.stores.find((s) => s.storeId === "sb-zhujiang")).toMatchObject({ billsPaid: 2, checkoutMedianMs: 4125, checkoutP90Ms: 6625 });
    const none = (await storeReport(db, { brandId: "spzp" }))!;
    expect(none.stores.map((s) => s.checkoutMedianMs)).toEqual(none.stores.map(() => null));
    expect(none.totals).toMatchObject({ billsPaid: 0, checkoutMedianMs: null, checkoutP90Ms: null });
  });

  it("equals an independent percentile over many bills", async () => {
    // 301 paid bills over GXG's two dealer stores and its flagship (whose till the dealer report leaves out)
    const durations: Record<string, number[]> = { "gxg-tianhe": [], "gxg-wushan": [], "gxg-flagship": [] };
    const stores = Object.keys(durations);
    const rows = Array.from({ length: 301 }, (_, i) => {
      const storeId = stores[i % 3];
      const ms = 1500 + ((i * 7919) % 45_000) + (i % 10 === 0 ? 120_000 : 0);
      durations[storeId].push(ms);
      const scannedAt = at(i * 1000);
      return { id: `ct-many-${i}`, storeId, brandId: "gxg", subtotalCents: 1000, status: "paid", scannedAt, paidAt: new Date(scannedAt.getTime() + ms), expiresAt: at(3600_000), totalCents: 1000, paidVia: "sandbox" };
    });
    await db.prisma.bill.createMany({ data: rows });
    const r = (await storeReport(db, { brandId: "gxg" }))!;
    for (const id of ["gxg-tianhe", "gxg-wushan"]) {
      expect(r.stores.find((s) => s.storeId === id)).toMatchObject({ billsPaid: durations[id].length, checkoutMedianMs: percentileCont(durations[id], 0.5), checkoutP90Ms: percentileCont(durations[id], 0.9) });
    }
    expect(r.stores.some((s) => s.storeId === "gxg-flagship")).toBe(false);
    const dealers = [...durations["gxg-tianhe"], ...durations["gxg-wushan"]];
    expect(r.totals).toMatchObject({ billsPaid: dealers.length, checkoutMedianMs: percentileCont(dealers, 0.5), checkoutP90Ms: percentileCont(dealers, 0.9) });

    if (kind === "postgresql") {
      const pg = await db.prisma.$queryRawUnsafe<{ s: string; m: number; p: number }[]>(
        `SELECT "storeId" AS s, percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "paidAt" - "scannedAt") * 1000) AS m,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "paidAt" - "scannedAt") * 1000) AS p
         FROM "Bill" WHERE "brandId" = 'gxg' AND "status" = 'paid' AND "storeId" <> 'gxg-flagship' GROUP BY "storeId"`);
      for (const row of pg) {
        expect(r.stores.find((s) => s.storeId === row.s)).toMatchObject({ checkoutMedianMs: Math.round(Number(row.m)), checkoutP90Ms: Math.round(Number(row.p)) });
      }
      expect(pg).toHaveLength(2);
    }
  });
});
