// The two aggregates over the big tables (orders, campaign pushes), each one scan grouped finely enough to serve both
// the store funnel and the campaign funnel: a report reads each table once. Memoised per (context, period).
import type { Db } from "../../db/database.ts";
import { query } from "../../db/sql.ts";
import { inPeriod, PAID_STATUSES, type BrandContext, type Period } from "./brand-context.ts";

/** Paid orders of the brand by credited store and campaign. */
export interface OrderGroup {
  s: string;
  c: string | null;
  n: unknown;
  v: unknown;
  /** of which another store (the flagship) served */
  el: unknown;
}

/** Campaign pushes sent, by campaign and (for campaigns without a target store) the member's area. */
export interface DeliveryGroup {
  c: string;
  lat: number | null;
  lng: number | null;
  areaStoreId: string | null;
  n: unknown;
}

export interface BigAggregates {
  orders(): Promise<OrderGroup[]>;
  deliveries(): Promise<DeliveryGroup[]>;
}

export function bigAggregates(db: Db, ctx: BrandContext, period: Period): BigAggregates {
  let orders: Promise<OrderGroup[]> | undefined;
  let deliveries: Promise<DeliveryGroup[]> | undefined;
  const untargeted = ctx.campaigns.filter((c) => !c.targetStoreId).map((c) => c.id);
  return {
    orders: () => (orders ??= query<OrderGroup>(db, (p) => `SELECT o."creditedStoreId" AS "s", o."campaignId" AS "c", COUNT(*) AS "n", SUM(o."totalCents") AS "v",
        SUM(CASE WHEN o."storeId" = o."creditedStoreId" THEN 0 ELSE 1 END) AS "el"
      FROM "Order" o
      WHERE o."brandId" = ${p.v(ctx.brandId)} AND o."status" IN ${p.list(PAID_STATUSES)}${inPeriod(p, `o."paidAt"`, period)}
      GROUP BY o."creditedStoreId", o."campaignId"`)),
    // the member's area only matters when the campaign names no store: the join is skipped for the others
    deliveries: () => (deliveries ??= query<DeliveryGroup>(db, (p) => `SELECT d."campaignId" AS "c", m."areaLat" AS "lat", m."areaLng" AS "lng", m."areaStoreId" AS "areaStoreId", COUNT(*) AS "n"
      FROM "OutboxMessage" d LEFT JOIN "Member" m ON m."id" = d."memberId" AND d."campaignId" IN ${p.list(untargeted)}
      WHERE d."campaignId" IN ${p.list(ctx.campaignIds)} AND d."status" = 'sent'${inPeriod(p, `d."sentAt"`, period)}
      GROUP BY d."campaignId", m."areaLat", m."areaLng", m."areaStoreId"`)),
  };
}
