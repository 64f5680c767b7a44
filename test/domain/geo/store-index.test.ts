import { describe, expect, it } from "vitest";
import { haversineMeters } from "../../../src/domain/geo/distance.ts";
import { StoreIndex, type GeoStore } from "../../../src/domain/geo/store-index.ts";

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

  it("agrees with a brute-force scan on random stores", () => {
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
