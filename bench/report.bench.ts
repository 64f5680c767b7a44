// Merchant report on 1,000,000 orders (plus 300k campaign pushes, 60k opens, 30k claims, 12k redemptions, 50k demand
// events, 100 stores, 100k members), generated inside the database with INSERT … SELECT over a number series, on
// SQLite and PostgreSQL. Times the use case behind `o2o report` (cold and warm) and one real `o2o report --json` process.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { storeReport } from "../src/app/insight/store-report.ts";
import type { Db } from "../src/db/database.ts";
import { projectRoot } from "../src/paths.ts";
import { freshDb } from "../test/support/databases.ts";
import type { Figure } from "./figure.ts";

const BASE = 1_793_491_200; // 2026-11-01T00:00:00Z in seconds

interface Size {
  orders: number;
  members: number;
  stores: number;
  deliveries: number;
  touches: number;
  claims: number;
  redemptions: number;
  demand: number;
}
export const SIZE: Size = { orders: 1_000_000, members: 100_000, stores: 100, deliveries: 300_000, touches: 60_000, claims: 30_000, redemptions: 12_000, demand: 50_000 };

/** INSERT INTO table (cols) SELECT exprs FROM a series i = 0..n-1, in each dialect. */
function fill(db: Db, table: string, cols: Record<string, string>, n: number): Promise<number> {
  const names = Object.keys(cols).map((c) => `"${c}"`).join(", ");
  const exprs = Object.values(cols).join(", ");
  const sql = db.provider === "sqlite"
    ? `INSERT INTO "${table}" (${names}) WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1}) SELECT ${exprs} FROM n`
    : `INSERT INTO "${table}" (${names}) SELECT ${exprs} FROM generate_series(0, ${n - 1}) AS n(i)`;
  return db.prisma.$executeRawUnsafe(sql);
}

export async function generate(db: Db, s: Size): Promise<void> {
  const sqlite = db.provider === "sqlite";
  // an instant `seconds` after BASE, stored as Prisma stores DateTime on each provider
  const ts = (seconds: string) => (sqlite ? `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${BASE} + (${seconds}), 'unixepoch')` : `(to_timestamp(${BASE} + (${seconds})) AT TIME ZONE 'UTC')`);
  const json = (v: string) => (sqlite ? `'${v}'` : `CAST('${v}' AS JSONB)`);
  const p = db.prisma;
  await p.brand.create({ data: { id: "bench", name: "Bench", aliases: [] } });
  await p.store.createMany({
    data: [
      ...Array.from({ length: s.stores }, (_, k) => ({ id: `s${k}`, brandId: "bench", name: `S${k}`, lat: 23 + (k % 10) * 0.03, lng: 113.2 + Math.floor(k / 10) * 0.03, services: ["pickup"], deliveryRadiusMeters: 2000 })),
      { id: "bf", brandId: "bench", name: "Flagship", lat: 31.2, lng: 121.5, services: ["ship"], flagship: true },
    ],
  });
  await p.product.createMany({ data: Array.from({ length: 20 }, (_, k) => ({ id: `bp${k}`, brandId: "bench", name: `P${k}`, aliases: [], priceCents: 1000, sizes: ["S", "M", "L"], tags: [`style:${k % 4}`] })) });
  await p.coupon.create({ data: { code: "BALL", brandId: "bench", kind: "amount", value: 100, channels: ["online", "offline"], validFrom: new Date("2026-01-01"), validTo: new Date("2027-01-01"), storeIds: [] } });
  await p.campaign.createMany({ data: [0, 1, 2].map((k) => ({ id: `bc${k}`, brandId: "bench", text: `campaign ${k}`, couponCode: "BALL", audience: k === 1 ? { kind: "followers", nearStoreId: "s1" } : { kind: "followers" }, status: "done" })) });

  const member = (i: string) => `'m' || (${i})`;
  // member j lives 100 m from store j % stores
  await fill(db, "Member", {
    id: member("i"), areaLat: `23.001 + ((i % ${s.stores}) % 10) * 0.03`, areaLng: `113.2 + ((i % ${s.stores}) / 10) * 0.03`, createdAt: ts("0"), updatedAt: ts("0"),
  }, s.members);
  const paid = `i % 10 < 8`;
  const m = `((i * 7) % ${s.members})`;
  await fill(db, "Order", {
    id: `'o' || i`, memberId: member(m), brandId: `'bench'`,
    storeId: `CASE WHEN i % 10 = 3 THEN 'bf' ELSE 's' || ((i * 13) % ${s.stores}) END`,
    creditedStoreId: `CASE WHEN i % 10 = 3 THEN 's' || (${m} % ${s.stores}) ELSE 's' || ((i * 13) % ${s.stores}) END`,
    campaignId: `CASE WHEN i % 5 = 0 THEN 'bc' || (i % 3) END`,
    status: `CASE i % 10 WHEN 8 THEN 'cancelled' WHEN 9 THEN 'pending_payment' WHEN 7 THEN 'completed' ELSE 'paid' END`,
    fulfillment: `'pickup'`, subtotalCents: `1000 + (i * 37) % 50000`, totalCents: `1000 + (i * 37) % 50000`,
    paidAt: `CASE WHEN ${paid} THEN ${ts("i * 2 + 60")} END`, createdAt: ts("i * 2"), updatedAt: ts("i * 2"),
  }, s.orders);
  const perCampaign = s.deliveries / 3;
  await fill(db, "OutboxMessage", {
    id: `'d' || i`, dedupeKey: `'k' || i`, memberId: member(`i % ${s.members}`), source: `'campaign'`, campaignId: `'bc' || (i / ${perCampaign})`, text: `'push'`, payload: json("{}"),
    status: `CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'sent' END`, sentAt: `CASE WHEN i % 10 = 0 THEN NULL ELSE ${ts(`i % 864000`)} END`, notBefore: ts("0"), createdAt: ts("0"),
  }, s.deliveries);
  await fill(db, "Touch", { id: `'t' || i`, memberId: member(`(i * 3) % ${s.members}`), brandId: `'bench'`, campaignId: `'bc' || (i % 3)`, kind: `'deep_link'`, createdAt: ts(`i * 10`) }, s.touches);
  await fill(db, "MemberCoupon", { id: `'mc' || i`, memberId: member("i"), couponCode: `'BALL'`, seq: "1", status: `CASE WHEN i < ${s.redemptions} THEN 'redeemed' ELSE 'claimed' END`, campaignId: `'bc' || (i % 3)`, claimedAt: ts(`i * 20`) }, s.claims);
  await fill(db, "Redemption", {
    id: `'r' || i`, memberCouponId: `'mc' || i`, couponCode: `'BALL'`, memberId: member("i"), storeId: `'s' || (i % ${s.stores})`, channel: `'offline'`, discountCents: "100", campaignId: `'bc' || (i % 3)`, createdAt: ts(`i * 20 + 600`),
  }, s.redemptions);
  await fill(db, "DemandEvent", {
    id: `'e' || i`, brandId: `'bench'`, productId: `'bp' || (i % 20)`, productName: `'P' || (i % 20)`, size: `CASE i % 3 WHEN 0 THEN 'S' WHEN 1 THEN 'M' ELSE 'L' END`, style: `'' || ((i % 20) % 4)`,
    reason: `CASE WHEN i % 9 = 0 THEN 'no_store_nearby' ELSE 'out_of_stock' END`, storeId: `CASE WHEN i % 9 = 0 THEN NULL ELSE 's' || (i % ${s.stores}) END`,
    lat: `23.0 + (i % 40) * 0.01`, lng: `113.2 + ((i / 40) % 30) * 0.01`, createdAt: ts(`i * 30`),
  }, s.demand);
  // PostgreSQL's autovacuum would analyze these tables soon after such a load; SQLite keeps no statistics unless asked
  if (!sqlite) await p.$executeRawUnsafe("ANALYZE");
}

const secs = (ms: number) => Math.round(ms) / 1000;

export async function benchReport(size: Size = SIZE): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const kind of ["sqlite", "postgresql"] as const) {
    const db = await freshDb(kind);
    try {
      let t = performance.now();
      await generate(db, size);
      const genMs = performance.now() - t;
      const runs: number[] = [];
      let orders = 0;
      for (let i = 0; i < 3; i++) {
        t = performance.now();
        const r = await storeReport(db, { brandId: "bench" });
        runs.push(performance.now() - t);
        orders = r!.totals.orders;
      }
      if (orders !== size.orders * 0.8) throw new Error(`report counted ${orders} paid orders, expected ${size.orders * 0.8}`);
      figures.push({ name: `report use case, ${size.orders / 1e6}M orders, ${size.stores} stores, cold (${kind})`, value: secs(runs[0]), unit: "s", note: `data generated in ${secs(genMs).toFixed(1)} s` });
      figures.push({ name: `report use case, warm, best of 2 (${kind})`, value: secs(Math.min(runs[1], runs[2])), unit: "s" });
      t = performance.now();
      const cli = spawnSync(process.execPath, [join(projectRoot, "bin/o2o.js"), "report", "--brand", "bench", "--json"], { env: { ...process.env, DATABASE_URL: db.url }, encoding: "utf8", maxBuffer: 64 << 20 });
      const cliMs = performance.now() - t;
      if (cli.status !== 0) throw new Error(`o2o report failed: ${cli.stderr}`);
      const printed = JSON.parse(cli.stdout) as { totals: { orders: number } };
      if (printed.totals.orders !== orders) throw new Error(`o2o report printed ${printed.totals.orders} orders, expected ${orders}`);
      figures.push({ name: `npx o2o report --brand bench --json, one process (${kind})`, value: secs(cliMs), unit: "s", note: "node + tsx start, migrations check, report, JSON" });
    } finally {
      await db.drop();
    }
  }
  return figures;
}
