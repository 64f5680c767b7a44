// "来杯拿铁" + a location → the nearest stores that can serve it now, or why none can and what to do instead.
// A store serves a request when it is of a wanted brand, offers the fulfillment, is open now in its own zone
// (delivery and pickup only: shipping and appointments are for later), has every item and size in stock,
// and, for delivery, has the customer inside its delivery radius and an estimate (preparation plus ride) within
// its delivery promise, if it declares one. Ranked by distance.
import type { AreaStoreOut, StoreIndex } from "../geo/store-index.ts";
import { storeEtaMinutes } from "./eta.ts";
import { DEFAULT_SEARCH_RADIUS, diagnose, findAlternatives } from "./match-diagnosis.ts";
import type { MatchOptions, MatchRequest, StoreMatch, StoreMatchResult } from "./match-types.ts";
import type { StockLookup } from "./stock.ts";
import { createStoreChecks, needsOpenNow } from "./store-checks.ts";
import type { ServiceKind, Store } from "./store.ts";
import { unmetDemand } from "./unmet-demand.ts";

export { creditedStoreFor, creditedStoreIn, type CreditedStore } from "./dealer-credit.ts";
export type * from "./match-types.ts";
export { createStoreChecks, needsOpenNow, type StoreChecks } from "./store-checks.ts";

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
  const checks = createStoreChecks<S>(stock, request, at, opts.eta);
  const radius = searchRadius(index, request, opts);

  // the customer's area store (for demand events) is noted by the same scan when it can be (not for shipping,
  // which searches the flagships only)
  const area: AreaStoreOut<S> | undefined = fulfillment === "ship" ? undefined : {};
  // brand, service, open-now and delivery area are answered by the index from flat arrays; only stock and the
  // delivery promise need the store itself (checks.storeFilter, made once per request: no closure per call)
  const hits = index.around(lat, lng, {
    brandIds: request.brandIds,
    service: fulfillment,
    openAt: needsOpenNow(fulfillment) ? at : undefined,
    deliversHere: fulfillment === "delivery",
    maxDistanceMeters: radius,
    maxResults: opts.maxResults ?? 5,
    filter: checks.storeFilter,
    areaStore: area,
  });
  const matches: StoreMatch<S>[] = [];
  for (const h of hits) matches.push({ store: h.store, distanceMeters: h.distanceMeters, etaMinutes: storeEtaMinutes(h.store, fulfillment, h.distanceMeters, opts.eta), fulfillment });
  const unmet = unmetDemand(index, stock, request, matches[0]?.store.id ?? null, opts, area);
  if (matches.length > 0) return { ok: true, value: { matches }, unmet };

  const eta = (s: S, d: number, f: ServiceKind = fulfillment) => storeEtaMinutes(s, f, d, opts.eta);
  const reasons = diagnose(index, request, at, checks, radius, opts);
  const alternatives = findAlternatives(index, request, at, stock, radius, opts, eta);
  const message = `no store can serve this ${fulfillment} request: ${reasons.map((r) => r.code).join(", ")}`;
  return { ok: false, error: { code: reasons[0].code, message, reasons, alternatives }, unmet };
}
