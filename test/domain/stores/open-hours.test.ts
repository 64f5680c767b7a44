import { describe, expect, it } from "vitest";
import {
  formatLocalTime, isAllDay, isOpenAt, nextOpeningAt, openHoursSchema, parseOpenHours, timeZoneSchema,
} from "../../../src/domain/stores/open-hours.ts";

// Shanghai is UTC+8 all year; local "2026-03-10 07:00" is written as 2026-03-10T07:00:00+08:00
const sh = (local: string) => new Date(`2026-03-10T${local}:00+08:00`);

describe("parseOpenHours", () => {
  it.each([
    { text: "07:00-22:00", ranges: [[420, 1320]] },
    { text: "00:00-24:00", ranges: [[0, 1440]] },
    { text: "22:00-02:00", ranges: [[0, 120], [1320, 1440]] }, // spans midnight: two pieces of one day
    { text: "18:00-00:00", ranges: [[1080, 1440]] }, // until midnight
    { text: "10:00-14:00,17:00-21:00", ranges: [[600, 840], [1020, 1260]] },
    { text: " 17:00 - 21:00 , 10:00-14:00 ", ranges: [[600, 840], [1020, 1260]] }, // spaces, any order
    { text: "08:00-12:00,11:00-13:00", ranges: [[480, 780]] }, // overlaps merge
    { text: "08:00-12:00,12:00-13:00", ranges: [[480, 780]] }, // touching ranges merge
    { text: "20:00-04:00,03:00-09:00", ranges: [[0, 540], [1200, 1440]] },
  ])("$text → $ranges", ({ text, ranges }) => {
    const r = parseOpenHours(text);
    expect(r.ok && r.value.ranges.map((x) => [x.start, x.end])).toEqual(ranges);
  });

  it.each([
    { text: "", part: "", why: /empty/ },
    { text: "7:00-22:00", part: "7:00-22:00", why: /HH:MM-HH:MM/ },
    { text: "07:00", part: "07:00", why: /HH:MM-HH:MM/ },
    { text: "07:00-22:00,", part: "", why: /HH:MM-HH:MM/ },
    { text: "07:00~22:00", part: "07:00~22:00", why: /HH:MM-HH:MM/ },
    { text: "07:60-22:00", part: "07:60-22:00", why: /minutes/ },
    { text: "24:00-06:00", part: "24:00-06:00", why: /starts after 23:59/ },
    { text: "07:00-24:30", part: "07:00-24:30", why: /ends after 24:00/ },
    { text: "10:00-25:00", part: "10:00-25:00", why: /ends after 24:00/ },
    { text: "10:00-10:00", part: "10:00-10:00", why: /start equals end/ },
    { text: "10:00-14:00,abc", part: "abc", why: /HH:MM-HH:MM/ },
  ])('rejects "$text", naming "$part"', ({ text, part, why }) => {
    const r = parseOpenHours(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: "INVALID_OPEN_HOURS", input: text, part });
    expect(r.error.message).toMatch(why);
  });

  it("offers zod schemas for the catalog import", () => {
    expect(openHoursSchema.safeParse("07:00-22:00").success).toBe(true);
    const bad = openHoursSchema.safeParse("7-22");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/"7-22"/);
    expect(timeZoneSchema.safeParse("Asia/Shanghai").success).toBe(true);
    expect(timeZoneSchema.safeParse("Asia/Atlantis").success).toBe(false);
  });

  it("knows all-day hours", () => {
    const all = parseOpenHours("00:00-24:00");
    const late = parseOpenHours("22:00-22:30,22:30-22:00"); // two halves that cover the day
    expect(all.ok && isAllDay(all.value)).toBe(true);
    expect(late.ok && isAllDay(late.value)).toBe(true);
  });
});

describe("isOpenAt (Asia/Shanghai, no DST)", () => {
  it.each([
    { hours: "07:00-22:00", local: "06:59", open: false },
    { hours: "07:00-22:00", local: "07:00", open: true }, // start inclusive
    { hours: "07:00-22:00", local: "21:59", open: true },
    { hours: "07:00-22:00", local: "22:00", open: false }, // end exclusive
    { hours: "22:00-02:00", local: "21:59", open: false },
    { hours: "22:00-02:00", local: "23:30", open: true },
    { hours: "22:00-02:00", local: "00:00", open: true },
    { hours: "22:00-02:00", local: "01:59", open: true },
    { hours: "22:00-02:00", local: "02:00", open: false },
    { hours: "00:00-24:00", local: "00:00", open: true },
    { hours: "00:00-24:00", local: "23:59", open: true },
    { hours: "10:00-14:00,17:00-21:00", local: "12:00", open: true },
    { hours: "10:00-14:00,17:00-21:00", local: "15:00", open: false },
    { hours: "10:00-14:00,17:00-21:00", local: "17:00", open: true },
    { hours: "not hours", local: "12:00", open: false }, // invalid hours never count as open
  ])("$hours at $local: open=$open", ({ hours, local, open }) => {
    expect(isOpenAt(hours, "Asia/Shanghai", sh(local))).toBe(open);
  });

  it("an unknown zone counts as closed", () => {
    expect(isOpenAt("00:00-24:00", "Asia/Atlantis", sh("12:00"))).toBe(false);
  });
});

describe("isOpenAt in other zones", () => {
  it.each([
    { zone: "Asia/Kolkata", hours: "09:00-18:00", at: "2026-03-10T03:29:00Z", open: false }, // 08:59 IST (UTC+5:30)
    { zone: "Asia/Kolkata", hours: "09:00-18:00", at: "2026-03-10T03:30:00Z", open: true }, // 09:00 IST
    { zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-01-15T08:30:00Z", open: true }, // 09:30 CET (UTC+1)
    { zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-01-15T17:30:00Z", open: false }, // 18:30 CET
    { zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-07-15T06:30:00Z", open: false }, // 08:30 CEST (UTC+2)
    { zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-07-15T07:30:00Z", open: true }, // 09:30 CEST
    { zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-07-15T16:30:00Z", open: false }, // 18:30 CEST
    // spring forward 2026-03-29: 02:00 CET jumps to 03:00 CEST at 01:00Z
    { zone: "Europe/Berlin", hours: "02:30-04:00", at: "2026-03-29T00:59:00Z", open: false }, // 01:59 CET
    { zone: "Europe/Berlin", hours: "02:30-04:00", at: "2026-03-29T01:00:00Z", open: true }, // 03:00 CEST
    // fall back 2026-10-25: 03:00 CEST returns to 02:00 CET at 01:00Z, so 02:xx happens twice
    { zone: "Europe/Berlin", hours: "02:00-02:30", at: "2026-10-25T00:15:00Z", open: true }, // first 02:15 (CEST)
    { zone: "Europe/Berlin", hours: "02:00-02:30", at: "2026-10-25T00:45:00Z", open: false }, // 02:45 CEST
    { zone: "Europe/Berlin", hours: "02:00-02:30", at: "2026-10-25T01:15:00Z", open: true }, // second 02:15 (CET)
  ])("$zone $hours at $at: open=$open", ({ zone, hours, at, open }) => {
    expect(isOpenAt(hours, zone, new Date(at))).toBe(open);
  });
});

describe("nextOpeningAt", () => {
  it.each([
    { what: "open now: now", hours: "07:00-22:00", local: "10:00", next: "2026-03-10T10:00:00+08:00" },
    { what: "before opening: today", hours: "07:00-22:00", local: "05:00", next: "2026-03-10T07:00:00+08:00" },
    { what: "seconds before opening", hours: "07:00-22:00", local: "06:59", next: "2026-03-10T07:00:00+08:00" },
    { what: "after closing: tomorrow", hours: "07:00-22:00", local: "22:00", next: "2026-03-11T07:00:00+08:00" },
    { what: "night hours, afternoon", hours: "22:00-02:00", local: "15:00", next: "2026-03-10T22:00:00+08:00" },
    { what: "night hours, just closed", hours: "22:00-02:00", local: "02:00", next: "2026-03-10T22:00:00+08:00" },
    { what: "lunch break", hours: "10:00-14:00,17:00-21:00", local: "15:00", next: "2026-03-10T17:00:00+08:00" },
    { what: "after the last range", hours: "10:00-14:00,17:00-21:00", local: "21:30", next: "2026-03-11T10:00:00+08:00" },
    { what: "all day", hours: "00:00-24:00", local: "03:00", next: "2026-03-10T03:00:00+08:00" },
  ])("Shanghai, $what ($hours at $local)", ({ hours, local, next }) => {
    expect(nextOpeningAt(hours, "Asia/Shanghai", sh(local))?.toISOString()).toBe(new Date(next).toISOString());
  });

  it.each([
    { what: "across a month end", zone: "Asia/Shanghai", hours: "09:00-18:00", at: "2026-03-31T19:00:00+08:00", next: "2026-04-01T01:00:00.000Z" },
    { what: "Kolkata (half-hour offset)", zone: "Asia/Kolkata", hours: "09:00-18:00", at: "2026-03-10T20:00:00+05:30", next: "2026-03-11T03:30:00.000Z" },
    { what: "Berlin winter", zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-01-15T19:00:00Z", next: "2026-01-16T08:00:00.000Z" },
    { what: "Berlin summer", zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-07-15T19:00:00Z", next: "2026-07-16T07:00:00.000Z" },
    { what: "Berlin over the spring-forward night", zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-03-28T20:00:00Z", next: "2026-03-29T07:00:00.000Z" },
    { what: "Berlin over the fall-back night", zone: "Europe/Berlin", hours: "09:00-18:00", at: "2026-10-24T20:00:00Z", next: "2026-10-25T08:00:00.000Z" },
    { what: "an opening time the clocks skip: opens at the jump", zone: "Europe/Berlin", hours: "02:30-04:00", at: "2026-03-29T00:30:00Z", next: "2026-03-29T01:00:00.000Z" },
    { what: "hours wholly inside the skipped hour: next day", zone: "Europe/Berlin", hours: "02:10-02:40", at: "2026-03-29T00:30:00Z", next: "2026-03-30T00:10:00.000Z" },
    { what: "the repeated hour reopens the store", zone: "Europe/Berlin", hours: "01:00-02:30", at: "2026-10-25T00:45:00Z", next: "2026-10-25T01:00:00.000Z" },
  ])("$what", ({ zone, hours, at, next }) => {
    expect(nextOpeningAt(hours, zone, new Date(at))?.toISOString()).toBe(next);
  });

  it.each([
    { hours: "bad", zone: "Asia/Shanghai" },
    { hours: "07:00-22:00", zone: "Asia/Atlantis" },
  ])("null for unusable input ($hours, $zone)", ({ hours, zone }) => {
    expect(nextOpeningAt(hours, zone, sh("12:00"))).toBeNull();
  });

  it("renders the reopening in the store's zone", () => {
    const next = nextOpeningAt("07:00-22:00", "Asia/Shanghai", sh("23:00"));
    expect(next && formatLocalTime(next, "Asia/Shanghai")).toBe("07:00");
  });

  it("accepts already-parsed hours", () => {
    const parsed = parseOpenHours("07:00-22:00");
    expect(parsed.ok && isOpenAt(parsed.value, "Asia/Shanghai", sh("08:00"))).toBe(true);
  });
});
