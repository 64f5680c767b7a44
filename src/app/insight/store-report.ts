// The merchant's per-store report: campaign reach, coupons claimed and redeemed, orders and revenue credited to the
// store (flagship shipments count for the store whose area holds the customer), and unmet demand in its area.
// Every figure is a COUNT/SUM in the database, so it equals an independent SQL count over the same rows.
import type { Db } from "../../db/database.ts";
import type { LatLng } from "../../domain/geo/distance.ts";
import { creditedStoreFor, type CreditCandidate } from "../../domain/stores/dealer-credit.ts";

export const PAID_STATUSES = ["paid", "accepted", "ready", "out_for_delivery", "shipped", "completed"];

export interface StoreLine {
  storeId: string;
  name: string;
  reach: number;
  claimed: number;
  redeemed: number;
  redeemedOffline: number;
  orders: number;
  revenueCents: number;
  unmetDemand: { productId: string | null; name: string | null; size: string | null; count: number }[];
}

export interface StoreReport {
  brandId: string;
  from: string | null;
  to: string | null;
  currency: string;
  stores: StoreLine[];
  totals: Omit<StoreLine, "storeId" | "name" | "unmetDemand">;
}

/** Which store a coupon counts for: the one store it names, else the store whose area holds the member's coarse area. */
function couponStore(storeIds: unknown, area: LatLng | null, brandStores: CreditCandidate[]): string | null {
  const ids = (storeIds as string[]) ?? [];
  if (ids.length === 1) return ids[0];
  return area ? creditedStoreFor(area, brandStores)?.store.id ?? null : null;
}

const areaOf = (m: { areaLat: number | null; areaLng: number | null }): LatLng | null => (m.areaLat !== null && m.areaLng !== null ? { lat: m.areaLat, lng: m.areaLng } : null);

export async function storeReport(db: Db, q: { brandId: string; from?: Date; to?: Date }): Promise<StoreReport | null> {
  const brand = await db.prisma.brand.findUnique({ where: { id: q.brandId } });
  if (!brand) return null;
  const range = (field: string) => (q.from || q.to ? { [field]: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {});
  const stores = await db.prisma.store.findMany({ where: { brandId: q.brandId, flagship: false }, orderBy: { id: "asc" } });
  const lines = new Map<string, StoreLine>(stores.map((s) => [s.id, { storeId: s.id, name: s.name, reach: 0, claimed: 0, redeemed: 0, redeemedOffline: 0, orders: 0, revenueCents: 0, unmetDemand: [] }]));
  const line = (id: string | null) => (id ? lines.get(id) : undefined);

  const [orders, redemptions, campaigns] = await Promise.all([
    db.prisma.order.groupBy({ by: ["creditedStoreId"], where: { brandId: q.brandId, status: { in: PAID_STATUSES }, ...range("paidAt") }, _count: { _all: true }, _sum: { totalCents: true } }),
    db.prisma.redemption.groupBy({ by: ["storeId", "channel"], where: { memberCoupon: { coupon: { brandId: q.brandId } }, ...range("createdAt") }, _count: { _all: true } }),
    db.prisma.campaign.findMany({ where: { brandId: q.brandId }, select: { id: true, audience: true, couponCode: true } }),
  ]);
  for (const o of orders) {
    const l = line(o.creditedStoreId);
    if (l) {
      l.orders += o._count._all;
      l.revenueCents += o._sum.totalCents ?? 0;
    }
  }
  for (const r of redemptions) {
    const l = line(r.storeId);
    if (l) {
      l.redeemed += r._count._all;
      if (r.channel === "offline") l.redeemedOffline += r._count._all;
    }
  }

  const claims = await db.prisma.memberCoupon.findMany({ where: { coupon: { brandId: q.brandId }, ...range("claimedAt") }, select: { coupon: { select: { storeIds: true } }, member: { select: { areaLat: true, areaLng: true } } } });
  for (const c of claims) {
    const l = line(couponStore(c.coupon.storeIds, areaOf(c.member), stores));
    if (l) l.claimed++;
  }

  // reach: a campaign aimed at a store's area (near it, or with a coupon for it) reaches that store's customers
  const coupons = new Map((await db.prisma.coupon.findMany({ where: { brandId: q.brandId }, select: { code: true, storeIds: true } })).map((c) => [c.code, c.storeIds as string[]]));
  for (const c of campaigns) {
    const aud = (c.audience ?? {}) as { nearStoreId?: string };
    const target = aud.nearStoreId ?? (c.couponCode && coupons.get(c.couponCode)?.length === 1 ? coupons.get(c.couponCode)![0] : null);
    if (target) {
      const n = await db.prisma.delivery.count({ where: { campaignId: c.id, status: "sent", ...range("sentAt") } });
      const l = line(target);
      if (l) l.reach += n;
    } else {
      const sent = await db.prisma.delivery.findMany({ where: { campaignId: c.id, status: "sent", ...range("sentAt") }, select: { memberId: true } });
      const areas = await db.prisma.member.findMany({ where: { id: { in: sent.map((s) => s.memberId) } }, select: { areaLat: true, areaLng: true } });
      for (const a of areas) {
        const area = areaOf(a);
        const l = line(area ? creditedStoreFor(area, stores)?.store.id ?? null : null);
        if (l) l.reach++;
      }
    }
  }

  const demand = await db.prisma.demandEvent.groupBy({ by: ["storeId", "productId", "productName", "size"], where: { brandId: q.brandId, ...range("createdAt") }, _count: { _all: true } });
  for (const d of demand) {
    const l = line(d.storeId);
    if (l) l.unmetDemand.push({ productId: d.productId, name: d.productName, size: d.size, count: d._count._all });
  }
  for (const l of lines.values()) l.unmetDemand.sort((a, b) => b.count - a.count || String(a.productId).localeCompare(String(b.productId))).splice(10);

  const all = [...lines.values()];
  const sum = (k: "reach" | "claimed" | "redeemed" | "redeemedOffline" | "orders" | "revenueCents") => all.reduce((s, l) => s + l[k], 0);
  return {
    brandId: q.brandId, from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null, currency: "CNY", stores: all,
    totals: { reach: sum("reach"), claimed: sum("claimed"), redeemed: sum("redeemed"), redeemedOffline: sum("redeemedOffline"), orders: sum("orders"), revenueCents: sum("revenueCents") },
  };
}
