// Use case: price a request at the nearest store that can serve it, with the best coupon in the member's wallet.
// The quote is an Order row in status QUOTE (no stock held yet); confirming it reserves stock (confirmOrder, order-lifecycle.ts).
// Consent: the location is stored only as a consent tied to this order, and dropped when the order ends.
import { writeQuoteRows } from "./quote-rows.ts";
import type { Db, Tx } from "../../db/database.ts";
import { writeTx } from "../../db/write-transaction.ts";
import { bestCoupon } from "../../domain/coupons/coupon-rules.ts";
import { QUOTE } from "../../domain/orders/order-state.ts";
import { priceOrder } from "../../domain/orders/pricing.ts";
import { creditedStoreIn, matchStores, type Alternative, type MatchReason, type UnmetDemand } from "../../domain/stores/store-matcher.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";
import { loadCatalogView, stockFor, type ProductInfo, type StoreInfo } from "../catalog-view.ts";
import { claimedWallet } from "../coupons/wallet.ts";
import { demandStyleOf } from "../insight/demand-style.ts";
import { ordersTotal } from "../../ops/metrics.ts";

export const QUOTE_TTL_MS = 30 * 60_000;
const ANY_SIZE = "\u0000any";
const MAX_SIZE_COMBOS = 12;

/** Every way to fill the "any size" lines with a real size, default sizes first, capped. */
function sizeCombos<L extends { size: string; product: { sizes: string[] } }>(lines: L[]): L[][] {
  let combos: L[][] = [[]];
  for (const l of lines) {
    const options = l.size === ANY_SIZE ? l.product.sizes : [l.size];
    combos = combos.flatMap((c) => options.map((size) => [...c, { ...l, size }])).slice(0, MAX_SIZE_COMBOS);
  }
  return combos;
}

export interface QuoteInput {
  memberId: string;
  botId: string;
  /** the bot's brands; null = every brand */
  botBrandIds: string[] | null;
  items: { productId: string; quantity: number; size: string | null }[];
  fulfillment: "delivery" | "pickup" | "ship";
  location: { lat: number; lng: number };
  /** the member picked this store */
  storeId?: string | null;
  radiusMeters?: number | null;
  campaignId?: string | null;
  source?: string | null;
  at: Date;
}

export interface Quote {
  orderId: string;
  store: StoreInfo;
  creditedStoreId: string;
  distanceMeters: number;
  etaMinutes: number;
  fulfillment: "delivery" | "pickup" | "ship";
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  couponCode: string | null;
  couponTitle: string | null;
  lines: { product: ProductInfo; size: string; quantity: number; unitPriceCents: number }[];
  /** other stores that could serve it (for "another store" buttons) */
  others: { store: StoreInfo; distanceMeters: number }[];
}

export interface NoMatch {
  reasons: MatchReason[];
  alternatives: Alternative<StoreInfo>[];
}

/** Records what was asked for and not available, and where (the store whose area holds the customer). */
export async function recordDemand(tx: Tx, memberId: string | null, brandIdOf: (productId: string) => string | null, unmet: UnmetDemand[], loc: { lat: number; lng: number }, names: Map<string, ProductInfo>): Promise<void> {
  if (unmet.length === 0) return;
  // coarse position (about 1 km): enough to aggregate demand by area, not enough to track anyone
  const round = (x: number) => Math.round(x * 100) / 100;
  await tx.demandEvent.createMany({
    data: unmet.map((u) => ({
      brandId: brandIdOf(u.productId), productId: u.productId, productName: names.get(u.productId)?.name ?? null, size: u.size, style: demandStyleOf(names.get(u.productId)?.tags),
      reason: u.reason === "NO_STORE_NEARBY" ? "no_store_nearby" : "out_of_stock", storeId: u.areaStoreId, memberId, lat: round(loc.lat), lng: round(loc.lng),
    })),
  });
}

export async function quoteOrder(db: Db, input: QuoteInput): Promise<AppResult<Quote> | { ok: false; error: { code: MatchReason["code"]; message?: string } & NoMatch }> {
  const r = await quote(db, input);
  if (r.ok) ordersTotal.inc({ status: QUOTE });
  return r;
}

async function quote(db: Db, input: QuoteInput): Promise<AppResult<Quote> | { ok: false; error: { code: MatchReason["code"]; message?: string } & NoMatch }> {
  const view = await loadCatalogView(db);
  const lines: Quote["lines"] = [];
  for (const it of input.items) {
    const product = view.products.get(it.productId);
    if (!product) return failWith("NOT_FOUND", `unknown product ${it.productId}`, { productId: it.productId });
    if (input.botBrandIds && !input.botBrandIds.includes(product.brandId)) return failWith("NOT_FOUND", `product ${it.productId} is not sold by this account`);
    // size null on a sized product = "any size": the nearest store with any size in stock wins (see sizeCombos)
    const size = it.size ?? (product.sizes.length ? ANY_SIZE : "");
    if (product.sizes.length > 0 && size !== ANY_SIZE && !product.sizes.includes(size)) return failWith("INVALID_INPUT", `size ${size || "(none)"} of ${product.id}`, { productId: product.id, sizes: product.sizes });
    lines.push({ product, size, quantity: it.quantity, unitPriceCents: product.priceCents });
  }
  if (lines.length === 0) return failWith("INVALID_INPUT", "nothing to order");
  const brandId = lines[0].product.brandId;
  if (lines.some((l) => l.product.brandId !== brandId)) return failWith("INVALID_INPUT", "one brand per order", { reason: "MIXED_BRANDS" });
  const currency = lines[0].product.currency;

  // On PostgreSQL the wallet is read beside the stock, outside any transaction: inside a READ COMMITTED one it
  // would see nothing more (SQLite reads it in the write transaction, which takes the write lock first)
  const [stock, walletRead] = await Promise.all([
    stockFor(db, lines.map((l) => l.product.id)),
    db.provider === "postgresql" ? claimedWallet(db, input.memberId, brandId) : null,
  ]);
  const matchWith = (sized: typeof lines) =>
    matchStores({
      index: view.index,
      stock,
      request: {
        brandIds: [brandId], lat: input.location.lat, lng: input.location.lng, fulfillment: input.fulfillment,
        items: sized.map((l) => ({ productId: l.product.id, size: l.size || null, quantity: l.quantity, brandId })),
        maxDistanceMeters: input.radiusMeters ?? null,
      },
      at: input.at,
      options: { maxResults: input.storeId ? 50 : 5 },
    });
  // try the sizes in the catalog's order (the first is the default); the nearest store that has one of them wins
  let best: { sized: typeof lines; match: ReturnType<typeof matchWith> } | null = null;
  for (const sized of sizeCombos(lines)) {
    const m = matchWith(sized);
    const d = m.ok ? (input.storeId ? m.value.matches.find((x) => x.store.id === input.storeId)?.distanceMeters : m.value.matches[0]?.distanceMeters) : undefined;
    const bestD = best?.match.ok ? (input.storeId ? best.match.value.matches.find((x) => x.store.id === input.storeId)?.distanceMeters : best.match.value.matches[0]?.distanceMeters) : undefined;
    if (!best || (d !== undefined && (bestD === undefined || d < bestD))) best = { sized, match: m };
  }
  lines.splice(0, lines.length, ...best!.sized);
  const match = best!.match;

  const brandOf = (pid: string) => view.products.get(pid)?.brandId ?? null;
  if (!match.ok) {
    await writeTx(db, (tx) => recordDemand(tx, input.memberId, brandOf, match.unmet, input.location, view.products));
    return { ok: false, error: { code: match.error.code, message: match.error.message, reasons: match.error.reasons, alternatives: match.error.alternatives } };
  }
  const matches = match.value.matches;
  const chosen = input.storeId ? matches.find((m) => m.store.id === input.storeId) : matches[0];
  if (!chosen) return failWith("NOT_FOUND", `store ${input.storeId} cannot serve this order now`, { storeId: input.storeId });
  const store = chosen.store;
  // Online sales never compete with the local dealer: a shipment is credited to the store whose area holds the customer.
  const credited = store.flagship || input.fulfillment === "ship" ? creditedStoreIn(view.index, input.location, [brandId])?.store.id ?? store.id : store.id;

  const subtotal = priceOrder(lines).subtotalCents;
  const write = async (on: Db | Tx): Promise<AppResult<Quote>> => {
    const wallet = walletRead ?? (await claimedWallet(on, input.memberId, brandId));
    const pick = bestCoupon(wallet, { channel: "online", storeId: credited === store.id ? store.id : credited, brandId, subtotalCents: subtotal, at: input.at });
    // a coupon limited to the credited store also counts when its flagship ships to that store's area
    const pickServing = credited !== store.id ? bestCoupon(wallet, { channel: "online", storeId: store.id, brandId, subtotalCents: subtotal, at: input.at }) : null;
    const best = [pick, pickServing].filter(Boolean).sort((a, b) => b!.discountCents - a!.discountCents)[0] ?? null;
    const price = priceOrder(lines, best?.discountCents ?? 0);
    // one open quote per member: a new quote replaces the previous one
    const order = await writeQuoteRows(on, {
      memberId: input.memberId, brandId, botId: input.botId, storeId: store.id, creditedStoreId: credited, campaignId: input.campaignId ?? null,
      source: input.source ?? null, fulfillment: input.fulfillment, ...price, currency, couponCode: best?.coupon.code ?? null,
      expiresAt: new Date(input.at.getTime() + QUOTE_TTL_MS), at: input.at, location: input.location,
      items: lines.map((l) => ({ productId: l.product.id, name: l.product.name, size: l.size, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
    });
    return okValue<Quote>({
      orderId: order.id, store, creditedStoreId: credited, distanceMeters: Math.round(chosen.distanceMeters), etaMinutes: chosen.etaMinutes,
      fulfillment: input.fulfillment, ...price, currency, couponCode: best?.coupon.code ?? null,
      couponTitle: (best?.coupon as { title?: string | null } | undefined)?.title ?? null, lines,
      others: matches.filter((m) => m.store.id !== store.id).map((m) => ({ store: m.store, distanceMeters: Math.round(m.distanceMeters) })),
    });
  };
  // On PostgreSQL the quote's rows are one atomic statement (writeQuoteRows): no transaction around it. A quote with
  // unmet demand to record, and SQLite, write in one transaction.
  if (db.provider === "postgresql" && !match.unmet.length) return write(db);
  return writeTx(db, async (tx) => {
    await recordDemand(tx, input.memberId, brandOf, match.unmet, input.location, view.products);
    return write(tx);
  });
}
