// When no store can serve a request: why (a funnel over the nearest stores: nearby → offers the service →
// in delivery range → has the goods / is open → keeps its delivery promise), and what the customer could do instead.
import type { StoreIndex } from "../geo/store-index.ts";
import type { Alternative, MatchOptions, MatchReason, MatchRequest, MissingItem } from "./match-types.ts";
import { storeEtaMinutes } from "./eta.ts";
import { nextOpeningAt } from "./open-hours.ts";
import type { StockLookup } from "./stock.ts";
import { createStoreChecks, needsOpenNow, type StoreChecks } from "./store-checks.ts";
import type { ServiceKind, Store } from "./store.ts";

/** Default reach of pickup and appointment searches without a customer limit. */
export const DEFAULT_SEARCH_RADIUS = 10_000;
/** Default reach of the "farther store" alternative. */
export const DEFAULT_ALTERNATIVE_RADIUS = 20_000;
// a failure is explained from the nearest stores only: enough to name a cause, bounded for the p99
const DIAGNOSIS_LIMIT = 20;

/** Why nothing matched, from the nearest candidate stores: one reason per blocking cause, the primary first. */
export function diagnose<S extends Store>(
  index: StoreIndex<S>, request: MatchRequest, at: Date, checks: StoreChecks<S>, radius: number, opts: MatchOptions,
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
  // everything else holds for some store: the delivery promise is what rules them out; name the one closest to keeping it
  if (reasons.length === 0 && fulfillment === "delivery") {
    let best: Extract<MatchReason, { code: "PROMISE_BROKEN" }> | null = null;
    for (const h of stocked) {
      const promiseMinutes = h.store.deliveryPromiseMinutes;
      if (promiseMinutes == null || !checks.open(h.store) || checks.promise(h.store, h.distanceMeters)) continue;
      const etaMinutes = storeEtaMinutes(h.store, "delivery", h.distanceMeters, opts.eta);
      if (!best || etaMinutes - promiseMinutes < best.etaMinutes - best.promiseMinutes) {
        best = { code: "PROMISE_BROKEN", storeId: h.store.id, distanceMeters: h.distanceMeters, etaMinutes, promiseMinutes };
      }
    }
    if (best) reasons.push(best);
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

/** What to offer instead, at most one of each kind: a farther store (pickup, appointment), pickup instead (delivery, ship), or shipping from a flagship. */
export function findAlternatives<S extends Store>(
  index: StoreIndex<S>, request: MatchRequest, at: Date, stock: StockLookup, radius: number, opts: MatchOptions,
  eta: (s: S, d: number, f?: ServiceKind) => number,
): Alternative<S>[] {
  const { lat, lng, fulfillment, brandIds } = request;
  const out: Alternative<S>[] = [];
  const nearestWhere = (f: ServiceKind, maxDistanceMeters: number, minDistanceMeters?: number) => {
    const checks = createStoreChecks<S>(stock, { ...request, fulfillment: f }, at, opts.eta);
    return index.around(lat, lng, {
      brandIds, service: f, maxResults: 1, maxDistanceMeters, minDistanceMeters,
      openAt: needsOpenNow(f) ? at : undefined,
      deliversHere: f === "delivery",
      filter: checks.storeFilter,
    })[0];
  };
  const push = (kind: Alternative<S>["kind"], f: ServiceKind, hit: { store: S; distanceMeters: number } | undefined) => {
    if (hit) out.push({ kind, fulfillment: f, store: hit.store, distanceMeters: hit.distanceMeters, etaMinutes: eta(hit.store, hit.distanceMeters, f) });
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
