// Which local store (dealer) is credited with a sale the flagship ships: the store whose delivery area
// holds the customer, so online sales never compete with the dealer for its own area (no channel conflict).
// The same rule names the "area store" whose out-of-stock events feed demand reports.
import { haversineMeters, type LatLng } from "../geo/distance.ts";
import type { AreaStoreOut, StoreIndex } from "../geo/store-index.ts";
import type { Store } from "./store.ts";

/** The fallback reach when no delivery area contains the customer. */
export const DEFAULT_CREDIT_FALLBACK_METERS = 10_000;

/** What the credit rule reads from a store. */
export type CreditCandidate = Pick<Store, "id" | "brandId" | "lat" | "lng" | "deliveryRadiusMeters" | "flagship"> & { active?: boolean };

/** The credited store and why it was chosen. */
export interface CreditedStore<S> {
  store: S;
  distanceMeters: number;
  /** delivery_area: the customer is inside its delivery radius; nearest: no area contains them, nearest within the fallback */
  basis: "delivery_area" | "nearest";
}

/** Options of the credit rule. */
export interface CreditOptions {
  /** how far the nearest-store fallback reaches (default 10 km); beyond it nobody is credited */
  fallbackRadiusMeters?: number;
}

/** The brand's non-flagship store whose delivery area contains the user (nearest if several), else the nearest within the fallback radius, else null. */
export function creditedStoreFor<S extends CreditCandidate>(user: LatLng, brandStores: readonly S[], opts: CreditOptions = {}): CreditedStore<S> | null {
  const fallback = opts.fallbackRadiusMeters ?? DEFAULT_CREDIT_FALLBACK_METERS;
  let area: CreditedStore<S> | null = null;
  let nearest: CreditedStore<S> | null = null;
  const closer = (d: number, s: S, best: CreditedStore<S> | null) => !best || d < best.distanceMeters || (d === best.distanceMeters && s.id < best.store.id);
  for (const s of brandStores) {
    if (s.flagship || s.active === false) continue;
    const d = haversineMeters(user.lat, user.lng, s.lat, s.lng);
    if (s.deliveryRadiusMeters > 0 && d <= s.deliveryRadiusMeters && closer(d, s, area)) area = { store: s, distanceMeters: d, basis: "delivery_area" };
    if (d <= fallback && closer(d, s, nearest)) nearest = { store: s, distanceMeters: d, basis: "nearest" };
  }
  return area ?? nearest;
}

/** creditedStoreFor over a StoreIndex (brandIds null = any brand): the same rule, without scanning every store. */
export function creditedStoreIn<S extends Store>(index: StoreIndex<S>, user: LatLng, brandIds: readonly string[] | null, opts: CreditOptions = {}, known?: AreaStoreOut<S>): CreditedStore<S> | null {
  // an earlier search over the same brands may already have seen the area store, or that there is none
  const [area] = known?.hit ? [known.hit] : known?.hit === null ? [] : index.around(user.lat, user.lng, {
    brandIds,
    maxResults: 1,
    maxDistanceMeters: index.maxDeliveryRadiusMeters(brandIds),
    deliversHere: true,
    flagship: false,
  });
  if (area) return { ...area, basis: "delivery_area" };
  const [near] = index.around(user.lat, user.lng, {
    brandIds,
    maxResults: 1,
    maxDistanceMeters: opts.fallbackRadiusMeters ?? DEFAULT_CREDIT_FALLBACK_METERS,
    flagship: false,
  });
  return near ? { ...near, basis: "nearest" } : null;
}
