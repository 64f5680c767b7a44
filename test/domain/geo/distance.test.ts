import { describe, expect, it } from "vitest";
import { distanceMeters, haversineMeters, isValidLatLng } from "../../../src/domain/geo/distance.ts";

describe("haversine distance", () => {
  it.each([
    { what: "the same point", a: [23.1317, 113.3246], b: [23.1317, 113.3246], meters: 0 },
    { what: "天河城 to 正佳广场 (next door)", a: [23.1317, 113.3246], b: [23.1326, 113.327], meters: 265.03 },
    { what: "Guangzhou to Shenzhen", a: [23.1291, 113.2644], b: [22.5431, 114.0579], meters: 104_202.99 },
    { what: "Guangzhou to the Ningbo flagship", a: [23.1317, 113.3246], b: [29.8683, 121.544], meters: 1_108_399.19 },
    { what: "one degree of latitude", a: [0, 0], b: [1, 0], meters: 111_194.93 },
    { what: "one degree of longitude at the equator", a: [0, 0], b: [0, 1], meters: 111_194.93 },
    { what: "antipodes (half the circumference)", a: [0, 0], b: [0, 180], meters: 20_015_086.8 },
    { what: "pole to pole", a: [90, 0], b: [-90, 0], meters: 20_015_086.8 },
  ])("$what: $meters m", ({ a, b, meters }) => {
    expect(haversineMeters(a[0], a[1], b[0], b[1])).toBeCloseTo(meters, 1);
    expect(distanceMeters({ lat: b[0], lng: b[1] }, { lat: a[0], lng: a[1] })).toBeCloseTo(meters, 1); // symmetric
  });

  it.each([
    { lat: 23.13, lng: 113.32, valid: true },
    { lat: 90, lng: -180, valid: true },
    { lat: 90.0001, lng: 0, valid: false },
    { lat: 0, lng: 180.5, valid: false },
    { lat: Number.NaN, lng: 0, valid: false },
    { lat: 0, lng: Infinity, valid: false },
  ])("($lat, $lng) is a usable coordinate: $valid", ({ lat, lng, valid }) => {
    expect(isValidLatLng(lat, lng)).toBe(valid);
  });
});
