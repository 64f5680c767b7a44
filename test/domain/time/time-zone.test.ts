import { describe, expect, it } from "vitest";
import {
  createZoneClock, formatLocalTime, isValidTimeZone, localDateTime, localMinuteOfDay, offsetTransitionBetween, wallTimeToEpochs, zoneOffsetMs,
} from "../../../src/domain/time/time-zone.ts";

const ms = (iso: string) => Date.parse(iso);
const H = 3_600_000;

describe("time zones through Intl", () => {
  it.each([
    { zone: "Asia/Shanghai", at: "2026-01-15T12:00:00Z", offsetHours: 8 },
    { zone: "Asia/Shanghai", at: "2026-07-15T12:00:00Z", offsetHours: 8 },
    { zone: "Asia/Kolkata", at: "2026-07-15T12:00:00Z", offsetHours: 5.5 },
    { zone: "Europe/Berlin", at: "2026-01-15T12:00:00Z", offsetHours: 1 },
    { zone: "Europe/Berlin", at: "2026-07-15T12:00:00Z", offsetHours: 2 },
    { zone: "Europe/Berlin", at: "2026-03-29T00:59:59Z", offsetHours: 1 }, // last second of winter time
    { zone: "Europe/Berlin", at: "2026-03-29T01:00:00Z", offsetHours: 2 }, // clocks jump 02:00 → 03:00
    { zone: "America/New_York", at: "2026-01-15T12:00:00Z", offsetHours: -5 },
    { zone: "UTC", at: "2026-01-15T12:00:00.789Z", offsetHours: 0 },
  ])("$zone is UTC$offsetHours h at $at", ({ zone, at, offsetHours }) => {
    expect(zoneOffsetMs(zone, ms(at))).toBe(offsetHours * H);
  });

  it.each([
    { zone: "Asia/Shanghai", at: "2026-01-15T00:30:00Z", hhmm: "08:30" },
    { zone: "Asia/Shanghai", at: "2026-01-15T16:00:00Z", hhmm: "00:00" }, // midnight renders as 00:00, never 24:00
    { zone: "Asia/Kolkata", at: "2026-01-15T00:30:00Z", hhmm: "06:00" },
    { zone: "Europe/Berlin", at: "2026-01-15T00:30:00Z", hhmm: "01:30" },
    { zone: "Europe/Berlin", at: "2026-07-15T00:30:00Z", hhmm: "02:30" },
    { zone: "America/New_York", at: "2026-01-15T03:05:00Z", hhmm: "22:05" },
  ])("formats $at in $zone as $hhmm", ({ zone, at, hhmm }) => {
    expect(formatLocalTime(new Date(at), zone)).toBe(hhmm);
  });

  it("gives the local calendar fields, day rolling over at local midnight", () => {
    expect(localDateTime("Asia/Shanghai", ms("2026-01-31T16:30:00Z"))).toEqual({ year: 2026, month: 2, day: 1, hour: 0, minute: 30, minuteOfDay: 30, weekday: 0 });
    expect(localMinuteOfDay("America/New_York", ms("2026-01-15T03:05:00Z"))).toBe(22 * 60 + 5);
  });

  it.each([
    { what: "an ordinary time", zone: "Europe/Berlin", wall: [2026, 1, 15, 9 * 60], expected: ["2026-01-15T08:00:00.000Z"] },
    { what: "a time with a fixed offset", zone: "Asia/Shanghai", wall: [2026, 3, 29, 150], expected: ["2026-03-28T18:30:00.000Z"] },
    { what: "a skipped time (spring forward): the jump itself", zone: "Europe/Berlin", wall: [2026, 3, 29, 150], expected: ["2026-03-29T01:00:00.000Z"] },
    { what: "a repeated time (fall back): both", zone: "Europe/Berlin", wall: [2026, 10, 25, 150], expected: ["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"] },
    { what: "a day past the month's end", zone: "Asia/Shanghai", wall: [2026, 1, 32, 7 * 60], expected: ["2026-01-31T23:00:00.000Z"] },
  ])("maps a wall time to instants: $what", ({ zone, wall, expected }) => {
    const [y, m, d, minute] = wall;
    expect(wallTimeToEpochs(zone, y, m, d, minute).map((t) => new Date(t).toISOString())).toEqual(expected);
  });

  it.each([
    { zone: "Europe/Berlin", from: "2026-03-27T00:00:00Z", to: "2026-03-30T00:00:00Z", expected: "2026-03-29T01:00:00.000Z" },
    { zone: "Europe/Berlin", from: "2026-10-24T00:00:00Z", to: "2026-10-27T00:00:00Z", expected: "2026-10-25T01:00:00.000Z" },
    { zone: "Europe/Berlin", from: "2026-01-01T00:00:00Z", to: "2026-01-04T00:00:00Z", expected: null },
    { zone: "Asia/Shanghai", from: "2026-03-27T00:00:00Z", to: "2026-03-30T00:00:00Z", expected: null },
  ])("finds the DST change in $zone between $from and $to: $expected", ({ zone, from, to, expected }) => {
    const t = offsetTransitionBetween(zone, ms(from), ms(to));
    expect(t === null ? null : new Date(t).toISOString()).toBe(expected);
  });

  it.each([
    { zone: "Asia/Shanghai", valid: true },
    { zone: "Europe/Berlin", valid: true },
    { zone: "UTC", valid: true },
    { zone: "Mars/Olympus_Mons", valid: false },
    { zone: "", valid: false },
  ])("$zone is a known zone: $valid", ({ zone, valid }) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it("throws on an unknown zone where a number is required", () => {
    expect(() => zoneOffsetMs("Mars/Olympus_Mons", 0)).toThrow(RangeError);
  });

  it("a zone clock answers per zone, and null for an unknown zone", () => {
    const clock = createZoneClock(new Date("2026-01-15T00:30:00Z"));
    expect(clock("Asia/Shanghai")).toBe(8 * 60 + 30);
    expect(clock("Europe/Berlin")).toBe(90);
    expect(clock("Nowhere/Atall")).toBeNull();
  });
});

describe("zoneOffsetMs across transitions (offsets remembered per UTC quarter hour)", () => {
  // the offset Intl gives for an instant, computed afresh
  const fresh = (zone: string, t: number) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(t).map((p) => [p.type, p.value]));
    const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return wall - (t - (t % 1000));
  };
  it.each([
    ["America/New_York", "2026-03-08T06:00:00Z"], // spring forward at 07:00Z
    ["America/New_York", "2026-11-01T05:00:00Z"], // fall back at 06:00Z
    ["Australia/Lord_Howe", "2026-04-04T14:00:00Z"], // a 30-minute change
    ["Asia/Kathmandu", "2026-06-01T00:00:00Z"], // +05:45
    ["Europe/London", "2026-03-29T00:30:00Z"],
  ])("%s around %s: every minute, twice (the second time from memory), as Intl says", (zone, around) => {
    const start = Date.parse(around) - 90 * 60_000;
    for (let pass = 0; pass < 2; pass++)
      for (let m = 0; m < 240; m++) {
        const t = start + m * 60_000 + (m % 7) * 1000;
        expect(zoneOffsetMs(zone, t)).toBe(fresh(zone, t));
      }
  });
});
