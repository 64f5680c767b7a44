// A static spatial index of stores: one kd-tree (kdbush) over every store plus one per brand, searched
// nearest-first on the sphere with geokdbush. Brand queries walk only that brand's tree, so a filter never
// wades through the other 29 brands' stores. Immutable: when the catalog changes, build a new StoreIndex.
import KDBush from "kdbush";
import { around as geoAround } from "geokdbush";
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

function searchPartition<S extends GeoStore>(p: Partition<S>, lat: number, lng: number, opts: AroundOptions<S>): StoreHit<S>[] {
  if (p.stores.length === 0) return [];
  const { filter } = opts;
  const maxKm = opts.maxDistanceMeters === undefined || opts.maxDistanceMeters === Infinity ? undefined : Math.max(0, opts.maxDistanceMeters) / 1000;
  const ids = geoAround(p.tree, lng, lat, opts.maxResults ?? Infinity, maxKm, filter ? (i: number) => filter(p.stores[i]) : undefined);
  return ids.map((i) => {
    const store = p.stores[i];
    return { store, distanceMeters: haversineMeters(lat, lng, store.lat, store.lng) };
  });
}

/** Nearest-first store search over a fixed set of stores. */
export class StoreIndex<S extends GeoStore = GeoStore> {
  /** number of indexed (active) stores */
  readonly size: number;
  private readonly all: Partition<S>;
  private readonly brands = new Map<string, Partition<S>>();
  private readonly byId = new Map<string, S>();

  /** Indexes the active stores; throws on a duplicate id or impossible coordinates (the catalog import rejects both). */
  constructor(stores: readonly S[], options: { nodeSize?: number } = {}) {
    // small leaves suit k-nearest queries that stop after a handful of hits
    const nodeSize = options.nodeSize ?? 16;
    const active: S[] = [];
    const perBrand = new Map<string, S[]>();
    for (const s of stores) {
      if (s.active === false) continue;
      if (!isValidLatLng(s.lat, s.lng)) throw new RangeError(`store ${s.id}: invalid coordinates ${s.lat},${s.lng}`);
      if (this.byId.has(s.id)) throw new RangeError(`store ${s.id}: duplicate id`);
      this.byId.set(s.id, s);
      active.push(s);
      let list = perBrand.get(s.brandId);
      if (!list) perBrand.set(s.brandId, (list = []));
      list.push(s);
    }
    this.size = active.length;
    this.all = buildPartition(active, nodeSize);
    for (const [brandId, list] of perBrand) this.brands.set(brandId, buildPartition(list, nodeSize));
  }

  /** Stores around a point, nearest first, with their distance in metres. */
  around(lat: number, lng: number, opts: AroundOptions<S> = {}): StoreHit<S>[] {
    if (!opts.brandIds) return searchPartition(this.all, lat, lng, opts);
    const parts = opts.brandIds.map((b) => this.brands.get(b)).filter((p): p is Partition<S> => p !== undefined);
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
    return this.brands.get(brandId)?.stores ?? [];
  }

  /** The ids of the brands that have at least one indexed store. */
  brandIds(): string[] {
    return [...this.brands.keys()];
  }

  /** The largest delivery radius among these brands' stores (all stores when null): how far a delivery search must look. */
  maxDeliveryRadiusMeters(brandIds: readonly string[] | null = null): number {
    if (!brandIds) return this.all.maxDeliveryRadiusMeters;
    let max = 0;
    for (const b of brandIds) max = Math.max(max, this.brands.get(b)?.maxDeliveryRadiusMeters ?? 0);
    return max;
  }
}
