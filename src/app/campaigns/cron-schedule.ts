// Cron schedules of campaigns, evaluated deterministically in the campaign's time zone: which occurrence instants
// fall in a window (for `campaign tick --now`), and the next ones (for operators). Parsing is node-cron's, so an
// expression means here what it means to the node-cron trigger; like node-cron, every field must match (day of
// month AND day of week). Pure: no clock, no I/O.
import cron from "node-cron";
import { isValidTimeZone, localDateTime, wallTimeToEpochs } from "../../domain/time/time-zone.ts";

export interface CronSchedule {
  expression: string;
  second: number;
  minutes: number[];
  hours: number[];
  daysOfMonth: (number | string)[];
  months: Set<number>;
  daysOfWeek: (number | string)[];
}

export type CronParse = { ok: true; value: CronSchedule } | { ok: false; error: string };

const DOM_TOKEN = /^(L|L-\d{1,2}|(\d{1,2}|L)W)$/;
const DOW_TOKEN = /^([0-7]#[1-5]|[0-7]L)$/i;
const DAY = 86_400_000;

/** Parses and checks a campaign cron expression (5 fields, or 6 with a single seconds value); errors are one line. */
export function parseCron(expression: string): CronParse {
  const expr = expression.trim().replace(/\s+/g, " ");
  if (!expr) return { ok: false, error: "the cron expression is empty" };
  let fields: ReturnType<typeof cron.parse>;
  try {
    fields = cron.parse(expr);
  } catch (e) {
    return { ok: false, error: `invalid cron expression "${expression}": ${(e as Error).message.split("\n")[0]}` };
  }
  if (fields.second.length !== 1) return { ok: false, error: `invalid cron expression "${expression}": a campaign runs at most once a minute, so the seconds field must be a single value` };
  for (const v of fields.dayOfMonth) if (typeof v === "string" && !DOM_TOKEN.test(v)) return { ok: false, error: `invalid cron expression "${expression}": unsupported day-of-month "${v}"` };
  for (const v of fields.dayOfWeek) if (typeof v === "string" && !DOW_TOKEN.test(v)) return { ok: false, error: `invalid cron expression "${expression}": unsupported day-of-week "${v}"` };
  const schedule: CronSchedule = {
    expression: expr,
    second: fields.second[0],
    minutes: [...fields.minute].sort((a, b) => a - b),
    hours: [...fields.hour].sort((a, b) => a - b),
    daysOfMonth: fields.dayOfMonth,
    months: new Set(fields.month),
    daysOfWeek: fields.dayOfWeek.map((d) => (typeof d === "number" ? d % 7 : d)),
  };
  return { ok: true, value: schedule };
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  if (target < 1 || target > last) return -1;
  const wd = weekdayOf(year, month, target);
  if (wd === 6) return target === 1 ? target + 2 : target - 1;
  if (wd === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function matchesDayOfMonth(values: (number | string)[], year: number, month: number, day: number): boolean {
  const last = lastDayOfMonth(year, month);
  for (const v of values) {
    if (v === day) return true;
    if (typeof v !== "string") continue;
    if (v === "L" && day === last) return true;
    const off = /^L-(\d{1,2})$/.exec(v);
    if (off && last - Number(off[1]) === day) return true;
    const w = /^(\d{1,2}|L)W$/.exec(v);
    if (w && nearestWeekday(year, month, w[1] === "L" ? last : Number(w[1])) === day) return true;
  }
  return false;
}

function matchesDayOfWeek(values: (number | string)[], year: number, month: number, day: number): boolean {
  const wd = weekdayOf(year, month, day);
  for (const v of values) {
    if (v === wd) return true;
    if (typeof v !== "string") continue;
    const nth = /^([0-7])#([1-5])$/.exec(v);
    if (nth && Number(nth[1]) % 7 === wd && Math.floor((day - 1) / 7) + 1 === Number(nth[2])) return true;
    const lastWd = /^([0-7])L$/i.exec(v);
    if (lastWd && Number(lastWd[1]) % 7 === wd && day + 7 > lastDayOfMonth(year, month)) return true;
  }
  return false;
}

/** The instants of one local day's matches, ascending (a repeated DST hour fires once, at its first instant). */
function instantsOnDay(s: CronSchedule, timeZone: string, year: number, month: number, day: number): number[] {
  if (!s.months.has(month) || !matchesDayOfMonth(s.daysOfMonth, year, month, day) || !matchesDayOfWeek(s.daysOfWeek, year, month, day)) return [];
  const out: number[] = [];
  for (const h of s.hours) for (const m of s.minutes) {
    const t = wallTimeToEpochs(timeZone, year, month, day, h * 60 + m)[0];
    if (t !== undefined) out.push(t + s.second * 1000);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Occurrence instants in (after, until], ascending. The window should be short (the scheduler caps catch-up). */
export function occurrencesBetween(s: CronSchedule, timeZone: string, after: Date, until: Date, limit = 10_000): Date[] {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  const from = after.getTime();
  const to = until.getTime();
  const out: Date[] = [];
  if (to <= from) return out;
  // local days overlapping the window; one day of slack either side covers any UTC offset
  for (let t = from - DAY; t <= to + DAY && out.length < limit; t += DAY) {
    const d = localDateTime(timeZone, t);
    for (const i of instantsOnDay(s, timeZone, d.year, d.month, d.day)) if (i > from && i <= to && out.length < limit) out.push(new Date(i));
  }
  return [...new Map(out.map((d) => [d.getTime(), d])).values()].sort((a, b) => a.getTime() - b.getTime());
}

/** The next `count` occurrences strictly after `after`, searching up to `maxDays` ahead. */
export function nextOccurrences(s: CronSchedule, timeZone: string, after: Date, count = 1, maxDays = 366 * 5): Date[] {
  const out: Date[] = [];
  const from = after.getTime();
  const start = localDateTime(timeZone, from);
  for (let i = -1; i <= maxDays && out.length < count; i++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    for (const t of instantsOnDay(s, timeZone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate())) {
      if (t > from && out.length < count && !out.some((d) => d.getTime() === t)) out.push(new Date(t));
    }
  }
  return out;
}
