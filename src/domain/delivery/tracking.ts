// Live delivery tracking: from the courier's latest fix and the location the customer shared for the order, the
// distance, a riding ETA, whether the courier has arrived, and whether the customer should hear about it now.
// Pure: the app layer reads the last update it sent and applies the decision (push, arrival, completion).
import { distanceMeters, isValidLatLng, type LatLng } from "../geo/distance.ts";
import { estimateEtaMinutes } from "../stores/eta.ts";

/** The update the customer last received for this order. */
export interface LastNotified {
  distanceMeters: number;
  etaMinutes: number;
  at: Date;
}

/** Throttle tunables. */
export interface TrackingOptions {
  /** at most one progress update per this many seconds (default 60); arrival is never held back */
  minIntervalSeconds?: number;
  /** a drop in distance that is worth telling even when the ETA minute stays the same (default 100 m) */
  minDropMeters?: number;
  /** courier speed for the ETA (default: eta.ts's city speed) */
  speedKmh?: number;
}

export interface TrackingInput {
  courier: LatLng;
  /** the location the customer consented to share for this order; null when there is none */
  customer: LatLng | null;
  /** the store's arrival radius (Store.arrivalMeters) */
  arrivalMeters: number;
  now: Date;
  last: LastNotified | null;
  opts?: TrackingOptions;
}

/** Why the customer is (or is not) told now. */
export type NotifyReason = "first" | "eta_changed" | "closer" | "arrived" | "throttled" | "no_change" | "no_customer_location" | "invalid_fix";

export interface TrackingDecision {
  /** whole metres; null without a customer location */
  distanceMeters: number | null;
  /** whole minutes of riding left (the order is already made); null without a customer location */
  etaMinutes: number | null;
  arrived: boolean;
  notify: boolean;
  reason: NotifyReason;
}

export const DEFAULT_MIN_INTERVAL_SECONDS = 60;
export const DEFAULT_MIN_DROP_METERS = 100;

/** Decides what a courier fix means for the customer (see TrackingDecision). */
export function trackDelivery(input: TrackingInput): TrackingDecision {
  const { courier, customer, last, now } = input;
  if (!isValidLatLng(courier.lat, courier.lng)) return { distanceMeters: null, etaMinutes: null, arrived: false, notify: false, reason: "invalid_fix" };
  if (!customer || !isValidLatLng(customer.lat, customer.lng)) return { distanceMeters: null, etaMinutes: null, arrived: false, notify: false, reason: "no_customer_location" };
  const opts = input.opts ?? {};
  const d = Math.round(distanceMeters(courier, customer));
  const arrived = d <= Math.max(0, input.arrivalMeters);
  const eta = arrived ? 0 : Math.max(1, estimateEtaMinutes("delivery", d, { prepMinutes: 0, speedKmh: opts.speedKmh }));
  const decision = (notify: boolean, reason: NotifyReason): TrackingDecision => ({ distanceMeters: d, etaMinutes: eta, arrived, notify, reason });

  if (arrived) return decision(true, "arrived");
  if (!last) return decision(true, "first");
  const changedEta = eta !== last.etaMinutes;
  const closer = last.distanceMeters - d >= (opts.minDropMeters ?? DEFAULT_MIN_DROP_METERS);
  if (!changedEta && !closer) return decision(false, "no_change");
  const elapsedSeconds = (now.getTime() - last.at.getTime()) / 1000;
  if (elapsedSeconds < (opts.minIntervalSeconds ?? DEFAULT_MIN_INTERVAL_SECONDS)) return decision(false, "throttled");
  return decision(true, changedEta ? "eta_changed" : "closer");
}

/**
 * The step an update stands for, for exactly-once pushes: the ETA minute and the 100 m band of the distance.
 * Two racing fixes that land on the same step make the same key, so the customer hears it once.
 */
export function trackingStep(d: Pick<TrackingDecision, "arrived" | "etaMinutes" | "distanceMeters">): string {
  if (d.arrived) return "arrived";
  return `eta${d.etaMinutes ?? "?"}-d${d.distanceMeters == null ? "?" : Math.floor(d.distanceMeters / DEFAULT_MIN_DROP_METERS)}`;
}

/** A distance for people: metres under 1 km, else kilometres with one decimal. */
export function formatDistance(meters: number, lang: "zh" | "en"): string {
  const m = Math.round(meters);
  if (m < 1000) return lang === "zh" ? `${m} 米` : `${m} m`;
  const km = (Math.round(meters / 100) / 10).toFixed(1);
  return lang === "zh" ? `${km} 公里` : `${km} km`;
}
