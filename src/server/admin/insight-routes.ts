// Admin API: merchant insight. The report, the store and campaign funnels, unmet demand (list and heat grid) and the
// campaign timeline of a brand, over an optional period: the same use cases as `o2o report`.
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { loadBrandContext, type BrandContext } from "../../app/insight/brand-context.ts";
import { campaignFunnels } from "../../app/insight/campaign-funnel.ts";
import { campaignTimeline } from "../../app/insight/campaign-timeline.ts";
import { demandGaps, demandGrid, GRID_STEP_DEGREES } from "../../app/insight/demand.ts";
import { storeReport } from "../../app/insight/store-report.ts";
import { storeFunnels } from "../../app/insight/store-funnel.ts";
import { AdminError, adminRoute, pageFrom, pageOf, pageQuery, pageSchema } from "./admin-api.ts";

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO date or date-time").transform((s) => new Date(s));
const period = z.object({
  from: instant.optional().describe("from this instant, inclusive (ISO 8601)"),
  to: instant.optional().describe("until this instant, exclusive (ISO 8601)"),
});
const brandParams = z.object({ brandId: z.string().min(1) });

const counts = {
  reach: z.number().int().describe("campaign pushes delivered"), opened: z.number().int().describe("deep links, buttons, store QR codes opened"),
  claimed: z.number().int(), redeemed: z.number().int(), redeemedOnline: z.number().int(), redeemedOffline: z.number().int(),
  orders: z.number().int().describe("paid orders credited"), revenueCents: z.number().int(), campaignOrders: z.number().int(), campaignRevenueCents: z.number().int(),
};
const storeFunnelSchema = z.object({
  storeId: z.string(), name: z.string(), lat: z.number(), lng: z.number(), ...counts,
  ordersServedElsewhere: z.number().int().describe("credited orders another store (the flagship) shipped"), outOfStock: z.number().int(),
});
const campaignFunnelSchema = z.object({
  campaignId: z.string(), text: z.string(), status: z.string(), couponCode: z.string().nullable(), targetStoreId: z.string().nullable(), createdAt: z.string(), ...counts,
});
const checkoutTime = {
  billsPaid: z.number().int().describe("bills paid at the till after a scan"),
  checkoutMedianMs: z.number().int().nullable().describe("median scan → paid in milliseconds; null without paid bills"),
  checkoutP90Ms: z.number().int().nullable().describe("90th percentile of scan → paid in milliseconds; null without paid bills"),
};
const onTime = {
  deliveryPromiseMinutes: z.number().int().nullable().describe("the store's delivery promise in minutes (its own, else its brand's); null without one (and on the total line)"),
  deliveriesCompleted: z.number().int().describe("completed delivery orders paid in the period"),
  deliveriesOnTime: z.number().int().describe("of those, completed within the promise after payment"),
  onTimeShare: z.number().nullable().describe("deliveriesOnTime / deliveriesCompleted (0..1); null without a promise or without completed deliveries"),
};
const gap = z.object({ productId: z.string().nullable(), name: z.string().nullable(), size: z.string().nullable(), count: z.number().int() });
const reportSchema = z.object({
  brandId: z.string(), brandName: z.string(), from: z.string().nullable(), to: z.string().nullable(), currency: z.string(),
  stores: z.array(storeFunnelSchema.extend({ ...checkoutTime, ...onTime, unmetDemand: z.array(gap) })),
  totals: z.object({ ...counts, ...checkoutTime, ...onTime, ordersServedElsewhere: z.number().int(), outOfStock: z.number().int() }),
  campaigns: z.array(campaignFunnelSchema),
});
const demandSchema = z.object({
  storeId: z.string().nullable(), storeName: z.string().nullable(), productId: z.string().nullable(), productName: z.string().nullable(),
  size: z.string().nullable(), style: z.string().nullable(), count: z.number().int(), outOfStock: z.number().int(), noStoreNearby: z.number().int(), members: z.number().int(),
});
const gridSchema = z.object({
  brandId: z.string(), stepDegrees: z.number(),
  stores: z.array(z.object({ storeId: z.string(), name: z.string(), lat: z.number(), lng: z.number(), deliveryRadiusMeters: z.number().int() })),
  cells: z.array(z.object({ lat: z.number(), lng: z.number(), count: z.number().int() })),
});
const timelineSchema = z.object({
  brandId: z.string(), campaignId: z.string().nullable(), timezone: z.string(),
  days: z.array(z.object({ day: z.string(), sends: z.number().int(), opens: z.number().int(), claims: z.number().int(), orders: z.number().int(), revenueCents: z.number().int() })),
});

export function insightRoutes(db: Db) {
  const brand = async (brandId: string): Promise<BrandContext> => {
    const ctx = await loadBrandContext(db, brandId);
    if (!ctx) throw new AdminError(404, "NOT_FOUND", `no brand ${brandId}`);
    return ctx;
  };
  const checkStore = (ctx: BrandContext, storeId: string | undefined) => {
    if (storeId && !ctx.isStore(storeId)) throw new AdminError(404, "NOT_FOUND", `no store ${storeId} of brand ${ctx.brandId}`);
  };
  return [
    adminRoute({
      method: "GET", path: "/brands/:brandId/report", tag: "insight", summary: "The merchant report: per-store and per-campaign funnels, top unmet demand, checkout time at the till, on-time delivery share (same as `o2o report --json`)",
      params: brandParams, query: period, response: reportSchema,
      handler: async ({ params, query }) => {
        const r = await storeReport(db, { brandId: params.brandId, from: query.from, to: query.to });
        if (!r) throw new AdminError(404, "NOT_FOUND", `no brand ${params.brandId}`);
        return r;
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/funnel/stores", tag: "insight", summary: "Per-store funnel: reach, opened, claimed, redeemed, orders and revenue credited",
      params: brandParams, query: pageQuery.extend(period.shape), response: pageSchema(storeFunnelSchema),
      handler: async ({ params, query }) => pageOf(await storeFunnels(db, await brand(params.brandId), query), query),
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/funnel/campaigns", tag: "insight", summary: "Per-campaign funnel, newest campaign first",
      params: brandParams, query: pageQuery.extend(period.shape), response: pageSchema(campaignFunnelSchema),
      handler: async ({ params, query }) => {
        const ctx = await brand(params.brandId);
        const page = ctx.campaigns.slice(query.offset, query.offset + query.limit);
        return pageFrom(await campaignFunnels(db, ctx, query, page), ctx.campaigns.length, query);
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/demand", tag: "insight", summary: "Unmet demand by area store, product, size and style, largest first",
      params: brandParams, query: pageQuery.extend(period.shape).extend({ storeId: z.string().min(1).optional().describe("only the area of this store") }), response: pageSchema(demandSchema),
      handler: async ({ params, query }) => {
        const ctx = await brand(params.brandId);
        checkStore(ctx, query.storeId);
        const { items, total } = await demandGaps(db, ctx, query, query);
        return pageFrom(items, total, query);
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/demand/grid", tag: "insight", summary: "Heat grid of unmet demand: requests per ~1 km cell, with the stores",
      params: brandParams, query: period.extend({ storeId: z.string().min(1).optional() }), response: gridSchema,
      handler: async ({ params, query }) => {
        const ctx = await brand(params.brandId);
        checkStore(ctx, query.storeId);
        return {
          brandId: ctx.brandId, stepDegrees: GRID_STEP_DEGREES,
          stores: ctx.stores.map((s) => ({ storeId: s.id, name: s.name, lat: s.lat, lng: s.lng, deliveryRadiusMeters: s.deliveryRadiusMeters })),
          cells: await demandGrid(db, ctx, query),
        };
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/timeline", tag: "insight", summary: "Campaign timeline: per day sends, opens, claims, orders (one campaign, or all of the brand's)",
      params: brandParams, query: period.extend({ campaignId: z.string().min(1).optional() }), response: timelineSchema,
      handler: async ({ params, query }) => {
        const t = await campaignTimeline(db, await brand(params.brandId), query);
        if (!t) throw new AdminError(404, "NOT_FOUND", `no campaign ${query.campaignId} of brand ${params.brandId}`);
        return t;
      },
    }),
  ];
}
