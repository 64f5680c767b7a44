// Store opening hours: "HH:MM-HH:MM" in the store's own time zone, end exclusive, an end before the start
// spans midnight, "00:00-24:00" is all day, several ranges separated by commas. The same hours every day.
// Parsed once into minute ranges within one local day; a span over midnight becomes two ranges.
import { z } from "zod";
import { fail, ok, type DomainError, type Result } from "../errors.ts";
import {
  isValidTimeZone, localDateTime, localMinuteOfDay, offsetTransitionBetween, wallTimeToEpochs, zoneOffsetMs,
} from "../time/time-zone.ts";

export { formatLocalTime } from "../time/time-zone.ts";

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const DAY_MINUTES = 1440;

/** Minutes of the local day in which the store is open: start inclusive, end exclusive, 0 ≤ start < end ≤ 1440. */
export interface OpenRange {
  start: number;
  end: number;
}

/** Parsed opening hours: sorted, non-overlapping ranges within one local day. */
export interface OpenHours {
  source: string;
  ranges: readonly OpenRange[];
}

/** Why an openHours string was rejected. */
export type OpenHoursError = DomainError<"INVALID_OPEN_HOURS"> & { input: string; part?: string };

const RANGE = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/;

function parseRanges(text: string): OpenRange[] | { part: string; why: string } {
  if (typeof text !== "string" || text.trim() === "") return { part: String(text), why: "is empty (use 00:00-24:00 for all day)" };
  const out: OpenRange[] = [];
  for (const raw of text.split(",")) {
    const part = raw.trim();
    const m = RANGE.exec(part);
    if (!m) return { part, why: 'is not "HH:MM-HH:MM"' };
    const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number);
    if (sm > 59 || em > 59) return { part, why: "has minutes above 59" };
    if (sh > 23) return { part, why: "starts after 23:59" };
    if (eh > 24 || (eh === 24 && em !== 0)) return { part, why: "ends after 24:00" };
    const start = sh * 60 + sm;
    const end = eh * 60 + em;
    if (start === end) return { part, why: "is empty (start equals end; use 00:00-24:00 for all day)" };
    if (end > start) out.push({ start, end });
    else {
      // spans midnight: the evening part today, the early-morning part of every day
      out.push({ start, end: DAY_MINUTES });
      if (end > 0) out.push({ start: 0, end });
    }
  }
  out.sort((a, b) => a.start - b.start);
  const merged: OpenRange[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const parsed = new Map<string, Result<OpenHours, OpenHoursError>>();

/** Parses and validates an openHours string; the error names the offending range. */
export function parseOpenHours(text: string): Result<OpenHours, OpenHoursError> {
  let r = parsed.get(text);
  if (r) return r;
  const ranges = parseRanges(text);
  r = Array.isArray(ranges)
    ? ok({ source: text, ranges })
    : fail("INVALID_OPEN_HOURS", `openHours "${text}": "${ranges.part}" ${ranges.why}`, { input: text, part: ranges.part });
  // the catalog has a handful of distinct strings; the cap only guards against pathological callers
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(text, r);
  return r;
}

/** zod check for catalog import: an openHours string this module accepts, with the parser's message. */
export const openHoursSchema = z.string().superRefine((s, ctx) => {
  const r = parseOpenHours(s);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.error.message ?? "invalid openHours" });
});

/** zod check for catalog import: an IANA time zone Intl knows. */
export const timeZoneSchema = z.string().refine(isValidTimeZone, { message: "unknown IANA time zone" });

function resolve(hours: string | OpenHours): OpenHours | null {
  if (typeof hours !== "string") return hours;
  const r = parseOpenHours(hours);
  return r.ok ? r.value : null;
}

/** True when the local minute of day (0..1439) falls in one of the ranges. */
export function isOpenAtMinute(hours: OpenHours, minuteOfDay: number): boolean {
  for (const r of hours.ranges) if (minuteOfDay >= r.start && minuteOfDay < r.end) return true;
  return false;
}

/** True when the store is open at the instant. Invalid hours or zone count as closed: the import rejects both, so one here is a store to fix, not to serve from. */
export function isOpenAt(openHours: string | OpenHours, timezone: string, instant: Date): boolean {
  const hours = resolve(openHours);
  if (!hours || !isValidTimeZone(timezone)) return false;
  return isOpenAtMinute(hours, localMinuteOfDay(timezone, instant.getTime()));
}

/** True when the hours cover the whole day. */
export function isAllDay(hours: OpenHours): boolean {
  return hours.ranges.length === 1 && hours.ranges[0].start === 0 && hours.ranges[0].end === DAY_MINUTES;
}

/**
 * The earliest instant at or after `instant` when the store is open: `instant` itself when open now.
 * Null for invalid hours or zone. Correct across DST changes (skipped and repeated hours).
 */
export function nextOpeningAt(openHours: string | OpenHours, timezone: string, instant: Date): Date | null {
  const hours = resolve(openHours);
  if (!hours || !isValidTimeZone(timezone)) return null;
  const now = instant.getTime();
  if (isOpenAtMinute(hours, localMinuteOfDay(timezone, now))) return new Date(now);
  const starts = hours.ranges.map((r) => r.start);
  const transition = offsetTransitionBetween(timezone, now, now + 3 * DAY_MS);

  if (transition === null) {
    // fixed offset for the next three days (every DST-free zone, and most days elsewhere): plain arithmetic
    const offset = zoneOffsetMs(timezone, now);
    const localNow = now + offset;
    const localMidnight = Math.floor(localNow / DAY_MS) * DAY_MS;
    for (let day = 0; day <= 2; day++) {
      for (const s of starts) {
        const local = localMidnight + day * DAY_MS + s * MINUTE;
        if (local > localNow) return new Date(local - offset);
      }
    }
    return null;
  }

  // a DST change ahead: resolve each range start to real instants, and also consider the change itself,
  // which can open a store (a repeated hour falling back into its hours)
  const today = localDateTime(timezone, now);
  const candidates: number[] = [transition];
  for (let day = 0; day <= 2; day++) {
    for (const s of starts) candidates.push(...wallTimeToEpochs(timezone, today.year, today.month, today.day + day, s));
  }
  let best: number | null = null;
  for (const t of candidates) {
    if (t <= now || (best !== null && t >= best)) continue;
    if (isOpenAtMinute(hours, localMinuteOfDay(timezone, t))) best = t;
  }
  return best === null ? null : new Date(best);
}
