// The per-store funnel: how much traffic the account brought into each dealer store, and what it turned into.
// Each step is credited to exactly one store, first rule that applies:
//   reach (campaign pushes sent), opened (Touch: deep link, button, store QR…), claimed (MemberCoupon):
//     the store the row itself names (touch's store, coupon's single store) → the store the campaign targets
//     → the store whose area holds the member (delivery area, else nearest within 10 km, else their area store);
//   redeemed: the store that served (offline at the till; online = the order's credited store);
//   orders and revenue: Order.creditedStoreId (the serving store, or for flagship shipments the customer's area store).
// Every figure comes from a GROUP BY in the database; JS only maps the grouped keys (campaign, coupon, area cell) to stores.
import type { Db } from "../../db/database.ts";
import { query } from "../../db/sql.ts";
import { bigAggregates, type BigAggregates } from "./big-aggregates.ts";
import { inPeriod, num, type BrandContext, type Period } from "./brand-context.ts";

export interface FunnelCounts {
  /** campaign pushes delivered */
  reach: number;
  /** deep links, campaign buttons, store QR codes, coupon links opened (Touch rows) */
  opened: number;
  /** coupons claimed */
  claimed: number;
  /** coupons redeemed, online and offline */
  redeemed: number;
  redeemedOnline: number;
  redeemedOffline: number;
  /** paid orders credited and their total */
  orders: number;
  revenueCents: number;
  /** of those, orders placed from a campaign */
  campaignOrders: number;
  campaignRevenueCents: number;
}

export interface StoreFunnel extends FunnelCounts {
  storeId: string;
  name: string;
  lat: number;
  lng: number;
  /** credited orders another store (e.g. the flagship) served: the dealer's share of online sales */
  ordersServedElsewhere: number;
  /** out-of-stock events in the store's area */
  outOfStock: number;
}

export const emptyCounts = (): FunnelCounts => ({ reach: 0, opened: 0, claimed: 0, redeemed: 0, redeemedOnline: 0, redeemedOffline: 0, orders: 0, revenueCents: 0, campaignOrders: 0, campaignRevenueCents: 0 });

interface AreaRow {
  lat: number | null;
  lng: number | null;
  areaStoreId: string | null;
  n: unknown;
}

const AREA_COLS = `m."areaLat" AS "lat", m."areaLng" AS "lng", m."areaStoreId" AS "areaStoreId"`;
const AREA_GROUP = `m."areaLat", m."areaLng", m."areaStoreId"`;

/** The funnel of every dealer store of the brand over the period, ordered by store id. */
export async function storeFunnels(db: Db, ctx: BrandContext, period: Period = {}, big: BigAggregates = bigAggregates(db, ctx, period)): Promise<StoreFunnel[]> {
  const lines = new Map<string, StoreFunnel>(ctx.stores.map((s) => [s.id, { storeId: s.id, name: s.name, lat: s.lat, lng: s.lng, ...emptyCounts(), ordersServedElsewhere: 0, outOfStock: 0 }]));
  const add = (storeId: string | null, f: (l: StoreFunnel) => void) => {
    const l = storeId ? lines.get(storeId) : undefined;
    if (l) f(l);
  };
  const credit = (own: string | null, campaignId: string | null, r: AreaRow) =>
    (ctx.isStore(own) ? own : null) ?? ctx.campaignTarget(campaignId) ?? ctx.areaStore(r.lat, r.lng, r.areaStoreId);

  const [reach, opened, claimed, redeemed, orders, outOfStock] = await Promise.all([
    big.deliveries(),
    query<AreaRow & { c: string | null; s: string | null }>(db, (p) => `SELECT t."campaignId" AS "c", t."storeId" AS "s", ${AREA_COLS}, COUNT(*) AS "n"
      FROM "Touch" t LEFT JOIN "Member" m ON m."id" = t."memberId"
      WHERE (t."brandId" = ${p.v(ctx.brandId)} OR t."campaignId" IN ${p.list(ctx.campaignIds)} OR t."storeId" IN ${p.list(ctx.stores.map((s) => s.id))})${inPeriod(p, `t."createdAt"`, period)}
      GROUP BY t."campaignId", t."storeId", ${AREA_GROUP}`),
    query<AreaRow & { c: string | null; k: string }>(db, (p) => `SELECT mc."campaignId" AS "c", mc."couponCode" AS "k", ${AREA_COLS}, COUNT(*) AS "n"
      FROM "MemberCoupon" mc JOIN "Coupon" cp ON cp."code" = mc."couponCode" LEFT JOIN "Member" m ON m."id" = mc."memberId"
      WHERE cp."brandId" = ${p.v(ctx.brandId)}${inPeriod(p, `mc."claimedAt"`, period)}
      GROUP BY mc."campaignId", mc."couponCode", ${AREA_GROUP}`),
    query<{ s: string | null; ch: string; n: unknown }>(db, (p) => `SELECT r."storeId" AS "s", r."channel" AS "ch", COUNT(*) AS "n"
      FROM "Redemption" r JOIN "Coupon" cp ON cp."code" = r."couponCode"
      WHERE cp."brandId" = ${p.v(ctx.brandId)}${inPeriod(p, `r."createdAt"`, period)}
      GROUP BY r."storeId", r."channel"`),
    big.orders(),
    query<{ s: string; n: unknown }>(db, (p) => `SELECT e."storeId" AS "s", COUNT(*) AS "n" FROM "DemandEvent" e
      WHERE e."brandId" = ${p.v(ctx.brandId)} AND e."reason" = 'out_of_stock' AND e."storeId" IS NOT NULL${inPeriod(p, `e."createdAt"`, period)}
      GROUP BY e."storeId"`),
  ]);

  for (const r of reach) add(credit(null, r.c, r), (l) => (l.reach += num(r.n)));
  for (const r of opened) add(credit(r.s, r.c, r), (l) => (l.opened += num(r.n)));
  for (const r of claimed) add(credit(ctx.couponStore(r.k), r.c, r), (l) => (l.claimed += num(r.n)));
  for (const r of redeemed) {
    add(r.s, (l) => {
      l.redeemed += num(r.n);
      if (r.ch === "offline") l.redeemedOffline += num(r.n);
      else l.redeemedOnline += num(r.n);
    });
  }
  for (const r of orders) {
    add(r.s, (l) => {
      l.orders += num(r.n);
      l.revenueCents += num(r.v);
      if (r.c !== null) {
        l.campaignOrders += num(r.n);
        l.campaignRevenueCents += num(r.v);
      }
      l.ordersServedElsewhere += num(r.el);
    });
  }
  for (const r of outOfStock) add(r.s, (l) => (l.outOfStock += num(r.n)));
  return [...lines.values()];
}

/** Column sums of funnel lines. */
export function sumCounts<T extends FunnelCounts>(lines: T[]): FunnelCounts {
  const t = emptyCounts();
  for (const l of lines) for (const k of Object.keys(t) as (keyof FunnelCounts)[]) t[k] += l[k];
  return t;
}
