// Use case: the merchant's report (`o2o report`, GET /admin/api/brands/:id/report). Per dealer store: campaign reach,
// opens, coupons claimed and redeemed, orders and revenue credited (flagship shipments count for the store whose area
// holds the customer), out-of-stock events, the top unmet requests in its area and checkout time at its till (median
// and p90 of scan → paid, see checkout-time.ts) and on-time delivery against its promise (on-time.ts); per campaign:
// the same funnel.
// Every figure is a COUNT/SUM in the database (see store-funnel.ts for the crediting rules), so it equals an
// independent SQL count over the same rows and stays fast on millions of orders.
import type { Db } from "../../db/database.ts";
import { bigAggregates } from "./big-aggregates.ts";
import { loadBrandContext, PAID_STATUSES, type Period } from "./brand-context.ts";
import { campaignFunnels, type CampaignFunnel } from "./campaign-funnel.ts";
import { checkoutTimes, noCheckoutTime, type CheckoutTime } from "./checkout-time.ts";
import { noOnTime, onTimeDeliveries, type OnTime } from "./on-time.ts";
import { topGapsPerStore, type StoreGap } from "./demand.ts";
import { storeFunnels, sumCounts, type FunnelCounts, type StoreFunnel } from "./store-funnel.ts";

export { PAID_STATUSES };

export interface StoreLine extends StoreFunnel, CheckoutTime, OnTime {
  /** the top unmet requests (product, size) in the store's area */
  unmetDemand: StoreGap[];
}

export interface StoreReport {
  brandId: string;
  brandName: string;
  from: string | null;
  to: string | null;
  currency: string;
  stores: StoreLine[];
  totals: FunnelCounts & CheckoutTime & OnTime & { ordersServedElsewhere: number; outOfStock: number };
  campaigns: CampaignFunnel[];
}

/** The report of a brand over the period (from inclusive, to exclusive), or null for an unknown brand. */
export async function storeReport(db: Db, q: { brandId: string } & Period): Promise<StoreReport | null> {
  const ctx = await loadBrandContext(db, q.brandId);
  if (!ctx) return null;
  const period: Period = { from: q.from, to: q.to };
  const big = bigAggregates(db, ctx, period);
  const [funnels, gaps, campaigns, currency, checkout, onTime] = await Promise.all([
    storeFunnels(db, ctx, period, big),
    topGapsPerStore(db, ctx, period, 10),
    campaignFunnels(db, ctx, period, ctx.campaigns, big),
    db.prisma.product.findFirst({ where: { brandId: q.brandId }, select: { currency: true } }),
    checkoutTimes(db, ctx, period),
    onTimeDeliveries(db, ctx, period),
  ]);
  const stores = funnels.map((f) => ({ ...f, ...(checkout.get(f.storeId) ?? noCheckoutTime()), ...(onTime.get(f.storeId) ?? noOnTime()), unmetDemand: gaps.get(f.storeId) ?? [] }));
  return {
    brandId: ctx.brandId, brandName: ctx.name, from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null, currency: currency?.currency ?? "CNY",
    stores,
    // a median does not add up: the total line's checkout time is over all the stores' bills together
    totals: { ...sumCounts(stores), ...(checkout.get("") ?? noCheckoutTime()), ...(onTime.get("") ?? noOnTime()), ordersServedElsewhere: stores.reduce((s, l) => s + l.ordersServedElsewhere, 0), outOfStock: stores.reduce((s, l) => s + l.outOfStock, 0) },
    campaigns,
  };
}
