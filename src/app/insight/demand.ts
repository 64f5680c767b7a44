// Unmet demand for stocking: what customers asked for and could not get, aggregated by the store whose area they
// were in, product, size and style (sold out in the area store, or no store near them); the top gaps per store; and
// a heat grid of the coarse (~1 km) cells the requests came from. GROUP BYs only.
import type { Db } from "../../db/database.ts";
import { query, type Params } from "../../db/sql.ts";
import { inPeriod, num, type BrandContext, type Period } from "./brand-context.ts";

export interface DemandFilter extends Period {
  storeId?: string;
}

export interface DemandGap {
  /** the store whose area the customers were in (null: no store near them) */
  storeId: string | null;
  storeName: string | null;
  productId: string | null;
  productName: string | null;
  size: string | null;
  style: string | null;
  /** requests */
  count: number;
  /** of which the area store was out of stock */
  outOfStock: number;
  /** of which no store was near enough */
  noStoreNearby: number;
  /** distinct members who asked */
  members: number;
}

/** One heat-grid cell: requests from customers located in it (positions are stored rounded to 0.01°). */
export interface DemandCell {
  lat: number;
  lng: number;
  count: number;
}

export const GRID_STEP_DEGREES = 0.01;
// positions are recorded rounded to 0.01° already; rounding again keeps older or imported rows on the same grid
const CELL = (col: "lat" | "lng") => `ROUND(CAST(e."${col}" AS NUMERIC), 2)`;

function where(p: Params, brandId: string, f: DemandFilter): string {
  return `e."brandId" = ${p.v(brandId)}${f.storeId ? ` AND e."storeId" = ${p.v(f.storeId)}` : ""}${inPeriod(p, `e."createdAt"`, f)}`;
}

const GROUP = `e."storeId", e."productId", e."productName", e."size", e."style"`;

/** Demand gaps, largest first, one page of them, and how many there are. */
export async function demandGaps(db: Db, ctx: BrandContext, f: DemandFilter, page: { limit: number; offset: number }): Promise<{ items: DemandGap[]; total: number }> {
  const names = new Map(ctx.stores.map((s) => [s.id, s.name]));
  type Row = { s: string | null; pid: string | null; pname: string | null; size: string | null; style: string | null; n: unknown; oos: unknown; none: unknown; mem: unknown };
  const [rows, total] = await Promise.all([
    query<Row>(db, (p) => `SELECT e."storeId" AS "s", e."productId" AS "pid", e."productName" AS "pname", e."size" AS "size", e."style" AS "style", COUNT(*) AS "n",
        SUM(CASE WHEN e."reason" = 'out_of_stock' THEN 1 ELSE 0 END) AS "oos", SUM(CASE WHEN e."reason" = 'no_store_nearby' THEN 1 ELSE 0 END) AS "none",
        COUNT(DISTINCT e."memberId") AS "mem"
      FROM "DemandEvent" e WHERE ${where(p, ctx.brandId, f)}
      GROUP BY ${GROUP}
      ORDER BY COUNT(*) DESC, COALESCE(e."storeId", ''), COALESCE(e."productId", ''), COALESCE(e."size", ''), COALESCE(e."style", ''), COALESCE(e."productName", '')
      LIMIT ${p.v(page.limit)} OFFSET ${p.v(page.offset)}`),
    query<{ n: unknown }>(db, (p) => `SELECT COUNT(*) AS "n" FROM (SELECT 1 AS "x" FROM "DemandEvent" e WHERE ${where(p, ctx.brandId, f)} GROUP BY ${GROUP}) g`),
  ]);
  return {
    total: num(total[0]?.n),
    items: rows.map((r) => ({
      storeId: r.s, storeName: r.s ? names.get(r.s) ?? null : null, productId: r.pid, productName: r.pname, size: r.size, style: r.style,
      count: num(r.n), outOfStock: num(r.oos), noStoreNearby: num(r.none), members: num(r.mem),
    })),
  };
}

export interface StoreGap {
  productId: string | null;
  name: string | null;
  size: string | null;
  count: number;
}

/** The top `n` unmet requests (product and size) in each store's area, by store id. */
export async function topGapsPerStore(db: Db, ctx: BrandContext, period: Period, n = 10): Promise<Map<string, StoreGap[]>> {
  const rows = await query<{ s: string; pid: string | null; pname: string | null; size: string | null; n: unknown }>(db, (p) =>
    `SELECT e."storeId" AS "s", e."productId" AS "pid", e."productName" AS "pname", e."size" AS "size", COUNT(*) AS "n"
     FROM "DemandEvent" e WHERE e."brandId" = ${p.v(ctx.brandId)} AND e."storeId" IS NOT NULL${inPeriod(p, `e."createdAt"`, period)}
     GROUP BY e."storeId", e."productId", e."productName", e."size"`);
  const out = new Map<string, StoreGap[]>(ctx.stores.map((s) => [s.id, []]));
  for (const r of rows) out.get(r.s)?.push({ productId: r.pid, name: r.pname, size: r.size, count: num(r.n) });
  for (const gaps of out.values()) gaps.sort((a, b) => b.count - a.count || String(a.productId).localeCompare(String(b.productId)) || String(a.size).localeCompare(String(b.size))).splice(n);
  return out;
}

/** Requests per ~1 km cell (where the customers were), for the heat grid around the stores. */
export async function demandGrid(db: Db, ctx: BrandContext, f: DemandFilter): Promise<DemandCell[]> {
  const rows = await query<{ lat: number; lng: number; n: unknown }>(db, (p) =>
    `SELECT ${CELL("lat")} AS "lat", ${CELL("lng")} AS "lng", COUNT(*) AS "n" FROM "DemandEvent" e
     WHERE ${where(p, ctx.brandId, f)} AND e."lat" IS NOT NULL AND e."lng" IS NOT NULL
     GROUP BY ${CELL("lat")}, ${CELL("lng")} ORDER BY COUNT(*) DESC, 1, 2 LIMIT 5000`);
  return rows.map((r) => ({ lat: Number(r.lat), lng: Number(r.lng), count: num(r.n) }));
}
