// "来杯拿铁" + a location → the nearest stores that can serve it now, or why none can and what to do instead.
// A store serves a request when it is of a wanted brand, offers the fulfillment, is open now in its own zone
// (delivery and pickup only: shipping and appointments are for later), has every item and size in stock,
// and, for delivery, has the customer inside its delivery radius. Ranked by distance.
import type { DomainError, Result } from "../errors.ts";
import { haversineMeters } from "../geo/distance.ts";
import type { StoreIndex } from "../geo/store-index.ts";
import { createZoneClock } from "../time/time-zone.ts";
import { creditedStoreIn, DEFAULT_CREDIT_FALLBACK_METERS } from "./dealer-credit.ts";
import { estimateEtaMinutes, type EtaOptions } from "./eta.ts";
import { isOpenAtMinute, nextOpeningAt, parseOpenHours } from "./open-hours.ts";
import { lineKey, normalizeSize, quantityInStock, StockTable, type StockLookup } from "./stock.ts";
import { offers, type ServiceKind, type Store } from "./store.ts";

export { creditedStoreFor, creditedStoreIn, type CreditedStore } from "./dealer-credit.ts";

/** One requested line. `size` null = a sizeless product; `brandId` (optional) scopes its demand record to that brand's stores. */
export interface RequestedItem {
  productId: string;
  size?: string | null;
  quantity: number;
  brandId?: string | null;
}

/** What the customer asked for and where they are. */
export interface MatchRequest {
  /** wanted brands; null = any brand */
  brandIds: readonly string[] | null;
  lat: number;
  lng: number;
  fulfillment: ServiceKind;
  items: readonly RequestedItem[];
  /** "附近500米": the customer's own limit on distance (ignored for ship) */
  maxDistanceMeters?: number | null;
}

/** Tunables of the matcher. */
export interface MatchOptions {
  /** how many ranked stores to return (default 5) */
  maxResults?: number;
  /** how far pickup and appointment searches reach without a customer limit (default 10 km) */
  searchRadiusMeters?: number;
  /** how far a "farther store" alternative may be (default 30 km) */
  alternativeRadiusMeters?: number;
  /** fallback reach of the area store used for demand records (default 10 km) */
  areaFallbackMeters?: number;
  eta?: EtaOptions;
}

/** A store that can serve the request. */
export interface StoreMatch<S> {
  store: S;
  distanceMeters: number;
  etaMinutes: number;
  fulfillment: ServiceKind;
}

/** One requested line that no store around could fully supply. */
export interface MissingItem {
  productId: string;
  size: string | null;
  quantity: number;
  /** the most any single candidate store has */
  bestAvailable: number;
}

/** Why no store matched, one entry per blocking cause. */
export type MatchReason =
  | { code: "NO_STORE_NEARBY"; searchedRadiusMeters: number | null; nearest: { storeId: string; distanceMeters: number } | null }
  | { code: "SERVICE_UNAVAILABLE"; fulfillment: ServiceKind; storeIds: string[] }
  | { code: "OUT_OF_RADIUS"; storeId: string; distanceMeters: number; deliveryRadiusMeters: number }
  | { code: "ALL_CLOSED"; storeId: string; reopensAt: Date | null }
  | { code: "OUT_OF_STOCK"; items: MissingItem[] };

/** The reason codes the matcher can return. */
export type MatchReasonCode = MatchReason["code"];

/** A different way to get the order: a farther store, pickup instead of delivery, or shipping from a flagship. */
export interface Alternative<S> extends StoreMatch<S> {
  kind: "FARTHER_STORE" | "PICKUP_INSTEAD" | "SHIP_FROM_FLAGSHIP";
}

/** A demand-event candidate: a requested line the customer's area store could not supply. */
export interface UnmetDemand {
  productId: string;
  size: string | null;
  quantity: number;
  /** OUT_OF_STOCK at the area store, or NO_STORE_NEARBY: no store of the brand around the customer */
  reason: "OUT_OF_STOCK" | "NO_STORE_NEARBY";
  /** the store whose area holds the customer (see creditedStoreFor); null with NO_STORE_NEARBY */
  areaStoreId: string | null;
  availableQuantity: number;
  /** the store that serves the request anyway (best match), or null when nothing matched */
  servedByStoreId: string | null;
}

/** The failure value: the primary reason as `code`, every reason, and the best alternatives. */
export interface MatchFailure<S> extends DomainError<MatchReasonCode> {
  reasons: MatchReason[];
  alternatives: Alternative<S>[];
}

/** Ranked matches or the failure, plus demand-event candidates in both cases. */
export type StoreMatchResult<S> = Result<{ matches: StoreMatch<S>[] }, MatchFailure<S>> & { unmet: UnmetDemand[] };

/** Per-query checks on one store, shared by the matcher and the linear-scan baseline. */
export interface StoreChecks<S> {
  /** of a wanted brand */
  brand(s: S): boolean;
  /** offers the requested fulfillment */
  service(s: S): boolean;
  /** delivery: the customer is inside the store's radius; other fulfillments: always */
  inRange(s: S, distanceMeters: number): boolean;
  /** open now in its zone, when the fulfillment needs it (delivery, pickup) */
  open(s: S): boolean;
  /** has every requested item and size in the requested quantity */
  stocked(s: S): boolean;
  /** quantity on hand of the request's nth item */
  quantityOf(s: S, item: number): number;
  /** every check above; pass the distance when known, else it is computed for delivery */
  eligible(s: S, distanceMeters?: number): boolean;
}

const DEFAULT_SEARCH_RADIUS = 10_000;
const DEFAULT_ALTERNATIVE_RADIUS = 30_000;
// a failure is explained from the nearest stores only: enough to name a cause, bounded for the p99
const DIAGNOSIS_LIMIT = 20;

/** True when the fulfillment needs the store open right now. */
export function needsOpenNow(fulfillment: ServiceKind): boolean {
  return fulfillment === "delivery" || fulfillment === "pickup";
}

/** Builds the per-store checks of one request at one instant (open-hours and zone lookups memoised per query). */
export function createStoreChecks<S extends Store>(stock: StockLookup, request: MatchRequest, at: Date): StoreChecks<S> {
  return new RequestChecks<S>(stock, request, at);
}

// A class, not an object of closures: one of these is built per query, and methods on the prototype cost
// nothing to create.
class RequestChecks<S extends Store> implements StoreChecks<S> {
  private readonly brands: Set<string> | null;
  private readonly items: { productId: string; size: string; quantity: number }[];
  /** with a StockTable, each line's per-store map, fetched once here rather than once per store */
  private readonly lines: ReadonlyMap<string, number>[] | null;
  private readonly clock: (timeZone: string) => number | null;
  private readonly openNeeded: boolean;

  constructor(
    private readonly stock: StockLookup,
    private readonly request: MatchRequest,
    at: Date,
  ) {
    this.brands = request.brandIds ? new Set(request.brandIds) : null;
    this.items = request.items.map((i) => ({ productId: i.productId, size: normalizeSize(i.size), quantity: i.quantity }));
    this.lines = stock instanceof StockTable ? request.items.map((i) => stock.line(lineKey(i.productId, i.size))) : null;
    this.clock = createZoneClock(at);
    this.openNeeded = needsOpenNow(request.fulfillment);
  }

  brand(s: S): boolean {
    return !this.brands || this.brands.has(s.brandId);
  }

  service(s: S): boolean {
    return offers(s, this.request.fulfillment);
  }

  inRange(s: S, d: number): boolean {
    return this.request.fulfillment !== "delivery" || (s.deliveryRadiusMeters > 0 && d <= s.deliveryRadiusMeters);
  }

  open(s: S): boolean {
    if (!this.openNeeded) return true;
    const hours = parseOpenHours(s.openHours);
    const minute = this.clock(s.timezone);
    return hours.ok && minute !== null && isOpenAtMinute(hours.value, minute);
  }

  quantityOf(s: S, n: number): number {
    if (this.lines) return this.lines[n].get(s.id) ?? 0;
    const i = this.items[n];
    return quantityInStock(this.stock, s.id, i.productId, i.size);
  }

  stocked(s: S): boolean {
    for (let n = 0; n < this.items.length; n++) if (this.quantityOf(s, n) < this.items[n].quantity) return false;
    return true;
  }

  eligible(s: S, d?: number): boolean {
    const { fulfillment, lat, lng } = this.request;
    return (
      this.brand(s) &&
      this.service(s) &&
      (fulfillment !== "delivery" || this.inRange(s, d ?? haversineMeters(lat, lng, s.lat, s.lng))) &&
      this.open(s) &&
      this.stocked(s)
    );
  }
}

/** How far the main search reaches: a delivery can only come from within the widest delivery radius. */
function searchRadius<S extends Store>(index: StoreIndex<S>, request: MatchRequest, opts: MatchOptions): number {
  if (request.fulfillment === "ship") return Infinity;
  const limit = request.maxDistanceMeters ?? Infinity;
  if (request.fulfillment === "delivery") return Math.min(limit, index.maxDeliveryRadiusMeters(request.brandIds));
  return Math.min(limit, opts.searchRadiusMeters ?? DEFAULT_SEARCH_RADIUS);
}

/** Finds the nearest stores that can serve the request at `at`; on failure explains why and offers alternatives. */
export function matchStores<S extends Store>(input: {
  index: StoreIndex<S>;
  stock: StockLookup;
  request: MatchRequest;
  at: Date;
  options?: MatchOptions;
}): StoreMatchResult<S> {
  const { index, stock, request, at } = input;
  const opts = input.options ?? {};
  const { lat, lng, fulfillment } = request;
  const checks = createStoreChecks<S>(stock, request, at);
  const radius = searchRadius(index, request, opts);
  const eta = (d: number, f: ServiceKind = fulfillment) => estimateEtaMinutes(f, d, opts.eta);

  // brand, service, open-now and delivery area are answered by the index from flat arrays; only stock
  // needs the store itself
  const hits = index.around(lat, lng, {
    brandIds: request.brandIds,
    service: fulfillment,
    openAt: needsOpenNow(fulfillment) ? at : undefined,
    deliversHere: fulfillment === "delivery",
    maxDistanceMeters: radius,
    maxResults: opts.maxResults ?? 5,
    filter: (s) => checks.stocked(s),
  });
  const matches = hits.map((h) => ({ store: h.store, distanceMeters: h.distanceMeters, etaMinutes: eta(h.distanceMeters), fulfillment }));
  const unmet = unmetDemand(index, stock, request, matches[0]?.store.id ?? null, opts);
  if (matches.length > 0) return { ok: true, value: { matches }, unmet };

  const reasons = diagnose(index, stock, request, at, checks, radius, opts);
  const alternatives = findAlternatives(index, request, at, stock, radius, opts, eta);
  const message = `no store can serve this ${fulfillment} request: ${reasons.map((r) => r.code).join(", ")}`;
  return { ok: false, error: { code: reasons[0].code, message, reasons, alternatives }, unmet };
}

/** Explains a miss from the nearest candidate stores, as a funnel: nearby → offers the service → in range → stocked / open. */
function diagnose<S extends Store>(
  index: StoreIndex<S>, stock: StockLookup, request: MatchRequest, at: Date, checks: StoreChecks<S>, radius: number, opts: MatchOptions,
): MatchReason[] {
  const { lat, lng, fulfillment } = request;
  const nearbyRadius = fulfillment === "ship" ? Infinity : (request.maxDistanceMeters ?? Math.max(opts.searchRadiusMeters ?? DEFAULT_SEARCH_RADIUS, radius));
  const serving = index.around(lat, lng, { brandIds: request.brandIds, service: fulfillment, maxDistanceMeters: nearbyRadius, maxResults: DIAGNOSIS_LIMIT });
  if (serving.length === 0) {
    const others = index.around(lat, lng, { brandIds: request.brandIds, maxDistanceMeters: nearbyRadius, maxResults: 5 });
    if (others.length > 0) return [{ code: "SERVICE_UNAVAILABLE", fulfillment, storeIds: others.map((h) => h.store.id) }];
    const [nearest] = index.around(lat, lng, { brandIds: request.brandIds, maxResults: 1 });
    return [{
      code: "NO_STORE_NEARBY",
      searchedRadiusMeters: Number.isFinite(nearbyRadius) ? nearbyRadius : null,
      nearest: nearest ? { storeId: nearest.store.id, distanceMeters: nearest.distanceMeters } : null,
    }];
  }
  const inRange = serving.filter((h) => checks.inRange(h.store, h.distanceMeters));
  if (inRange.length === 0) {
    const n = serving[0];
    return [{ code: "OUT_OF_RADIUS", storeId: n.store.id, distanceMeters: n.distanceMeters, deliveryRadiusMeters: n.store.deliveryRadiusMeters }];
  }

  const reasons: MatchReason[] = [];
  const stocked = inRange.filter((h) => checks.stocked(h.store));
  // stock first: when nobody has the goods, opening hours are secondary
  if (stocked.length === 0) reasons.push({ code: "OUT_OF_STOCK", items: missingItems(checks, request, inRange.map((h) => h.store)) });
  // closed matters for the stores that have the goods, or for every store when none has them
  const pool = stocked.length > 0 ? stocked : inRange;
  if (needsOpenNow(fulfillment) && !pool.some((h) => checks.open(h.store))) {
    const reopen = earliestReopening(pool.map((h) => h.store), at);
    reasons.push({ code: "ALL_CLOSED", storeId: reopen.storeId, reopensAt: reopen.at });
  }
  // defensive: the diagnosis sees only the nearest stores, so it could in theory find nothing to blame
  if (reasons.length === 0) reasons.push({ code: "NO_STORE_NEARBY", searchedRadiusMeters: Number.isFinite(nearbyRadius) ? nearbyRadius : null, nearest: null });
  return reasons;
}

/** The lines no single candidate store can supply; if each line exists somewhere but never all together, the nearest store's gaps. */
function missingItems<S extends Store>(checks: StoreChecks<S>, request: MatchRequest, stores: S[]): MissingItem[] {
  const line = (n: number, bestAvailable: number) => {
    const i = request.items[n];
    return { productId: i.productId, size: i.size ?? null, quantity: i.quantity, bestAvailable };
  };
  const best = request.items.map((_, n) => line(n, Math.max(0, ...stores.map((s) => checks.quantityOf(s, n)))));
  const short = best.filter((l) => l.bestAvailable < l.quantity);
  if (short.length > 0) return short;
  return request.items.map((_, n) => line(n, checks.quantityOf(stores[0], n))).filter((l) => l.bestAvailable < l.quantity);
}

/** The store among these that opens first (ties: the nearer, as listed first). */
function earliestReopening<S extends Store>(stores: S[], at: Date): { storeId: string; at: Date | null } {
  const memo = new Map<string, Date | null>(); // stores share a handful of (zone, hours) pairs; Intl is slow
  let best: { storeId: string; at: Date | null } = { storeId: stores[0].id, at: null };
  for (const s of stores) {
    const key = `${s.timezone}\n${s.openHours}`;
    let t = memo.get(key);
    if (t === undefined) memo.set(key, (t = nextOpeningAt(s.openHours, s.timezone, at)));
    if (t && (!best.at || t < best.at)) best = { storeId: s.id, at: t };
  }
  return best;
}

/** At most one of each kind: a farther store (pickup, appointment), pickup instead (delivery, ship), or shipping from a flagship. */
function findAlternatives<S extends Store>(
  index: StoreIndex<S>, request: MatchRequest, at: Date, stock: StockLookup, radius: number, opts: MatchOptions,
  eta: (d: number, f?: ServiceKind) => number,
): Alternative<S>[] {
  const { lat, lng, fulfillment, brandIds } = request;
  const out: Alternative<S>[] = [];
  const nearestWhere = (f: ServiceKind, maxDistanceMeters: number, beyond = -1) => {
    const checks = createStoreChecks<S>(stock, { ...request, fulfillment: f }, at);
    return index.around(lat, lng, {
      brandIds, service: f, maxResults: 1, maxDistanceMeters,
      openAt: needsOpenNow(f) ? at : undefined,
      deliversHere: f === "delivery",
      filter: (s, d) => d > beyond && checks.stocked(s),
    })[0];
  };
  const push = (kind: Alternative<S>["kind"], f: ServiceKind, hit: { store: S; distanceMeters: number } | undefined) => {
    if (hit) out.push({ kind, fulfillment: f, store: hit.store, distanceMeters: hit.distanceMeters, etaMinutes: eta(hit.distanceMeters, f) });
  };

  if (fulfillment === "pickup" || fulfillment === "appointment") {
    const reach = Math.max(opts.alternativeRadiusMeters ?? DEFAULT_ALTERNATIVE_RADIUS, radius);
    push("FARTHER_STORE", fulfillment, nearestWhere(fulfillment, reach, radius));
  }
  if (fulfillment === "delivery" || fulfillment === "ship") {
    const reach = request.maxDistanceMeters ?? opts.searchRadiusMeters ?? DEFAULT_SEARCH_RADIUS;
    push("PICKUP_INSTEAD", "pickup", nearestWhere("pickup", reach));
  }
  if (fulfillment === "delivery" || fulfillment === "pickup") {
    push("SHIP_FROM_FLAGSHIP", "ship", nearestWhere("ship", Infinity));
  }
  return out;
}

/** Requested lines the customer's area store lacks (see creditedStoreFor), per brand scope: what the caller records as demand events. */
function unmetDemand<S extends Store>(index: StoreIndex<S>, stock: StockLookup, request: MatchRequest, servedBy: string | null, opts: MatchOptions): UnmetDemand[] {
  const areaStores = new Map<string, S | null>();
  const out: UnmetDemand[] = [];
  for (const item of request.items) {
    const scope = item.brandId ? [item.brandId] : request.brandIds;
    const key = scope ? scope.join("\n") : "*";
    let area = areaStores.get(key);
    if (area === undefined) {
      const credited = creditedStoreIn(index, request, scope, { fallbackRadiusMeters: opts.areaFallbackMeters ?? DEFAULT_CREDIT_FALLBACK_METERS });
      areaStores.set(key, (area = credited?.store ?? null));
    }
    const base = { productId: item.productId, size: item.size ?? null, quantity: item.quantity, servedByStoreId: servedBy };
    if (!area) {
      out.push({ ...base, reason: "NO_STORE_NEARBY", areaStoreId: null, availableQuantity: 0 });
      continue;
    }
    const available = quantityInStock(stock, area.id, item.productId, item.size);
    if (available < item.quantity) out.push({ ...base, reason: "OUT_OF_STOCK", areaStoreId: area.id, availableQuantity: available });
  }
  return out;
}
