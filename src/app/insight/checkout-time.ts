// Checkout time per store (issue 18): scan → paid of the bills paid at each till over the period, as the median and
// the 90th percentile. Percentiles interpolate linearly between the two nearest ranks (PostgreSQL's percentile_cont),
// so the median of an even count is the mean of the middle two. The database ranks the durations (window functions,
// the same text on both providers) and returns only the rows at the ranks the percentiles need, at most four per
// store, whatever the number of bills; JS only interpolates between them.
import type { Db } from "../../db/database.ts";
import { query, type Params } from "../../db/sql.ts";
import { inPeriod, num, type BrandContext, type Period } from "./brand-context.ts";

export interface CheckoutTime {
  /** bills paid after a scan in the period */
  billsPaid: number;
  /** scan → paid in milliseconds; null when no bill was paid (no figure, not zero) */
  checkoutMedianMs: number | null;
  checkoutP90Ms: number | null;
}

export const noCheckoutTime = (): CheckoutTime => ({ billsPaid: 0, checkoutMedianMs: null, checkoutP90Ms: null });

/** A percentile as a fraction k/den, so ranks are whole-number arithmetic in SQL and JS alike. */
const MEDIAN = { k: 1, den: 2 };
const P90 = { k: 9, den: 10 };

/** paidAt − scannedAt in whole milliseconds, per provider (SQLite keeps instants as ISO text). */
function durationMs(p: Params): string {
  return p.provider === "sqlite"
    ? `CAST(ROUND((julianday(b."paidAt") - julianday(b."scannedAt")) * 86400000.0) AS INTEGER)`
    : `CAST(ROUND(EXTRACT(EPOCH FROM (b."paidAt" - b."scannedAt")) * 1000) AS BIGINT)`;
}

/** 0-based ranks below and above the percentile's position k/den·(n−1), as SQL over the count column `n` (integer division). */
const ranksSql = (n: string, { k, den }: { k: number; den: number }) => [`(${k} * (${n} - 1)) / ${den}`, `(${k} * (${n} - 1) + ${den - 1}) / ${den}`];

function percentile(sorted: Map<number, number>, n: number, { k, den }: { k: number; den: number }): number {
  const pos = k * (n - 1);
  const lo = Math.floor(pos / den);
  const frac = (pos % den) / den;
  const a = sorted.get(lo)!;
  const b = sorted.get(frac ? lo + 1 : lo)!;
  return Math.round(a + (b - a) * frac);
}

/**
 * Checkout time of each of the brand's dealer stores over the period (bills paid in it), and of all of them together
 * under the key "" (the report's total line). Stores without a paid bill are absent.
 */
export async function checkoutTimes(db: Db, ctx: BrandContext, period: Period = {}): Promise<Map<string, CheckoutTime>> {
  const storeIds = ctx.stores.map((s) => s.id);
  const rows = await query<{ s: string; rn: unknown; n: unknown; d: unknown }>(db, (p) => {
    const bills = `SELECT b."storeId" AS "storeId", ${durationMs(p)} AS d FROM "Bill" b
      WHERE b."brandId" = ${p.v(ctx.brandId)} AND b."status" = 'paid' AND b."scannedAt" IS NOT NULL AND b."paidAt" IS NOT NULL
        AND b."storeId" IN ${p.list(storeIds)}${inPeriod(p, `b."paidAt"`, period)}`;
    // once per store and once over all stores (s = ''), the same ranking
    const ranked = `SELECT x."storeId" AS s, x.d, ROW_NUMBER() OVER (PARTITION BY x."storeId" ORDER BY x.d) - 1 AS rn, COUNT(*) OVER (PARTITION BY x."storeId") AS n FROM bills x
      UNION ALL SELECT '' AS s, x.d, ROW_NUMBER() OVER (ORDER BY x.d) - 1 AS rn, COUNT(*) OVER () AS n FROM bills x`;
    return `WITH bills AS (${bills}) SELECT r.s AS "s", r.rn AS "rn", r.n AS "n", r.d AS "d" FROM (${ranked}) r
      WHERE r.rn IN (${[...ranksSql("r.n", MEDIAN), ...ranksSql("r.n", P90)].join(", ")})`;
  });
  const byStore = new Map<string, { n: number; sorted: Map<number, number> }>();
  for (const r of rows) {
    let e = byStore.get(r.s);
    if (!e) byStore.set(r.s, (e = { n: num(r.n), sorted: new Map() }));
    e.sorted.set(num(r.rn), num(r.d));
  }
  return new Map([...byStore].map(([s, e]) => [s, { billsPaid: e.n, checkoutMedianMs: percentile(e.sorted, e.n, MEDIAN), checkoutP90Ms: percentile(e.sorted, e.n, P90) }]));
}
