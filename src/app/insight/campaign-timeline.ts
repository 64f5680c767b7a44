// The campaign timeline for the dashboard chart: per day (in the brand's time zone) pushes sent, opens, coupon claims,
// and paid orders from one campaign or from all of the brand's campaigns. One GROUP BY per series.
import type { Db } from "../../db/database.ts";
import { query, type Params } from "../../db/sql.ts";
import { inPeriod, num, PAID_STATUSES, type BrandContext, type Period } from "./brand-context.ts";

export interface TimelineDay {
  /** YYYY-MM-DD in the brand's time zone */
  day: string;
  sends: number;
  opens: number;
  claims: number;
  orders: number;
  revenueCents: number;
}

export interface CampaignTimeline {
  brandId: string;
  campaignId: string | null;
  timezone: string;
  days: TimelineDay[];
}

/** Minutes the zone is ahead of UTC at that instant (Asia/Shanghai: 480). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  } catch {
    return 0;
  }
}

/** SQL for the local calendar day of a stored instant, shifted by a whole number of minutes. */
function dayOf(p: Params, col: string, offsetMinutes: number): string {
  const mins = Math.trunc(offsetMinutes);
  return p.provider === "sqlite" ? `date(${col}, '${mins >= 0 ? "+" : ""}${mins} minutes')` : `to_char(${col} + (${mins} * interval '1 minute'), 'YYYY-MM-DD')`;
}

const MAX_FILLED_DAYS = 731;

/** Per-day series of the campaign (or of every campaign of the brand), days without activity inside the range filled with zeros. */
export async function campaignTimeline(db: Db, ctx: BrandContext, q: Period & { campaignId?: string }): Promise<CampaignTimeline | null> {
  const ids = q.campaignId ? ctx.campaignIds.filter((id) => id === q.campaignId) : ctx.campaignIds;
  if (q.campaignId && !ids.length) return null;
  // a zone's offset changes at most twice a year; the one at the end of the range is the one a merchant reads
  const off = utcOffsetMinutes(ctx.timezone, q.to ?? new Date());
  type Row = { d: string; n: unknown; v?: unknown };
  const series = await Promise.all([
    query<Row>(db, (p) => `SELECT ${dayOf(p, `d."sentAt"`, off)} AS "d", COUNT(*) AS "n" FROM "OutboxMessage" d
      WHERE d."campaignId" IN ${p.list(ids)} AND d."status" = 'sent' AND d."sentAt" IS NOT NULL${inPeriod(p, `d."sentAt"`, q)} GROUP BY 1`),
    query<Row>(db, (p) => `SELECT ${dayOf(p, `t."createdAt"`, off)} AS "d", COUNT(*) AS "n" FROM "Touch" t
      WHERE t."campaignId" IN ${p.list(ids)}${inPeriod(p, `t."createdAt"`, q)} GROUP BY 1`),
    query<Row>(db, (p) => `SELECT ${dayOf(p, `mc."claimedAt"`, off)} AS "d", COUNT(*) AS "n" FROM "MemberCoupon" mc
      WHERE mc."campaignId" IN ${p.list(ids)}${inPeriod(p, `mc."claimedAt"`, q)} GROUP BY 1`),
    query<Row>(db, (p) => `SELECT ${dayOf(p, `o."paidAt"`, off)} AS "d", COUNT(*) AS "n", SUM(o."totalCents") AS "v" FROM "Order" o
      WHERE o."brandId" = ${p.v(ctx.brandId)} AND o."campaignId" IN ${p.list(ids)} AND o."status" IN ${p.list(PAID_STATUSES)} AND o."paidAt" IS NOT NULL${inPeriod(p, `o."paidAt"`, q)}
      GROUP BY 1`),
  ]);
  const days = new Map<string, TimelineDay>();
  const day = (d: string) => {
    let x = days.get(d);
    if (!x) days.set(d, (x = { day: d, sends: 0, opens: 0, claims: 0, orders: 0, revenueCents: 0 }));
    return x;
  };
  const [sends, opens, claims, orders] = series;
  for (const r of sends) day(r.d).sends += num(r.n);
  for (const r of opens) day(r.d).opens += num(r.n);
  for (const r of claims) day(r.d).claims += num(r.n);
  for (const r of orders) {
    day(r.d).orders += num(r.n);
    day(r.d).revenueCents += num(r.v);
  }
  const sorted = [...days.keys()].sort();
  if (sorted.length > 1) {
    // zero days between the first and the last, so the chart's x axis is time
    const first = Date.parse(`${sorted[0]}T00:00:00Z`);
    const last = Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`);
    for (let t = first, i = 0; t <= last && i < MAX_FILLED_DAYS; t += 86_400_000, i++) day(new Date(t).toISOString().slice(0, 10));
  }
  return { brandId: ctx.brandId, campaignId: q.campaignId ?? null, timezone: ctx.timezone, days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)) };
}
