// What one of a product is, when it is sold by an amount rather than by the piece: the 斤 of a description that says
// 按斤计 or 按斤称重, the 人 of 按人计, the 晚 of 按晚计. A count of that unit said of the product is how many of it are
// ordered ("摘草莓 三斤", "腊肉 2 jin", "木屋 住两晚"). Read from the catalog's own words; the units are Chinese's.
import { parseNumber, ZH_NUM_CHARS, ZH_NUM_RE } from "./numbers.ts";

/** a unit a product may be sold by, and its spellings in a message */
const UNITS: Record<string, string> = {
  斤: "斤|jin(?![a-z])|catty|catties",
  公斤: "公斤|千克|kg(?![a-z])|kilos?(?![a-z])",
  克: "克|g(?![a-z])|grams?(?![a-z])",
  升: "升|公升|l(?![a-z])|lit(?:er|re)s?(?![a-z])",
  人: "个人|人|位|people|persons?|ppl|pax",
  晚: "晚(?!上|饭|餐|场)|夜(?!里|宵|场)|nights?(?![a-z])",
  天: "天|days?(?![a-z])",
  // (a month is said with 个: the 12月 of a date is none)
  月: "个月|months?(?![a-z])",
  // (a year counted: not the 2026年 of a date, nor a 年卡)
  年: "年(?![卡级纪代度初底前后会费货终夜])|years?(?![a-z])",
  周: "个?(?:周|星期|礼拜)(?![一二三四五六日天1-7末])|weeks?(?![a-z])",
  小时: "个小时|小时|个钟|钟头|hours?(?![a-z])|hrs?(?![a-z])|h(?![a-z])",
  // (lessons, visits and games said in English: "10 lessons", "two times", "3 rounds")
  节: "节(?![日假])|lessons?(?![a-z])|classes(?![a-z])|sessions?(?![a-z])",
  课时: "课时|lessons?(?![a-z])|classes(?![a-z])|class hours?(?![a-z])",
  次: "次|times(?![a-z])|sessions?(?![a-z])|visits?(?![a-z])",
  局: "局|games?(?![a-z])|rounds?(?![a-z])",
  集: "集|episodes?(?![a-z])",
  // (a running metre said 延米: "台面 5延米")
  米: "延?米(?![白黄色])|m(?![a-z])|met(?:er|re)s?(?![a-z])",
  厘米: "厘米|公分|cm(?![a-z])|centimet(?:er|re)s?(?![a-z])",
  // (characters engraved or written: "每枚5个字", "12 characters", "6 letters")
  字: "个?字(?![母体号])|characters?(?![a-z])|chars?(?![a-z])|letters?(?![a-z])",
  公里: "公里|千米|km(?![a-z])|kilomet(?:er|re)s?(?![a-z])",
  // (a floor's area said short, "85平", "120个平方")
  平方米: "个?(?:平方米|平米|平方|平(?![安台价静常时日板底面头]))|㎡|m²|m2(?![a-z\\d])|sqm|sq\\.? ?m(?![a-z])|square met(?:er|re)s?",
};
// (any unit the description names, 按刀卖, 按节计 or 按斤打 of a draught beer: the known ones have other spellings above)
// (an area or a length of a kind, 按投影平方 of a wardrobe or 按延米 of cabinets, is that unit's)
const SAYS = /按\s*(?:投影|展开|实际)?\s*([\u4e00-\u9fff]{1,3}?)\s*(?:计|称重|称|算|收费|收|计价|计费|卖|售|打)/;
const SAME: Record<string, string> = { 千克: "公斤", kg: "公斤", g: "克", 位: "人", 个人: "人", 夜: "晚", 平米: "平方米", 平方: "平方米", 平: "平方米", "㎡": "平方米", 钟: "小时", 延米: "米", 公分: "厘米" };

/** The unit a product's description says it is sold by, or null. */
export function soldBy(description: string | null | undefined): string | null {
  const m = description ? SAYS.exec(description) : null;
  return m ? sameUnit(m[1]) : null;
}

// a description that says one of it is a pair: 一对装, 按对计, 一副两片, "sold as a pair" (not 一对一, one-to-one lessons)
const PAIR_SAID = /[一按成每]\s*[对副](?!一)|[对副]装|pairs?(?![a-z])/i;

/** Whether a product's description says one of it is a pair (so "一对" of it is one, not two); one sold by another unit
 * is not, whatever pairs it is used in: "按根卖，门口通常两根一对". */
export function soldInPairs(description: string | null | undefined): boolean {
  if (!description) return false;
  const unit = soldBy(description);
  return unit ? unit === "对" || unit === "副" : PAIR_SAID.test(description);
}

/** One name per unit a catalog writes several ways (千克 is 公斤, 位 人, 平米 平方米). */
export const sameUnit = (unit: string): string => SAME[unit] ?? unit;

/** How a customer may write a unit (its spellings as a regex source; the unit itself when it has no others). */
export const unitSpellings = (unit: string): string => UNITS[unit] ?? unit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether a size said (one the product does not come in) is an amount of what it is sold by: the 6米 of curtains sold
 * by the metre is how much of them, not a size (unless its sizes are such amounts: 6晚 of a room sold in 1晚 to 7晚). */
export function isAmountSold(said: string, p: { sizes: string[]; unit?: string | null }): boolean {
  const unit = p.unit;
  return !!unit && !p.sizes.includes(said) && countOf(said, unit) !== null && !p.sizes.some((z) => countOf(z, unit) !== null);
}

/** two clock times with a word of "until" between ("10点到12点", "下午2点-5点", "2pm to 5pm") */
const CLOCK_RANGE = new RegExp(`(?<![\\d:])(\\d{1,2}|${ZH_NUM_RE})\\s*(?:点|:00|\\s?(am|pm))\\s*(?:到|至|-|~|～|to|till|until)\\s*(?:下午|晚上)?\\s*(\\d{1,2}|${ZH_NUM_RE})\\s*(?:点|:00|\\s?(am|pm))`);
/** The whole hours between two clock times said, or null (a range across noon said in 12-hour time is read so). */
function hoursBetween(text: string): number | null {
  const m = CLOCK_RANGE.exec(text);
  if (!m) return null;
  const from = parseNumber(m[1]);
  let to = parseNumber(m[3]);
  if (from === null || to === null) return null;
  if (to <= from && to + 12 > from && (m[4] === "pm" || !m[4])) to += 12;
  const hours = to - from;
  return hours >= 1 && hours <= 12 ? hours : null;
}

/** spans of time as so many of a shorter one, where the count is exact (a month is no fixed count of days) */
const SPANS: Record<string, [string, number][]> = { 月: [["年", 12]], 天: [["周", 7]], 晚: [["周", 7]] };

/** Whether a unit is a span of time a thing is hired or stayed for (小时, 天, 晚, 周, 月, 年). */
export const isSpanOfTime = (unit: string | null | undefined): boolean => !!unit && /^(?:小时|天|晚|周|月|年)$/.test(unit);

/** weights in grams, and how each is said, for a weight said in another weight's unit (一斤 of a product sold by 克 is 500) */
const GRAMS: Record<string, number> = { 克: 1, 两: 50, 斤: 500, 公斤: 1000 };
/** Whether a unit is a weight's (斤, 公斤, 克, 两). */
export const isWeight = (unit: string): boolean => unit in GRAMS;
/** Whether a unit measures an amount (a weight, a length, an area, a volume): said of a product sold by it, the amount beats a
 * count of pieces ("鲈鱼一条 四斤的" is 4, "隔音窗三个卧室 一共15平" 15). */
export const isMeasure = (unit: string): boolean => isWeight(unit) || unit === "米" || unit === "平方米" || unit === "升";
/** a size that is a weight: 500g包, 2斤装 */
export const WEIGHT_SIZE = /\d\s*(?:g|克|kg|公斤|斤|两)/i;
const WEIGHT_SAID: Record<string, string> = { ...UNITS, 两: "两(?![个人只位天])|liang(?![a-z])" };

/** a family of so many (一家三口) or us so many (我们俩, 俺们仨) */
const PARTY = new RegExp(`一家\\s*(${ZH_NUM_RE}|\\d{1,2})\\s*口|(?:我们|俺们|咱们|咱|我俩|他们)\\s*(俩|仨)`);
const counted = new Map<string, RegExp>();
/** Every whole count of `unit` said in `text`, where it is said ("蒜蓉的2斤 十三香的2斤": two of 2). */
export function amountsSaid(text: string, unit: string): { start: number; end: number; value: number }[] {
  return countsSaid(text, unit).filter((c): c is { start: number; end: number; value: number } => isWhole(c.value));
}

/** The count of `unit` said first: the first whole one (the 3.1米 of "3.1米幅宽的 要18米" is a size's), else the first. */
function said(text: string, unit: string): number | null {
  const all = countsSaid(text, unit);
  return (all.find((c) => isWhole(c.value)) ?? all.find((c) => c.value !== null))?.value ?? null;
}

const isWhole = (n: number | null): n is number => n !== null && n >= 1 && Number.isInteger(n);

/** Every count of `unit` said in `text`, in order, with its number (null when it reads as none). */
function countsSaid(text: string, unit: string): { start: number; end: number; value: number | null }[] {
  const re = unitCount(unit);
  const out: { start: number; end: number; value: number | null }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, value: m[1].startsWith("half") ? 0.5 : parseNumber(m[1]) });
  return out;
}

/** A count and `unit` as a message says them (memoised per unit). */
function unitCount(unit: string): RegExp {
  let re = counted.get(unit);
  // (not a weekday's numeral: the 六 of 周六晚上)
  // (or an English number word: "for two weeks", "a week")
  if (!re) counted.set(unit, (re = new RegExp(`(?<![\\d.周期拜])(\\d{1,4}(?:\\.\\d)?|${ZH_NUM_RE}|半|half an?|half|(?<![a-z])(?:one|two|three|four|five|six|seven|eight|nine|ten|a)(?=[\\s-]))[\\s-]*(?:${WEIGHT_SAID[unit] ?? unit})`, "g")));
  return re;
}

/** The count of `unit` said in `text` ("三斤", "2 jin", "住两晚"), or null; a weight said in another weight's unit is
 * converted ("一斤" is 500 of 克, "一公斤" 2 of 斤, "二两" 100 of 克), and with `spans` a span of time in a longer one
 * ("半年" is 6 of 月). */
export function countOf(text: string, unit: string, spans = true): number | null {
  // (people said as a family or a party: "一家三口", "俺们仨", "我和老伴两个人" is the last)
  if (unit === "人") {
    const party = PARTY.exec(text);
    const p = party ? parseNumber(party[1] ?? party[2]) : null;
    if (p !== null && p >= 1) return p;
  }
  const n = said(text, unit);
  if (n !== null) return isWhole(n) ? n : null;
  // (hours said as the clock times they run between: "10点到12点", "8pm to 11pm")
  if (unit === "小时") {
    const hours = hoursBetween(text);
    if (hours !== null) return hours;
  }
  // (a unit of a thousand, 千字 or 千词, said as the whole count: "8000字", "两万字", "1万5千字", "6 thousand words")
  if (unit.startsWith("千") && unit.length > 1) return thousandsOf(text, unit.slice(1));
  // (a span of time said in a longer unit, of a product sold by a shorter one: "租半年" of a piano rented by the month is 6,
  // "住两周" of a bed by the day 14)
  for (const [longer, n] of spans ? SPANS[unit] ?? [] : []) {
    const m = said(text, longer);
    if (m !== null && m <= 10 && Number.isInteger(m * n)) return m * n;
  }
  if (!(unit in GRAMS)) return null;
  for (const other of Object.keys(GRAMS)) {
    if (other === unit) continue;
    const m = said(text, other);
    const converted = m === null ? null : (m * GRAMS[other]) / GRAMS[unit];
    if (converted !== null && converted >= 1 && Number.isInteger(converted)) return converted;
  }
  return null;
}

const THOUSANDS_WORDS: Record<string, string> = { 字: "字|words?|characters|chars", 词: "词|words?" };
/** the pattern of a count of thousands of each `what`, compiled once */
const thousandsSaid = new Map<string, RegExp>();
/** How many thousands of `what` (字, 词) are said, when whole: "8000字" is 8, "1万5千字" 15. */
function thousandsOf(text: string, what: string): number | null {
  let re = thousandsSaid.get(what);
  if (!re) thousandsSaid.set(what, (re = new RegExp(`(\\d+(?:\\.\\d+)?|[${ZH_NUM_CHARS}]+)\\s*(万|千|k|thousand)?\\s*(?:(\\d|[一二两三四五六七八九])\\s*千)?\\s*(?:${THOUSANDS_WORDS[what] ?? what})(?![a-z])`)));
  const m = re.exec(text);
  if (!m) return null;
  const lead = /^\d/.test(m[1]) ? Number(m[1]) : parseNumber(m[1]);
  if (lead === null) return null;
  const scale = m[2] === "万" ? 10000 : m[2] ? 1000 : 1;
  const total = lead * scale + (m[3] ? (parseNumber(m[3]) ?? 0) * 1000 : 0);
  const k = total / 1000;
  return isWhole(k) ? k : null;
}
