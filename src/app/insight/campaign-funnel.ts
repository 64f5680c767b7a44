// The per-campaign funnel: pushes sent → opened (deep link / button touches carrying the campaign) → coupons claimed
// from it → redeemed (online and offline) → paid orders placed from it and their revenue. GROUP BYs only; pushes and
// orders come from the report's shared scans (big-aggregates.ts).
import type { Db } from "../../db/database.ts";
import { query } from "../../db/sql.ts";
import { bigAggregates, type BigAggregates } from "./big-aggregates.ts";
import { inPeriod, num, type BrandContext, type CampaignInfo, type Period } from "./brand-context.ts";
import { emptyCounts, type FunnelCounts } from "./store-funnel.ts";

export interface CampaignFunnel extends FunnelCounts {
  campaignId: string;
  text: string;
  status: string;
  couponCode: string | null;
  targetStoreId: string | null;
  createdAt: string;
}

/** The funnels of these campaigns of the brand (default: all of them, newest first) over the period. */
export async function campaignFunnels(db: Db, ctx: BrandContext, period: Period = {}, campaigns: CampaignInfo[] = ctx.campaigns, big: BigAggregates = bigAggregates(db, ctx, period)): Promise<CampaignFunnel[]> {
  const lines = new Map<string, CampaignFunnel>(campaigns.map((c) => [c.id, {
    campaignId: c.id, text: c.text, status: c.status, couponCode: c.couponCode, targetStoreId: c.targetStoreId, createdAt: c.createdAt.toISOString(), ...emptyCounts(),
  }]));
  const ids = [...lines.keys()];
  if (!ids.length) return [];
  type Row = { c: string; n: unknown };
  const [sent, opened, claimed, redeemed, orders] = await Promise.all([
    big.deliveries(),
    query<Row>(db, (p) => `SELECT t."campaignId" AS "c", COUNT(*) AS "n" FROM "Touch" t
      WHERE t."campaignId" IN ${p.list(ids)}${inPeriod(p, `t."createdAt"`, period)} GROUP BY t."campaignId"`),
    query<Row>(db, (p) => `SELECT mc."campaignId" AS "c", COUNT(*) AS "n" FROM "MemberCoupon" mc
      WHERE mc."campaignId" IN ${p.list(ids)}${inPeriod(p, `mc."claimedAt"`, period)} GROUP BY mc."campaignId"`),
    query<Row & { ch: string }>(db, (p) => `SELECT r."campaignId" AS "c", r."channel" AS "ch", COUNT(*) AS "n" FROM "Redemption" r
      WHERE r."campaignId" IN ${p.list(ids)}${inPeriod(p, `r."createdAt"`, period)} GROUP BY r."campaignId", r."channel"`),
    big.orders(),
  ]);
  const scratch = emptyCounts(); // rows of campaigns outside this page land here
  const at = (id: string | null): FunnelCounts => (id ? lines.get(id) : undefined) ?? scratch;
  for (const r of sent) at(r.c).reach += num(r.n);
  for (const r of opened) at(r.c).opened = num(r.n);
  for (const r of claimed) at(r.c).claimed = num(r.n);
  for (const r of redeemed) {
    const l = at(r.c);
    l.redeemed += num(r.n);
    if (r.ch === "offline") l.redeemedOffline += num(r.n);
    else l.redeemedOnline += num(r.n);
  }
  for (const r of orders) {
    const l = at(r.c);
    l.orders += num(r.n);
    l.revenueCents += num(r.v);
  }
  for (const l of lines.values()) [l.campaignOrders, l.campaignRevenueCents] = [l.orders, l.revenueCents];
  return [...lines.values()];
}
