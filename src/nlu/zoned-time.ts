// Wall-clock arithmetic in an IANA time zone with nothing but Intl (no date library), so that
// "明天下午三点" resolves in the bot's zone whatever the server's TZ is.

export interface LocalDate {
  y: number;
  m: number; // 1..12
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Constructing a DateTimeFormat is expensive (tens of µs); one per zone is enough.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the zone name is one Intl knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (formatters.has(timeZone)) return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Wall extends LocalDate {
  h: number;
  min: number;
  s: number;
}

function wallClock(ms: number, timeZone: string): Wall {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour") % 24, min: get("minute"), s: get("second") };
}

// Offsets by zone and quarter hour. Every real zone changes offset on a quarter-hour boundary, so
// this cache is exact; it spares an Intl call (several µs) on every parse.
const offsetCache = new Map<string, number>();
const QUARTER_MS = 15 * 60 * 1000;

/** Offset of the zone from UTC at an instant, in minutes (east positive). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_MS)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    const w = wallClock(ms, timeZone);
    const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
    off = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
    if (offsetCache.size > 20_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

/** The calendar date in the zone at an instant. */
export function localDate(now: Date, timeZone: string): LocalDate & { weekday: number } {
  const ms = now.getTime();
  const w = new Date(ms + offsetMinutes(ms, timeZone) * 60000); // UTC fields = the zone's wall clock
  const date = { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate() };
  return { ...date, weekday: isoWeekday(date) };
}

/** ISO weekday of a calendar date: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: LocalDate): number {
  const wd = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Pure calendar arithmetic (no zone involved): 2026-11-30 + 2 days = 2026-12-02. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function isValidDate(date: LocalDate): boolean {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d));
  return t.getUTCFullYear() === date.y && t.getUTCMonth() + 1 === date.m && t.getUTCDate() === date.d;
}

/** The instant of a wall-clock time in the zone (a time inside a DST gap moves forward). */
export function zonedInstant(date: LocalDate, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d, hour, minute);
  const off1 = offsetMinutes(guess, timeZone);
  const ms1 = guess - off1 * 60000;
  const off2 = offsetMinutes(ms1, timeZone);
  if (off2 === off1) return ms1;
  // Near a transition: prefer the reading whose offset is consistent; in a gap (02:30 on the
  // spring-forward night) neither is, and ms1 lands after the gap (03:30), which is what people mean.
  const ms2 = guess - off2 * 60000;
  return offsetMinutes(ms2, timeZone) === off2 ? ms2 : ms1;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");

/** ISO 8601 with the zone's offset at that instant: 2026-11-27T15:00:00+08:00. */
export function formatZoned(ms: number, timeZone: string): string {
  const off = offsetMinutes(ms, timeZone);
  const w = new Date(ms + off * 60000); // shifted so that its UTC fields are the zone's wall clock
  const sign = off < 0 ? "-" : "+";
  return (
    `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}` +
    `T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}` +
    `${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}
