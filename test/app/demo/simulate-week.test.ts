import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateDemo } from "../../../src/app/demo/simulate-week.ts";
import { loadBrandContext } from "../../../src/app/insight/brand-context.ts";
import { campaignTimeline } from "../../../src/app/insight/campaign-timeline.ts";
import { demandGrid } from "../../../src/app/insight/demand.ts";
import { storeReport } from "../../../src/app/insight/store-report.ts";
import { loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import { DATABASES, freshDb, type TestDb } from "../../support/databases.ts";
import { testDeps } from "../../support/engine.ts";

const END = new Date("2026-11-25T14:00:00Z");

async function simulated(kind: (typeof DATABASES)[number], seed: number) {
  const db = await freshDb(kind);
  await loadDemoIfEmpty(db);
  const summary = await simulateDemo(db, {
    days: 4, seed, end: END,
    engine: async (bot, clock) => ({ ...testDeps(db, { bot: bot.id }), bot, clock }),
  });
  return { db, summary };
}

describe.each(DATABASES)("demo activity on %s", (kind) => {
  let a: { db: TestDb; summary: Awaited<ReturnType<typeof simulateDemo>> };
  beforeAll(async () => {
    a = await simulated(kind, 7);
  }, 120_000);
  afterAll(async () => a?.db.drop());

  it("gives every demo brand a dashboard with non-zero funnels, a campaign timeline and unmet demand", async () => {
    expect(a.summary).toMatchObject({ days: 4, seed: 7, campaigns: 4 });
    for (const brandId of ["starbucks", "gxg", "spzp", "grandbuy"]) {
      const r = (await storeReport(a.db, { brandId }))!;
      expect(r.totals.opened, brandId).toBeGreaterThan(0);
      expect(r.totals.orders, brandId).toBeGreaterThan(0);
      expect(r.totals.reach, brandId).toBeGreaterThan(0);
      expect(r.campaigns.length, brandId).toBe(1);
      const ctx = (await loadBrandContext(a.db, brandId))!;
      const days = (await campaignTimeline(a.db, ctx, {}))!.days;
      expect(days.some((d) => d.sends > 0 && d.opens > 0), brandId).toBe(true);
      expect((await demandGrid(a.db, ctx, {})).length, brandId).toBeGreaterThan(0);
    }
    // claims were redeemed at the till, appointments booked, and today's orders wait on the merchant's board
    expect(a.summary.redemptions).toBeGreaterThan(0);
    expect(a.summary.appointments).toBeGreaterThan(0);
    expect(await a.db.prisma.order.count({ where: { status: { in: ["paid", "accepted"] } } })).toBeGreaterThan(0);
    // every stamp lies inside the simulated days
    const late = await a.db.prisma.order.count({ where: { paidAt: { gt: END } } });
    expect(late).toBe(0);
  });

  it("writes the same activity for the same seed", async () => {
    const b = await simulated(kind, 7);
    try {
      expect(b.summary).toEqual(a.summary);
    } finally {
      await b.db.drop();
    }
  }, 120_000);
});
