import { describe, expect, it } from "vitest";
import { StoreIndex } from "../../../src/domain/geo/store-index.ts";
import { creditedStoreFor, creditedStoreIn } from "../../../src/domain/stores/store-matcher.ts";
import type { Store } from "../../../src/domain/stores/store.ts";
import { BEIJING, STORES, TIANHE } from "./fixtures.ts";

const GXG = STORES.filter((s) => s.brandId === "gxg");
const NINGBO = { lat: 29.8683, lng: 121.544 }; // where the GXG flagship is

// a line of dealers along a meridian, 0.01° ≈ 1.1 km apart, with different delivery areas
const dealer = (id: string, dLat: number, radius: number, extra: Partial<Store> = {}): Store => ({
  id, brandId: "b", lat: 23 + dLat, lng: 113, deliveryRadiusMeters: radius, flagship: false,
  services: ["pickup", "delivery"], openHours: "00:00-24:00", timezone: "Asia/Shanghai", ...extra,
});
const LINE = [
  dealer("small-near", 0.01, 500), // 1.1 km away, delivers only 500 m
  dealer("big-far", 0.05, 8000), // 5.6 km away, delivers 8 km
  dealer("flagship", 0.001, 0, { flagship: true, services: ["ship"] }),
];

describe("creditedStoreFor: the dealer credited with a flagship shipment", () => {
  it.each([
    { what: "inside two GXG areas: the nearer dealer", user: TIANHE, stores: GXG, expected: { id: "gxg-tianhe", basis: "delivery_area" } },
    { what: "next to Wushan", user: { lat: 23.16, lng: 113.351 }, stores: GXG, expected: { id: "gxg-wushan", basis: "delivery_area" } },
    { what: "a farther dealer whose area reaches the user beats a nearer one whose area does not", user: { lat: 23, lng: 113 }, stores: LINE, expected: { id: "big-far", basis: "delivery_area" } },
    { what: "in no area: the nearest dealer within 10 km", user: { lat: 23.06, lng: 113 }, stores: LINE.filter((s) => s.id !== "big-far"), expected: { id: "small-near", basis: "nearest" } },
    { what: "next to the flagship only: nobody (the flagship is not a dealer)", user: NINGBO, stores: GXG, expected: null },
    { what: "in Beijing: nobody within 10 km", user: BEIJING, stores: GXG, expected: null },
    { what: "an inactive dealer is skipped", user: TIANHE, stores: GXG.map((s) => (s.id === "gxg-tianhe" ? { ...s, active: false } : s)), expected: { id: "gxg-wushan", basis: "delivery_area" } },
  ])("$what", ({ user, stores, expected }) => {
    const r = creditedStoreFor(user, stores);
    expect(r && { id: r.store.id, basis: r.basis }).toEqual(expected);
  });

  it("reports the distance and honours a custom fallback reach", () => {
    const user = { lat: 23.06, lng: 113 };
    const stores = LINE.filter((s) => s.id !== "big-far");
    expect(creditedStoreFor(user, stores)?.distanceMeters).toBeCloseTo(5559.7, 0);
    expect(creditedStoreFor(user, stores, { fallbackRadiusMeters: 5000 })).toBeNull();
  });

  it("the indexed form agrees with the plain one on random dealers", () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const stores: Store[] = Array.from({ length: 2000 }, (_, i) =>
      dealer(`d${i}`, rnd() * 0.5, [0, 1000, 3000, 5000][i % 4], { brandId: `b${i % 5}`, lng: 113 + rnd() * 0.5, flagship: i % 97 === 0 }),
    );
    const index = new StoreIndex(stores);
    for (let q = 0; q < 200; q++) {
      const user = { lat: 22.95 + rnd() * 0.6, lng: 112.95 + rnd() * 0.6 };
      const brand = `b${q % 5}`;
      const plain = creditedStoreFor(user, stores.filter((s) => s.brandId === brand));
      const indexed = creditedStoreIn(index, user, [brand]);
      expect(indexed && [indexed.store.id, indexed.basis]).toEqual(plain && [plain.store.id, plain.basis]);
    }
  });
});
