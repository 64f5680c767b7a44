// Read models for the Mini App: brands, stores near a point, a store's shelf with stock per size, the coupon wallet
// with what can still be claimed, and the member's orders. Reads only; every change goes through src/app use cases.
import type { Db } from "../db/database.ts";
import { loadCatalogView, type CatalogView, type ProductInfo, type StoreInfo } from "../app/catalog-view.ts";
import { query } from "../db/sql.ts";
import { PAGE_DEFAULT, PAGE_MAX } from "../domain/limits.ts";
import { listWallet, type WalletItem } from "../app/coupons/coupon-use-cases.ts";
import { couponDef } from "../app/coupons/wallet.ts";
import { STATUS_TEXT } from "../messages/order-texts.ts";
import { checkCoupon } from "../domain/coupons/coupon-rules.ts";
import { distanceMeters } from "../domain/geo/distance.ts";
import { isQuote, QUOTE, type OrderStatus } from "../domain/orders/order-state.ts";
import { isOpenAt } from "../domain/stores/open-hours.ts";
import { offers } from "../domain/stores/store.ts";
import { quantityInStock, stockMapFrom } from "../domain/stores/stock.ts";

type Scope = string[] | null;
const inScope = (scope: Scope, brandId: string) => !scope || scope.includes(brandId);

/** How the Mini App serves an order at a chosen store: pickup where offered, else what the store does. */
export function fulfillmentAt(store: Pick<StoreInfo, "services" | "flagship">): "pickup" | "delivery" | "ship" | null {
  if (offers(store, "pickup")) return "pickup";
  if (offers(store, "ship")) return "ship";
  if (offers(store, "delivery")) return "delivery";
  return null;
}

export interface StoreCard {
  id: string;
  brandId: string;
  brandName: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  openHours: string;
  timezone: string;
  services: string[];
  flagship: boolean;
  openNow: boolean;
  fulfillment: "pickup" | "delivery" | "ship" | null;
  distanceMeters: number | null;
}

function storeCard(s: StoreInfo, brandName: string, at: Date, distance: number | null): StoreCard {
  return {
    id: s.id, brandId: s.brandId, brandName, name: s.name, address: s.address, lat: s.lat, lng: s.lng, openHours: s.openHours, timezone: s.timezone,
    services: [...s.services], flagship: s.flagship, openNow: isOpenAt(s.openHours, s.timezone, at), fulfillment: fulfillmentAt(s),
    distanceMeters: distance === null ? null : Math.round(distance),
  };
}

export async function listBrands(db: Db, scope: Scope) {
  const view = await loadCatalogView(db);
  const stores = [...view.stores.values()];
  const products = [...view.products.values()];
  return [...view.brands.values()]
    .filter((b) => inScope(scope, b.id))
    .map((b) => ({ id: b.id, name: b.name, aliases: b.aliases, storeCount: stores.filter((s) => s.brandId === b.id).length, productCount: products.filter((p) => p.brandId === b.id).length }));
}

/** Stores of a brand (or every brand in scope): nearest first when a point is given, else flagships last, by name. */
export async function listStores(db: Db, input: { scope: Scope; brandId?: string | null; near?: { lat: number; lng: number } | null; limit: number; at: Date }): Promise<StoreCard[]> {
  const view = await loadCatalogView(db);
  const brandName = (id: string) => view.brands.get(id)?.name ?? id;
  const stores = [...view.stores.values()].filter((s) => inScope(input.scope, s.brandId) && (!input.brandId || s.brandId === input.brandId));
  if (input.near) {
    const near = input.near;
    return stores
      .map((s) => ({ s, d: distanceMeters(near, s) }))
      .sort((a, b) => a.d - b.d || a.s.id.localeCompare(b.s.id))
      .slice(0, input.limit)
      .map(({ s, d }) => storeCard(s, brandName(s.brandId), input.at, d));
  }
  return stores
    .sort((a, b) => Number(a.flagship) - Number(b.flagship) || a.brandId.localeCompare(b.brandId) || a.name.localeCompare(b.name, "zh-CN"))
    .slice(0, input.limit)
    .map((s) => storeCard(s, brandName(s.brandId), input.at, null));
}

export interface ShelfProduct {
  id: string;
  name: string;
  aliases: string[];
  priceCents: number;
  currency: string;
  photoUrl: string | null;
  tags: string[];
  /** one entry per size ("" for a single-size product) with the quantity on hand at the store */
  sizes: { size: string; stock: number }[];
  inStock: boolean;
}

/**
 * A store's shelf, one page of it: the brand's products (catalog order) with stock per size at that store. Stock is
 * read for that store and that page alone (at most PAGE_MAX products), never for a whole brand's catalog.
 * Null when the store is unknown or out of scope.
 */
export async function storeShelf(db: Db, input: { scope: Scope; storeId: string; at: Date; limit?: number; offset?: number }): Promise<{ store: StoreCard; products: ShelfProduct[]; total: number; limit: number; offset: number; nextOffset: number | null } | null> {
  const view = await loadCatalogView(db);
  const store = view.stores.get(input.storeId);
  if (!store || !inScope(input.scope, store.brandId)) return null;
  const limit = Math.min(Math.max(1, input.limit ?? PAGE_DEFAULT), PAGE_MAX);
  const offset = Math.max(0, input.offset ?? 0);
  const all = brandProducts(view, store.brandId);
  const page = all.slice(offset, offset + limit);
  const rows = await query<{ productId: string; size: string; quantity: number }>(db, (p) =>
    `SELECT "productId", "size", "quantity" FROM "Inventory" WHERE "storeId" = ${p.v(store.id)} AND "productId" IN ${p.list(page.map((x) => x.id))}`);
  const stock = stockMapFrom(rows.map((r) => ({ ...r, storeId: store.id })));
  const next = offset + page.length;
  return {
    store: storeCard(store, view.brands.get(store.brandId)?.name ?? store.brandId, input.at, null),
    products: page.map((p) => {
      const sizes = (p.sizes.length ? p.sizes : [""]).map((size) => ({ size, stock: quantityInStock(stock, store.id, p.id, size) }));
      return { id: p.id, name: p.name, aliases: p.aliases, priceCents: p.priceCents, currency: p.currency, photoUrl: p.photoUrl, tags: p.tags, sizes, inStock: sizes.some((s) => s.stock > 0) };
    }),
    total: all.length, limit, offset, nextOffset: next < all.length ? next : null,
  };
}

// products per brand, computed once per catalog view (a 100,000-product shelf is not filtered on every request)
const byBrandCache = new WeakMap<CatalogView, Map<string, ProductInfo[]>>();
function brandProducts(view: CatalogView, brandId: string): ProductInfo[] {
  let m = byBrandCache.get(view);
  if (!m) {
    m = new Map();
    for (const p of view.products.values()) {
      const list = m.get(p.brandId);
      if (list) list.push(p);
      else m.set(p.brandId, [p]);
    }
    byBrandCache.set(view, m);
  }
  return m.get(brandId) ?? [];
}

export type WalletCard = Omit<WalletItem, "validTo"> & { validTo: string; brandName: string; currency: string; usableHere: boolean | null };

/** The wallet (claimed, redeemed, expired) and the brand's coupons still to claim; usableHere answers for the chosen store online. */
export async function walletView(db: Db, input: { memberId: string; scope: Scope; brandId?: string | null; storeId?: string | null; at: Date }) {
  const view = await loadCatalogView(db);
  const brands = input.brandId ? (inScope(input.scope, input.brandId) ? [input.brandId] : []) : input.scope;
  const store = input.storeId ? view.stores.get(input.storeId) ?? null : null;
  const items = await listWallet(db, input.memberId, input.at, brands);
  const defs = new Map((await db.prisma.coupon.findMany({ where: brands ? { brandId: { in: brands } } : {} })).map((c) => [c.code, c]));
  // usable here = the coupon rules say yes for an online order at this store that meets the minimum spend
  const usableAt = (code: string): boolean | null => {
    const c = defs.get(code);
    if (!store || !c) return null;
    const r = checkCoupon(couponDef(c), { channel: "online", storeId: store.id, brandId: store.brandId, subtotalCents: c.minSpendCents, at: input.at });
    return r.ok || r.error.code === "COUPON_LIMIT_REACHED";
  };
  // an amount coupon is money of its brand: shown in the currency the brand's products are priced in (JPY has no cents)
  const currencyOf = new Map<string, string>();
  for (const p of view.products.values()) if (!currencyOf.has(p.brandId)) currencyOf.set(p.brandId, p.currency);
  const currency = (brandId: string) => currencyOf.get(brandId) ?? "CNY";
  const held = new Set(items.filter((i) => i.status === "claimed").map((i) => i.code));
  const usedUp = new Map<string, number>();
  for (const i of items) usedUp.set(i.code, (usedUp.get(i.code) ?? 0) + 1);
  const claimable = [...defs.values()]
    .filter((c) => c.validFrom <= input.at && c.validTo >= input.at && !held.has(c.code) && (usedUp.get(c.code) ?? 0) < c.perMemberLimit && (c.maxRedemptions === null || c.redeemedCount < c.maxRedemptions))
    .sort((a, b) => a.brandId.localeCompare(b.brandId) || a.code.localeCompare(b.code))
    .map((c) => ({
      code: c.code, brandId: c.brandId, brandName: view.brands.get(c.brandId)?.name ?? c.brandId, currency: currency(c.brandId), title: c.title, kind: c.kind, value: c.value,
      minSpendCents: c.minSpendCents, validTo: c.validTo.toISOString(), storeIds: c.storeIds as string[], channels: c.channels as string[], usableHere: usableAt(c.code),
    }));
  const wallet: WalletCard[] = items.map((i) => ({ ...i, validTo: i.validTo.toISOString(), brandName: view.brands.get(i.brandId)?.name ?? i.brandId, currency: currency(i.brandId), usableHere: i.status === "claimed" ? usableAt(i.code) : false }));
  return { wallet, claimable };
}

export interface OrderCard {
  id: string;
  status: string;
  statusText: { zh: string; en: string };
  brandId: string;
  storeId: string;
  storeName: string;
  fulfillment: string;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  couponCode: string | null;
  createdAt: string;
  paidAt: string | null;
  expiresAt: string | null;
  items: { productId: string; name: string; size: string; quantity: number; unitPriceCents: number }[];
}

type OrderRow = Awaited<ReturnType<Db["prisma"]["order"]["findMany"]>>[number] & { items: { productId: string; name: string; size: string; quantity: number; unitPriceCents: number }[] };

export async function orderCard(db: Db, o: OrderRow): Promise<OrderCard> {
  const view = await loadCatalogView(db);
  return {
    id: o.id, status: o.status, statusText: STATUS_TEXT[o.status as OrderStatus] ?? { zh: o.status, en: o.status }, brandId: o.brandId, storeId: o.storeId,
    storeName: view.stores.get(o.storeId)?.name ?? o.storeId, fulfillment: o.fulfillment, subtotalCents: o.subtotalCents, discountCents: o.discountCents,
    totalCents: o.totalCents, currency: o.currency, couponCode: o.couponCode, createdAt: o.createdAt.toISOString(), paidAt: o.paidAt?.toISOString() ?? null,
    expiresAt: o.expiresAt?.toISOString() ?? null,
    items: o.items.map((i) => ({ productId: i.productId, name: i.name, size: i.size, quantity: i.quantity, unitPriceCents: i.unitPriceCents })),
  };
}

/** The member's orders, newest first; open quotes (carts) are not orders yet. */
export async function listOrders(db: Db, memberId: string, limit = 50): Promise<OrderCard[]> {
  const rows = await db.prisma.order.findMany({ where: { memberId, status: { not: QUOTE } }, include: { items: true }, orderBy: { createdAt: "desc" }, take: limit });
  return Promise.all(rows.map((o) => orderCard(db, o)));
}

/** One of the member's orders; null for someone else's (the caller answers 404, never 403, so ids don't leak). */
export async function findOwnOrder(db: Db, memberId: string, orderId: string): Promise<OrderCard | null> {
  const o = await db.prisma.order.findUnique({ where: { id: orderId }, include: { items: true } });
  if (!o || o.memberId !== memberId || isQuote(o)) return null;
  return orderCard(db, o);
}
