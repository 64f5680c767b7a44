// The per-store tests of one request at one instant, as plain predicates. The matcher leaves most of them
// to the index (which answers them from flat records) and uses these for stock and for explaining misses;
// the benchmark's linear scan uses all of them, so both sides apply exactly the same rules.
import { haversineMeters } from "../geo/distance.ts";
import { createZoneClock } from "../time/time-zone.ts";
import { keepsPromise, type EtaOptions } from "./eta.ts";
import type { MatchRequest } from "./match-types.ts";
import { isOpenAtMinute, parseOpenHours } from "./open-hours.ts";
import { lineKey, normalizeSize, quantityInStock, StockTable, type StockLookup } from "./stock.ts";
import { offers, type ServiceKind, type Store } from "./store.ts";

/** Per-query checks on one store, shared by the matcher and the linear-scan baseline. */
export interface StoreChecks<S> {
  /** of a wanted brand */
  brand(s: S): boolean;
  /** offers the requested fulfillment */
  service(s: S): boolean;
  /** delivery: the customer is inside the store's radius; other fulfillments: always */
  inRange(s: S, distanceMeters: number): boolean;
  /** delivery: the store's estimate at this distance keeps its promise (or it has none); other fulfillments: always */
  promise(s: S, distanceMeters: number): boolean;
  /** open now in its zone, when the fulfillment needs it (delivery, pickup) */
  open(s: S): boolean;
  /** has every requested item and size in the requested quantity */
  stocked(s: S): boolean;
  /** stocked() (and, for delivery, promise()) as a standalone function, for StoreIndex's filter option */
  readonly storeFilter: (s: S, distanceMeters: number) => boolean;
  /** quantity on hand of the request's nth item */
  quantityOf(s: S, item: number): number;
  /** every check above; pass the distance when known, else it is computed for delivery */
  eligible(s: S, distanceMeters?: number): boolean;
}

/** True when the fulfillment needs the store open right now. */
export function needsOpenNow(fulfillment: ServiceKind): boolean {
  return fulfillment === "delivery" || fulfillment === "pickup";
}

/** Builds the per-store checks of one request at one instant (open-hours and zone lookups memoised per query). */
export function createStoreChecks<S extends Store>(stock: StockLookup, request: MatchRequest, at: Date, eta: EtaOptions = {}): StoreChecks<S> {
  return new RequestChecks<S>(stock, request, at, eta);
}

const alwaysTrue = () => true;

// A class, not an object of closures: one of these is built per query, and methods on the prototype cost
// nothing to create.
class RequestChecks<S extends Store> implements StoreChecks<S> {
  private readonly brands: Set<string> | null;
  private readonly items: { productId: string; size: string; quantity: number }[];
  /** with a StockTable, each line's per-store map, fetched once here rather than once per store */
  private readonly lines: ReadonlyMap<string, number>[] | null;
  private readonly clock: (timeZone: string) => number | null;
  private readonly openNeeded: boolean;
  readonly storeFilter: (s: S, distanceMeters: number) => boolean;

  constructor(
    private readonly stock: StockLookup,
    private readonly request: MatchRequest,
    at: Date,
    private readonly eta: EtaOptions,
  ) {
    this.brands = request.brandIds ? new Set(request.brandIds) : null;
    this.items = request.items.map((i) => ({ productId: i.productId, size: normalizeSize(i.size), quantity: i.quantity }));
    this.lines = stock instanceof StockTable ? request.items.map((i) => stock.line(lineKey(i.productId, i.size))) : null;
    this.clock = createZoneClock(at);
    this.openNeeded = needsOpenNow(request.fulfillment);
    const stockOnly = this.items.length === 0 ? alwaysTrue : this.stocked.bind(this);
    // the promise depends on the distance, which the index hands its filter
    this.storeFilter = request.fulfillment === "delivery" ? (s, d) => stockOnly(s) && this.promise(s, d) : stockOnly;
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

  promise(s: S, d: number): boolean {
    return this.request.fulfillment !== "delivery" || keepsPromise(s, d, this.eta);
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
    if (!this.brand(s) || !this.service(s)) return false;
    if (fulfillment === "delivery") {
      const distance = d ?? haversineMeters(lat, lng, s.lat, s.lng);
      if (!this.inRange(s, distance) || !this.promise(s, distance)) return false;
    }
    return this.open(s) && this.stocked(s);
  }
}
