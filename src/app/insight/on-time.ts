// On-time delivery per store (issue 18): of the store's completed delivery orders paid in the period, the share
// completed within its delivery promise after payment (paid → completed ≤ promise). The promise is the store's own,
// else its brand's; without a promise, or without such orders, there is no share (null, not 0). One grouped COUNT in
// the database, whatever the number of orders.
import type { Db } from "../../db/database.ts";
import { query, type Params } from "../../db/sql.ts";
import { inPeriod, num, type BrandContext, type Period } from "./brand-context.ts";

export interface OnTime {
  /** the store's delivery promise in minutes (its own, else its brand's); null without one */
  deliveryPromiseMinutes: number | null;
  /** completed delivery orders paid in the period */
  deliveriesCompleted: number;
  /** of those, completed within the promise after payment (0 without a promise) */
  deliveriesOnTime: number;
  /** deliveriesOnTime / deliveriesCompleted, 0..1; null without a promise or without completed deliveries */
  onTimeShare: number | null;
}

export const noOnTime = (deliveryPromiseMinutes: number | null = null): OnTime => ({ deliveryPromiseMinutes, deliveriesCompleted: 0, deliveriesOnTime: 0, onTimeShare: null });

/** completedAt − paidAt in whole milliseconds, per provider (SQLite keeps instants as ISO text). */
function paidToCompletedMs(p: Params): string {
  return p.provider === "sqlite"
    ? `CAST(ROUND((julianday(o."completedAt") - julianday(o."paidAt")) * 86400000.0) AS INTEGER)`
    : `CAST(ROUND(EXTRACT(EPOCH FROM (o."completedAt" - o."paidAt")) * 1000) AS BIGINT)`;
}

/**
 * On-time delivery of every one of the brand's dealer stores, and of all of them together under the key "" (the
 * report's total line: only stores with a promise count there, since the others have nothing to be on time for).
 */
export async function onTimeDeliveries(db: Db, ctx: BrandContext, period: Period = {}): Promise<Map<string, OnTime>> {
  const rows = await query<{ s: string; promise: unknown; n: unknown; k: unknown }>(db, (p) => `
    SELECT o."storeId" AS "s", COALESCE(st."deliveryPromiseMinutes", br."deliveryPromiseMinutes") AS "promise", COUNT(*) AS "n",
      SUM(CASE WHEN ${paidToCompletedMs(p)} <= COALESCE(st."deliveryPromiseMinutes", br."deliveryPromiseMinutes") * 60000 THEN 1 ELSE 0 END) AS "k"
    FROM "Order" o JOIN "Store" st ON st."id" = o."storeId" JOIN "Brand" br ON br."id" = st."brandId"
    WHERE o."brandId" = ${p.v(ctx.brandId)} AND o."fulfillment" = 'delivery' AND o."status" = 'completed'
      AND o."paidAt" IS NOT NULL AND o."completedAt" IS NOT NULL${inPeriod(p, `o."paidAt"`, period)}
    GROUP BY o."storeId", COALESCE(st."deliveryPromiseMinutes", br."deliveryPromiseMinutes")`);
  const promises = await deliveryPromises(db, ctx.brandId);
  const out = new Map<string, OnTime>(ctx.stores.map((st) => [st.id, noOnTime(promises.get(st.id) ?? null)]));
  let total = { n: 0, k: 0 };
  for (const r of rows) {
    if (!ctx.isStore(r.s)) continue;
    const promise = r.promise === null || r.promise === undefined ? null : num(r.promise);
    const n = num(r.n);
    const k = promise === null ? 0 : num(r.k);
    out.set(r.s, { deliveryPromiseMinutes: promise, deliveriesCompleted: n, deliveriesOnTime: k, onTimeShare: promise === null || n === 0 ? null : k / n });
    if (promise !== null) total = { n: total.n + n, k: total.k + k };
  }
  out.set("", { deliveryPromiseMinutes: null, deliveriesCompleted: total.n, deliveriesOnTime: total.k, onTimeShare: total.n === 0 ? null : total.k / total.n });
  return out;
}

/** Each store's delivery promise (its own, else its brand's), for stores without completed deliveries. */
async function deliveryPromises(db: Db, brandId: string): Promise<Map<string, number | null>> {
  const brand = await db.prisma.brand.findUnique({ where: { id: brandId }, select: { deliveryPromiseMinutes: true } });
  const stores = await db.prisma.store.findMany({ where: { brandId }, select: { id: true, deliveryPromiseMinutes: true } });
  return new Map(stores.map((s) => [s.id, s.deliveryPromiseMinutes ?? brand?.deliveryPromiseMinutes ?? null]));
}
