// Relative dates and times (明天下午三点, 周六上午, 下周一, 今晚8点, tomorrow 3pm, this Saturday 10am,
// next monday morning, at 15:30) resolved in the bot's time zone relative to `now`.
//
// Conventions (documented because the corpus labels depend on them):
// - 周六 / Saturday / this Saturday = the next such day, today included; 下周六 / next Saturday = that day
//   in the next Monday-based calendar week (said on a Wednesday, 下周一 is 5 days later).
// - A day without a time gets a default hour: 早上 09:00, 上午/morning 10:00, 中午/noon 12:00,
//   下午/afternoon 15:00, 傍晚 18:00, 晚上/今晚/evening/tonight 19:00, no period 10:00.
// - A bare hour 1–6 without am/pm or period is afternoon (nobody books a designer at 3 am): "3点" = 15:00.
// - A time without a day is today if still ahead of `now`, otherwise tomorrow.
import { holidayDay } from "./holidays.ts";
import { parseNumber, ZH_NUM_RE } from "./numbers.ts";
import {
  addDays, formatZoned, isoWeekday, isValidDate, isValidTimeZone, localDateTime, zonedInstant, type CalendarDate,
} from "../domain/time/time-zone.ts";

type PeriodKind = "am" | "noon" | "pm" | "night" | "early";
interface Period {
  defaultHour: number;
  kind: PeriodKind;
}

const ZH_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7 };
const EN_WEEKDAY: Record<string, number> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};
const EN_MONTH: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

// Greetings contain period words (早上好, good evening) that are not a time.
const GREETINGS = /早上好|早安|上午好|中午好|下午好|晚上好|晚安|^\s*早晨(?=[!！~,，。\s]|$)|good\s*(?:morning|afternoon|evening|night)|^\s*morning(?![a-z])/g;

const PERIODS: [RegExp, Period][] = [
  [/凌晨/, { defaultHour: 1, kind: "early" }],
  // (and the dialects' words: 朝早 and 听朝 in Cantonese, 头午 and 前晌 in the north)
  [/早上|早晨|清晨|一早|明早|今早|大早|朝早|听朝|头午|前晌/, { defaultHour: 9, kind: "am" }],
  [/上午|上半天|(?<![a-z])(?:morning|a\.m\.)(?![a-z])/, { defaultHour: 10, kind: "am" }],
  // (晌午 in the north)
  // ("tmr lunch", "tomorrow lunch", "Dec 19 lunch", "下周六 lunch": lunch said after a day)
  [/中午|晌午|中浪向?|(?<![a-z])(?:noon|midday|lunchtime|lunch time)(?![a-z])|(?<![a-z])lunch(?![a-z])(?<=(?:tmr|tomorrow|today|day|sun|mon|tue|wed|thu|fri|sat|\d|[六日天一二三四五])\s*lunch)/, { defaultHour: 12, kind: "noon" }],
  // (后晌 and 过晌 in the north, 下半天 in Shanghai, 晏昼 in Cantonese, 下晡 in Minnan)
  [/下午(?!茶)|午后|后晌|过晌|下半天|下半日|晏昼|下昼|下晡|(?<![a-z])(?:afternoon|aftenoon|afternon)(?![a-z])/, { defaultHour: 15, kind: "pm" }],
  [/傍晚|黄昏/, { defaultHour: 18, kind: "pm" }],
  // (晚 alone before an hour: 周六晚7点)
  // (黑夜 in the north is the evening)
  // (not a count of nights: "住俩晚上", "one night"; 晚饭后 is the evening: "晚饭后8点")
  [new RegExp(`(?<!(?<!周|期|拜)[两俩二三四五六七八九十几]个?)晚上|晚饭(?:后|以后|之后)|今晚|明晚|夜里|夜晚|黑夜|黑了(?=\\s*(?:\\d{1,2}|${ZH_NUM_RE})\\s*[点:：])|当晚|今夜|晚(?=\\s*(?:\\d{1,2}|${ZH_NUM_RE})\\s*[点:：])|(?<=(?:周|星期|礼拜)[一二三四五六日天末]|[日号])晚(?![餐饭点班场市])|(?<![a-z])(?:evening|tonight|(?<!(?:\\d|one|two|three|four|five|a|per)\\s*)nights?)(?![a-z])`), { defaultHour: 19, kind: "night" }],
];

const RELATIVE_DAYS: [RegExp, number][] = [
  [/大后天/, 3],
  // (后儿 in the north)
  [/后天|后日|后个|后儿|(?<![a-z])day\s+after\s+tomorrow(?![a-z])/, 2],
  // (听日 and 听朝 in Cantonese, 明朝 in Shanghai, 明仔载 in Minnan)
  [/明天|明日|明儿|明个|明早|明晚|听日|听朝|明朝|明仔载|(?<![a-z])(?:tomorrow|tomorow|tommorow|tommorrow|tomorrw|tmrw|tmr|tmw)(?![a-z])/, 1],
  [/今天|今日|今儿|今个|今晚|今早|今夜|(?<![a-z])(?:today|tonight|this\s+(?:morning|afternoon|evening))(?![a-z])/, 0],
];

const ZH_DAY_NUM = `(\\d{1,2}|${ZH_NUM_RE})`;
const ZH_MONTH_DAY = new RegExp(`${ZH_DAY_NUM}\\s*月\\s*${ZH_DAY_NUM}\\s*[日号]?`);
const ZH_DAY_OF_MONTH = new RegExp(`(?<![\\d月])${ZH_DAY_NUM}\\s*[日号](?=\\s*(?:的)?\\s*(?:上午|下午|晚上|早上|中午|傍晚|凌晨|\\d{1,2}\\s*[点:时]|${ZH_NUM_RE}点))`);
// A day of next month or this month: 下个月10号, 下月5号出发, 本月20号, "next month on the 5th"
const MONTH_OFF_DAY = new RegExp(`(下个?月|本月|这个?月|next month(?: on)?(?: the)?)\\s*${ZH_DAY_NUM}\\s*(?:[日号]|st|nd|rd|th)?(?![\\d.])`);
const EN_MONTH_DAY = /(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d:])/;
const EN_DAY_MONTH = /(?<![\d:])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*(?![a-z])/;
const EN_THE_NTH = /(?<![a-z])the\s+(\d{1,2})(?:st|nd|rd|th)(?![a-z])/;

// (not the 下 of 一下: "体验一下 周日" is this Sunday)
// (下 and the week said apart are no "next": the 下 of "处理下 周五傍晚" is a verb's "a bit")
const ZH_WEEKDAY_RE = /(下下个?|(?<!一)下个?|这个?|本|这一)?(?:周|星期|礼拜)([一二三四五六日天1-7])(?![次回趟遍]|(?<=\d)\s*[瓶个盒份杯罐袋包支])/;
// (not a kind of class: 周末班)
const ZH_WEEKEND_RE = /(下个?|这个?|本)?\s*周末(?!班)/;
const EN_WEEKDAY_RE =
  /(?<![a-z])(?:(this|next|coming|on)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)(?![a-z])/;
const EN_WEEKEND_RE = /(?<![a-z])(this|next)?\s*weekend(?![a-z])(?!\s+(?:[a-z]+\s+)?(?:class|course)(?![a-z]))/;

// Clock times.
const ZH_CLOCK = new RegExp(
  // (not a decimal: the 零点八 of a fishing line, 0.8)
  `(?<![周期拜])(?!零\\s*点\\s*[一二三四五六七八九](?![十分刻钟点]))(\\d{1,2}|${ZH_NUM_RE})\\s*(?:点|時|时)(钟)?\\s*(半(?!\\s*(?:个|小时|钟))|一刻|三刻|(\\d{1,2}|[零一二三四五六七八九十]{1,3})\\s*分?)?`,
);
// (not a pace: 5:30/km)
const COLON_CLOCK = /(?<![\d:.])([01]?\d|2[0-3])\s*:\s*([0-5]\d)(?![\d:]|\s*\/\s*[a-z])\s*(am|pm|a\.m\.|p\.m\.)?/;
const EN_AMPM = /(?<![\d:.])(\d{1,2})(?:[:.]([0-5]\d))?\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])/;
const EN_OCLOCK = /(?<![\d:.])(\d{1,2})\s*o'?\s?clock/;
// a bare hour right after an English day: "thursday 4", "tmr 3" (not a count: "sat 10 people")
const NOT_AN_HOUR = String.raw`(?![\d:.]|\s*(?:km|m|米|公里|stars?|%|ml|mins?|minutes?|hours?|hrs?|h|people|persons?|ppl|pax|guests?|kids?|adults?|rooms?|pm|am|a\.m\.|p\.m\.|st|nd|rd|th|sqm|sq|square|m2|㎡|平)(?![a-z]))`;
const EN_DAY_HOUR = new RegExp(`(?<![a-z])(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?|tomorrow|tmrw?|today|tonight)\\s+(\\d{1,2})${NOT_AN_HOUR}`);
// (the "by" of a size, "1.5 by 2", is no time)
const EN_AT = /(?<![a-z])(?:at|around|(?<![\d.]\s*)by|@)\s+(\d{1,2})(?![\d:.]|\s*(?:km|m|米|公里|stars?|%|ml|mins?|minutes?|hours?|people|persons?|pm|am|a\.m\.|p\.m\.|jin|斤|kg|g|lbs?|pounds?|cm|inch(?:es)?|sqm|sq|square|m2|㎡|平)(?![a-z]))/;

/** Every pattern below needs one of these: a digit, a Chinese numeral or day/period word, or an English one. */
/** a span of time from now: 半小时后, 20分钟以后, 两个小时之后, "in 30 min", "in an hour" */
const LATER_BY = new RegExp(`(?:(\\d{1,3}|${ZH_NUM_RE}|半)\\s*(?:个)?\\s*(?:分钟|小时|钟头)(?:后|以后|之后)(?![天年月])|(?<![a-z])in\\s+((\\d{1,3}|an?|one|half an?)\\s*(?:mins?|minutes?|hours?|hrs?))(?![a-z]))`);
const MAYBE_TIME =
  /[\d零一二两三四五六七八九十今明后天周期拜早午晚夜凌晨傍黄月号日时点晏晌晡旦节庆诞夕宵秋阳腊冬朝浪]|(?<![a-z])(?:to|tm|mon|tue|wed|thu|fri|sat|sun|week|morning|noon|midday|lunch|afternoon|evening|night|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the\s+\d|at|around|by|@|christmas|new\s+year|valentine)/;

interface Clock {
  h: number;
  min: number;
  /** am/pm written by the user */
  meridiem: "am" | "pm" | null;
}

function findClock(s: string, hasContext: boolean): Clock | null {
  let m = COLON_CLOCK.exec(s);
  if (m) return { h: Number(m[1]), min: Number(m[2]), meridiem: meridiemOf(m[3]) };
  m = EN_AMPM.exec(s);
  if (m) return { h: Number(m[1]), min: m[2] ? Number(m[2]) : 0, meridiem: meridiemOf(m[3]) };
  m = ZH_CLOCK.exec(s);
  if (m) {
    const h = parseNumber(m[1]);
    const tail = s.slice(m.index + m[0].length);
    // "一点" also means "a little" (便宜一点, 快一点): only a time when something else says so.
    // ("手法重一点的", "快一点儿": after an adjective or before 的/儿 it is "a little" whatever else is said)
    const before = s[m.index - 1] ?? "";
    // ("一点都不热", "一点也不辣": not at all)
    const little = /^(?:[的儿些]|\s*[都也](?:不|没))/.test(tail) || (/[\u4e00-\u9fff]/.test(before) && !/[午上晨夜天日号早晚到至前后约在是点时周末今明一二三四五六七八九十]/.test(before));
    const ambiguous = m[1] === "一" && !m[2] && !m[3] && (!hasContext || little);
    if (h !== null && h <= 24 && !ambiguous && !/^点/.test(tail)) {
      let min = 0;
      if (m[3] === "半") min = 30;
      else if (m[3] === "一刻") min = 15;
      else if (m[3] === "三刻") min = 45;
      // a lone Chinese digit after the hour is not minutes without 分 ("两点 五马街店" is 2:00 at 五马街)
      // nor is a number set off by a space or counting something ("今晚7点 4个人", "9点8个人"): minutes are written
      // against the hour ("7点30") or with 分
      else if (m[4] && (m[0].endsWith("分") || (!/^[一二三四五六七八九]$/.test(m[4]) && !/\s$/.test(m[0].slice(0, m[0].length - m[3].length)) && !/^\s*[个位人名桌台]/.test(tail)))) {
        min = parseNumber(m[4]) ?? 0;
      }
      if (min < 60) return { h, min, meridiem: null };
    }
  }
  m = EN_OCLOCK.exec(s);
  if (m) return { h: Number(m[1]), min: 0, meridiem: null };
  m = EN_AT.exec(s);
  if (m && Number(m[1]) <= 24) return { h: Number(m[1]), min: 0, meridiem: null };
  m = EN_DAY_HOUR.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { h: Number(m[1]), min: 0, meridiem: null };
  return null;
}

function meridiemOf(s: string | undefined): "am" | "pm" | null {
  if (!s) return null;
  return s.startsWith("a") ? "am" : "pm";
}

/**
 * The periods after 凌晨 as one alternation, each part a group: its leftmost match is where the earliest of them is said,
 * and at that place the first listed that matches is tried first, so one scan finds the period the list would (the
 * earliest, the first listed of a tie). The parts hold no back-reference, which the groups would renumber.
 */
const LATER_PERIODS = new RegExp(PERIODS.slice(1).map(([re]) => `(${re.source})`).join("|"));
/** the number of the group of each part of LATER_PERIODS (a part's own groups come after its group) */
const LATER_PERIOD_GROUPS: number[] = [];
for (let k = 1, group = 1; k < PERIODS.length; group += 1 + groupCount(PERIODS[k][0]), k++) LATER_PERIOD_GROUPS.push(group);
function groupCount(re: RegExp): number {
  return new RegExp(`${re.source}|`).exec("")!.length - 1;
}

function findPeriod(s: string): Period | null {
  // (凌晨 is the more precise of two: "今晚凌晨1点" is 1 am)
  if (PERIODS[0][0].test(s)) return PERIODS[0][1];
  const m = LATER_PERIODS.exec(s);
  if (!m) return null;
  const k = LATER_PERIOD_GROUPS.findIndex((g) => m[g] !== undefined);
  return PERIODS[k + 1][1];
}

function weekdayDelta(today: number, target: number, next: boolean): number {
  // "next" = that weekday in the next Monday-based week; otherwise the next occurrence, today included.
  return next ? 7 - today + target : (target - today + 7) % 7;
}

// A month and a day written with a dot or a slash, said of a day (12.20入住, 12/20到店) or with a time of it (12/19 上午):
// not a size's decimal (12.5寸), nor what reads as a rating (4/5, 8/10)
const DOTTED_MONTH_DAY = /(?<![\d./])(?![0-5]\s*\/\s*5(?!\d)|(?:10|\d)\s*\/\s*10(?!\d))(1[0-2]|0?[1-9])\s*[./]\s*(3[01]|[12]\d|0?[1-9])(?![\d./])(?=\s*(?:入住|到店|出发|那天|当天|check[- ]?in|arriv|上午|下午|晚上|早上|中午|傍晚|\d{1,2}\s*(?:点|:\d\d|：\d\d|am|pm)))/;
// Written dates: 2026-12-10, 2026/12/10, 2026.12.10, 2026年12月10日
const ISO_DATE = /(?<![\d.])(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?![\d])/;

const TIME_AFTER = new RegExp(`^\\s*(?:的)?\\s*(?:上午|下午|晚上|早上|中午|傍晚|凌晨|早|晚|\\d{1,2}\\s*[点:：]|${ZH_NUM_RE}点)`);

const HABIT = /(?<![今明昨当每])(?:晚上|夜里|夜间|早上|早晨)\s*(?:老是|总是|经常|常常|一直|睡前|睡觉|睡不|喝|炖|煮|骑车|要?看得|(?:[打玩开]\s*)?要?用|练)/;

const OPEN_UNTIL = /(?:开|营业|(?<![a-z])open)\s*到|几点(?:开门|关门|打烊|营业|开)/;
const HOURS_ASKED = /(?:开|营业)到几点|几点(?:关门|打烊|下班)|(?:开门|营业|开着)(?:吗|没|不|么)|(?<![a-z])open(?![a-z])/;
function isToday(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** `todayOf` gives the zone's date, computed only when a day is found (most messages with a digit name none) */
function findDay(s: string, todayOf: () => CalendarDate): CalendarDate | null {
  const weekday = () => isoWeekday(todayOf());
  let m = ISO_DATE.exec(s);
  if (m) {
    const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    if (isValidDate(date)) return date;
  }
  m = ZH_MONTH_DAY.exec(s);
  if (m) return yearFor(todayOf(), parseNumber(m[1]), parseNumber(m[2]));
  m = MONTH_OFF_DAY.exec(s);
  if (m) {
    const today = todayOf();
    const next = /^(?:下|next)/.test(m[1]);
    const date = { year: next && today.month === 12 ? today.year + 1 : today.year, month: next ? (today.month % 12) + 1 : today.month, day: parseNumber(m[2]) ?? 0 };
    if (isValidDate(date)) return date;
  }
  m = EN_MONTH_DAY.exec(s);
  if (m) return yearFor(todayOf(), EN_MONTH[m[1].slice(0, 3)], Number(m[2]));
  m = DOTTED_MONTH_DAY.exec(s);
  if (m) return yearFor(todayOf(), Number(m[1]), Number(m[2]));
  m = EN_DAY_MONTH.exec(s);
  if (m) return yearFor(todayOf(), EN_MONTH[m[2].slice(0, 3)], Number(m[1]));
  m = ZH_DAY_OF_MONTH.exec(s) ?? EN_THE_NTH.exec(s);
  if (m) {
    const d = parseNumber(m[1]);
    if (d !== null) {
      const today = todayOf();
      let date = { year: today.year, month: today.month, day: d };
      if (d < today.day) date = { year: today.month === 12 ? today.year + 1 : today.year, month: today.month === 12 ? 1 : today.month + 1, day: d };
      if (isValidDate(date)) return date;
    }
  }
  const holiday = holidayDay(s, todayOf);
  if (holiday) return holiday;
  // (of several weekdays, the one a time is said with: "下周六用，下周五下午来取" is Friday afternoon)
  m = ZH_WEEKDAY_RE.exec(s);
  if (m && ZH_WEEKDAY_RE.exec(s.slice(m.index + m[0].length))) {
    const all = [...s.matchAll(new RegExp(ZH_WEEKDAY_RE.source, "g"))];
    m = all.find((w) => TIME_AFTER.test(s.slice(w.index! + w[0].length))) ?? m;
  }
  if (m) {
    const prefix = m[1] ?? "";
    const extra = prefix.startsWith("下下") ? 7 : 0;
    return addDays(todayOf(), weekdayDelta(weekday(), ZH_WEEKDAY[m[2]], prefix.startsWith("下")) + extra);
  }
  m = ZH_WEEKEND_RE.exec(s);
  if (m) return addDays(todayOf(), weekdayDelta(weekday(), 6, (m[1] ?? "").startsWith("下")));
  m = EN_WEEKDAY_RE.exec(s);
  if (m) {
    const word = m[2];
    // "sat", "sun", "wed" are also ordinary words: short forms need "this/next/on" before them.
    // ("wednesday next week" is next week's)
    const after = s.slice(m.index + m[0].length);
    const next = m[1] === "next" || /^\s*(?:of\s+)?next\s+week(?![a-z])/.test(after);
    if (word.length > 3 || m[1] || /^\s*(?:morning|afternoon|evening|night|noon|next\s+week|\d)/.test(after)) return addDays(todayOf(), weekdayDelta(weekday(), EN_WEEKDAY[word], next));
  }
  m = EN_WEEKEND_RE.exec(s);
  if (m) return addDays(todayOf(), weekdayDelta(weekday(), 6, m[1] === "next"));
  // (of several, the one said first: "后天到大后天" is the day after tomorrow, "今晚8点可以吗 明天漫展" tonight)
  let first: { at: number; delta: number } | null = null;
  for (const [re, delta] of RELATIVE_DAYS) {
    const r = re.exec(s);
    if (r && (!first || r.index < first.at)) first = { at: r.index, delta };
  }
  if (first) return addDays(todayOf(), first.delta);
  return null;
}

function yearFor(today: CalendarDate, month: number | null, day: number | null): CalendarDate | null {
  if (!month || !day) return null;
  let date = { year: today.year, month, day };
  // A date already past this year is next year's ("1月5号" said in November).
  if (month < today.month || (month === today.month && day < today.day)) date = { ...date, year: today.year + 1 };
  return isValidDate(date) ? date : null;
}

function hourOf(clock: Clock, period: Period | null): number {
  let h = clock.h;
  if (clock.meridiem === "pm") return h < 12 ? h + 12 : h;
  if (clock.meridiem === "am") return h === 12 ? 0 : h;
  if (!period) return h >= 1 && h <= 6 ? h + 12 : h; // "3点" in a shop chat is 15:00
  switch (period.kind) {
    case "pm":
    case "night":
      if (h < 12) h += 12;
      else if (h === 12 && period.kind === "night") h = 24; // 晚上12点 = midnight
      return h;
    case "noon":
      return h <= 3 ? h + 12 : h; // 中午1点 = 13:00
    default:
      return h;
  }
}

/**
 * The date-time the text refers to, as ISO 8601 with the zone's offset, or null when it names none.
 * `lower` is the normalised, lowercased utterance.
 */
export function parseWhen(lower: string, now: Date, timeZone: string): string | null {
  // Most messages name no time at all: one cheap scan rules them out before two dozen patterns run.
  if (!MAYBE_TIME.test(lower)) return null;
  const tz = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const s = lower.replace(GREETINGS, " ");
  // "半小时后到店取", "20分钟后", "in 30 min": that long from now, to the minute
  const later = s.includes("后") || s.includes("in ") ? LATER_BY.exec(s) : null;
  if (later) {
    const n = later[1] ? (later[1] === "半" ? 0.5 : parseNumber(later[1])) : later[3] ? (/^(?:an?|one)$/.test(later[3]) ? 1 : /^half/.test(later[3]) ? 0.5 : Number(later[3])) : null;
    const minutes = n === null ? null : /小时|钟头|hour|hr/.test(later[0]) ? n * 60 : n;
    if (minutes && minutes > 0 && minutes <= 12 * 60) return formatZoned(tz, Math.floor(now.getTime() / 60_000) * 60_000 + minutes * 60_000);
  }
  let today: CalendarDate | undefined;
  const todayOf = () => (today ??= localDateTime(tz, now.getTime()));
  const day = findDay(s, todayOf);
  const period = findPeriod(s);
  const clock = findClock(s, !!day || !!period);
  if (!day && !period && !clock) return null;
  // a part of the day said of a habit, with no day or hour, is no time: "晚上老是睡不着", "晚上睡前喝", "夜里打要用",
  // "冬天早上练拳太冷了" ("晚上送" is one)
  if (!day && !clock && HABIT.test(s)) return null;
  // nor a part of the day the hours are asked of: "早上几点开门", "晚上开到几点", "open 到下午的" ("开到晚上十点" has an hour)
  if (!day && !clock && OPEN_UNTIL.test(s)) return null;
  // a question of today's hours names no time: "东湖店今天开到几点", "观前街店今天开门吗" ("今晚开到几点" does)
  if (day && !period && !clock && HOURS_ASKED.test(s) && isToday(day, todayOf())) return null;

  let hour: number;
  let minute = 0;
  if (clock) {
    hour = hourOf(clock, period);
    minute = clock.min;
  } else if (period) {
    hour = period.defaultHour;
  } else {
    hour = 10;
  }
  let date: CalendarDate = day ?? todayOf();
  // "今晚凌晨1点": the small hours after tonight
  if (period?.kind === "early" && hour < 6 && /今晚|今天晚上|(?<![a-z])tonight(?![a-z])/.test(s)) date = addDays(date, 1);
  if (hour >= 24) {
    date = addDays(date, Math.floor(hour / 24));
    hour %= 24;
  }
  let ms = zonedInstant(tz, date, hour * 60 + minute);
  if (!day && ms <= now.getTime()) ms = zonedInstant(tz, addDays(date, 1), hour * 60 + minute);
  return formatZoned(tz, ms);
}

