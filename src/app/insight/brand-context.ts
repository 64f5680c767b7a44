// What every insight query needs to know about a brand, loaded once per report: its dealer stores, the store each
// campaign and coupon names, and the rule that credits a member's coarse area to one store. The area rule runs once
// per distinct area cell of an aggregate's result (memoised), never once per order, delivery or claim.
import type { Db } from "../../db/database.ts";
import { creditedStoreFor, type CreditCandidate } from "../../domain/stores/dealer-credit.ts";
import type { Params } from "../../db/sql.ts";

/** A reporting period: from inclusive, to exclusive; either may be open. */
export interface Period {
  from?: Date;
  to?: Date;
}

/** A dealer (non-flagship) store as the reports show it. */
export interface InsightStore extends CreditCandidate {
  name: string;
}

export interface CampaignInfo {
  id: string;
  text: string;
  status: string;
  couponCode: string | null;
  /** the one store the campaign is aimed at (near that store, or its coupon names only that store), else null */
  targetStoreId: string | null;
  createdAt: Date;
}

export interface BrandContext {
  brandId: string;
  name: string;
  timezone: string;
  /** the brand's dealer stores, by id */
  stores: InsightStore[];
  campaigns: CampaignInfo[];
  campaignIds: string[];
  /** campaign id -> the store it targets (null: none) */
  campaignTarget: (campaignId: string | null) => string | null;
  /** coupon code -> the one store it is valid at (null: several or all) */
  couponStore: (code: string | null) => string | null;
  /** true for one of the brand's dealer stores */
  isStore: (id: string | null | undefined) => id is string;
  /** the dealer store whose area holds a member: their coarse area (delivery area, else nearest within 10 km), else their recorded area store */
  areaStore: (lat: number | null, lng: number | null, areaStoreId: string | null) => string | null;
}

/** The brand's context, or null for an unknown brand. */
export async function loadBrandContext(db: Db, brandId: string): Promise<BrandContext | null> {
  const brand = await db.prisma.brand.findUnique({ where: { id: brandId } });
  if (!brand) return null;
  const [storeRows, couponRows, campaignRows] = await Promise.all([
    db.prisma.store.findMany({ where: { brandId, flagship: false }, orderBy: { id: "asc" }, select: { id: true, brandId: true, name: true, lat: true, lng: true, deliveryRadiusMeters: true, flagship: true, active: true } }),
    db.prisma.coupon.findMany({ where: { brandId }, select: { code: true, storeIds: true } }),
    db.prisma.campaign.findMany({ where: { brandId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: { id: true, text: true, status: true, couponCode: true, audience: true, createdAt: true } }),
  ]);
  const storeIds = new Set(storeRows.map((s) => s.id));
  const isStore = (id: string | null | undefined): id is string => typeof id === "string" && storeIds.has(id);
  const coupons = new Map(couponRows.map((c) => {
    const ids = Array.isArray(c.storeIds) ? (c.storeIds as string[]) : [];
    return [c.code, ids.length === 1 && isStore(ids[0]) ? ids[0] : null];
  }));
  const couponStore = (code: string | null) => (code ? coupons.get(code) ?? null : null);
  const campaigns: CampaignInfo[] = campaignRows.map((c) => {
    const near = (c.audience as { nearStoreId?: unknown } | null)?.nearStoreId;
    const target = typeof near === "string" && isStore(near) ? near : couponStore(c.couponCode);
    return { id: c.id, text: c.text, status: c.status, couponCode: c.couponCode, targetStoreId: target, createdAt: c.createdAt };
  });
  const targets = new Map(campaigns.map((c) => [c.id, c.targetStoreId]));
  const memo = new Map<string, string | null>();
  const areaStore = (lat: number | null, lng: number | null, areaStoreId: string | null): string | null => {
    const key = `${lat}|${lng}|${areaStoreId}`;
    let s = memo.get(key);
    if (s === undefined) {
      s = lat !== null && lng !== null ? creditedStoreFor({ lat: Number(lat), lng: Number(lng) }, storeRows)?.store.id ?? null : isStore(areaStoreId) ? areaStoreId : null;
      memo.set(key, s);
    }
    return s;
  };
  return {
    brandId, name: brand.name, timezone: brand.timezone, stores: storeRows, campaigns, campaignIds: campaigns.map((c) => c.id),
    campaignTarget: (id) => (id ? targets.get(id) ?? null : null), couponStore, isStore, areaStore,
  };
}

/** ` AND col >= from AND col < to` for the period's bounds that are set. */
export function inPeriod(p: Params, col: string, period: Period): string {
  return `${period.from ? ` AND ${col} >= ${p.ts(period.from)}` : ""}${period.to ? ` AND ${col} < ${p.ts(period.to)}` : ""}`;
}

/** Orders in these statuses count as sales (paid, whatever happened after). */
export const PAID_STATUSES = ["paid", "accepted", "ready", "out_for_delivery", "shipped", "completed"];

/** A COUNT/SUM from either driver (number, bigint or decimal) as a number. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
