// Wall-clock arithmetic in IANA time zones with nothing but Intl, the one time module of the program (stores'
// hours, slots, quiet hours, campaign schedules and the language layer's "明天下午三点"): the offset of a zone at an
// instant, the local date and time of an instant, the instant(s) a local wall time names, offset transitions (DST),
// calendar-date arithmetic and ISO 8601 with the zone's offset. Instants are epoch milliseconds (UTC).
// Local times that DST makes ambiguous are read one way everywhere: a repeated (fall-back) time is its earlier
// instant; a skipped (spring-forward) time is the jump itself for schedules (wallTimeToEpochs), and for a time a
// person names, the reading with the offset before the jump, i.e. moved forward by the jump (zonedInstant).
// Intl is slow (microseconds per call) and formatter construction slower still, so formatters are cached
// per zone, recent answers are memoised, and callers in hot loops use createZoneClock.

const MINUTE = 60_000;
const DAY_MINUTES = 1440;

interface Zone {
  format: Intl.DateTimeFormat;
  // the last few answers: one query asks about the same instants (now, now + 3 days) for every store's
  // hours, so a tiny round-robin memo saves most Intl calls without any unbounded cache
  epochs: number[];
  offsets: number[];
  next: number;
  /** offset per UTC quarter hour (see zoneOffsetMs), bounded */
  quarters: Map<number, number>;
}

const MEMO = 4;
const QUARTER_HOUR = 15 * 60_000;
const QUARTER_CACHE_FROM = Date.UTC(1980, 0, 1);
/** about three months of quarter hours per zone */
const MAX_QUARTERS = 10_000;
const zones = new Map<string, Zone | null>();

function zoneFor(timeZone: string): Zone | null {
  let z = zones.get(timeZone);
  if (z === undefined) {
    try {
      // en-US + h23 gives a fixed "MM/DD/YYYY, HH:MM:SS" shape (h23 avoids the "24:00" midnight of hour12:false)
      const format = new Intl.DateTimeFormat("en-US", {
        timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
      });
      z = { format, epochs: new Array(MEMO).fill(NaN), offsets: new Array(MEMO).fill(0), next: 0, quarters: new Map() };
    } catch {
      z = null;
    }
    zones.set(timeZone, z);
  }
  return z;
}

const SHAPE = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

const digits = (t: string, at: number) => (t.charCodeAt(at) - 48) * 10 + (t.charCodeAt(at + 1) - 48);

/** "MM/DD/YYYY, HH:MM:SS" as if it were UTC, in epoch ms; fixed positions for 4-digit years (the hot path). */
function parseWall(text: string, timeZone: string): number {
  if (text.length === 20) {
    const year = digits(text, 6) * 100 + digits(text, 8);
    return Date.UTC(year, digits(text, 0) - 1, digits(text, 3), digits(text, 12), digits(text, 15), digits(text, 18));
  }
  const m = SHAPE.exec(text);
  if (!m) throw new Error(`unexpected Intl output for ${timeZone}: ${text}`);
  return Date.UTC(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6]);
}

/** True when Intl knows the zone (e.g. "Asia/Shanghai", "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  return typeof timeZone === "string" && timeZone.length > 0 && zoneFor(timeZone) !== null;
}

/** Offset of local time from UTC in milliseconds at an instant (+8 h for Asia/Shanghai); throws RangeError on an unknown zone. */
export function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const z = zoneFor(timeZone);
  if (!z) throw new RangeError(`unknown time zone: ${timeZone}`);
  for (let i = 0; i < MEMO; i++) if (z.epochs[i] === epochMs) return z.offsets[i];
  // Since 1980 every zone's offset is a multiple of 15 minutes and changes at a local time on the hour or half hour,
  // so at a UTC quarter-hour boundary: one offset holds for a whole UTC quarter hour, and is asked of Intl once.
  const quarter = epochMs >= QUARTER_CACHE_FROM ? Math.floor(epochMs / QUARTER_HOUR) : null;
  if (quarter !== null) {
    const known = z.quarters.get(quarter);
    if (known !== undefined) return known;
  }
  const wall = parseWall(z.format.format(epochMs), timeZone);
  // the formatted wall time has whole seconds; compare it with the instant truncated the same way
  const offset = wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
  z.epochs[z.next] = epochMs;
  z.offsets[z.next] = offset;
  z.next = (z.next + 1) % MEMO;
  if (quarter !== null && offset % QUARTER_HOUR === 0) {
    if (z.quarters.size >= MAX_QUARTERS) z.quarters.clear();
    z.quarters.set(quarter, offset);
  }
  return offset;
}

/** A calendar date, no zone involved. */
export interface CalendarDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

/** Local calendar fields of an instant in a zone. */
export interface LocalDateTime extends CalendarDate {
  hour: number;
  minute: number;
  /** 0..1439 */
  minuteOfDay: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

/** The local date and time of an instant in a zone. */
export function localDateTime(timeZone: string, epochMs: number): LocalDateTime {
  const d = new Date(epochMs + zoneOffsetMs(timeZone, epochMs));
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute, minuteOfDay: hour * 60 + minute, weekday: d.getUTCDay() };
}

/** Minute of the local day (0..1439) of an instant in a zone. */
export function localMinuteOfDay(timeZone: string, epochMs: number): number {
  const local = Math.floor((epochMs + zoneOffsetMs(timeZone, epochMs)) / MINUTE);
  return ((local % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

/** Renders an instant as local "HH:MM" in a zone, e.g. for "reopens at 07:00". */
export function formatLocalTime(instant: Date, timeZone: string): string {
  const t = localDateTime(timeZone, instant.getTime());
  return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

/**
 * The first instant in (fromMs, toMs] whose offset differs from the offset at fromMs, or null.
 * Assumes at most one transition in the window (true of every real zone for windows of a few days).
 */
export function offsetTransitionBetween(timeZone: string, fromMs: number, toMs: number): number | null {
  const before = zoneOffsetMs(timeZone, fromMs);
  if (zoneOffsetMs(timeZone, toMs) === before) return null;
  // binary search to the minute: transitions happen on whole minutes
  let lo = Math.floor(fromMs / MINUTE) * MINUTE;
  let hi = toMs;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (zoneOffsetMs(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  // lo is minute-aligned with the old offset and the change lies in (lo, lo + 1 min]
  return lo + MINUTE;
}

/**
 * The instants at which a zone's wall clock reads the given local date and minute, earliest first:
 * one normally, two in a repeated (fall-back) hour, and for a skipped (spring-forward) time the
 * transition instant itself, which is the first moment the clock reads later than that time.
 */
export function wallTimeToEpochs(timeZone: string, year: number, month: number, day: number, minuteOfDay: number): number[] {
  const wall = Date.UTC(year, month - 1, day, 0, minuteOfDay); // Date.UTC normalises day overflow
  // the zone's offsets a day either side: a wall time is reachable only under one of them
  const offsets = [...new Set([zoneOffsetMs(timeZone, wall - 86_400_000), zoneOffsetMs(timeZone, wall + 86_400_000)])];
  const hits = offsets.map((o) => wall - o).filter((t) => zoneOffsetMs(timeZone, t) === wall - t);
  if (hits.length) return [...new Set(hits)].sort((a, b) => a - b);
  // a gap: the clock jumps over this wall time; it first reads something later at the transition
  const lo = wall - Math.max(...offsets);
  const hi = wall - Math.min(...offsets);
  const t = offsetTransitionBetween(timeZone, lo, hi);
  return t === null ? [] : [t];
}

/** A per-instant memo of local minute-of-day by zone: one Intl call per zone however many stores share it. */
export function createZoneClock(instant: Date): (timeZone: string) => number | null {
  const epochMs = instant.getTime();
  const cache = new Map<string, number | null>();
  return (timeZone) => {
    let m = cache.get(timeZone);
    if (m === undefined) {
      m = isValidTimeZone(timeZone) ? localMinuteOfDay(timeZone, epochMs) : null;
      cache.set(timeZone, m);
    }
    return m;
  };
}

/** ISO weekday of a calendar date: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: CalendarDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Calendar arithmetic: 2026-11-30 + 2 days = 2026-12-02. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** True for a date the calendar has (2026-02-29 is not one). */
export function isValidDate(date: CalendarDate): boolean {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return t.getUTCFullYear() === date.year && t.getUTCMonth() + 1 === date.month && t.getUTCDate() === date.day;
}

/**
 * The one instant a person means by a local date and time in a zone: a repeated (fall-back) time is the earlier
 * instant; a skipped (spring-forward) time is read with the offset before the jump, so 02:30 on New York's
 * spring-forward night is 03:30 EDT. Minutes past the end of the day roll into the next day.
 */
export function zonedInstant(timeZone: string, date: CalendarDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const [first] = wallTimeToEpochs(timeZone, date.year, date.month, date.day, minuteOfDay);
  if (first === undefined) return wall - zoneOffsetMs(timeZone, wall);
  // wallTimeToEpochs gives the jump itself for a skipped time: its offset does not read as the wall time asked for
  return zoneOffsetMs(timeZone, first) === wall - first ? first : wall - zoneOffsetMs(timeZone, first - 1);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** ISO 8601 with the zone's offset at that instant, to the second: 2026-11-27T15:00:00+08:00. */
export function formatZoned(timeZone: string, epochMs: number): string {
  const offsetMinutes = Math.round(zoneOffsetMs(timeZone, epochMs) / MINUTE);
  const w = new Date(epochMs + offsetMinutes * MINUTE); // its UTC fields are the zone's wall clock
  const sign = offsetMinutes < 0 ? "-" : "+";
  return (
    `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}` +
    `T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}` +
    `${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
  );
}
