// A generated merchant data set for the insight tests (deterministic seed, multi-row inserts): one brand with 10 dealer
// stores and an online flagship, members around the stores, 3 campaigns with pushes, opens, claims, redemptions,
// orders (some shipped by the flagship and credited to the customer's area store), demand events; plus a second
// brand's rows that must never leak into the first brand's figures.
import type { Db } from "../../src/db/database.ts";
import { demandStyleOf } from "../../src/app/insight/demand-style.ts";
import { bulkUpsert, type ColumnType } from "../../src/db/bulk-upsert.ts";

export const BRAND = "ins";
export const FLAGSHIP = "ins-flagship";
export const STORE_IDS = Array.from({ length: 10 }, (_, i) => `ins-${i}`);
/** campaign id -> the store it targets (by its near-store audience or its single-store coupon), null: none */
export const CAMPAIGN_TARGETS: Record<string, string | null> = { "ins-c1": null, "ins-c2": "ins-5", "ins-c3": "ins-3" };
/** coupon code -> the single store it names */
export const COUPON_STORES: Record<string, string | null> = { "INS-ALL": null, "INS-S3": "ins-3", "INS-12": null };
export const PAID = ["paid", "accepted", "ready", "out_for_delivery", "shipped", "completed"];
const STATUSES = [...PAID, "cancelled", "pending_payment", "paid", "completed"];
export const DAY0 = Date.parse("2026-11-01T00:00:00Z");

export interface DatasetSize {
  members: number;
  orders: number;
  demand: number;
}
export const FULL: DatasetSize = { members: 10_000, orders: 20_000, demand: 3_000 };

/** Linear interpolation between the nearest ranks (PostgreSQL's percentile_cont), written apart from the report's SQL. */
export function percentileCont(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos + 1e-9);
  const hi = Math.min(lo + 1, s.length - 1);
  return Math.round(s[lo] + (s[hi] - s[lo]) * (pos - lo));
}

/** Each dealer store's scan → paid durations (ms) of the bills paid in [from, to), straight from the Bill rows. */
export async function paidCheckoutMs(db: Db, period: { from?: Date; to?: Date } = {}): Promise<Map<string, number[]>> {
  const rows = await db.prisma.bill.findMany({ where: { brandId: BRAND, status: "paid", storeId: { in: STORE_IDS }, paidAt: { gte: period.from, lt: period.to } } });
  const out = new Map<string, number[]>();
  for (const b of rows) if (b.scannedAt && b.paidAt) out.set(b.storeId, [...(out.get(b.storeId) ?? []), b.paidAt.getTime() - b.scannedAt.getTime()]);
  return out;
}

/** mulberry32: the same numbers every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p };
}

const storePos = (i: number) => ({ lat: 23.1 + (i % 5) * 0.04, lng: 113.3 + Math.floor(i / 5) * 0.05 });
const at = (r: ReturnType<typeof prng>) => new Date(DAY0 + r.int(10 * 86_400) * 1000);
const PRODUCTS = [
  { id: "ins-sofa", name: "北欧沙发", sizes: ["S", "M", "L"], tags: ["style:北欧", "sofa"], priceCents: 399_00 },
  { id: "ins-coat", name: "羊毛大衣", sizes: ["S", "M", "L", "XL"], tags: ["coat"], priceCents: 899_00 },
  { id: "ins-tee", name: "T恤", sizes: ["M", "L"], tags: ["style:简约", "tee"], priceCents: 99_00 },
  { id: "ins-cap", name: "帽子", sizes: [], tags: [], priceCents: 59_00 },
];

type Cols = Record<string, ColumnType>;
const MEMBER: Cols = { id: "text", areaLat: "float", areaLng: "float", areaStoreId: "text" };
const DELIVERY: Cols = { id: "text", dedupeKey: "text", memberId: "text", source: "text", campaignId: "text", text: "text", payload: "json", status: "text", sentAt: "datetime", createdAt: "datetime", notBefore: "datetime" };
const TOUCH: Cols = { id: "text", memberId: "text", brandId: "text", campaignId: "text", storeId: "text", kind: "text", createdAt: "datetime" };
const CLAIM: Cols = { id: "text", memberId: "text", couponCode: "text", seq: "int", status: "text", campaignId: "text", claimedAt: "datetime", source: "text" };
const ORDER: Cols = {
  id: "text", memberId: "text", brandId: "text", storeId: "text", creditedStoreId: "text", campaignId: "text", status: "text", fulfillment: "text",
  subtotalCents: "int", totalCents: "int", couponCode: "text", memberCouponId: "text", paidAt: "datetime", createdAt: "datetime",
};
const REDEMPTION: Cols = { id: "text", memberCouponId: "text", couponCode: "text", memberId: "text", storeId: "text", channel: "text", orderId: "text", amountCents: "int", discountCents: "int", campaignId: "text", createdAt: "datetime" };
const BILL: Cols = { id: "text", storeId: "text", brandId: "text", subtotalCents: "int", totalCents: "int", status: "text", paidVia: "text", scannedAt: "datetime", paidAt: "datetime", expiresAt: "datetime", createdAt: "datetime" };
/** dealer stores whose tills take bills in the data set (the others have no checkout time) */
export const TILL_STORES = STORE_IDS.slice(3, 9);
const DEMAND: Cols = { id: "text", brandId: "text", productId: "text", productName: "text", size: "text", style: "text", reason: "text", storeId: "text", memberId: "text", lat: "float", lng: "float", createdAt: "datetime" };

/** Multi-row INSERTs (Prisma's createMany goes row by row through the driver adapter: 20 s for this set). */
async function put(db: Db, table: string, columns: Cols, rows: object[], stamps: { created?: string; updated?: string } = {}): Promise<void> {
  await bulkUpsert(db.prisma, db.provider, { table, columns, key: ["id"], stamps }, rows as Record<string, unknown>[]);
}

/** Writes the data set; returns what the SQL checks need to know. */
export async function generateDataset(db: Db, size: DatasetSize = FULL, seed = 8): Promise<void> {
  const r = prng(seed);
  const p = db.prisma;
  await p.brand.createMany({ data: [{ id: BRAND, name: "Insight 家居服饰", aliases: [] }, { id: "other", name: "Other", aliases: [] }] });
  await p.store.createMany({
    data: [
      ...STORE_IDS.map((id, i) => ({ id, brandId: BRAND, name: `门店 ${i}`, ...storePos(i), services: ["pickup", "delivery"], deliveryRadiusMeters: 2000 })),
      { id: FLAGSHIP, brandId: BRAND, name: "官方旗舰店", lat: 31.23, lng: 121.47, services: ["ship"], deliveryRadiusMeters: 0, flagship: true },
      { id: "other-0", brandId: "other", name: "Other 0", lat: 23.1, lng: 113.3, services: ["pickup"], deliveryRadiusMeters: 3000 },
    ],
  });
  await p.product.createMany({ data: [...PRODUCTS.map((x) => ({ ...x, brandId: BRAND, aliases: [] })), { id: "other-p", brandId: "other", name: "Other", aliases: [], priceCents: 100, sizes: [], tags: [] }] });
  const coupon = (code: string, brandId: string, storeIds: string[]) => ({ code, brandId, kind: "amount", value: 1000, channels: ["online", "offline"], validFrom: new Date(DAY0 - 86_400_000), validTo: new Date(DAY0 + 60 * 86_400_000), storeIds, perMemberLimit: 3 });
  await p.coupon.createMany({ data: [coupon("INS-ALL", BRAND, []), coupon("INS-S3", BRAND, ["ins-3"]), coupon("INS-12", BRAND, ["ins-1", "ins-2"]), coupon("OTH", "other", [])] });
  await p.campaign.createMany({
    data: [
      { id: "ins-c1", brandId: BRAND, text: "双十一全场5折", couponCode: "INS-ALL", audience: { kind: "followers" }, status: "done", createdAt: new Date(DAY0 - 3 * 86_400_000) },
      { id: "ins-c2", brandId: BRAND, text: "门店5开业", couponCode: "INS-ALL", audience: { kind: "followers", nearStoreId: "ins-5", radiusMeters: 5000 }, status: "done", createdAt: new Date(DAY0 - 2 * 86_400_000) },
      { id: "ins-c3", brandId: BRAND, text: "门店3专享券", couponCode: "INS-S3", audience: { kind: "all" }, status: "done", createdAt: new Date(DAY0 - 86_400_000) },
      { id: "oth-c", brandId: "other", text: "other", audience: { kind: "all" }, status: "done" },
    ],
  });

  // members: most have a coarse area ~300 m from one store (areaStoreId agrees), some only an area store, some nothing
  const members = Array.from({ length: size.members }, (_, i) => {
    const id = `im${String(i).padStart(6, "0")}`;
    const home = r.int(10);
    const kind = r.next();
    const pos = storePos(home);
    if (kind < 0.9) return { id, areaLat: Math.round((pos.lat + (r.next() - 0.5) * 0.006) * 1000) / 1000, areaLng: Math.round((pos.lng + (r.next() - 0.5) * 0.006) * 1000) / 1000, areaStoreId: STORE_IDS[home] };
    if (kind < 0.96) return { id, areaStoreId: STORE_IDS[home] };
    return { id };
  });
  await put(db, "Member", MEMBER, members, { created: "createdAt", updated: "updatedAt" });
  const ids = members.map((m) => m.id);

  // campaign pushes: ~60% of members per campaign, 90% of them sent
  const deliveries: { id: string; dedupeKey: string; memberId: string; source: string; campaignId: string; text: string; payload: object; status: string; sentAt: Date | null; createdAt: Date }[] = [];
  const touches: { memberId: string | null; brandId: string | null; campaignId: string | null; storeId: string | null; kind: string; createdAt: Date }[] = [];
  const claims: { id: string; memberId: string; couponCode: string; seq: number; status: string; campaignId: string | null; claimedAt: Date; source: string }[] = [];
  for (const [ci, campaignId] of Object.keys(CAMPAIGN_TARGETS).entries()) {
    const couponCode = ci === 2 ? "INS-S3" : "INS-ALL";
    for (const memberId of ids) {
      if (!r.chance(0.6)) continue;
      const sent = r.chance(0.9);
      const t = at(r);
      deliveries.push({ id: `d-${campaignId}-${memberId}`, dedupeKey: `campaign:${campaignId}:${memberId}`, memberId, source: "campaign", campaignId, text: "push", payload: {}, status: sent ? "sent" : r.pick(["failed", "skipped", "queued"]), sentAt: sent ? t : null, createdAt: t });
      if (!sent || !r.chance(0.35)) continue;
      const opened = new Date(t.getTime() + r.int(3 * 86_400) * 1000);
      touches.push({ memberId, brandId: r.chance(0.5) ? BRAND : null, campaignId, storeId: null, kind: r.pick(["deep_link", "button"]), createdAt: opened });
      if (!r.chance(0.5)) continue;
      claims.push({ id: `mc-${campaignId}-${memberId}`, memberId, couponCode, seq: ci + 1, status: "claimed", campaignId, claimedAt: new Date(opened.getTime() + 60_000), source: "campaign" });
    }
  }
  // store QR scans (credited to their store) and claims outside campaigns
  for (let i = 0; i < 400; i++) touches.push({ memberId: r.chance(0.8) ? r.pick(ids) : null, brandId: BRAND, campaignId: null, storeId: r.pick(STORE_IDS), kind: "store_qr", createdAt: at(r) });
  for (let i = 0; i < 50; i++) touches.push({ memberId: r.pick(ids), brandId: "other", campaignId: "oth-c", storeId: null, kind: "deep_link", createdAt: at(r) });
  for (const memberId of ids.filter(() => r.chance(0.05))) claims.push({ id: `mc-12-${memberId}`, memberId, couponCode: "INS-12", seq: 1, status: "claimed", campaignId: null, claimedAt: at(r), source: "chat" });
  for (const memberId of ids.slice(0, 100)) claims.push({ id: `mc-oth-${memberId}`, memberId, couponCode: "OTH", seq: 1, status: "claimed", campaignId: null, claimedAt: at(r), source: "chat" });

  // orders: dealer stores serve most, the flagship ships the rest (credited to the customer's area store)
  const areaStoreOf = new Map(members.map((m) => [m.id, m.areaStoreId ?? null]));
  const orders: Record<string, unknown>[] = [];
  for (let i = 0; i < size.orders; i++) {
    const memberId = r.pick(ids);
    const flagship = r.chance(0.15);
    const storeId = flagship ? FLAGSHIP : r.pick(STORE_IDS);
    const status = r.pick(STATUSES);
    const created = at(r);
    const total = 1000 + r.int(200_000);
    orders.push({
      id: `io${String(i).padStart(7, "0")}`, memberId, brandId: BRAND, storeId, creditedStoreId: flagship ? areaStoreOf.get(memberId) ?? FLAGSHIP : storeId,
      campaignId: r.chance(0.3) ? r.pick(Object.keys(CAMPAIGN_TARGETS)) : null, status, fulfillment: flagship ? "ship" : r.pick(["pickup", "delivery"]),
      subtotalCents: total, totalCents: total, paidAt: PAID.includes(status) ? new Date(created.getTime() + 120_000) : null, createdAt: created,
    });
  }
  for (let i = 0; i < 200; i++) orders.push({ id: `oo${i}`, brandId: "other", storeId: "other-0", creditedStoreId: "other-0", status: "paid", fulfillment: "pickup", subtotalCents: 500, totalCents: 500, paidAt: at(r), createdAt: at(r) });

  // redemptions: 40% of claims; offline at a store, or online with a paid order of the member (its credited store)
  const redemptions: Record<string, unknown>[] = [];
  const paidByMember = new Map<string, Record<string, unknown>>();
  for (const o of orders) if (o.brandId === BRAND && PAID.includes(o.status as string) && !paidByMember.has(o.memberId as string)) paidByMember.set(o.memberId as string, o);
  for (const c of claims) {
    if (c.couponCode === "OTH" || !r.chance(0.4)) continue;
    const online = paidByMember.get(c.memberId);
    const when = new Date(c.claimedAt.getTime() + 3_600_000);
    c.status = "redeemed";
    if (online && !online.memberCouponId && r.chance(0.5)) {
      online.memberCouponId = c.id;
      online.couponCode = c.couponCode;
      redemptions.push({ memberCouponId: c.id, couponCode: c.couponCode, memberId: c.memberId, storeId: online.creditedStoreId, channel: "online", orderId: online.id, discountCents: 1000, campaignId: c.campaignId, createdAt: when });
    } else {
      const storeId = COUPON_STORES[c.couponCode] ?? (c.couponCode === "INS-12" ? r.pick(["ins-1", "ins-2"]) : r.pick(STORE_IDS));
      redemptions.push({ memberCouponId: c.id, couponCode: c.couponCode, memberId: c.memberId, storeId, channel: "offline", amountCents: 50_000, discountCents: 1000, campaignId: c.campaignId, createdAt: when });
    }
  }

  await put(db, "OutboxMessage", DELIVERY, deliveries.map((d) => ({ ...d, notBefore: d.createdAt })));
  await put(db, "Touch", TOUCH, touches.map((t, i) => ({ ...t, id: `it${i}` })));
  await put(db, "MemberCoupon", CLAIM, claims);
  await put(db, "Order", ORDER, orders, { updated: "updatedAt" });
  await put(db, "Redemption", REDEMPTION, redemptions.map((x) => ({ ...x, id: `ir-${x.memberCouponId}` })));

  // demand: out of stock in the area store, or no store nearby; positions rounded to ~1 km as the chat records them
  const demand = Array.from({ length: size.demand }, () => {
    const product = r.pick(PRODUCTS);
    const home = r.int(10);
    const pos = storePos(home);
    const none = r.chance(0.12);
    return {
      brandId: BRAND, productId: product.id, productName: product.name, size: product.sizes.length ? r.pick(product.sizes) : "", style: demandStyleOf(product.tags),
      reason: none ? "no_store_nearby" : "out_of_stock", storeId: none ? null : STORE_IDS[home], memberId: r.chance(0.9) ? r.pick(ids) : null,
      lat: Math.round((pos.lat + (r.next() - 0.5) * 0.05) * 100) / 100, lng: Math.round((pos.lng + (r.next() - 0.5) * 0.05) * 100) / 100, createdAt: at(r),
    };
  });
  demand.push(...Array.from({ length: 40 }, () => ({ brandId: "other", productId: "other-p", productName: "Other", size: "", style: null, reason: "out_of_stock", storeId: "other-0", memberId: null, lat: 23.1, lng: 113.3, createdAt: at(r) })));
  await put(db, "DemandEvent", DEMAND, demand.map((d, i) => ({ ...d, id: `ie${i}` })));

  // bills at the tills: scan → paid mostly 3–40 s, now and then a slow one; some never paid, some at the flagship and
  // the other brand (neither in the dealer report). Their own generator, so the figures above stay what they were.
  const rb = prng(seed + 1);
  const bills = Array.from({ length: Math.ceil(size.orders / 5) }, (_, i) => {
    const storeId = rb.chance(0.05) ? FLAGSHIP : rb.chance(0.05) ? "other-0" : rb.pick(TILL_STORES);
    const scannedAt = at(rb);
    const ms = 3000 + rb.int(37_000) + (rb.chance(0.08) ? rb.int(300_000) : 0);
    const paid = rb.chance(0.9);
    const subtotalCents = 1000 + rb.int(50_000);
    return {
      id: `ib${i}`, storeId, brandId: storeId === "other-0" ? "other" : BRAND, subtotalCents, totalCents: subtotalCents, status: paid ? "paid" : rb.pick(["open", "void"]),
      paidVia: paid ? rb.pick(["sandbox", "one_tap"]) : null, scannedAt, paidAt: paid ? new Date(scannedAt.getTime() + ms) : null,
      expiresAt: new Date(scannedAt.getTime() + 300_000), createdAt: new Date(scannedAt.getTime() - 20_000),
    };
  });
  await put(db, "Bill", BILL, bills, { updated: "updatedAt" });
}
