// The vocabulary of store matching: what is asked, what comes back, and why nothing may. Types only.
import type { DomainError, Result } from "../errors.ts";
import type { EtaOptions } from "./eta.ts";
import type { ServiceKind } from "./store.ts";

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
  /** how far a "farther store" alternative may be (default 20 km) */
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
  /** every store that could deliver (in range, stocked, open) would break its delivery promise; the one closest to keeping it */
  | { code: "PROMISE_BROKEN"; storeId: string; distanceMeters: number; etaMinutes: number; promiseMinutes: number }
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
