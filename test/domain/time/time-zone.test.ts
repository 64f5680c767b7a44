import { describe, expect, it } from "vitest";
import {
  addDays, createZoneClock, formatLocalTime, formatZoned, isoWeekday, isValidDate, isValidTimeZone, localDateTime, localMinuteOfDay,
  offsetTransitionBetween, wallTimeToEpochs, zonedInstant, zoneOffsetMs,
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

describe("one reading of a local time, for schedules and for what people say", () => {
  // zonedInstant is the instant a person means ("tomorrow 2:30am" in the language layer); wallTimeToEpochs the
  // instants a schedule fires at. They agree except inside a spring-forward gap, where a schedule fires at the jump.
  const local = (zone: string, date: string, hhmm: string) => {
    const [year, month, day] = date.split("-").map(Number);
    const [h, m] = hhmm.split(":").map(Number);
    return formatZoned(zone, zonedInstant(zone, { year, month, day }, h * 60 + m));
  };
  it.each([
    { what: "New York, before the spring-forward jump", zone: "America/New_York", date: "2026-03-08", hhmm: "01:30", expected: "2026-03-08T01:30:00-05:00" },
    { what: "New York, inside the skipped hour: moved forward by the jump", zone: "America/New_York", date: "2026-03-08", hhmm: "02:30", expected: "2026-03-08T03:30:00-04:00" },
    { what: "New York, the first minute after the jump", zone: "America/New_York", date: "2026-03-08", hhmm: "03:00", expected: "2026-03-08T03:00:00-04:00" },
    { what: "New York, the repeated hour: the first one (EDT)", zone: "America/New_York", date: "2026-11-01", hhmm: "01:30", expected: "2026-11-01T01:30:00-04:00" },
    { what: "New York, after falling back", zone: "America/New_York", date: "2026-11-01", hhmm: "02:00", expected: "2026-11-01T02:00:00-05:00" },
    // east of UTC the language layer used to read these two the other way round (01:30+01:00 and 02:30+01:00)
    { what: "Berlin, inside the skipped hour: moved forward, never back", zone: "Europe/Berlin", date: "2026-03-29", hhmm: "02:30", expected: "2026-03-29T03:30:00+02:00" },
    { what: "Berlin, the repeated hour: the first one (CEST)", zone: "Europe/Berlin", date: "2026-10-25", hhmm: "02:30", expected: "2026-10-25T02:30:00+02:00" },
    { what: "Lord Howe, a 30-minute gap", zone: "Australia/Lord_Howe", date: "2026-10-04", hhmm: "02:15", expected: "2026-10-04T02:45:00+11:00" },
    { what: "Lord Howe, a 30-minute repeat", zone: "Australia/Lord_Howe", date: "2026-04-05", hhmm: "01:45", expected: "2026-04-05T01:45:00+11:00" },
    { what: "Shanghai on New York's jump night: no DST", zone: "Asia/Shanghai", date: "2026-03-08", hhmm: "02:30", expected: "2026-03-08T02:30:00+08:00" },
    { what: "Kolkata, midnight (+05:30)", zone: "Asia/Kolkata", date: "2026-01-01", hhmm: "00:00", expected: "2026-01-01T00:00:00+05:30" },
    { what: "Kathmandu (+05:45)", zone: "Asia/Kathmandu", date: "2026-06-01", hhmm: "09:15", expected: "2026-06-01T09:15:00+05:45" },
    { what: "minutes past midnight roll into the next day", zone: "Asia/Shanghai", date: "2026-12-31", hhmm: "24:30", expected: "2027-01-01T00:30:00+08:00" },
  ])("$what: $date $hhmm is $expected", ({ zone, date, hhmm, expected }) => {
    expect(local(zone, date, hhmm)).toBe(expected);
  });

  it("outside a gap, the instant a person means is the first instant a schedule fires at", () => {
    for (const [zone, date, minute] of [
      ["America/New_York", [2026, 11, 1], 90], ["Europe/Berlin", [2026, 10, 25], 150], ["Asia/Kolkata", [2026, 1, 1], 0], ["Asia/Shanghai", [2026, 7, 1], 600],
    ] as [string, [number, number, number], number][]) {
      const [year, month, day] = date;
      expect(zonedInstant(zone, { year, month, day }, minute)).toBe(wallTimeToEpochs(zone, year, month, day, minute)[0]);
    }
    // inside the gap a schedule fires at the jump (03:00 EDT) and the person's 02:30 is 03:30 EDT
    expect(new Date(wallTimeToEpochs("America/New_York", 2026, 3, 8, 150)[0]).toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(new Date(zonedInstant("America/New_York", { year: 2026, month: 3, day: 8 }, 150)).toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });

  it.each([
    { zone: "Asia/Kolkata", at: "2026-01-31T18:29:59Z", date: [2026, 1, 31], hhmm: "23:59", iso: "2026-01-31T23:59:59+05:30" },
    { zone: "Asia/Kolkata", at: "2026-01-31T18:30:00Z", date: [2026, 2, 1], hhmm: "00:00", iso: "2026-02-01T00:00:00+05:30" },
    { zone: "Asia/Shanghai", at: "2026-12-31T16:00:00Z", date: [2027, 1, 1], hhmm: "00:00", iso: "2027-01-01T00:00:00+08:00" },
    { zone: "America/New_York", at: "2026-03-08T04:59:00Z", date: [2026, 3, 7], hhmm: "23:59", iso: "2026-03-07T23:59:00-05:00" },
    { zone: "America/New_York", at: "2026-03-08T05:00:00Z", date: [2026, 3, 8], hhmm: "00:00", iso: "2026-03-08T00:00:00-05:00" },
  ])("the local day turns at local midnight: $at in $zone is $iso", ({ zone, at, date, hhmm, iso }) => {
    const t = localDateTime(zone, ms(at));
    expect([t.year, t.month, t.day]).toEqual(date);
    expect(formatLocalTime(new Date(at), zone)).toBe(hhmm);
    expect(formatZoned(zone, ms(at))).toBe(iso);
  });

  it("does calendar arithmetic without a zone", () => {
    expect(addDays({ year: 2026, month: 11, day: 30 }, 2)).toEqual({ year: 2026, month: 12, day: 2 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isValidDate({ year: 2026, month: 2, day: 29 })).toBe(false);
    expect(isValidDate({ year: 2028, month: 2, day: 29 })).toBe(true);
    expect(isValidDate({ year: 2026, month: 4, day: 31 })).toBe(false);
    expect(isoWeekday({ year: 2026, month: 3, day: 8 })).toBe(7); // a Sunday
    expect(isoWeekday({ year: 2026, month: 3, day: 9 })).toBe(1);
  });
});
