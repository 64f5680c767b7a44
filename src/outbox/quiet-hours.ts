// Quiet hours: promotions and follow-ups are not delivered at night in the member's own time zone; they are
// deferred to the end of the quiet period (never dropped). Pure.
import { localDateTime, localMinuteOfDay, wallTimeToEpochs } from "../domain/time/time-zone.ts";

export interface QuietHours {
  /** local minute of day the quiet period starts (inclusive) */
  startMinute: number;
  /** local minute of day it ends (exclusive); before start = spans midnight; equal to start = no quiet hours */
  endMinute: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startMinute: 22 * 60, endMinute: 8 * 60 };

/** "22:00-08:00" → QuietHours; "off" or "" → none (start = end). */
export function parseQuietHours(spec: string): QuietHours | null {
  const s = spec.trim().toLowerCase();
  if (s === "" || s === "off" || s === "none") return { startMinute: 0, endMinute: 0 };
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const a = Number(m[1]) * 60 + Number(m[2]);
  const b = Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[1]) > 24 || Number(m[2]) > 59 || Number(m[3]) > 24 || Number(m[4]) > 59 || a > 1440 || b > 1440) return null;
  return { startMinute: a % 1440, endMinute: b % 1440 };
}

/** True when the local minute of day falls in the quiet period. */
export function isQuietMinute(q: QuietHours, minuteOfDay: number): boolean {
  if (q.startMinute === q.endMinute) return false;
  return q.startMinute < q.endMinute ? minuteOfDay >= q.startMinute && minuteOfDay < q.endMinute : minuteOfDay >= q.startMinute || minuteOfDay < q.endMinute;
}

/** When the instant is inside quiet hours in the zone, the instant they end; otherwise null (deliver now). */
export function quietUntil(at: Date, timeZone: string, q: QuietHours = DEFAULT_QUIET_HOURS): Date | null {
  const minute = localMinuteOfDay(timeZone, at.getTime());
  if (!isQuietMinute(q, minute)) return null;
  const d = localDateTime(timeZone, at.getTime());
  // the quiet period ends today unless it spans midnight and we are in its evening part
  const dayOffset = q.startMinute > q.endMinute && minute >= q.startMinute ? 1 : 0;
  const day = new Date(Date.UTC(d.year, d.month - 1, d.day + dayOffset));
  const end = wallTimeToEpochs(timeZone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), q.endMinute)[0];
  return new Date(end);
}
