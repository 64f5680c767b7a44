// On a generated data set (10 stores, 10k members, 3 campaigns), every figure of the report, the funnels, the demand
// list and grid and the timeline equals an independent SQL count over the raw rows, on SQLite and PostgreSQL.
// The SQL below is written from the crediting rules, not from the implementation: campaign targets and coupon stores
// are spelled out as the generator chose them, and a member's area store is read from Member.areaStoreId.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBrandContext, type BrandContext } from "../../src/app/insight/brand-context.ts";
import { campaignTimeline } from "../../src/app/insight/campaign-timeline.ts";
import { demandGaps, demandGrid } from "../../src/app/insight/demand.ts";
import { storeReport, type StoreReport } from "../../src/app/insight/store-report.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { BRAND, CAMPAIGN_TARGETS, DAY0, generateDataset, PAID, STORE_IDS } from "./insight-dataset.ts";

const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(", ");
const CAMPAIGNS = list(Object.keys(CAMPAIGN_TARGETS));
const TARGET = `CASE x."campaignId" ${Object.entries(CAMPAIGN_TARGETS).filter(([, s]) => s).map(([c, s]) => `WHEN '${c}' THEN '${s}'`).join(" ")} END`;

describe.each(DATABASES)("insight on a generated data set on %s", { timeout: 120_000 }, (kind) => {
  let db: TestDb;
  let report: StoreReport;
  let ctx: BrandContext;
  type Row = { k: string | null; n: number | bigint; v?: number | bigint | null };
  const sql = async (text: string) => {
    const rows = await db.prisma.$queryRawUnsafe<Row[]>(text);
    return new Map(rows.map((r) => [r.k, { n: Number(r.n), v: Number(r.v ?? 0) }]));
  };
  const one = async (text: string) => Number((await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(text))[0].n);

  beforeAll(async () => {
    db = await freshDb(kind);
    await generateDataset(db);
    report = (await storeReport(db, { brandId: BRAND }))!;
    ctx = (await loadBrandContext(db, BRAND))!;
  }, 180_000);
  afterAll(async () => db.drop());

  it("generated the data set the issue asks for", async () => {
    expect(await db.prisma.store.count({ where: { brandId: BRAND, flagship: false } })).toBe(10);
    expect(await db.prisma.member.count()).toBe(10_000);
    expect(await db.prisma.campaign.count({ where: { brandId: BRAND } })).toBe(3);
    expect(report.stores.map((s) => s.storeId)).toEqual(STORE_IDS);
  });

  it("reach per store: pushes sent, credited to the campaign's target store, else the member's area store", async () => {
    const want = await sql(`SELECT COALESCE(${TARGET}, m."areaStoreId") AS k, COUNT(*) AS n FROM "OutboxMessage" x JOIN "Member" m ON m."id" = x."memberId"
      WHERE x."status" = 'sent' AND x."campaignId" IN (${CAMPAIGNS}) GROUP BY COALESCE(${TARGET}, m."areaStoreId")`);
    for (const s of report.stores) expect([s.storeId, s.reach]).toEqual([s.storeId, want.get(s.storeId)?.n ?? 0]);
    expect(report.totals.reach).toBeGreaterThan(10_000);
  });

  it("opened per store: the touch's own store (QR), else the campaign's target, else the member's area store", async () => {
    const key = `COALESCE(x."storeId", ${TARGET}, m."areaStoreId")`;
    const want = await sql(`SELECT ${key} AS k, COUNT(*) AS n FROM "Touch" x LEFT JOIN "Member" m ON m."id" = x."memberId"
      WHERE x."brandId" = '${BRAND}' OR x."campaignId" IN (${CAMPAIGNS}) GROUP BY ${key}`);
    for (const s of report.stores) expect([s.storeId, s.opened]).toEqual([s.storeId, want.get(s.storeId)?.n ?? 0]);
    expect(report.totals.opened).toBeGreaterThan(1000);
  });

  it("claimed per store: the coupon's single store, else the campaign's target, else the member's area store", async () => {
    const key = `COALESCE(CASE x."couponCode" WHEN 'INS-S3' THEN 'ins-3' END, ${TARGET}, m."areaStoreId")`;
    const want = await sql(`SELECT ${key} AS k, COUNT(*) AS n FROM "MemberCoupon" x JOIN "Member" m ON m."id" = x."memberId"
      WHERE x."couponCode" IN ('INS-ALL', 'INS-S3', 'INS-12') GROUP BY ${key}`);
    for (const s of report.stores) expect([s.storeId, s.claimed]).toEqual([s.storeId, want.get(s.storeId)?.n ?? 0]);
  });

  it("redeemed per store, online and offline: the store that served (online: the order's credited store)", async () => {
    const all = await sql(`SELECT r."storeId" AS k, COUNT(*) AS n FROM "Redemption" r WHERE r."couponCode" <> 'OTH' GROUP BY r."storeId"`);
    const offline = await sql(`SELECT r."storeId" AS k, COUNT(*) AS n FROM "Redemption" r WHERE r."couponCode" <> 'OTH' AND r."channel" = 'offline' GROUP BY r."storeId"`);
    const online = await sql(`SELECT o."creditedStoreId" AS k, COUNT(*) AS n FROM "Redemption" r JOIN "Order" o ON o."id" = r."orderId" GROUP BY o."creditedStoreId"`);
    for (const s of report.stores) {
      expect([s.storeId, s.redeemed, s.redeemedOffline, s.redeemedOnline]).toEqual([s.storeId, all.get(s.storeId)?.n ?? 0, offline.get(s.storeId)?.n ?? 0, online.get(s.storeId)?.n ?? 0]);
    }
    expect(report.totals.redeemedOnline).toBeGreaterThan(0);
    expect(report.totals.redeemedOffline).toBeGreaterThan(0);
  });

  it("orders and revenue per store: paid orders by credited store, flagship shipments counted for the customer's area store", async () => {
    const paid = `o."brandId" = '${BRAND}' AND o."status" IN (${list(PAID)})`;
    const want = await sql(`SELECT o."creditedStoreId" AS k, COUNT(*) AS n, SUM(o."totalCents") AS v FROM "Order" o WHERE ${paid} GROUP BY o."creditedStoreId"`);
    const shipped = await sql(`SELECT o."creditedStoreId" AS k, COUNT(*) AS n FROM "Order" o WHERE ${paid} AND o."storeId" = 'ins-flagship' GROUP BY o."creditedStoreId"`);
    const fromCampaigns = await sql(`SELECT o."creditedStoreId" AS k, COUNT(*) AS n, SUM(o."totalCents") AS v FROM "Order" o WHERE ${paid} AND o."campaignId" IS NOT NULL GROUP BY o."creditedStoreId"`);
    for (const s of report.stores) {
      expect([s.storeId, s.orders, s.revenueCents]).toEqual([s.storeId, want.get(s.storeId)?.n ?? 0, want.get(s.storeId)?.v ?? 0]);
      expect(s.ordersServedElsewhere).toBe(shipped.get(s.storeId)?.n ?? 0);
      expect([s.campaignOrders, s.campaignRevenueCents]).toEqual([fromCampaigns.get(s.storeId)?.n ?? 0, fromCampaigns.get(s.storeId)?.v ?? 0]);
    }
    expect(report.totals.ordersServedElsewhere).toBeGreaterThan(100);
  });

  it("every campaign's funnel equals counts by campaign id", async () => {
    const sent = await sql(`SELECT x."campaignId" AS k, COUNT(*) AS n FROM "OutboxMessage" x WHERE x."status" = 'sent' GROUP BY x."campaignId"`);
    const opens = await sql(`SELECT x."campaignId" AS k, COUNT(*) AS n FROM "Touch" x GROUP BY x."campaignId"`);
    const claims = await sql(`SELECT x."campaignId" AS k, COUNT(*) AS n FROM "MemberCoupon" x GROUP BY x."campaignId"`);
    const reds = await sql(`SELECT x."campaignId" AS k, COUNT(*) AS n FROM "Redemption" x GROUP BY x."campaignId"`);
    const orders = await sql(`SELECT x."campaignId" AS k, COUNT(*) AS n, SUM(x."totalCents") AS v FROM "Order" x WHERE x."status" IN (${list(PAID)}) GROUP BY x."campaignId"`);
    expect(report.campaigns.map((c) => c.campaignId)).toEqual(["ins-c3", "ins-c2", "ins-c1"]);
    for (const c of report.campaigns) {
      const id = c.campaignId;
      expect([id, c.reach, c.opened, c.claimed, c.redeemed, c.orders, c.revenueCents]).toEqual([
        id, sent.get(id)?.n ?? 0, opens.get(id)?.n ?? 0, claims.get(id)?.n ?? 0, reds.get(id)?.n ?? 0, orders.get(id)?.n ?? 0, orders.get(id)?.v ?? 0,
      ]);
      expect(c.reach).toBeGreaterThan(c.opened);
      expect(c.opened).toBeGreaterThan(c.claimed);
      expect(c.claimed).toBeGreaterThan(c.redeemed);
    }
  });

  it("out-of-stock events and the top unmet requests per store area", async () => {
    const oos = await sql(`SELECT e."storeId" AS k, COUNT(*) AS n FROM "DemandEvent" e WHERE e."brandId" = '${BRAND}' AND e."reason" = 'out_of_stock' GROUP BY e."storeId"`);
    const groups = await db.prisma.$queryRawUnsafe<{ s: string; n: number | bigint }[]>(
      `SELECT e."storeId" AS s, COUNT(*) AS n FROM "DemandEvent" e WHERE e."brandId" = '${BRAND}' AND e."storeId" IS NOT NULL GROUP BY e."storeId", e."productId", e."size"`);
    for (const s of report.stores) {
      expect(s.outOfStock).toBe(oos.get(s.storeId)?.n ?? 0);
      const top = groups.filter((g) => g.s === s.storeId).map((g) => Number(g.n)).sort((a, b) => b - a).slice(0, 10);
      expect(s.unmetDemand.map((d) => d.count)).toEqual(top);
    }
    const sofa = report.stores[0].unmetDemand.find((d) => d.productId === "ins-sofa")!;
    expect(sofa.count).toBe(await one(`SELECT COUNT(*) AS n FROM "DemandEvent" e WHERE e."storeId" = 'ins-0' AND e."productId" = 'ins-sofa' AND e."size" = '${sofa.size}'`));
  });

  it("the demand list pages through every (area store, product, size, style) group, largest first", async () => {
    const groups = await one(`SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM "DemandEvent" e WHERE e."brandId" = '${BRAND}' GROUP BY e."storeId", e."productId", e."productName", e."size", e."style") g`);
    const events = await one(`SELECT COUNT(*) AS n FROM "DemandEvent" e WHERE e."brandId" = '${BRAND}'`);
    const seen: Awaited<ReturnType<typeof demandGaps>>["items"] = [];
    for (let offset = 0; ; offset += 25) {
      const page = await demandGaps(db, ctx, {}, { limit: 25, offset });
      expect(page.total).toBe(groups);
      seen.push(...page.items);
      if (page.items.length < 25) break;
    }
    expect(seen).toHaveLength(groups);
    expect(seen.reduce((s, g) => s + g.count, 0)).toBe(events);
    expect(seen.map((g) => g.count)).toEqual([...seen.map((g) => g.count)].sort((a, b) => b - a));
    const top = seen[0];
    expect(top.count).toBe(await one(`SELECT COUNT(*) AS n FROM "DemandEvent" e WHERE e."brandId" = '${BRAND}' AND e."storeId" ${top.storeId ? `= '${top.storeId}'` : "IS NULL"} AND e."productId" = '${top.productId}' AND e."size" = '${top.size}'`));
    expect(seen.filter((g) => g.style === "北欧").every((g) => g.productId === "ins-sofa")).toBe(true);
    expect(seen.filter((g) => g.storeId === null).reduce((s, g) => s + g.noStoreNearby, 0)).toBe(await one(`SELECT COUNT(*) AS n FROM "DemandEvent" e WHERE e."brandId" = '${BRAND}' AND e."reason" = 'no_store_nearby'`));

    const ins4 = await demandGaps(db, ctx, { storeId: "ins-4" }, { limit: 500, offset: 0 });
    expect(ins4.items.every((g) => g.storeId === "ins-4")).toBe(true);
    expect(ins4.items.reduce((s, g) => s + g.count, 0)).toBe(await one(`SELECT COUNT(*) AS n FROM "DemandEvent" e WHERE e."storeId" = 'ins-4'`));
    const cells = await demandGrid(db, ctx, {});
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(await one(`SELECT COUNT(*) AS n FROM "DemandEvent" e WHERE e."brandId" = '${BRAND}' AND e."lat" IS NOT NULL`));
  });

  it("the timeline's days add up to the campaign funnel, and each day equals a count over that local day", async () => {
    const t = (await campaignTimeline(db, ctx, {}))!;
    const sum = (k: "sends" | "opens" | "claims" | "orders") => t.days.reduce((s, d) => s + d[k], 0);
    const total = (k: "reach" | "opened" | "claimed" | "orders") => report.campaigns.reduce((s, c) => s + c[k], 0);
    expect([sum("sends"), sum("opens"), sum("claims"), sum("orders")]).toEqual([total("reach"), total("opened"), total("claimed"), total("orders")]);
    expect(t.days.map((d) => d.day)).toEqual([...t.days.map((d) => d.day)].sort());
    for (const d of t.days.slice(0, 4)) {
      // a Shanghai day is [D-8h, D+16h) in UTC
      const start = new Date(Date.parse(`${d.day}T00:00:00+08:00`));
      const end = new Date(start.getTime() + 86_400_000);
      expect(d.sends).toBe(await db.prisma.outboxMessage.count({ where: { campaignId: { in: Object.keys(CAMPAIGN_TARGETS) }, status: "sent", sentAt: { gte: start, lt: end } } }));
      expect(d.opens).toBe(await db.prisma.touch.count({ where: { campaignId: { in: Object.keys(CAMPAIGN_TARGETS) }, createdAt: { gte: start, lt: end } } }));
    }
    const c2 = (await campaignTimeline(db, ctx, { campaignId: "ins-c2" }))!;
    expect(c2.days.reduce((s, d) => s + d.claims, 0)).toBe(report.campaigns.find((c) => c.campaignId === "ins-c2")!.claimed);
    expect(await campaignTimeline(db, ctx, { campaignId: "oth-c" })).toBeNull();
  });

  it("a period keeps only what happened in it", async () => {
    const from = new Date(DAY0 + 3 * 86_400_000);
    const to = new Date(DAY0 + 6 * 86_400_000);
    const r = (await storeReport(db, { brandId: BRAND, from, to }))!;
    const orders = await db.prisma.order.aggregate({ where: { brandId: BRAND, status: { in: PAID }, paidAt: { gte: from, lt: to }, creditedStoreId: { in: STORE_IDS } }, _count: { _all: true }, _sum: { totalCents: true } });
    expect([r.totals.orders, r.totals.revenueCents]).toEqual([orders._count._all, orders._sum.totalCents]);
    expect(r.totals.orders).toBeLessThan(report.totals.orders);
    const sent = await db.prisma.outboxMessage.count({ where: { campaignId: { in: Object.keys(CAMPAIGN_TARGETS) }, status: "sent", sentAt: { gte: from, lt: to } } });
    expect(r.campaigns.reduce((s, c) => s + c.reach, 0)).toBe(sent);
    expect(r.totals.outOfStock).toBe(await db.prisma.demandEvent.count({ where: { brandId: BRAND, reason: "out_of_stock", storeId: { in: STORE_IDS }, createdAt: { gte: from, lt: to } } }));
    expect(r.from).toBe(from.toISOString());
  });

  it("never counts another brand's rows", async () => {
    const other = (await storeReport(db, { brandId: "other" }))!;
    expect(other.totals.orders).toBe(200);
    expect(other.totals.outOfStock).toBe(40);
    expect(report.totals.orders).toBe(await db.prisma.order.count({ where: { brandId: BRAND, status: { in: PAID }, creditedStoreId: { in: STORE_IDS } } }));
  });
});
