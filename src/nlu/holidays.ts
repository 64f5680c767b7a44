// Days named by a holiday: "元旦晚上", "除夕晚上八点", "元宵节晚上", "christmas eve 7pm". General language of the calendar,
// not of any trade. A holiday is read as a day only with a time of that day said after it (a period or a clock), or in
// the English forms that say "day" or "eve": 元宵, 腊八 and 圣诞 alone are as often a food, a garlic or a tree.
import { addDays, type CalendarDate } from "../domain/time/time-zone.ts";

/** the first day of the lunar year (春节), by Gregorian year: a calendar fact (the Intl Chinese calendar is a day off in
 * some years, 2027 among them) */
const SPRING_FESTIVAL: Record<number, string> = {
  2024: "02-10", 2025: "01-29", 2026: "02-17", 2027: "02-06", 2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23",
  2032: "02-11", 2033: "01-31", 2034: "02-19", 2035: "02-08", 2036: "01-28", 2037: "02-15", 2038: "02-04", 2039: "01-24",
  2040: "02-12",
};

type Rule = { solar: [number, number] } | { newYear: number } | { lunar: [number, number] } | { term: [number, number] };

/** each holiday's words, and the day they name */
const HOLIDAYS: [string, Rule][] = [
  ["元旦|new\\s+year'?s?\\s+day", { solar: [1, 1] }],
  ["情人节|valentine'?s?\\s+day", { solar: [2, 14] }],
  ["五一劳动节|劳动节", { solar: [5, 1] }],
  ["六一儿童节|儿童节", { solar: [6, 1] }],
  ["国庆节?", { solar: [10, 1] }],
  ["平安夜|christmas\\s+eve", { solar: [12, 24] }],
  ["圣诞节?|christmas(?:\\s+day)?", { solar: [12, 25] }],
  ["跨年夜?|new\\s+year'?s?\\s+eve", { solar: [12, 31] }],
  ["除夕|大年三十|年三十", { newYear: -1 }],
  ["春节|大年初一", { newYear: 0 }],
  ["元宵节?", { newYear: 14 }],
  ["端午节?", { lunar: [5, 5] }],
  ["七夕节?", { lunar: [7, 7] }],
  ["中秋节?", { lunar: [8, 15] }],
  ["重阳节?", { lunar: [9, 9] }],
  ["腊八节?", { lunar: [12, 8] }],
  // (the solar terms people name a day by: month, and the constant of the term's day for 2001–2099)
  ["立春", { term: [2, 3.87] }],
  ["清明节?", { term: [4, 4.81] }],
  ["夏至", { term: [6, 21.37] }],
  ["立秋", { term: [8, 7.5] }],
  ["立冬", { term: [11, 7.438] }],
  ["冬至", { term: [12, 21.94] }],
];
/** any holiday's words, each holiday a group (the first that matches at a place is its own) */
const HOLIDAY_SAID = new RegExp(HOLIDAYS.map(([words]) => `(?<![a-z])(${words})(?![a-z])`).join("|"), "g");
/** a time of the day said after it: a period or a clock ("元旦晚上", "除夕 8点", "christmas eve 7pm") */
const TIME_OF_IT = /^\s*(?:当天|那天|当日|那一天)(?!\s*(?:的)?\s*(?:几点|什么时候|开门|营业))|^\s*(?:当天|那天|当晚|那晚)?\s*(?:的)?\s*(?:上午|下午|晚上|早上|中午|傍晚|凌晨|夜里|晚\s*\d|晚[一二三四五六七八九十]|\d{1,2}\s*(?:[点:：]|am|pm)|[一二三四五六七八九十两]{1,3}\s*点|(?:morning|afternoon|evening|night|noon)(?![a-z]))/;
/** a holiday said as the day on which (在元旦, before it) or by which (元旦前, 元旦之前, after it) */
const ON_IT = /在\s*$/;
const BY_IT = /^\s*(?:前|之前|以前)/;
/** English forms that name the day itself */
const ENGLISH_DAY = /(?:day|eve)$/;

/** The day a holiday said with a time of it names, on or after the zone's date (`todayOf`, read only then); null when
 * none is said so. */
export function holidayDay(s: string, todayOf: () => CalendarDate): CalendarDate | null {
  HOLIDAY_SAID.lastIndex = 0;
  for (let m = HOLIDAY_SAID.exec(s); m; m = HOLIDAY_SAID.exec(s)) {
    const k = m.slice(1).findIndex((g) => g !== undefined);
    // (or by, or on, the day: "元旦前发到成都", "婚礼在元旦")
    const after = s.slice(m.index + m[0].length);
    if (!ENGLISH_DAY.test(m[0]) && !TIME_OF_IT.test(after) && !BY_IT.test(after) && !ON_IT.test(s.slice(0, m.index))) continue;
    return nextDay(HOLIDAYS[k][1], todayOf());
  }
  return null;
}

function nextDay(rule: Rule, today: CalendarDate): CalendarDate | null {
  for (const year of [today.year, today.year + 1]) {
    const day = dayIn(rule, year);
    if (day && !before(day, today)) return day;
  }
  return null;
}

function dayIn(rule: Rule, year: number): CalendarDate | null {
  if ("solar" in rule) return { year, month: rule.solar[0], day: rule.solar[1] };
  if ("newYear" in rule) {
    // 除夕 of the lunar year that begins in `year` falls in `year` (in late January or in February)
    const md = SPRING_FESTIVAL[year];
    if (!md) return null;
    const [month, day] = md.split("-").map(Number);
    return addDays({ year, month, day }, rule.newYear);
  }
  if ("term" in rule) {
    // (the day of a solar term: floor(Y × 0.2422 + C) − L, Y the year of the century and L its leap years, those before
    // it for a term in January or February)
    const y = year % 100;
    const leaps = Math.floor((rule.term[0] <= 2 ? y - 1 : y) / 4);
    return { year, month: rule.term[0], day: Math.floor(y * 0.2422 + rule.term[1]) - leaps };
  }
  return lunarDay(year, rule.lunar[0], rule.lunar[1]);
}

const LUNAR = new Intl.DateTimeFormat("en-u-ca-chinese", { timeZone: "UTC", month: "numeric", day: "numeric" });

/** the Gregorian day of lunar month/day (not a leap month) in the four months from `year`'s Gregorian month before it,
 * by the Intl Chinese calendar (腊八 of 2026 is in January 2027) */
function lunarDay(year: number, month: number, day: number): CalendarDate | null {
  // (lunar month M falls roughly a month or two after Gregorian month M: start a month before it)
  let d: CalendarDate = { year, month: Math.max(1, month - 1), day: 1 };
  for (let k = 0; k < 120; k++, d = addDays(d, 1)) {
    const parts = LUNAR.formatToParts(new Date(Date.UTC(d.year, d.month - 1, d.day, 12)));
    if (parts.find((p) => p.type === "month")?.value === String(month) && parts.find((p) => p.type === "day")?.value === String(day)) return d;
  }
  return null;
}

function before(a: CalendarDate, b: CalendarDate): boolean {
  return a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;
}
