// A static spatial index of stores: kd-trees (kdbush) searched nearest-first on the sphere (geokdbush), one
// over every store and one per brand, per service and per brand × service. A query for "starbucks that
// delivers" walks only that tree, so filters never wade through other brands' or other services' stores.
// Immutable: when the catalog changes, build a new StoreIndex.
import KDBush from "kdbush";
import { around as geoAround } from "geokdbush";
import { offers, SERVICE_KINDS, type ServiceKind } from "../stores/store.ts";
import { haversineMeters, isValidLatLng } from "./distance.ts";

/** What the index needs from a store; any extra fields ride along untouched. */
export interface GeoStore {
  id: string;
  brandId: string;
  lat: number;
  lng: number;
  /** 0 or absent: the store does not deliver */
  deliveryRadiusMeters?: number;
  /** `false` keeps a store out of the index (closed down, suspended) */
  active?: boolean;
  /** what the store offers; absent = nothing (the store is found only by searches without `service`) */
  services?: readonly ServiceKind[];
  /** a flagship ships nationwide even if `services` forgets to say so */
  flagship?: boolean;
}

/** One search result: the store and how far it is from the query point. */
export interface StoreHit<S> {
  store: S;
  distanceMeters: number;
}

/** Options of {@link StoreIndex.around}. */
export interface AroundOptions<S> {
  /** stop after this many hits (default: no limit) */
  maxResults?: number;
  /** only stores within this distance (default: any distance) */
  maxDistanceMeters?: number;
  /** keep only stores this returns true for; called in no particular order, possibly for stores beyond the radius */
  filter?: (store: S) => boolean;
  /** restrict to these brands; null or absent = every brand */
  brandIds?: readonly string[] | null;
  /** restrict to stores offering this service (a flagship counts as shipping) */
  service?: ServiceKind;
}

interface Partition<S> {
  stores: S[];
  tree: KDBush;
  maxDeliveryRadiusMeters: number;
}

function buildPartition<S extends GeoStore>(stores: S[], nodeSize: number): Partition<S> {
  const tree = new KDBush(stores.length, nodeSize);
  let maxRadius = 0;
  for (const s of stores) {
    tree.add(s.lng, s.lat); // geokdbush reads x as longitude
    maxRadius = Math.max(maxRadius, s.deliveryRadiusMeters ?? 0);
  }
  tree.finish();
  return { stores, tree, maxDeliveryRadiusMeters: maxRadius };
}

// geokdbush stops only when it pops a point beyond maxDistance; if the filter rejects every point it would
// walk the whole tree. So points beyond the radius are let through the filter: the first one popped ends
// the search, and geokdbush never returns it. The slack keeps float noise at the boundary out of results.
const BOUNDARY_SLACK_METERS = 0.01;

function searchPartition<S extends GeoStore>(p: Partition<S>, lat: number, lng: number, opts: AroundOptions<S>): StoreHit<S>[] {
  if (p.stores.length === 0) return [];
  const { filter } = opts;
  const maxMeters = opts.maxDistanceMeters ?? Infinity;
  const bounded = maxMeters !== Infinity;
  const stores = p.stores;
  let predicate: ((i: number) => boolean) | undefined;
  if (filter && bounded) {
    const cutoff = Math.max(0, maxMeters) + BOUNDARY_SLACK_METERS;
    predicate = (i) => {
      const s = stores[i];
      return haversineMeters(lat, lng, s.lat, s.lng) > cutoff || filter(s);
    };
  } else if (filter) predicate = (i) => filter(stores[i]);
  const maxKm = bounded ? Math.max(0, maxMeters) / 1000 : undefined;
  const ids = geoAround(p.tree, lng, lat, opts.maxResults ?? Infinity, maxKm, predicate);
  return ids.map((i) => {
    const store = stores[i];
    return { store, distanceMeters: haversineMeters(lat, lng, store.lat, store.lng) };
  });
}

const ANY = "*";
const partitionKey = (brandId: string, service: string) => `${brandId}|${service}`;

/** Nearest-first store search over a fixed set of stores. */
export class StoreIndex<S extends GeoStore = GeoStore> {
  /** number of indexed (active) stores */
  readonly size: number;
  private readonly all: Partition<S>;
  /** keyed brand|service, with "*" for any brand or any service */
  private readonly parts = new Map<string, Partition<S>>();
  private readonly byId = new Map<string, S>();
  private readonly brands = new Set<string>();

  /** Indexes the active stores; throws on a duplicate id or impossible coordinates (the catalog import rejects both). */
  constructor(stores: readonly S[], options: { nodeSize?: number } = {}) {
    // small leaves suit k-nearest queries that stop after a handful of hits
    const nodeSize = options.nodeSize ?? 16;
    const lists = new Map<string, S[]>();
    const add = (key: string, s: S) => {
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      list.push(s);
    };
    for (const s of stores) {
      if (s.active === false) continue;
      if (!isValidLatLng(s.lat, s.lng)) throw new RangeError(`store ${s.id}: invalid coordinates ${s.lat},${s.lng}`);
      if (this.byId.has(s.id)) throw new RangeError(`store ${s.id}: duplicate id`);
      this.byId.set(s.id, s);
      this.brands.add(s.brandId);
      add(partitionKey(ANY, ANY), s);
      add(partitionKey(s.brandId, ANY), s);
      for (const service of SERVICE_KINDS) {
        if (!offers({ services: s.services ?? [], flagship: s.flagship ?? false }, service)) continue;
        add(partitionKey(ANY, service), s);
        add(partitionKey(s.brandId, service), s);
      }
    }
    for (const [key, list] of lists) this.parts.set(key, buildPartition(list, nodeSize));
    this.all = this.parts.get(partitionKey(ANY, ANY)) ?? buildPartition([], nodeSize);
    this.size = this.all.stores.length;
  }

  /** Stores around a point, nearest first, with their distance in metres. */
  around(lat: number, lng: number, opts: AroundOptions<S> = {}): StoreHit<S>[] {
    const service = opts.service ?? ANY;
    const keys = opts.brandIds ? opts.brandIds.map((b) => partitionKey(b, service)) : [partitionKey(ANY, service)];
    const parts = keys.map((k) => this.parts.get(k)).filter((p): p is Partition<S> => p !== undefined);
    if (parts.length === 0) return [];
    if (parts.length === 1) return searchPartition(parts[0], lat, lng, opts);
    // several brands: nearest k of each, merged; still only touches those brands' trees
    const merged = parts.flatMap((p) => searchPartition(p, lat, lng, opts)).sort((a, b) => a.distanceMeters - b.distanceMeters);
    return opts.maxResults === undefined ? merged : merged.slice(0, opts.maxResults);
  }

  /** The store with this id, if indexed. */
  get(id: string): S | undefined {
    return this.byId.get(id);
  }

  /** Every indexed store, in input order. */
  stores(): readonly S[] {
    return this.all.stores;
  }

  /** The indexed stores of one brand (empty if none). */
  brandStores(brandId: string): readonly S[] {
    return this.parts.get(partitionKey(brandId, ANY))?.stores ?? [];
  }

  /** The ids of the brands that have at least one indexed store. */
  brandIds(): string[] {
    return [...this.brands];
  }

  /** The largest delivery radius among these brands' stores (all stores when null): how far a delivery search must look. */
  maxDeliveryRadiusMeters(brandIds: readonly string[] | null = null): number {
    if (!brandIds) return this.all.maxDeliveryRadiusMeters;
    let max = 0;
    for (const b of brandIds) max = Math.max(max, this.parts.get(partitionKey(b, ANY))?.maxDeliveryRadiusMeters ?? 0);
    return max;
  }
}
