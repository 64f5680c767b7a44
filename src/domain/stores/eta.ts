// A rough time-to-customer for ranking and for the reply text; not a promise, so simple constants do.
import type { ServiceKind } from "./store.ts";

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
