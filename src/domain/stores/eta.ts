// A rough time-to-customer for ranking, for the reply text and for checking a store's delivery promise:
// the store's preparation time plus the ride at an average city speed. Simple constants do: the promise is the
// brand's own claim, and the estimate only keeps the matcher from offering what the store cannot keep.
import type { ServiceKind, Store } from "./store.ts";

/** Tunables of the estimate. */
export interface EtaOptions {
  /** minutes to make the order (default 5) */
  prepMinutes?: number;
  /** average city speed of a rider, or of the customer coming to pick up (default 15 km/h) */
  speedKmh?: number;
  /** a parcel from the flagship (default 2 days) */
  shipMinutes?: number;
}

/** Default parcel time from a flagship: two days. */
export const DEFAULT_SHIP_MINUTES = 2 * 24 * 60;

/** Whole minutes until the customer has the order (delivery: prep + ride; pickup: the longer of prep and the trip; appointment: the trip; ship: parcel time). */
export function estimateEtaMinutes(fulfillment: ServiceKind, distanceMeters: number, opts: EtaOptions = {}): number {
  const prep = opts.prepMinutes ?? 5;
  const metersPerMinute = ((opts.speedKmh ?? 15) * 1000) / 60;
  const trip = distanceMeters / metersPerMinute;
  switch (fulfillment) {
    case "delivery":
      return Math.ceil(prep + trip);
    case "pickup":
      return Math.ceil(Math.max(prep, trip)); // the order is made while the customer is on the way
    case "appointment":
      return Math.ceil(trip);
    case "ship":
      return opts.shipMinutes ?? DEFAULT_SHIP_MINUTES;
  }
}

/** The estimate for one store: its own preparation time (the store's, else its brand's, resolved in the catalog view) wins over the default. */
export function storeEtaMinutes(
  store: Pick<Store, "prepMinutes">, fulfillment: ServiceKind, distanceMeters: number, opts: EtaOptions = {},
): number {
  return estimateEtaMinutes(fulfillment, distanceMeters, store.prepMinutes == null ? opts : { ...opts, prepMinutes: store.prepMinutes });
}

/** True when a delivery from this store, this far away, keeps its promise (always true without a promise). */
export function keepsPromise(store: Pick<Store, "prepMinutes" | "deliveryPromiseMinutes">, distanceMeters: number, opts: EtaOptions = {}): boolean {
  return store.deliveryPromiseMinutes == null || storeEtaMinutes(store, "delivery", distanceMeters, opts) <= store.deliveryPromiseMinutes;
}
