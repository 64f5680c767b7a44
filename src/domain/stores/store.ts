// What the domain knows about a store: the catalog's store row minus presentation (address, phone).

/** The ways a store serves customers (catalog `services`). */
export const SERVICE_KINDS = ["delivery", "pickup", "appointment", "ship"] as const;

/** One way a store serves customers; also what a request asks for. */
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** What the spatial index (geo/store-index.ts) needs from a store; any extra fields ride along untouched. */
export interface GeoStore {
  id: string;
  brandId: string;
  lat: number;
  lng: number;
  /** 0 or absent: the store does not deliver */
  deliveryRadiusMeters?: number;
  /** `false` keeps a store out of the index (closed down, suspended) */
  active?: boolean;
  /** what the store offers; absent = nothing (found only by searches without `service`) */
  services?: readonly ServiceKind[];
  /** a flagship ships nationwide even if `services` forgets to say so */
  flagship?: boolean;
  /** opening hours in `timezone` (open-hours.ts); absent or invalid = never open for `openAt` searches */
  openHours?: string;
  timezone?: string;
}

/** A store as the matcher sees it; extra fields (name, address) pass through untouched. */
export interface Store extends GeoStore {
  id: string;
  brandId: string;
  lat: number;
  lng: number;
  services: readonly ServiceKind[];
  /** how far from the store it delivers; 0 when it does not */
  deliveryRadiusMeters: number;
  /** the brand's online flagship: ships nationwide */
  flagship: boolean;
  /** "HH:MM-HH:MM[,…]" in `timezone`, see open-hours.ts */
  openHours: string;
  /** IANA zone of the store, e.g. Asia/Shanghai */
  timezone: string;
  /** delivery promise in minutes, the store's own or else its brand's; absent or null = no promise */
  deliveryPromiseMinutes?: number | null;
  /** minutes to make an order before the ride, the store's own or else its brand's; absent or null = the estimate's default */
  prepMinutes?: number | null;
}

/** True when the store offers the service; a flagship always counts as shipping (docs/catalog-format.md: a flagship ships nationwide). */
export function offers(store: Pick<Store, "services" | "flagship">, service: ServiceKind): boolean {
  return store.services.includes(service) || (service === "ship" && store.flagship);
}

/** True when the store can ship the order to the customer's home. */
export function canShip(store: Pick<Store, "services" | "flagship">): boolean {
  return offers(store, "ship");
}

/** True when a customer this far away is inside the store's delivery area. */
export function deliversTo(store: Pick<Store, "services" | "deliveryRadiusMeters">, distanceMeters: number): boolean {
  return store.services.includes("delivery") && store.deliveryRadiusMeters > 0 && distanceMeters <= store.deliveryRadiusMeters;
}
