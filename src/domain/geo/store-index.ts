// A static spatial index of stores on kdbush (kd-trees) and geokdbush (nearest-first on the sphere).
// One tree per brand (and one over every store), plus small trees of the stores that ship, which are few
// and are wanted from any distance. Beside each tree, one flat record per store holds what the common
// rejections need (distance terms, delivery radius, services, opening-hours group), so "too far", "does
// not deliver here", "no such service" and "closed now" never touch a store object: at 100k stores it is
// memory traffic, not arithmetic, that a query costs.
// Immutable: when the catalog changes, build a new StoreIndex.
import KDBush from "kdbush";
import { around as geoAround } from "geokdbush";
import { isOpenAtMinute, parseOpenHours, type OpenHours } from "../stores/open-hours.ts";
// GeoStore lives beside Store (stores/store.ts), which extends it: the index depends on the store, never back.
import { offers, SERVICE_KINDS, type GeoStore, type ServiceKind } from "../stores/store.ts";
import { createZoneClock } from "../time/time-zone.ts";
import { EARTH_RADIUS_METERS, haversineMeters, haversineTermOfMeters, isValidLatLng, metersFromHaversineTerm } from "./distance.ts";

export type { GeoStore };

const RAD = Math.PI / 180;

/** One search result: the store and how far it is from the query point. */
export interface StoreHit<S> {
  store: S;
  distanceMeters: number;
}

/** Options of {@link StoreIndex.around}; every restriction combines with the others. */
export interface AroundOptions<S> {
  /** stop after this many hits (default: no limit) */
  maxResults?: number;
  /** only stores within this distance (default: any distance) */
  maxDistanceMeters?: number;
  /** only stores farther than this (default: none excluded), e.g. "a store beyond the ones already offered" */
  minDistanceMeters?: number;
  /** restrict to these brands; null or absent = every brand */
  brandIds?: readonly string[] | null;
  /** only stores offering this service (a flagship counts as shipping) */
  service?: ServiceKind;
  /** only stores open at this instant in their own time zone */
  openAt?: Date;
  /** only stores whose delivery radius reaches the query point */
  deliversHere?: boolean;
  /** true: only flagships; false: no flagships; absent: either */
  flagship?: boolean;
  /** keep only stores this returns true for; called after the checks above, nearest first within a ring */
  filter?: (store: S, distanceMeters: number) => boolean;
  /**
   * Also find, in the same pass, the customer's area store (dealer-credit.ts: the nearest non-flagship store whose
   * delivery radius holds the point), which the search sees anyway while it scans: filled in as `hit` when it lies
   * within the distance the search covered, `null` when that distance already exceeds every delivery radius (there
   * is none), and left undefined when the search stopped too early to tell (or searched several brands).
   */
  areaStore?: AreaStoreOut<S>;
}

/** Out-parameter of {@link AroundOptions.areaStore}. */
export interface AreaStoreOut<S> {
  hit?: StoreHit<S> | null;
}

interface HoursGroup {
  hours: OpenHours | null;
  timezone: string | null;
}

// One record of RECORD numbers per store (by insertion index), 64 bytes: a store's checks read one cache
// line (services and the flagship flag share one number as bits). The half-angle sines and cosines make the haversine term multiply-adds, with no trig per store:
// sin((a−b)/2) = sin(a/2)·cos(b/2) − cos(a/2)·sin(b/2).
const RECORD = 8;
const SIN_HALF_LAT = 0;
const COS_HALF_LAT = 1;
const SIN_HALF_LNG = 2;
const COS_HALF_LNG = 3;
const COS_LAT = 4;
const RADIUS = 5;
const HOURS_GROUP = 6;
const SERVICES = 7;
const SERVICE_BIT = Object.fromEntries(SERVICE_KINDS.map((k, i) => [k, 1 << i])) as Record<ServiceKind, number>;
const FLAGSHIP_BIT = 1 << SERVICE_KINDS.length;

interface Partition<S> {
  stores: S[];
  tree: KDBush;
  records: Float64Array;
  /** the distinct hours groups present, to rule a partition out when none is open */
  groupsPresent: number[];
  maxDeliveryRadiusMeters: number;
  /** where ring searches start: about the distance that holds a few of this partition's stores */
  firstRingMeters: number;
}

/** What a search checks per store, prepared once per call. */
interface Query<S> {
  lat: number;
  lng: number;
  cosLat: number;
  sinHalfLat: number;
  cosHalfLat: number;
  sinHalfLng: number;
  cosHalfLng: number;
  serviceBit: number;
  open: Uint8Array | null;
  deliversHere: boolean;
  flagship: boolean | undefined;
  /** haversine term of minDistanceMeters; -1 when none */
  minH: number;
  filter?: (store: S, distanceMeters: number) => boolean;
  /** the area store seen so far (areaStore option): its ordinal (-1 none) and distance */
  area: { i: number; d: number } | null;
  /** set by ringSearch: every store this close was looked at */
  scannedMeters?: number;
}

/** First ring of a bounded search; each further ring doubles the radius. */
const FIRST_RING_METERS = 500;

// partition keys: a brand id, or these (the NUL keeps them apart from any real brand id)
const ANY = "\u0000all";
const SHIP = "\u0000ship";

/** Nearest-first store search over a fixed set of stores. */
export class StoreIndex<S extends GeoStore = GeoStore> {
  /** number of indexed (active) stores */
  readonly size: number;
  private readonly all: Partition<S>;
  /** by brand id (ANY = every brand), and brand + SHIP for the shipping stores */
  private readonly parts = new Map<string, Partition<S>>();
  private readonly byId = new Map<string, S>();
  private readonly groups: HoursGroup[] = [];
  // a one-entry memo: the matcher asks several questions about the same instant in a row
  private openMemo: { at: number; open: Uint8Array } | null = null;

  /** Indexes the active stores; throws on a duplicate id or impossible coordinates (the catalog import rejects both). */
  constructor(stores: readonly S[], options: { nodeSize?: number } = {}) {
    const nodeSize = options.nodeSize ?? 32;
    const active: S[] = [];
    for (const s of stores) {
      if (s.active === false) continue;
      if (!isValidLatLng(s.lat, s.lng)) throw new RangeError(`store ${s.id}: invalid coordinates ${s.lat},${s.lng}`);
      if (this.byId.has(s.id)) throw new RangeError(`store ${s.id}: duplicate id`);
      this.byId.set(s.id, s);
      active.push(s);
    }
    // every store's record is computed once, then copied into each partition that holds the store
    const base = new Float64Array(active.length * RECORD);
    const lists = new Map<string, number[]>();
    const add = (key: string, n: number) => {
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      list.push(n);
    };
    const groupIds = new Map<string, Map<string, number>>(); // zone → hours → group
    for (const [n, s] of active.entries()) {
      const zone = s.timezone ?? "";
      const hours = s.openHours ?? "";
      let byHours = groupIds.get(zone);
      if (!byHours) groupIds.set(zone, (byHours = new Map()));
      let g = byHours.get(hours);
      if (g === undefined) {
        const parsed = s.openHours === undefined ? null : parseOpenHours(s.openHours);
        byHours.set(hours, (g = this.groups.length));
        this.groups.push({ hours: parsed?.ok ? parsed.value : null, timezone: s.timezone ?? null });
      }
      writeRecord(base, n, s, g);
      add(ANY, n);
      add(s.brandId, n);
      if (base[n * RECORD + SERVICES] & SERVICE_BIT.ship) {
        add(ANY + SHIP, n);
        add(s.brandId + SHIP, n);
      }
    }
    for (const [key, list] of lists) this.parts.set(key, buildPartition(active, list, nodeSize, base));
    this.all = this.parts.get(ANY) ?? buildPartition(active, [], nodeSize, base);
    this.size = this.all.stores.length;
  }

  /** Stores around a point, nearest first, with their distance in metres. */
  around(lat: number, lng: number, opts: AroundOptions<S> = {}): StoreHit<S>[] {
    const maxResults = opts.maxResults ?? Infinity;
    if (maxResults <= 0) return [];
    const suffix = opts.service === "ship" ? SHIP : "";
    // (plain loops, no closures: this runs per query, and each closure created costs more than the lookups)
    const parts: Partition<S>[] = [];
    if (!opts.brandIds) this.addPart(parts, ANY + suffix);
    else for (const b of opts.brandIds) this.addPart(parts, b + suffix);
    if (parts.length === 0) return [];
    const q: Query<S> = {
      lat, lng, cosLat: Math.cos(lat * RAD),
      sinHalfLat: Math.sin(lat * RAD * 0.5), cosHalfLat: Math.cos(lat * RAD * 0.5),
      sinHalfLng: Math.sin(lng * RAD * 0.5), cosHalfLng: Math.cos(lng * RAD * 0.5),
      serviceBit: opts.service ? SERVICE_BIT[opts.service] : 0,
      open: opts.openAt ? this.openGroups(opts.openAt) : null,
      deliversHere: opts.deliversHere ?? false,
      flagship: opts.flagship,
      minH: opts.minDistanceMeters ? haversineTermOfMeters(opts.minDistanceMeters) : -1,
      filter: opts.filter,
      area: opts.areaStore && parts.length === 1 && !opts.minDistanceMeters ? { i: -1, d: Infinity } : null,
    };
    const maxMeters = Math.max(0, opts.maxDistanceMeters ?? Infinity);
    if (parts.length === 1) {
      const p = parts[0];
      const hits = searchPartition(p, q, maxMeters, maxResults);
      if (q.area && opts.areaStore) {
        const scanned = q.scannedMeters ?? 0;
        if (q.area.i >= 0) opts.areaStore.hit = { store: p.stores[q.area.i], distanceMeters: q.area.d };
        else if (scanned >= p.maxDeliveryRadiusMeters) opts.areaStore.hit = null;
      }
      return hits;
    }
    // several brands: nearest k of each, merged; still only touches those brands' trees
    const merged: StoreHit<S>[] = [];
    for (const p of parts) merged.push(...searchPartition(p, q, maxMeters, maxResults));
    merged.sort(byDistance);
    return merged.length > maxResults ? merged.slice(0, maxResults) : merged;
  }

  /** Adds the partition under key to parts, once, when it has stores. */
  private addPart(parts: Partition<S>[], key: string): void {
    const p = this.parts.get(key);
    if (p && p.stores.length > 0 && !parts.includes(p)) parts.push(p);
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
    return this.parts.get(brandId)?.stores ?? [];
  }

  /** The ids of the brands that have at least one indexed store. */
  brandIds(): string[] {
    return [...this.parts.keys()].filter((k) => !k.includes("\u0000"));
  }

  /** The largest delivery radius among these brands' stores (all stores when null): how far a delivery search must look. */
  maxDeliveryRadiusMeters(brandIds: readonly string[] | null = null): number {
    if (!brandIds) return this.all.maxDeliveryRadiusMeters;
    let max = 0;
    for (const b of brandIds) max = Math.max(max, this.parts.get(b)?.maxDeliveryRadiusMeters ?? 0);
    return max;
  }

  /** Which hours groups are open at the instant: one zone lookup per zone, not per store. */
  private openGroups(at: Date): Uint8Array {
    const t = at.getTime();
    if (this.openMemo?.at === t) return this.openMemo.open;
    const clock = createZoneClock(at);
    const open = new Uint8Array(this.groups.length);
    for (const [i, g] of this.groups.entries()) {
      const minute = g.hours && g.timezone ? clock(g.timezone) : null;
      open[i] = g.hours && minute !== null && isOpenAtMinute(g.hours, minute) ? 1 : 0;
    }
    this.openMemo = { at: t, open };
    return open;
  }
}

const byDistance = (a: StoreHit<unknown>, b: StoreHit<unknown>) => a.distanceMeters - b.distanceMeters;

/** One partition's hits: none when nothing in it is open, nearest-anywhere when unbounded, else rings. */
function searchPartition<S>(p: Partition<S>, q: Query<S>, maxMeters: number, maxResults: number): StoreHit<S>[] {
  if (q.open) {
    let anyOpen = false;
    for (const g of p.groupsPresent) if (q.open[g]) anyOpen = true;
    if (!anyOpen) return [];
  }
  return maxMeters === Infinity ? nearestAnywhere(p, q, maxResults) : ringSearch(p, q, maxMeters, maxResults);
}

/** Writes store n's record: distance terms, delivery radius, hours group, services and flagship bits. */
function writeRecord(records: Float64Array, n: number, s: GeoStore, hoursGroup: number): void {
  const r = n * RECORD;
  records[r + SIN_HALF_LAT] = Math.sin(s.lat * RAD * 0.5);
  records[r + COS_HALF_LAT] = Math.cos(s.lat * RAD * 0.5);
  records[r + SIN_HALF_LNG] = Math.sin(s.lng * RAD * 0.5);
  records[r + COS_HALF_LNG] = Math.cos(s.lng * RAD * 0.5);
  records[r + COS_LAT] = Math.cos(s.lat * RAD);
  records[r + RADIUS] = s.deliveryRadiusMeters ?? 0;
  records[r + HOURS_GROUP] = hoursGroup;
  const has = { services: s.services ?? [], flagship: s.flagship ?? false };
  let mask = s.flagship ? FLAGSHIP_BIT : 0;
  for (const k of SERVICE_KINDS) if (offers(has, k)) mask |= SERVICE_BIT[k];
  records[r + SERVICES] = mask;
}

/** A partition of the stores at these ordinals (indices into `all` and `base`). */
function buildPartition<S extends GeoStore>(all: S[], ordinals: number[], nodeSize: number, base: Float64Array): Partition<S> {
  const tree = new KDBush(ordinals.length, nodeSize);
  const stores = new Array<S>(ordinals.length);
  const records = new Float64Array(ordinals.length * RECORD);
  const present = new Set<number>();
  let maxRadius = 0;
  for (const [i, n] of ordinals.entries()) {
    const s = (stores[i] = all[n]);
    tree.add(s.lng, s.lat); // geokdbush reads x as longitude
    for (let k = 0; k < RECORD; k++) records[i * RECORD + k] = base[n * RECORD + k];
    present.add(records[i * RECORD + HOURS_GROUP]);
    maxRadius = Math.max(maxRadius, records[i * RECORD + RADIUS]);
  }
  tree.finish();
  // kdbush sorted its arrays into tree order; put the stores and records in that same order and make the ids
  // the positions, so a leaf's stores sit next to each other in memory (a search reads them in sequence)
  const ids = (tree as unknown as { ids: Uint16Array | Uint32Array }).ids;
  const sortedStores = new Array<S>(stores.length);
  const sortedRecords = new Float64Array(records.length);
  for (let k = 0; k < ids.length; k++) {
    sortedStores[k] = stores[ids[k]];
    for (let f = 0; f < RECORD; f++) sortedRecords[k * RECORD + f] = records[ids[k] * RECORD + f];
    ids[k] = k;
  }
  return { stores: sortedStores, tree, records: sortedRecords, groupsPresent: [...present], maxDeliveryRadiusMeters: maxRadius, firstRingMeters: firstRingFor(tree, ids.length) };
}

/**
 * The first ring of a search in this partition: the median distance from a sample of its stores to their
 * 4th nearest neighbour (so a ring typically holds a handful of stores), within [200 m, FIRST_RING_METERS × 8].
 * Dense partitions (a convenience chain downtown) start small, sparse ones (a furniture brand) skip rings
 * that would certainly be empty.
 */
function firstRingFor(tree: KDBush, n: number): number {
  if (n < 8) return FIRST_RING_METERS;
  const coords = (tree as unknown as { coords: Float64Array }).coords;
  const step = Math.max(1, Math.floor(n / 64));
  const d: number[] = [];
  for (let k = 0; k < n; k += step) {
    const [lng, lat] = [coords[2 * k], coords[2 * k + 1]];
    const near = geoAround(tree, lng, lat, 5) as number[];
    const far = near[near.length - 1];
    d.push(haversineMeters(lat, lng, coords[2 * far + 1], coords[2 * far]));
  }
  d.sort((a, b) => a - b);
  return Math.min(FIRST_RING_METERS * 8, Math.max(200, d[d.length >> 1]));
}

/** The haversine term between the query point and store i. */
function termAt<S>(rec: Float64Array, q: Query<S>, i: number): number {
  const r = i * RECORD;
  const sLat = rec[r + SIN_HALF_LAT] * q.cosHalfLat - rec[r + COS_HALF_LAT] * q.sinHalfLat;
  const sLng = rec[r + SIN_HALF_LNG] * q.cosHalfLng - rec[r + COS_HALF_LNG] * q.sinHalfLng;
  return sLat * sLat + q.cosLat * rec[r + COS_LAT] * sLng * sLng;
}

/** The record-only checks of a search (no store object touched); returns the distance when the store passes, else -1. */
function accept<S>(p: Partition<S>, q: Query<S>, i: number, h: number): number {
  const rec = p.records;
  const r = i * RECORD;
  if (q.serviceBit && !(rec[r + SERVICES] & q.serviceBit)) return -1;
  if (q.flagship !== undefined && q.flagship !== (rec[r + SERVICES] & FLAGSHIP_BIT) > 0) return -1;
  if (q.open && !q.open[rec[r + HOURS_GROUP]]) return -1;
  const d = metersFromHaversineTerm(h);
  if (q.deliversHere && !(rec[r + RADIUS] > 0 && d <= rec[r + RADIUS])) return -1;
  return d;
}

/**
 * A bounded search in growing rings: a kdbush range over each ring's bounding box, every store checked once
 * (inner ones were checked by earlier rings), stopping as soon as enough hits are found, because every
 * unchecked store is farther than the ring. Within a ring the record checks run first and the caller's
 * filter (which reads the store and usually stock: the expensive part) runs nearest-first, only until
 * enough hits are in. geokdbush's best-first walk allocates per node and, with a selective filter, cannot
 * stop at the radius; this costs one pass over the stores within it at worst.
 */
function ringSearch<S>(p: Partition<S>, q: Query<S>, maxMeters: number, maxResults: number): StoreHit<S>[] {
  const found: StoreHit<S>[] = [];
  // stores nearer than minDistanceMeters count as already checked: the first ring starts beyond them
  let innerH = q.minH;
  let radius = maxResults === Infinity ? maxMeters : Math.min(q.minH >= 0 ? 2 * metersFromHaversineTerm(q.minH) : p.firstRingMeters, maxMeters);
  for (;;) {
    const outerH = haversineTermOfMeters(radius);
    const n = collectRing(p, q, radius, innerH, outerH);
    if (n > SMALL_RING) sortRing(n);
    // nearest first; a small ring is not sorted up front: its nearest is picked one at a time, since the
    // search usually stops after the first few
    for (let taken = 0; taken < n && found.length < maxResults; taken++) {
      if (n <= SMALL_RING) {
        let best = taken;
        for (let j = taken + 1; j < n; j++) if (RING_D[j] < RING_D[best]) best = j;
        const [bi, bd] = [RING_I[best], RING_D[best]];
        RING_I[best] = RING_I[taken];
        RING_D[best] = RING_D[taken];
        RING_I[taken] = bi;
        RING_D[taken] = bd;
      }
      const store = p.stores[RING_I[taken]];
      const d = RING_D[taken];
      if (!q.filter || q.filter(store, d)) found.push({ store, distanceMeters: d });
    }
    if (found.length >= maxResults || radius >= maxMeters) break;
    innerH = outerH;
    radius = Math.min(radius * 2, maxMeters);
  }
  q.scannedMeters = radius;
  return found;
}

// Scratch space of ringSearch, reused by every ring of every search (searches are synchronous): the
// candidates of one ring as (store ordinal, distance), and the kd-tree walk's stack.
let RING_I = new Int32Array(1024);
let RING_D = new Float64Array(1024);
const WALK = new Int32Array(3 * 64);
const SMALL_RING = 24;

/** Sorts the first n candidates by distance (a large ring: sorted once, not picked one at a time). */
function sortRing(n: number): void {
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => RING_D[a] - RING_D[b]);
  const [is, ds] = [order.map((k) => RING_I[k]), order.map((k) => RING_D[k])];
  RING_I.set(is);
  RING_D.set(ds);
}

/**
 * Fills RING_I/RING_D with the stores between the haversine terms innerH (exclusive) and outerH (inclusive)
 * that pass the record checks; returns how many. The same walk as KDBush#range over its sorted arrays, with
 * the checks done in place instead of building an id list first.
 */
function collectRing<S>(p: Partition<S>, q: Query<S>, radius: number, innerH: number, outerH: number): number {
  const [minX, minY, maxX, maxY] = boundingBox(q.lat, q.lng, radius);
  const { ids, coords, nodeSize } = p.tree as unknown as { ids: Uint32Array | Uint16Array; coords: Float64Array; nodeSize: number };
  let n = 0;
  if (ids.length === 0) return 0;
  WALK[0] = 0;
  WALK[1] = ids.length - 1;
  WALK[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = WALK[--sp];
    const right = WALK[--sp];
    const left = WALK[--sp];
    if (right - left <= nodeSize) {
      for (let k = left; k <= right; k++) {
        const x = coords[2 * k];
        const y = coords[2 * k + 1];
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) n = consider(p, q, ids[k], innerH, outerH, n);
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m];
    const y = coords[2 * m + 1];
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) n = consider(p, q, ids[m], innerH, outerH, n);
    if (axis === 0 ? minX <= x : minY <= y) {
      WALK[sp++] = left;
      WALK[sp++] = m - 1;
      WALK[sp++] = 1 - axis;
    }
    if (axis === 0 ? maxX >= x : maxY >= y) {
      WALK[sp++] = m + 1;
      WALK[sp++] = right;
      WALK[sp++] = 1 - axis;
    }
  }
  return n;
}

/** Adds store i as the ring's nth candidate when it lies in the ring and passes the record checks; returns the new count. */
function consider<S>(p: Partition<S>, q: Query<S>, i: number, innerH: number, outerH: number, n: number): number {
  const h = termAt(p.records, q, i);
  if (h > outerH || h <= innerH) return n;
  if (q.area) trackArea(p, q.area, i, h);
  const d = accept(p, q, i, h);
  if (d < 0) return n;
  if (n === RING_I.length) {
    const [gi, gd] = [new Int32Array(n * 2), new Float64Array(n * 2)];
    gi.set(RING_I);
    gd.set(RING_D);
    [RING_I, RING_D] = [gi, gd];
  }
  RING_I[n] = i;
  RING_D[n] = d;
  return n + 1;
}

/** Keeps the nearest non-flagship store whose delivery radius holds the query point (ties: the smaller id, as creditedStoreFor). */
function trackArea<S>(p: Partition<S>, area: { i: number; d: number }, i: number, h: number): void {
  const r = i * RECORD;
  if (p.records[r + SERVICES] & FLAGSHIP_BIT || !(p.records[r + RADIUS] > 0)) return;
  const d = metersFromHaversineTerm(h);
  if (d > p.records[r + RADIUS] || d > area.d) return;
  if (d < area.d || (p.stores[i] as GeoStore).id < (p.stores[area.i] as GeoStore).id) {
    area.i = i;
    area.d = d;
  }
}

/** The lng/lat box around a spherical cap (exact bounds; the whole longitude range near a pole or the antimeridian). */
function boundingBox(lat: number, lng: number, meters: number): [number, number, number, number] {
  const delta = meters / EARTH_RADIUS_METERS;
  const dLat = delta / RAD;
  const minLat = Math.max(-90, lat - dLat);
  const maxLat = Math.min(90, lat + dLat);
  const s = Math.sin(delta) / Math.cos(lat * RAD);
  if (minLat === -90 || maxLat === 90 || !(s < 1)) return [-180, minLat, 180, maxLat];
  const dLng = Math.asin(s) / RAD;
  if (lng - dLng < -180 || lng + dLng > 180) return [-180, minLat, 180, maxLat];
  return [lng - dLng, minLat, lng + dLng, maxLat];
}

/** Unbounded nearest-k (the nearest flagship anywhere): geokdbush's best-first walk over the sphere. */
function nearestAnywhere<S>(p: Partition<S>, q: Query<S>, maxResults: number): StoreHit<S>[] {
  const plain = !q.serviceBit && q.flagship === undefined && !q.open && !q.deliversHere && !q.filter && q.minH < 0;
  const predicate = plain
    ? undefined
    : (i: number) => {
        const h = termAt(p.records, q, i);
        if (h <= q.minH) return false;
        const d = accept(p, q, i, h);
        return d >= 0 && (!q.filter || q.filter(p.stores[i], d));
      };
  const ids = geoAround(p.tree, q.lng, q.lat, maxResults, undefined, predicate);
  return ids.map((i) => ({ store: p.stores[i], distanceMeters: metersFromHaversineTerm(termAt(p.records, q, i)) }));
}
