import { describe, expect, it } from "vitest";
import { formatDistance, trackDelivery, trackingStep, type LastNotified } from "../../../src/domain/delivery/tracking.ts";

// the customer, and points due north of them: 1° of latitude is 111,194.9 m on our sphere
const HOME = { lat: 23.1325, lng: 113.3262 };
const north = (meters: number) => ({ lat: HOME.lat + meters / 111_194.93, lng: HOME.lng });
const T0 = new Date("2026-11-25T12:00:00+08:00");
const after = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const last = (distanceMeters: number, etaMinutes: number, atSeconds = 0): LastNotified => ({ distanceMeters, etaMinutes, at: after(atSeconds) });

describe("trackDelivery: distance, ETA, arrival and whether the customer hears about this fix", () => {
  it.each([
    { what: "the first fix is always told", courier: north(2000), last: null, now: 0, expected: { distanceMeters: 2000, etaMinutes: 8, arrived: false, notify: true, reason: "first" } },
    { what: "the ETA minute changed after the interval", courier: north(1700), last: last(2000, 8), now: 120, expected: { etaMinutes: 7, notify: true, reason: "eta_changed" } },
    { what: "the ETA minute changed, but too soon after the last update", courier: north(1700), last: last(2000, 8), now: 30, expected: { etaMinutes: 7, notify: false, reason: "throttled" } },
    { what: "100 m closer within the same ETA minute", courier: north(1880), last: last(1990, 8), now: 90, expected: { distanceMeters: 1880, etaMinutes: 8, notify: true, reason: "closer" } },
    { what: "a few metres closer, same minute: nothing to tell", courier: north(1950), last: last(1990, 8), now: 600, expected: { notify: false, reason: "no_change" } },
    { what: "the courier went the wrong way: a later ETA is told too", courier: north(1300), last: last(1000, 4), now: 120, expected: { etaMinutes: 6, notify: true, reason: "eta_changed" } },
    { what: "arrival within the radius is told at once, throttle or not", courier: north(20), last: last(300, 2, 59), now: 60, expected: { distanceMeters: 20, etaMinutes: 0, arrived: true, notify: true, reason: "arrived" } },
    { what: "exactly on the radius counts as arrived", courier: north(30), last: last(300, 2), now: 5, expected: { arrived: true, reason: "arrived" } },
    { what: "one metre outside the radius has not arrived, and is at least a minute away", courier: north(31), last: null, now: 0, expected: { arrived: false, etaMinutes: 1, reason: "first" } },
  ])("$what", ({ courier, last: l, now, expected }) => {
    expect(trackDelivery({ courier, customer: HOME, arrivalMeters: 30, now: after(now), last: l })).toMatchObject(expected);
  });

  it.each([
    { what: "no consented customer location: no distance, nothing told", customer: null, courier: north(500), reason: "no_customer_location" },
    { what: "a broken customer location", customer: { lat: 123, lng: 0 }, courier: north(500), reason: "no_customer_location" },
    { what: "a broken fix", customer: HOME, courier: { lat: Number.NaN, lng: 113 }, reason: "invalid_fix" },
  ])("$what", ({ customer, courier, reason }) => {
    expect(trackDelivery({ courier, customer, arrivalMeters: 30, now: T0, last: null })).toEqual({ distanceMeters: null, etaMinutes: null, arrived: false, notify: false, reason });
  });

  it.each([
    { what: "a wider arrival radius (a store that counts 80 m as arrived)", arrivalMeters: 80, meters: 75, arrived: true },
    { what: "a zero radius needs the exact spot", arrivalMeters: 0, meters: 1, arrived: false },
  ])("$what", ({ arrivalMeters, meters, arrived }) => {
    expect(trackDelivery({ courier: north(meters), customer: HOME, arrivalMeters, now: T0, last: null }).arrived).toBe(arrived);
  });

  it("honours a custom interval, drop and speed", () => {
    const opts = { minIntervalSeconds: 10, minDropMeters: 50, speedKmh: 30 };
    expect(trackDelivery({ courier: north(1930), customer: HOME, arrivalMeters: 30, now: after(15), last: last(1990, 4), opts })).toMatchObject({ etaMinutes: 4, notify: true, reason: "closer" });
    expect(trackDelivery({ courier: north(1930), customer: HOME, arrivalMeters: 30, now: after(5), last: last(1990, 4), opts })).toMatchObject({ notify: false, reason: "throttled" });
  });
});

describe("trackingStep: one outbox key per step the customer can hear about", () => {
  it.each([
    { d: { arrived: true, etaMinutes: 0, distanceMeters: 12 }, step: "arrived" },
    { d: { arrived: false, etaMinutes: 8, distanceMeters: 1990 }, step: "eta8-d19" },
    { d: { arrived: false, etaMinutes: 8, distanceMeters: 1900 }, step: "eta8-d19" },
    { d: { arrived: false, etaMinutes: 8, distanceMeters: 1880 }, step: "eta8-d18" },
  ])("$step", ({ d, step }) => expect(trackingStep(d)).toBe(step));
});

describe("formatDistance", () => {
  it.each([
    { m: 850.4, zh: "850 米", en: "850 m" },
    { m: 999.6, zh: "1.0 公里", en: "1.0 km" },
    { m: 1234, zh: "1.2 公里", en: "1.2 km" },
    { m: 12_960, zh: "13.0 公里", en: "13.0 km" },
  ])("$m m", ({ m, zh, en }) => {
    expect(formatDistance(m, "zh")).toBe(zh);
    expect(formatDistance(m, "en")).toBe(en);
  });
});
