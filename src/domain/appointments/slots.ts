// Bookable appointment slots of one staff member: their working hours (or the store's open hours when they have
// none) cut into fixed-length slots in the store's time zone, minus booked ones and those starting too soon.
import { parseOpenHours, type OpenRange } from "../stores/open-hours.ts";
import { localDateTime, wallTimeToEpochs } from "../time/time-zone.ts";

/** A staff member's weekly hours: weekday 1 = Monday .. 7 = Sunday, "HH:MM" local times, end exclusive. */
export interface WorkingHours {
  weekday: number;
  start: string;
  end: string;
}

export interface SlotQuery {
  openHours: string;
  timezone: string;
  workingHours: readonly WorkingHours[];
  from: Date;
  days: number;
  slotMinutes: number;
  /** start instants (ms) already booked for this staff member */
  booked: ReadonlySet<number>;
  /** no slot starts sooner than this after `from` (default 60 min) */
  leadMinutes?: number;
  max?: number;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local minute ranges the staff member works on an ISO weekday. */
export function workRanges(workingHours: readonly WorkingHours[], openHours: string, isoWeekday: number): OpenRange[] {
  if (workingHours.length) return workingHours.filter((w) => w.weekday === isoWeekday).map((w) => ({ start: toMinutes(w.start), end: toMinutes(w.end) }));
  const parsed = parseOpenHours(openHours);
  return parsed.ok ? [...parsed.value.ranges] : [];
}

/** Free slot start instants, earliest first. */
export function availableSlots(q: SlotQuery): Date[] {
  const out: Date[] = [];
  const earliest = q.from.getTime() + (q.leadMinutes ?? 60) * 60_000;
  const max = q.max ?? 50;
  const today = localDateTime(q.timezone, q.from.getTime());
  for (let d = 0; d < q.days && out.length < max; d++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + d));
    const isoWeekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    for (const r of workRanges(q.workingHours, q.openHours, isoWeekday)) {
      for (let m = r.start; m + q.slotMinutes <= r.end && out.length < max; m += q.slotMinutes) {
        const [t] = wallTimeToEpochs(q.timezone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), m);
        if (t === undefined || t < earliest || q.booked.has(t)) continue;
        out.push(new Date(t));
      }
    }
  }
  return out;
}

/** The slot a requested time asks for: the one starting exactly then, else the one containing it; null when neither is free. */
export function slotFor(requested: Date, free: readonly Date[], slotMinutes: number): Date | null {
  const t = requested.getTime();
  return free.find((s) => s.getTime() === t) ?? free.find((s) => s.getTime() <= t && t < s.getTime() + slotMinutes * 60_000) ?? null;
}
