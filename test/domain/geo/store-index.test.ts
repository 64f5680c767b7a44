import { describe, expect, it } from "vitest";
import { haversineMeters, haversineTermOfMeters, metersFromHaversineTerm } from "../../../src/domain/geo/distance.ts";
import { StoreIndex, type AreaStoreOut, type GeoStore } from "../../../src/domain/geo/store-index.ts";

// a user at 天河城 and stores at known offsets (0.001° of latitude ≈ 111 m)
const USER = { lat: 23.1317, lng: 113.3246 };
const at = (id: string, brandId: string, dLat: number, extra: Partial<GeoStore> = {}): GeoStore => ({ id, brandId, lat: USER.lat + dLat, lng: USER.lng, ...extra });
const STORES: GeoStore[] = [
  at("sb-far", "starbucks", 0.05, { deliveryRadiusMeters: 3000 }), // ≈ 5.6 km
  at("sb-near", "starbucks", 0.002, { deliveryRadiusMeters: 3000 }), // ≈ 222 m
  at("gxg-mid", "gxg", 0.01, { deliveryRadiusMeters: 5000 }), // ≈ 1.1 km
  at("spzp-mid", "spzp", -0.02, { deliveryRadiusMeters: 30000 }), // ≈ 2.2 km
  at("sb-closed-down", "starbucks", 0.001, { active: false }),
];
const index = new StoreIndex(STORES);
const ids = (hits: { store: GeoStore }[]) => hits.map((h) => h.store.id);

describe("StoreIndex.around", () => {
  it.each([
    { what: "every store, nearest first", opts: {}, expected: ["sb-near", "gxg-mid", "spzp-mid", "sb-far"] },
    { what: "the nearest two", opts: { maxResults: 2 }, expected: ["sb-near", "gxg-mid"] },
    { what: "within 2 km", opts: { maxDistanceMeters: 2000 }, expected: ["sb-near", "gxg-mid"] },
    { what: "within 100 m: nothing", opts: { maxDistanceMeters: 100 }, expected: [] },
    { what: "one brand", opts: { brandIds: ["starbucks"] }, expected: ["sb-near", "sb-far"] },
    { what: "two brands, merged by distance", opts: { brandIds: ["spzp", "starbucks"] }, expected: ["sb-near", "spzp-mid", "sb-far"] },
    { what: "two brands, nearest two overall", opts: { brandIds: ["spzp", "starbucks"], maxResults: 2 }, expected: ["sb-near", "spzp-mid"] },
    { what: "an unknown brand", opts: { brandIds: ["nope"] }, expected: [] },
    { what: "a brand named twice counts once", opts: { brandIds: ["gxg", "gxg"] }, expected: ["gxg-mid"] },
    { what: "no brands at all", opts: { brandIds: [] }, expected: [] },
    { what: "a filter", opts: { filter: (s: GeoStore) => s.id.endsWith("-mid") }, expected: ["gxg-mid", "spzp-mid"] },
    { what: "filter + radius + limit together", opts: { filter: (s: GeoStore) => s.brandId !== "gxg", maxDistanceMeters: 10_000, maxResults: 2 }, expected: ["sb-near", "spzp-mid"] },
  ])("$what", ({ opts, expected }) => {
    expect(ids(index.around(USER.lat, USER.lng, opts))).toEqual(expected);
  });

  it("reports each hit's haversine distance, ascending", () => {
    const hits = index.around(USER.lat, USER.lng);
    for (const h of hits) expect(h.distanceMeters).toBeCloseTo(haversineMeters(USER.lat, USER.lng, h.store.lat, h.store.lng), 6);
    expect(hits.map((h) => h.distanceMeters)).toEqual([...hits.map((h) => h.distanceMeters)].sort((a, b) => a - b));
    expect(hits[0].distanceMeters).toBeCloseTo(222.4, 0);
  });

  it("leaves inactive stores out of the index", () => {
    expect(index.size).toBe(4);
    expect(index.get("sb-closed-down")).toBeUndefined();
    expect(index.get("sb-near")?.brandId).toBe("starbucks");
  });

  it.each([
    { brandIds: null, radius: 30000 },
    { brandIds: ["starbucks"], radius: 3000 },
    { brandIds: ["starbucks", "gxg"], radius: 5000 },
    { brandIds: ["nope"], radius: 0 },
  ])("the widest delivery radius of $brandIds is $radius m", ({ brandIds, radius }) => {
    expect(index.maxDeliveryRadiusMeters(brandIds)).toBe(radius);
  });

  it("lists a brand's stores and the brands", () => {
    expect(index.brandStores("starbucks").map((s) => s.id).sort()).toEqual(["sb-far", "sb-near"]);
    expect(index.brandStores("nope")).toEqual([]);
    expect(index.brandIds().sort()).toEqual(["gxg", "spzp", "starbucks"]);
  });

  it("answers on an empty index", () => {
    expect(new StoreIndex([]).around(23, 113, { maxResults: 3 })).toEqual([]);
  });

  it("is rebuilt, not mutated: a new index sees the new catalog", () => {
    const next = new StoreIndex([...STORES.filter((s) => s.id !== "sb-near"), at("sb-new", "starbucks", 0.0005)]);
    expect(ids(next.around(USER.lat, USER.lng, { maxResults: 1 }))).toEqual(["sb-new"]);
    expect(ids(index.around(USER.lat, USER.lng, { maxResults: 1 }))).toEqual(["sb-near"]);
  });

  it.each([
    { what: "a duplicate id", stores: [at("x", "b", 0), at("x", "b", 0.1)], message: /duplicate/ },
    { what: "an impossible latitude", stores: [{ id: "x", brandId: "b", lat: 123, lng: 0 }], message: /coordinates/ },
  ])("refuses $what", ({ stores, message }) => {
    expect(() => new StoreIndex(stores)).toThrow(message);
  });

  it("agrees with a brute-force scan on random stores (nearest k in a brand)", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const many: GeoStore[] = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, brandId: `b${i % 7}`, lat: 23 + rnd() * 0.4, lng: 113.1 + rnd() * 0.5 }));
    const big = new StoreIndex(many);
    for (let q = 0; q < 50; q++) {
      const lat = 23 + rnd() * 0.4;
      const lng = 113.1 + rnd() * 0.5;
      const brute = many
        .filter((s) => s.brandId === "b3")
        .map((s) => ({ id: s.id, d: haversineMeters(lat, lng, s.lat, s.lng) }))
        .filter((x) => x.d <= 5000)
        .sort((a, b) => a.d - b.d)
        .slice(0, 10)
        .map((x) => x.id);
      expect(ids(big.around(lat, lng, { brandIds: ["b3"], maxDistanceMeters: 5000, maxResults: 10 }))).toEqual(brute);
    }
  });
});

// stores 0.01° of latitude apart (≈ 1.1 km) north of USER, each with its own services, hours and radius
const line = (n: number, extra: Partial<GeoStore>): GeoStore => ({
  id: `s${n}`, brandId: "b", lat: USER.lat + n * 0.01, lng: USER.lng, services: ["pickup"], openHours: "00:00-24:00", timezone: "Asia/Shanghai", ...extra,
});
const LINE = new StoreIndex([
  line(1, { services: ["delivery", "pickup"], deliveryRadiusMeters: 500, openHours: "08:00-20:00" }), // 1.1 km, delivers 500 m
  line(2, { services: ["delivery"], deliveryRadiusMeters: 3000 }), // 2.2 km, delivers 3 km
  line(3, { services: ["appointment"], openHours: "7-22" }), // broken hours: never open
  line(4, { services: [], flagship: true }), // a flagship that forgets to list "ship"
  line(5, { services: ["ship", "pickup"], timezone: "Europe/Berlin", openHours: "09:00-18:00" }),
  line(6, { services: ["delivery"], deliveryRadiusMeters: 10000, active: false }),
]);
const NOON = new Date("2026-03-10T12:00:00+08:00"); // 05:00 in Berlin
const NIGHT = new Date("2026-03-10T23:00:00+08:00"); // 16:00 in Berlin

describe("StoreIndex.around restrictions (answered from the index's own records)", () => {
  it.each([
    { what: "pickup", opts: { service: "pickup" as const }, expected: ["s1", "s5"] },
    { what: "delivery", opts: { service: "delivery" as const }, expected: ["s1", "s2"] },
    { what: "appointments", opts: { service: "appointment" as const }, expected: ["s3"] },
    { what: "shipping: a flagship ships even if services forget it", opts: { service: "ship" as const }, expected: ["s4", "s5"] },
    { what: "shipping, nearest only, from any distance", opts: { service: "ship" as const, maxResults: 1 }, expected: ["s4"] },
    { what: "open at noon in Shanghai (Berlin is still asleep; broken hours never open)", opts: { openAt: NOON }, expected: ["s1", "s2", "s4"] },
    { what: "open at 23:00 in Shanghai (16:00 in Berlin)", opts: { openAt: NIGHT }, expected: ["s2", "s4", "s5"] },
    { what: "delivering to the query point", opts: { deliversHere: true }, expected: ["s2"] },
    { what: "flagships only", opts: { flagship: true }, expected: ["s4"] },
    { what: "no flagships", opts: { flagship: false, maxDistanceMeters: 5000 }, expected: ["s1", "s2", "s3"] },
    { what: "open pickup within 6 km at night", opts: { service: "pickup" as const, openAt: NIGHT, maxDistanceMeters: 6000 }, expected: ["s5"] },
    { what: "farther than 2 km", opts: { minDistanceMeters: 2000 }, expected: ["s2", "s3", "s4", "s5"] },
    { what: "between 2 and 4 km", opts: { minDistanceMeters: 2000, maxDistanceMeters: 4000 }, expected: ["s2", "s3"] },
    { what: "the nearest shipper beyond 5 km", opts: { minDistanceMeters: 5000, service: "ship" as const, maxResults: 1 }, expected: ["s5"] },
    { what: "a filter sees each store with its distance", opts: { filter: (_: GeoStore, d: number) => d > 2000 && d < 4000 }, expected: ["s2", "s3"] },
    { what: "the filter runs after the record checks", opts: { service: "delivery" as const, filter: (s: GeoStore) => s.id !== "s1" }, expected: ["s2"] },
  ])("$what", ({ opts, expected }) => {
    expect(ids(LINE.around(USER.lat, USER.lng, opts))).toEqual(expected);
  });

  it("skips a brand none of whose stores is open, without walking it", () => {
    let calls = 0;
    const closed = new StoreIndex([line(1, { openHours: "08:00-09:00" }), line(2, { openHours: "08:00-09:00" })]);
    expect(closed.around(USER.lat, USER.lng, { openAt: NOON, filter: () => (calls++, true) })).toEqual([]);
    expect(calls).toBe(0);
  });

  it("agrees with a brute-force scan under every restriction, radius and limit", () => {
    let seed = 99;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const kinds = [["delivery", "pickup"], ["pickup"], ["appointment", "delivery"], ["ship"]] as GeoStore["services"][];
    const many: GeoStore[] = Array.from({ length: 4000 }, (_, i) => ({
      id: `r${i}`, brandId: `b${i % 3}`, lat: 22.9 + rnd() * 0.5, lng: 113 + rnd() * 0.6, services: pick(kinds), flagship: rnd() < 0.02,
      deliveryRadiusMeters: pick([0, 1000, 3000, 8000]), openHours: pick(["07:00-22:00", "10:00-14:00,17:00-21:00", "22:00-06:00"]), timezone: "Asia/Shanghai",
    }));
    const big = new StoreIndex(many);
    const at = new Date("2026-03-10T12:30:00+08:00");
    const openNow = (s: GeoStore) => s.openHours !== "22:00-06:00"; // at 12:30 the other two are open
    for (let q = 0; q < 150; q++) {
      const lat = 22.85 + rnd() * 0.6;
      const lng = 112.95 + rnd() * 0.7;
      const service = pick([undefined, "delivery", "pickup", "ship"] as const);
      const maxDistanceMeters = pick([800, 5000, 20000, undefined]);
      const minDistanceMeters = pick([undefined, undefined, 300, 3000]);
      const maxResults = pick([1, 5, 20, undefined]);
      const deliversHere = rnd() < 0.3;
      const open = rnd() < 0.5;
      const brandIds = pick([null, ["b1"], ["b0", "b2"]]);
      const odd = (s: GeoStore) => Number(s.id.slice(1)) % 2 === 1;
      const brute = many
        .map((s) => ({ s, d: haversineMeters(lat, lng, s.lat, s.lng) }))
        .filter(({ s, d }) =>
          (!brandIds || brandIds.includes(s.brandId)) &&
          (!service || s.services!.includes(service) || (service === "ship" && s.flagship)) &&
          (!open || openNow(s)) &&
          (!deliversHere || (s.deliveryRadiusMeters! > 0 && d <= s.deliveryRadiusMeters!)) &&
          (maxDistanceMeters === undefined || d <= maxDistanceMeters) &&
          (minDistanceMeters === undefined || d > minDistanceMeters) &&
          odd(s))
        .sort((a, b) => a.d - b.d)
        .slice(0, maxResults ?? Infinity)
        .map((x) => x.s.id);
      const got = big.around(lat, lng, { brandIds, service, maxDistanceMeters, minDistanceMeters, maxResults, deliversHere, openAt: open ? at : undefined, filter: odd });
      expect(ids(got)).toEqual(brute);
    }
  });

  it.each([
    { what: "across the antimeridian", at: [0, 179.999], stores: [[0, -179.999], [0, 179.99], [0, 170]], within: 5000, expected: ["p0", "p1"] },
    { what: "around the north pole", at: [89.99, 0], stores: [[89.99, 180], [89.95, 90], [80, 0]], within: 6000, expected: ["p0", "p1"] },
  ])("finds every store within the radius $what", ({ at, stores, within, expected }) => {
    const index = new StoreIndex(stores.map(([lat, lng], i) => ({ id: `p${i}`, brandId: "x", lat, lng })));
    expect(ids(index.around(at[0], at[1], { maxDistanceMeters: within, filter: () => true }))).toEqual(expected);
  });
});

describe("haversine terms", () => {
  it.each([0, 1, 265, 10_000, 1_000_000])("%d m survives the round trip", (m) => {
    expect(metersFromHaversineTerm(haversineTermOfMeters(m))).toBeCloseTo(m, 6);
  });

  it.each([Infinity, 3e7])("%d m is past the antipode: term 1", (m) => {
    expect(haversineTermOfMeters(m)).toBe(1);
  });
});

describe("StoreIndex.around areaStore (the customer's area store, noted by the same scan)", () => {
  // a seeded town: stores of two brands, some flagships, radii from none to 3 km
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const stores = Array.from({ length: 600 }, (_, n) => ({
    id: `s${String(n).padStart(3, "0")}`, brandId: n % 3 === 0 ? "b" : "a", lat: 23.05 + rnd() * 0.15, lng: 113.25 + rnd() * 0.15,
    deliveryRadiusMeters: [0, 800, 1500, 3000][n % 4], flagship: n % 97 === 0, services: ["delivery", "pickup"] as ("delivery" | "pickup")[],
  }));
  const index = new StoreIndex(stores);
  const areaByScan = (lat: number, lng: number, brand: string) => {
    let best: { id: string; d: number } | null = null;
    for (const s of stores) {
      if (s.brandId !== brand || s.flagship || !(s.deliveryRadiusMeters > 0)) continue;
      const d = haversineMeters(lat, lng, s.lat, s.lng);
      if (d <= s.deliveryRadiusMeters && (!best || d < best.d || (d === best.d && s.id < best.id))) best = { id: s.id, d };
    }
    return best?.id ?? null;
  };

  it("agrees with a scan of every store whenever it answers, and says 'none' only when there is none", () => {
    let answered = 0;
    for (let k = 0; k < 400; k++) {
      const [lat, lng, brand] = [23.03 + rnd() * 0.19, 113.23 + rnd() * 0.19, rnd() < 0.5 ? "a" : "b"];
      const out: AreaStoreOut<(typeof stores)[number]> = {};
      index.around(lat, lng, { brandIds: [brand], maxResults: 1 + Math.floor(rnd() * 5), maxDistanceMeters: 3000, deliversHere: rnd() < 0.5, areaStore: out });
      if (out.hit === undefined) continue;
      answered++;
      expect(out.hit?.store.id ?? null).toBe(areaByScan(lat, lng, brand));
    }
    expect(answered).toBeGreaterThan(300);
  });

  it("does not answer for a search over several brands or one that skips the nearest stores", () => {
    const several: AreaStoreOut<(typeof stores)[number]> = {};
    index.around(23.1, 113.3, { brandIds: ["a", "b"], maxResults: 3, maxDistanceMeters: 3000, areaStore: several });
    expect(several.hit).toBeUndefined();
    const beyond: AreaStoreOut<(typeof stores)[number]> = {};
    index.around(23.1, 113.3, { brandIds: ["a"], maxResults: 3, maxDistanceMeters: 3000, minDistanceMeters: 500, areaStore: beyond });
    expect(beyond.hit).toBeUndefined();
  });
});
