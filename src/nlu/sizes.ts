// Sizes as people say them (大杯, large, L码, 42码, 腰围32, 175/92A, 50ml, 一米八, 三人位) and their
// resolution against a product's own size list.
//
// Every spelling is reduced to a comparison key by `sizeKey` (大杯, l, 42, 175/92a, 50ml, 1.8m, seat3),
// and the catalog's sizes are keyed the same way, so "1米8", "1.8m" and "180cm" all find "1.8米".
import { pinyin } from "pinyin-pro";
import { isDictionaryWord, isProperName } from "./dictionary.ts";
import { foldTraditional } from "./traditional.ts";
import { homophonesOf } from "./homophone.ts";
import { MEASURE_WORDS, parseChineseInt, parseNumber, ZH_NUM_CHARS, ZH_NUM_RE } from "./numbers.ts";
import type { Span } from "./text.ts";
import { translationSizes } from "./translation-sizes.ts";

export interface SizeMention extends Span {
  /** Candidate keys, most likely first: "large" is 大杯 for a coffee and L for a shirt. */
  keys: string[];
  /** How to report the size when the product's list does not contain it (the user's words, tidied). */
  display: string;
  /** Adjectives like "large" are weaker evidence than 大杯 or L码; they are never reported unresolved. */
  weak: boolean;
  /** how many of the size were said with it: 两打 is 2 × 一打 */
  count?: number;
}

const SEAT_DIGIT: Record<string, number> = { 双: 2, 单: 1 };

/** the mark of a diameter before a length (Φ50cm) */
const DIAMETER = /^(?:φ|ø|⌀|直径)/;

/** Canonical comparison key for a size string (either the user's or the catalog's). */
export function sizeKey(raw: string): string {
  // 装 is "a pack of": 20粒装 and 20粒 are one size
  // (a diameter is its length: Φ50cm is 50cm)
  let s = raw.toLowerCase().replace(/\s+/g, "").replace(DIAMETER, "").replace(/(?<=[a-z])-(?=[a-z])/g, "").replace(/装$/, "").replace(/(?<=\d)[*×](?=\d)/g, "x").replace(/毫升/g, "ml").replace(/公斤/g, "kg").replace(/升$/, "l").replace(/克$/, "g").replace(/盎司$/, "oz").replace(/(?<=\d)lbs?$/, "lb").replace(/千瓦$/, "kw").replace(/瓦$/, "w").replace(/(?:公里|千米)$/, "km").replace(/伏$/, "v").replace(/(?:mm²|mm2|平方毫米)$/, "平方").replace(/装$/, "")
    // (an area: 10平米, 10平, 10m², 10sqm are 10㎡; 平方 alone stays, a cable's is mm²: see sizeIndex)
    .replace(/(?<=\d)(?:平方米|平米|平|m²|m2|sqm)$/, "㎡")
    // (a current: 80安 is 80A, 80安时 80Ah)
    .replace(/(?<=\d)安时$/, "ah").replace(/(?<=\d)安$/, "a")
    // temperatures: -10℃, -10度, -10°C, 零下10度 are one size
    .replace(/(?:℃|°c|°|摄氏度|度)$/, "℃").replace(/^零下/, "-")
    // storage: 10G is 10GB, 1T 1TB
    .replace(/(?<=\d)([gt])b$/, "$1")
    // (2.0号 is 2号)
    .replace(/(?<![\d.])(\d+)\.0+(?![\d])/g, "$1")
    // (a count of ten thousands before a unit, 1万公里 or 2w km, is its number: 10000km)
    .replace(/^(\d+(?:\.\d+)?)[万w](?=[a-z\u4e00-\u9fff])/, (_, n: string) => String(Math.round(Number(n) * 10000)));
  let m = /^(\d+(?:\.\d+)?)(?:米|m)$/.exec(s);
  if (m) return `${Number(m[1])}m`;
  m = /^(\d+(?:\.\d+)?)(?:cm|厘米|公分)$/.exec(s);
  if (m) return `${Number(m[1]) / 100}m`;
  // (seats of a sofa or a car: 3人位, 双人座, 7座)
  m = /^([\d一二两三四五六七八九十双单]+)(?:人(?:位|座)?|座)$/.exec(s);
  if (m) return `seat${SEAT_DIGIT[m[1]] ?? parseNumber(m[1])}`;
  m = /^(\d)-?seaters?$/.exec(s);
  if (m) return `seat${m[1]}`;
  m = /^(\d)xl$/.exec(s);
  if (m) return "x".repeat(Number(m[1])) + "l";
  s = s.replace(/[码号]$/, "");
  // (a colour or model number written with a leading zero is the same: 05号 and 5号)
  s = s.replace(/^0+(?=\d)/, "");
  // shoe systems: EU42 and 42码 are one size in a catalog that uses one system
  s = s.replace(/^(?:eu|us|uk)(?=\d)/, "");
  return s;
}

interface Pattern {
  re: RegExp;
  make(m: RegExpExecArray, orig: string): { keys: string[]; display: string; weak?: boolean } | null;
}

const EN_SEAT: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, single: 1, double: 2 };
const CUP_ALIASES: Record<string, string> = { venti: "超大杯", grande: "大杯", tall: "中杯", 特大杯: "超大杯" };

// Date-like "28号" is not a size when a time of day follows ("28号下午") or a month precedes ("12月3号").
const DATE_FOLLOWS = /^\s*(?:上午|下午|晚上|早上|中午|傍晚|凌晨|\d{1,2}\s*[点:时]|[零一二两三四五六七八九十]{1,3}点)/;

// a count before 大/中/小 said of several ("一大一小", "两个大的一个小的"): the number (with a measure word) before it,
// and what must follow it (another count and adjective) or precede it (one before)
/** the measure words a weak 大 or 小 is read before: 大份, 小碗 */
export const WEAK_SIZE_MEASURES = "份包袋瓶盒罐桶碗盘箱支条只根块张";
const COUNT_BEFORE_ADJ = `(?:\\d{1,2}|${ZH_NUM_RE})\\s*(?:[${MEASURE_WORDS}]\\s*)?`;
const ADJ_PAIR_AFTER = `(?:的)?\\s*[,，、和]?\\s*(?:\\d{1,2}|${ZH_NUM_RE})\\s*(?:[${MEASURE_WORDS}]\\s*)?[大中小]`;
const ADJ_PAIR_BEFORE = `(?:\\d{1,2}|${ZH_NUM_RE})\\s*(?:[${MEASURE_WORDS}]\\s*)?[大中小](?:的)?\\s*[,，、和]?\\s*${COUNT_BEFORE_ADJ}`;

const LENGTH_UNIT = "cm|厘米|公分|mm|毫米|m|米";
const TWO_LENGTHS = `(\\d+(?:\\.\\d+)?)\\s*(${LENGTH_UNIT})?\\s*(?:x|×|\\*|by|乘)\\s*(\\d+(?:\\.\\d+)?)\\s*(${LENGTH_UNIT})`;
const DIMENSIONS = new RegExp(`(?<![\\d.])${TWO_LENGTHS}(?![a-z])`, "g");
const DIMENSION_SIZE = new RegExp(`^${TWO_LENGTHS}$`);
/** a length unit's letters (毫米 is mm) */
const LENGTH_LETTERS: Record<string, string> = { 米: "m", 厘米: "cm", 公分: "cm", 毫米: "mm" };
const METERS: Record<string, number> = { cm: 0.01, 厘米: 0.01, 公分: 0.01, mm: 0.001, 毫米: 0.001, m: 1, 米: 1 };

/** Two lengths in metres ("dim0.15x2"), one unit said for both when only the second has one; null for anything else. */
function dimKey(raw: string): string | null {
  const m = DIMENSION_SIZE.exec(raw.trim().toLowerCase());
  if (!m) return null;
  const meters = (n: string, unit: string) => Math.round(Number(n) * METERS[unit] * 10000) / 10000;
  return `dim${meters(m[1], m[2] ?? m[4])}x${meters(m[3], m[4])}`;
}

const PATTERNS: Pattern[] = [
  { re: /超大杯|特大杯|大杯|中杯|小杯/g, make: (m) => ({ keys: [CUP_ALIASES[m[0]] ?? m[0]], display: CUP_ALIASES[m[0]] ?? m[0] }) },
  { re: /(?<![a-z])(venti|grande|tall)(?![a-z])/g, make: (m) => ({ keys: [CUP_ALIASES[m[1]]], display: CUP_ALIASES[m[1]] }) },
  // Adjectives: their meaning depends on the product, so they carry several keys.
  { re: /(?<![a-z])(extra[- ]?large|x-large)(?![a-z])/g, make: () => ({ keys: ["超大杯", "xl"], display: "XL", weak: true }) },
  { re: /(?<![a-z-])(large|big)(?![a-z])/g, make: () => ({ keys: ["大杯", "l"], display: "L", weak: true }) },
  { re: /(?<![a-z])(medium|regular)(?![a-z])/g, make: () => ({ keys: ["中杯", "m"], display: "M", weak: true }) },
  { re: /(?<![a-z])(small)(?![a-z])/g, make: () => ({ keys: ["小杯", "s"], display: "S", weak: true }) },
  // "full size": the whole one of a product sold in fractions (4/4 of 1/4–4/4, 3/4-4/4 of 1/4-1/2 and 3/4-4/4)
  { re: /(?<![a-z])full[- ]?sized?(?![a-z])|全尺寸/g, make: () => ({ keys: [], display: FULL_SIZE, weak: true }) },
  { re: /(大|中|小|加大)[号码]/g, make: (m) => {
    const map: Record<string, string[]> = { 大: ["l", "大杯"], 中: ["m", "中杯"], 小: ["s", "小杯"], 加大: ["xl", "超大杯"] };
    return { keys: map[m[1]], display: map[m[1]][0].toUpperCase() };
  } },
  // "小的", "大的来两个", "来个大份": the big or small one of whatever the product comes in (大钵 / 小钵), weak
  { re: new RegExp(`([大小])(?=的|[${WEAK_SIZE_MEASURES}])`, "g"), make: (m) => ({ keys: m[1] === "大" ? ["l", "大杯"] : ["s", "小杯"], display: m[1] === "大" ? "L" : "S", weak: true }) },
  // counted in pairs: "一大一小", "两大一小", "一个大的一个小的" (each takes the count before it, numbers.ts)
  { re: new RegExp(`([大中小])(?<=${COUNT_BEFORE_ADJ}[大中小])(?=${ADJ_PAIR_AFTER})|([大中小])(?<=${ADJ_PAIR_BEFORE}[大中小])`, "g"), make: (m) => {
    const mark = m[1] ?? m[2];
    return { keys: mark === "大" ? ["l", "大杯"] : mark === "中" ? ["m", "中杯"] : ["s", "小杯"], display: mark === "大" ? "L" : mark === "中" ? "M" : "S", weak: true };
  } },
  // Letter sizes. Single letters need a cue (uppercase, 码/号, "size") because "m" and "s" are common.
  // (a count of it may follow at once: "M10件 L15件")
  { re: /(?<![a-z0-9])(xxxl|xxl|xl|xxs|xs|[2-4]xl|s|m|l)(?![a-z]|\d(?!\d{0,2}\s*[件条个双套只顶副]))(\s*[码号])?/g, make: (m, orig) => {
    const token = m[1];
    const raw = orig.slice(m.index, m.index + token.length);
    const before = orig.slice(Math.max(0, m.index - 6), m.index).toLowerCase();
    const cued = token.length >= 2 || !!m[2] || raw === raw.toUpperCase() && /[A-Z]/.test(raw) && !/[a-z]'$/i.test(before)
      || /(size|尺码|码数|穿)\s*:?\s*$/.test(before);
    if (!cued) return null;
    const key = sizeKey(token);
    return { keys: [key], display: key.toUpperCase() };
  } },
  // Numeric sizes with a cue: 42码, 32号, size 42, 尺码32, 腰围32, 32腰, W32, waist 32.
  // (腰 ends the word: "32腰", not the 腰 of 腰子 after a count "x10 腰子")
  { re: /(?<![\d.])(\d{2,3}(?:\.5)?)(?:\s*(?:码|号|寸腰|waist|yards?)|腰(?![\u4e00-\u9fff](?<!的)))/g, make: (m, orig) => {
    if (/号$/.test(m[0]) && (DATE_FOLLOWS.test(orig.slice(m.index + m[0].length)) || /月\s*$/.test(orig.slice(0, m.index)))) return null;
    // "12号足疗师", "约18号": a staff member's number, not a size
    if (/号$/.test(m[0]) && (/^[\u4e00-\u9fff]{0,4}(?:师|员|工|匠)/.test(orig.slice(m.index + m[0].length)) || /约\s*$/.test(orig.slice(0, m.index)))) return null;
    return { keys: [m[1]], display: m[1] };
  } },
  { re: /(?:size|尺码|码数|腰围|waist|(?<![a-z])w|eu|us|uk)\s*:?\s*(\d{2,3})(?![\d./])/g, make: (m) => ({ keys: [m[1]], display: m[1] }) },
  { re: /(?<![a-z])(eu|us|uk)\s*(\d{1,2}(?:\.5)?)(?![\d./])|(?<![\d.])(\d{1,2}(?:\.5)?)\s*(eu|us|uk)(?![a-z])/g, make: (m) => {
    const n = m[2] ?? m[3];
    return { keys: [n], display: `${(m[1] ?? m[4]).toUpperCase()}${n}` };
  } },
  { re: new RegExp(`(${ZH_NUM_RE})码`, "g"), make: (m) => {
    const n = parseChineseInt(m[1]);
    return n && n >= 20 ? { keys: [String(n)], display: String(n) } : null;
  } },
  // a share said in words: 百分之七十 is 70%
  { re: new RegExp(`百分之(\\d{1,3}|${ZH_NUM_RE})`, "g"), make: (m) => {
    const n = parseNumber(m[1]);
    return n && n > 0 && n <= 100 ? { keys: [sizeKey(`${n}%`)], display: `${n}%` } : null;
  } },
  // Height/chest sizes: 175/92A.
  { re: /(?<!\d)(\d{3})\s*\/\s*(\d{2,3})\s*([a-z])?(?![a-z])/g, make: (m) => {
    const s = `${m[1]}/${m[2]}${(m[3] ?? "").toUpperCase()}`;
    return { keys: [s.toLowerCase()], display: s };
  } },
  { re: new RegExp(`(?<![\\d.])(\\d{1,4}|${ZH_NUM_RE})\\s*(ml|毫升)`, "g"), make: (m) => {
    const n = parseNumber(m[1]);
    return n === null || n <= 0 ? null : { keys: [`${n}ml`], display: `${n}ml` };
  } },
  // litres and weights: 1L, 2升, 500g, 1kg, 一斤装 (a weight matches its equal in another unit: 1公斤 is 2斤)
  // (ounces and pounds too: 4oz is the 113g one; 半斤 is 250g)
  // a weight in 斤 or 两 that goes on in its tenths or a half: 一斤半 1.5斤, 两斤二 2.2斤, 三两五 3.5两, 4两半 (not a numeral
  // that counts something: "两斤三盒")
  { re: new RegExp(`(?<![\\d.${ZH_NUM_CHARS}])(\\d{1,2}|[一两二三四五六七八九十])\\s*(斤|两)(半|[1-9一二三四五六七八九])(?![${MEASURE_WORDS}${ZH_NUM_CHARS}\\d.]|斤|两|个)`, "g"), make: (m) => {
    const whole = parseNumber(m[1]);
    if (whole === null || whole <= 0) return null;
    const n = Number(`${whole}.${m[3] === "半" ? 5 : parseNumber(m[3])}`);
    return m[2] === "斤" ? { keys: [sizeKey(`${n}斤`)], display: `${n}斤` } : { keys: [`${n}两`], display: `${n}两` };
  } },
  // a range of weights or lengths: "5到10公斤", "5-10kg" (the 5-10kg one)
  { re: /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:到|至|-|~|～)\s*(\d+(?:\.\d+)?)\s*(kg|公斤|千克|斤|cm|厘米|公分)(?![a-z])/g, make: (m) => ({ keys: [sizeKey(`${m[1]}-${m[2]}${m[3]}`)], display: `${m[1]}-${m[2]}${m[3]}` }) },
  // (said with an English number, "one kg", "two litres"; a Chinese unit may be followed by a count, "1公斤x5")
  // (a Chinese numeral right after a product's digits starts the weight: the 一公斤 of 登海605一公斤)
  { re: new RegExp(`(?<![.a-z]|\\d(?=\\d))(\\d+(?:\\.\\d+)?|${ZH_NUM_RE}|半(?=斤|公斤|千克|磅|升)|(?:one|two|three|four|five|six|ten|an?|half(?:\\s+an?)?)(?=\\s+(?:kg|kilo|lit|lbs?|oz|pound|catt)))\\s*((?:l|kg|g|oz|lbs?|lit(?:er|re)s?|kilo(?:gram)?s?|pounds?|catt(?:y|ies))(?![a-z&])|升|克|公斤|千克|斤|盎司|磅)`, "g"), make: (m, orig) => {
    // ("half a kilo", "two pounds", "1 catty": kilos in kg, pounds in lb, catties in 斤)
    const n = m[1].startsWith("half") ? 0.5 : parseNumber(m[1]);
    const said = m[2].replace(/^kilo.*/, "kg").replace(/^pounds?$/, "lb").replace(/^catt.*/, "斤");
    if (n === null || n <= 0) return null;
    const unit = said === m[2] ? orig.slice(m.index + m[0].length - m[2].length, m.index + m[0].length) : said;
    return { keys: [sizeKey(n + said.replace(/^lit.*/, "l"))], display: `${n}${unit}` };
  } },
  // the 两 of weight (50g): "1两的金条", "二两", "半两", "一两装" (not "一两个", "三两天": a few)
  { re: new RegExp(`(?<![\\d.${ZH_NUM_CHARS}])(\\d+(?:\\.\\d+)?|[二三四五六七八九十半]|一(?=两装))\\s*两(?![${MEASURE_WORDS}${ZH_NUM_CHARS}天次年周位人种样块]|公斤|千克)`, "g"), make: (m) => {
    const n = parseNumber(m[1]);
    return n === null || n <= 0 ? null : { keys: [`${n}两`], display: `${n}两` };
  } },
  // Two lengths in metres and tenths, the Chinese way: 1米6*2米3, 1米2乘1米8, 1米5x2米
  { re: /(?<![\d.])([1-9])米([1-9])?\s*(?:x|×|\*|乘)\s*([1-9])米([1-9])?/g, make: (m) => ({ keys: [`dim${m[1]}${m[2] ? `.${m[2]}` : ""}x${m[3]}${m[4] ? `.${m[4]}` : ""}`], display: m[0] }) },
  // Two lengths, the second with its unit: 15cm x 2m, 10*100cm, 15×2米 (a unitless first is in that unit or in cm)
  { re: DIMENSIONS, make: (m) => {
    const keys = [dimKey(m[0]), dimKey(`${m[1]}cm x${m[3]}${m[4]}`)].filter((k): k is string => k !== null);
    return keys.length ? { keys: [...new Set(keys)], display: m[0] } : null;
  } },
  // Lengths: 一米八 / 1米8 first (else "1米" is read), then 1.8米, 1.8m, 180cm. Distances (500米) are radii,
  // not sizes: keep < 20 m (as radius.ts does; < 10 m until session 22).
  // (a numeral after 米 that counts something is no tenths: "数据线2米一根")
  { re: new RegExp(`([1-9一两二三四五六七八九])米([1-9一二三四五六七八九])(?![${MEASURE_WORDS}])(?![0-9零一二三四五六七八九十]*(?:公里|米|千米))`, "g"), make: (m) => {
    const meters = Number(`${parseNumber(m[1])}.${parseNumber(m[2])}`);
    return { keys: [`${meters}m`], display: `${meters}米` };
  } },
  // (whole metres in a Chinese numeral: "一米的", "两米长")
  { re: new RegExp(`(?<![\\d.${ZH_NUM_CHARS}])([一两二三四五六七八九])米(?![${ZH_NUM_CHARS}\\d])`, "g"), make: (m) => {
    const n = parseNumber(m[1]);
    return n && n > 0 ? { keys: [`${n}m`], display: `${n}米` } : null;
  } },
  // (centimetres also in Chinese numerals: 十公分)
  { re: new RegExp(`(?<![\\d.${ZH_NUM_CHARS}])(${ZH_NUM_RE})\\s*(厘米|公分)`, "g"), make: (m) => {
    const n = parseChineseInt(m[1]);
    return n && n > 0 ? { keys: [sizeKey(`${n}cm`)], display: `${n}${m[2]}` } : null;
  } },
  // (millimetres match the same length in centimetres: 75mm is the 7.5cm badge; their own key stays for sizes in mm)
  { re: /(?<![\d.])(\d+(?:\.\d+)?)\s*(mm|毫米)(?![a-z²2])/g, make: (m) => {
    const meters = Number(m[1]) / 1000;
    return meters > 0 && meters < 20 ? { keys: [sizeKey(`${m[1]}mm`), sizeKey(`${Number(m[1]) / 10}cm`)], display: `${m[1]}${m[2]}` } : null;
  } },
  { re: /(?<![\d.])(\d+(?:\.\d+)?)\s*(米|m|cm|厘米|公分)(?![a-z])/g, make: (m) => {
    const key = sizeKey(m[1] + m[2]);
    const meters = Number(key.slice(0, -1));
    if (!(meters > 0 && meters < 20)) return null;
    return { keys: [key], display: meters < 1 && /cm|厘米|公分/.test(m[2]) ? `${m[1]}${m[2]}` : `${meters}米` };
  } },
  // Seats: 三人位, 双人沙发, 3-seater.
  { re: /([\d一二两三四五六双单])人(?=位|座|沙发)(?:位|座)?/g, make: (m) => {
    const key = sizeKey(`${m[1]}人位`);
    return { keys: [key], display: m[0].endsWith("位") || m[0].endsWith("座") ? m[0] : `${m[0]}位` };
  } },
  { re: /(?<![a-z])(\d|one|two|three|four|single|double)[- ]?seaters?(?![a-z])/g, make: (m) => {
    const n = /\d/.test(m[1]) ? Number(m[1]) : EN_SEAT[m[1]];
    return { keys: [`seat${n}`], display: `${n}-seater` };
  } },
  // whom it is for, a man or a woman: the 男士 or 女士, 男款 or 女款 of a product sold in both ("我男的", "女生 1次",
  // "full leg wax for women"), or an animal's sex ("a male" of 公); weak, as an adjective is: only a product that comes in
  // it takes it (not the 男 of 男朋友 or of 男技师, a person)
  { re: /(?<![男女])(男|女)(?!朋友|友|孩|儿|童|宝|神|装店|技师|师傅|老师|顾问|医生|教练|同事|客服|店员|[男女])|(?<![a-z])(?:(men|male|guys?|man|gentlemen)|(women|female|lad(?:y|ies)|girls?|woman))(?:'?s)?(?![a-z])/g, make: (m) => {
    const man = m[1] === "男" || m[2] !== undefined;
    return { keys: [man ? GENDER_MAN : GENDER_WOMAN], display: man ? "男" : "女", weak: true };
  } },
];
const GENDER_MAN = "gender:男";
const GENDER_WOMAN = "gender:女";
/** a size that is whom it is for: 男士, 女款, 男生票, 女性版; or an animal's sex, 公 or 母 */
const GENDER_SIZE = /^(男|女|公|母)(?:士|款|生|性|宾|方|嘉宾)?(?:款|版|票)?$/;
const SEX: Record<string, string> = { 男: GENDER_MAN, 公: GENDER_MAN, 女: GENDER_WOMAN, 母: GENDER_WOMAN };

/** Every size-like mention in the text, in order. `orig` is needed to tell "M" from "m". `first` (the catalog's own
 * size words, see catalogSizes) wins over the generic patterns where they overlap. */
export function findSizes(lower: string, orig: string, first: SizeMention[] = []): SizeMention[] {
  const out: SizeMention[] = [...first];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(lower); m; m = p.re.exec(lower)) {
      const made = p.make(m, orig);
      if (!made) continue;
      const span = { start: m.index, end: m.index + m[0].length };
      if (out.some((o) => o.start < span.end && span.start < o.end)) continue; // earlier patterns are more specific
      out.push({ ...span, keys: made.keys, display: made.display, weak: made.weak ?? false });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The catalog's sizes keyed for comparison; built once per product. */
const ZH_LEAD = new RegExp(`^${ZH_NUM_RE}(?=[^${ZH_NUM_CHARS}])`);
/** Each key (keyOf of a size, or null for none) that one size only has, to that size. */
function soleKeys(sizes: string[], keyOf: (size: string) => string | null): [string, string][] {
  const owners = new Map<string, string | null>();
  for (const s of sizes) {
    const k = keyOf(s);
    if (k !== null) owners.set(k, owners.has(k) && owners.get(k) !== s ? null : s);
  }
  return [...owners].filter((e): e is [string, string] => e[1] !== null);
}
/** a stage or a letter size (3段, 2号, L, XL) followed by an amount (900g, 54片) or what it fits in brackets (L(41-43)) */
const FIRST_PART = /^(\d{1,2}[段号阶天日]|[a-z]{1,3})\s*(?:\d+(?:\.\d+)?\s*[\u4e00-\u9fffa-z]{1,3}|[(（][^()（）]+[)）])$/i;

/** a length in feet and inches: 10'6", 11'0", 9', 7尺 */
const FEET_SIZE = /^(\d{1,2})\s*(?:['’′]|尺)\s*(?:(\d{1,2})\s*(?:["”″]|'')?)?$/;
/** feet and inches as said: 10'6, 10尺6, 8ft, 8 feet, or a decimal, 10.6 (not of another unit: 10.6米) */
const FEET_SAID = /(?<![\d.])(\d{1,2})\s*(?:['’′]|尺|ft|feet|foot)(?:\s*(\d{1,2})(?![\d.]))?(?:\s*(?:["”″]|''|in(?:ch(?:es)?)?(?![a-z])))?|(?<![\d.])(\d{1,2})\.(\d)(?![\d.]|\s*(?:[a-z%]|[\u4e00-\u9fff](?<![的板块条])))/g;
/** a length in one unit: 60cm, 8mm */
const LENGTH_SIZE = /^(\d{2,3})\s*(cm|mm|厘米|公分|毫米)$/;
/** a thickness in 厘 as the building trades say it (8厘 is 8mm) */
const LI_SAID = /(?<![\d.])(\d{1,2}(?:\.\d)?|[一二三四五六八九十]{1,2})\s*厘(?![米])/g;
/** a size that is a word and a number after it: 圈口56 */
const WORD_LED = /^([\u4e00-\u9fff]{1,3})(\d{1,3})$/;
/** a size of a length or an amount and a count after it: 10米80灯, 2L12瓶 */
const AMOUNT_THEN_COUNT = /^(\d+(?:\.\d+)?\s*(?:米|m|cm|厘米|l|升|kg|g|克|ml))\s*\d+\s*[\u4e00-\u9fff]{1,2}$/;
/** a size in two numbering systems, as keyed: 42/us8.5 (EU42/US8.5), with a word after it or not */
const TWO_SYSTEMS = /^(\d{1,2}(?:\.5)?)\/(?:us|uk|eu|cn)(\d{1,2}(?:\.5)?)(?:\s.*)?$/;
/** sizes that are a kind and a number (圈口56, 60cm): each pattern with the group of its number and of its kind */
const NUMBERED: [RegExp, number, number][] = [[WORD_LED, 2, 1], [LENGTH_SIZE, 1, 2]];

export function sizeIndex(sizes: string[]): Map<string, string> {
  const idx = new Map<string, string>();
  // (a size written in traditional characters is found as the text is read, in simplified ones)
  for (const s of sizes) idx.set(sizeKey(foldTraditional(s)), s);
  // (a size of two lengths is also found in other units: 15cm×2m as 15*200cm)
  for (const s of sizes) {
    const dim = dimKey(s);
    if (dim && !idx.has(dim)) idx.set(dim, s);
  }
  // (a size of two lengths is also found by its first, when no other of the sizes starts so: 1米8 for 1.8x2m or
  // 180x200cm, the width of a bed; and with a measure after it, 1.8x2m 20cm, by the two)
  for (const [k, s] of soleKeys(sizes, (s) => {
    const m = /^(\S+)(?:\s+(\d+(?:\.\d+)?\s*(?:cm|mm|厘米|公分)))?$/.exec(s.normalize("NFKC").trim().toLowerCase());
    const d = m ? DIMENSION_SIZE.exec(m[1]) : null;
    if (!m || !d) return null;
    const first = `${Math.round(Number(d[1]) * METERS[d[2] ?? d[4]] * 10000) / 10000}m`;
    return m[2] ? `${first}+${sizeKey(m[2])}` : first;
  })) if (!idx.has(k)) idx.set(k, s);
  // (an area in ㎡ is also said in 平方, 2平方; a battery's Ah in 安, 80安)
  for (const s of sizes) {
    const k = sizeKey(s);
    const alias = /^\d+(?:\.\d+)?㎡$/.test(k) ? k.replace(/㎡$/, "平方") : /^\d+(?:\.\d+)?ah$/.test(k) ? k.replace(/ah$/, "a") : null;
    if (alias && !idx.has(alias)) idx.set(alias, s);
  }
  // (an amount about so much, 2斤左右, is found as the amount: 2斤)
  for (const s of sizes) {
    const about = /^(.+?)\s*(?:左右|上下|以上)$/.exec(s.trim());
    if (about && /^\d/.test(about[1]) && !idx.has(sizeKey(about[1]))) idx.set(sizeKey(about[1]), s);
  }
  // (a count or an amount per container or per hour, 10片/盒, 2kg/袋 or 35g/h, is also found as the count: 10片装, 10片的,
  // 2kg的, 35克的)
  for (const s of sizes) {
    const per = /^(\d+(?:\.\d+)?\s*(?:[\u4e00-\u9fff]{1,2}|[a-z]{1,3}))\s*\/\s*(?:[\u4e00-\u9fff]+|h|hr|d|day|min)$/i.exec(s.trim());
    if (per && !idx.has(sizeKey(per[1]))) idx.set(sizeKey(per[1]), s);
  }
  // (a size of a stage or a letter and its amount, 1段400g or L54片, is also found by its first part, when no other of
  // the sizes starts so: "3段" for 3段900g, "L" for L54片)
  for (const [k, s] of soleKeys(sizes, (s) => { const m = FIRST_PART.exec(s.normalize("NFKC").trim()); return m ? sizeKey(m[1]) : null; })) {
    if (!idx.has(k)) idx.set(k, s);
  }
  // (a size of a word and a number, 圈口56, or a length in one unit, 60cm or Φ60cm, is also found by its number when every
  // size is that word or in that unit: "54的", "圆镜70的")
  for (const [pattern, number, kind] of NUMBERED) {
    const said = sizes.map((s) => pattern.exec(s.normalize("NFKC").trim().toLowerCase().replace(DIAMETER, "")));
    if (said.length > 1 && said.every((m) => m && m[kind] === said[0]![kind])) said.forEach((m, k) => { if (!idx.has(m![number])) idx.set(m![number], sizes[k]); });
  }
  // (a size of a length or an amount and a count after it, 10米80灯 or 2L12瓶, is also found by the first, when no other of
  // the sizes starts so: "10米的", "the 10m ones")
  for (const [k, s] of soleKeys(sizes, (s) => { const m = AMOUNT_THEN_COUNT.exec(s.normalize("NFKC").trim().toLowerCase()); return m ? sizeKey(m[1]) : null; })) {
    if (!idx.has(k)) idx.set(k, s);
  }
  // (a shoe size in two systems, EU42/US8.5, is also found by either number, when no other of the sizes has it: "42码",
  // "US 8.5")
  for (const part of [1, 2]) {
    for (const [k, s] of soleKeys(sizes, (s) => TWO_SYSTEMS.exec(sizeKey(s))?.[part] ?? null)) if (!idx.has(k)) idx.set(k, s);
  }
  // (a size that is whom it is for is also found by a man or a woman said: 男士 of "男的", 女款 of "for women")
  for (const [k, s] of soleKeys(sizes, (s) => { const g = GENDER_SIZE.exec(s.trim())?.[1]; return g ? SEX[g] : null; })) {
    if (!idx.has(k)) idx.set(k, s);
  }
  // (a size that starts with a Chinese numeral is also found written with digits: 两只装 as 2只装)
  for (const s of sizes) {
    const digits = ZH_LEAD.test(s) ? sizeKey(s.replace(ZH_LEAD, (n) => String(parseChineseInt(n) ?? n))) : "";
    if (digits && /^\d/.test(digits) && !idx.has(digits)) idx.set(digits, s);
  }
  return idx;
}

/**
 * Picks the product's size for the mentions near it (closest first). A size the product does not
 * have is still reported in the user's words (a shopper asking for 小杯 should hear that there is no
 * 小杯, and unmet demand is recorded), except adjectives, which are too vague to report.
 * A product without sizes never has one.
 */
export function resolveSize(mentions: SizeMention[], sizes: string[], index = sizeIndex(sizes)): string | null {
  if (sizes.length === 0) return null;
  for (const m of mentions) {
    for (const key of m.keys) {
      const hit = index.get(key);
      if (hit) return hit;
      // "一节" names 单节, "1 session" 单次
      if (/^1[^\d.]/.test(key) && index.has(`单${key.slice(1)}`)) return index.get(`单${key.slice(1)}`)!;
      // "175" names the jacket 175/92A
      if (/^\d{3}$/.test(key)) for (const [k, v] of index) if (k.startsWith(`${key}/`)) return v;
      // "size 54" names the 54圈口 bangle: the one size that is that number and a unit
      if (/^\d+$/.test(key)) {
        const unit = [...index].filter(([k]) => k.startsWith(key) && /^[^\d.x*×/+-]/.test(k.slice(key.length)));
        if (unit.length === 1) return unit[0][1];
      }
      // "700x25" names 700x25C: the same size without its trailing letters
      if (/\d$/.test(key)) {
        const near = [...index].filter(([k]) => k.startsWith(key) && /^(?:[a-z]{1,2}|\+)$/.test(k.slice(key.length)));
        if (near.length === 1) return near[0][1];
      }
      // "4.2米" names 4.2米厢货, "100cm" 100cm宽: a measure said without the word the catalog writes after it
      if (/^-?\d/.test(key)) {
        const worded = [...index.values()].filter((v) => {
          for (let i = v.length - 1; i > 0 && /[\u4e00-\u9fff]/.test(v[i]); i--) {
            const head = v.slice(0, i).trim();
            if (/^-?\d/.test(head) && /\D$/.test(head) && sizeKey(head) === key) return true;
          }
          return false;
        });
        if (worded.length === 1) return worded[0];
      }
      // "900发" names 全脸900发: a measure said without the word the catalog writes before it
      // (and in another unit: "68cm" names 单槽68cm)
      if (/^\d/.test(key)) {
        const led = [...index].filter(([k]) => { const m = LED_MEASURE.exec(k); return m !== null && (m[2] === key || sizeKey(m[2]) === key); });
        if (led.length === 1) return led[0][1];
      }
      // "1TB" names 12+1TB: the last of parts joined by +, when only one size ends in it
      if (/^\d/.test(key)) {
        const plus = [...index].filter(([k]) => k.endsWith(`+${key}`));
        if (plus.length === 1) return plus[0][1];
      }
      // "32c" names 700x32C: the last dimension said alone, when only one size ends in it
      if (/^\d+(?:\.\d+)?[a-z]*$/.test(key)) {
        const tail = [...index].filter(([k]) => new RegExp(`x${key.replace(".", "\\.")}[a-z]*$`).test(k) && (/[a-z]$/.test(key) || /\d$/.test(k)));
        if (tail.length === 1) return tail[0][1];
      }
    }
    // a weight, a volume, a time or a length in another unit: 1公斤 is the 2斤 one, 一斤 the 500g one, 4oz the 113g one, 1升
    // the 1000ml one, 一个钟 the 60分钟 one, 1米 the 1000mm one
    for (const key of m.keys) {
      const g = amountIn(key);
      // (a weight within 2%: a label rounds a converted weight, 4oz is sold as 113g; 508升 is no 510升 fridge)
      const same = g === null ? undefined : [...index].find(([k]) => { const h = amountIn(k); return h !== null && h.unit === g.unit && Math.abs(h.n - g.n) <= (g.unit === "g" ? g.n * 0.02 : 0); });
      if (same) return same[1];
    }
    // an amount under a size's bound: 8cm is the 10cm内 one (the smallest bound that holds it); 8斤 the 5kg以下 one; or
    // over one, when none holds it: 32kg is the 20kg以上 one, 11斤 the 5kg以上 one (the largest bound it passes)
    for (const key of m.keys) {
      const said = amountOf(key);
      if (!said) continue;
      const g = amountIn(key);
      let under: { bound: number; size: string } | null = null;
      let over: { bound: number; size: string } | null = null;
      for (const [k, v] of index) {
        const b = boundOf(k);
        // (a bound in another unit of the same kind, in the unit said: the 5kg of 5kg以下 for 8斤)
        const h = b && b.unit !== said.unit && g ? amountIn(sizeKey(`${b.n}${b.unit}`)) : null;
        const n = !b ? null : b.unit === said.unit ? b.n : h && g && h.unit === g.unit ? h.n * (said.n / g.n) : null;
        if (n === null) continue;
        if (b!.upper && said.n <= n && (!under || n < under.bound)) under = { bound: n, size: v };
        if (!b!.upper && said.n >= n && (!over || n > over.bound)) over = { bound: n, size: v };
      }
      if (under ?? over) return (under ?? over)!.size;
    }
    // a bare number within the range of bare numbers a size writes: EU 43 is the 42-43 one, 39码 the M(38-40) one
    for (const key of m.keys) {
      if (!/^\d+(?:\.\d+)?$/.test(key)) continue;
      const n = Number(key);
      const within = [...new Set(index.values())].filter((v) => { const r = BARE_RANGE.exec(v); return r !== null && n >= Number(r[1]) && n <= Number(r[2]); });
      if (within.length === 1) return within[0];
    }
    // an amount within a size's range, in any unit of its kind: 7公斤 is the 5-10kg one
    for (const key of m.keys) {
      const g = amountIn(key);
      if (!g) continue;
      const within = [...index].filter(([k]) => { const r = rangeIn(k); return r !== null && r.unit === g.unit && g.n >= r.lo && g.n <= r.hi; });
      if (within.length === 1) return within[0][1];
    }
    // "the large one" of a product sold in 大壶/小壶 or 大份/小份
    if (m.weak && m.display === FULL_SIZE) {
      const whole = [...index].filter(([k]) => WHOLE.test(k));
      if (whole.length === 1) return whole[0][1];
    } else if (m.weak || /^(?:S|M|L|XL)$/.test(m.display)) {
      // (a letter size said outright of a product sold in 小码/中码/大码 or 大盒/小盒 is the same mark: "size M" is 中码)
      const mark = ({ L: "大", S: "小", M: "中", XL: "超大" } as Record<string, string>)[m.display];
      const near = mark ? [...index].filter(([k]) => k.startsWith(mark) && !/\d/.test(k) && k.length <= mark.length + 2) : [];
      if (near.length === 1) return near[0][1];
      // (of a product sold for adults and children, the big one is the adult's: "两张票 一大一小", "大人的")
      const who = m.display === "L" ? ADULT : m.display === "S" ? CHILD : null;
      const aged = who ? [...index.values()].filter((v) => who.test(v.toLowerCase())) : [];
      if (aged.length === 1 && [...index.values()].some((v) => (who === ADULT ? CHILD : ADULT).test(v.toLowerCase()))) return aged[0];
      const ends = extremes(index);
      if (ends && (m.display === "L" || m.display === "S")) return m.display === "L" ? ends.large : ends.small;
    } else if (/^[大小][\u4e00-\u9fff]$/.test(m.display)) {
      // (a big or small measure said of a product sold in two or three amounts packed in it: "小杯" of 100ml杯/480ml桶)
      const ends = extremes(index);
      const end = ends && (m.display[0] === "大" ? ends.large : ends.small);
      if (end && end.endsWith(m.display[1])) return end;
    }
  }
  // (a weight is no size asked of a product not sold by weight: the 10kg of "a harness for a 10kg corgi" is the
  // dog's, the 120斤 of "120斤穿什么码" the wearer's, the 24磅 of a racket its strings' tension; a length may be one:
  // "裤脚改短3cm")
  const weighed = [...index.keys()].some((k) => grams(k) !== null);
  const explicit = mentions.find((m) => !m.weak && (weighed || !m.keys.every((k) => PHYSICAL.test(k))));
  // (an amount said that is one amount of a size of several, and of no other size: 10米 of 0.7米x10米, 8人 of 一桌8人,
  // 550ml of 550ml×24瓶, 70cm of 宽70cm)
  const whole = explicit ? explicit.keys.map((k) => partOwners(index).get(k)).find((z) => z) : undefined;
  if (whole) return whole;
  return explicit ? explicit.display : null;
}

/** where a size splits into its amounts: between dimensions (x, ×, *), at a slash, a bracket, a space or +, and where
 * a word ends before a number (not a word of size: 大1匹 is a bigger 1匹, no part) */
const AMOUNT_PARTS = /(?<=\d[^\dx×*]{0,3})\s*x\s*(?=\d)|[\s×*/()（）+＋,，]+|(?<=[\u4e00-\u9fff])(?<![大中小超特加])(?=\d)/;
const PART_OWNERS = new WeakMap<Map<string, string>, Map<string, string | null>>();
/** The sizes by the key of each amount that is one of their several parts (an amount of two sizes or more owned by
 * none, null), memoised per size index. */
function partOwners(index: Map<string, string>): Map<string, string | null> {
  let out = PART_OWNERS.get(index);
  if (out) return out;
  out = new Map();
  for (const size of new Set(index.values())) {
    const parts = size.normalize("NFKC").toLowerCase().split(AMOUNT_PARTS).filter((x) => x.length > 0);
    if (parts.length < 2) continue;
    for (const part of new Set(parts.filter((x) => /\d/.test(x) && /^\d*\.?\d+[^\d.]|^[^\d]+\d|^\d{2,}$/.test(x)).map(sizeKey))) {
      if (index.has(part)) continue;
      out.set(part, out.has(part) && out.get(part) !== size ? null : size);
    }
  }
  PART_OWNERS.set(index, out);
  return out;
}

/** A size key's amount and unit, lengths in metres: "0.08m" → 0.08 m, "3小时" → 3 小时. */
function amountOf(key: string): { n: number; unit: string } | null {
  const m = /^(\d+(?:\.\d+)?)([^\d\s.x+/-][^\d\s]{0,3})$/.exec(key);
  return m ? { n: Number(m[1]), unit: m[2] } : null;
}

/** A size that is a bound, an upper one ("10cm内", "2小时以内", "5人以下") or a lower one ("20kg以上", "5kg+"): its amount
 * in the units amountOf gives (memoised: a catalog's size keys are few, and every size asked is compared with them). */
const BOUNDS = new Map<string, { n: number; unit: string; upper: boolean } | null>();
function boundOf(key: string): { n: number; unit: string; upper: boolean } | null {
  let bound = BOUNDS.get(key);
  if (bound === undefined) {
    const m = /^(\d+(?:\.\d+)?)\s*([^\d\s.]{1,3}?)(以内|之内|以下|内|以上|及以上|\+)$/.exec(key);
    const amount = m ? amountOf(sizeKey(`${m[1]}${m[2]}`)) : null;
    bound = amount && { ...amount, upper: !/上|\+/.test(m![3]) };
    if (BOUNDS.size < 50_000) BOUNDS.set(key, bound);
  }
  return bound;
}

/** a range of bare numbers in a size, alone or in brackets: 42-43, M(38-40) (not one with a unit: 4-6岁) */
const BARE_RANGE = /(?:^|[(（])(\d+(?:\.\d+)?)\s*[-~～]\s*(\d+(?:\.\d+)?)(?:$|[)）])/;

/** A size key's range in a unit it may be said in another of (5-10kg: 5000 to 10000 g), or null. */
const RANGES = new Map<string, { lo: number; hi: number; unit: string } | null>();
function rangeIn(key: string): { lo: number; hi: number; unit: string } | null {
  let range = RANGES.get(key);
  if (range === undefined) {
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)([^\d\s.]{1,3})$/.exec(key);
    const lo = m ? amountIn(sizeKey(`${m[1]}${m[3]}`)) : null;
    const hi = m ? amountIn(sizeKey(`${m[2]}${m[3]}`)) : null;
    range = lo && hi && lo.unit === hi.unit ? { lo: lo.n, hi: hi.n, unit: lo.unit } : null;
    if (RANGES.size < 50_000) RANGES.set(key, range);
  }
  return range;
}

/** a size of words before a measure: 全脸900发, 单槽68cm */
const LED_MEASURE = /^([\u4e00-\u9fff]{2,})(\d.*)$/;
const PHYSICAL = /^\d+(?:\.\d+)?(?:g|kg|千克|斤|两|oz|lb|磅)$/;
const FULL_SIZE = "full size";
/** a size key that is the whole of a product sold in fractions: 4/4, or a range of fractions up to it (3/4-4/4) */
const WHOLE = /^(?:\d+\/\d+-)?([1-9])\/\1$/;

/** sizes for adults and for children (成人 / 儿童, "adult" / "kids"): the words of Chinese and English, not any trade's */
const ADULT = /^(?:成人|大人|成年|adults?(?![a-z]))/;
const CHILD = /^(?:儿童|小孩|孩子|少儿|幼儿|童|kids?(?![a-z])|child(?:ren)?(?![a-z]))/;
/** the people those sizes are for, as customers say them */
const AGE_SAID = {
  adult: /大人|成人|(?<![a-z])adults?(?![a-z])/g,
  child: /小孩|小朋友|儿童|孩子|(?<![a-z])(?:kids?|children|child)(?![a-z])/g,
};

const GRAMS: Record<string, number> = { g: 1, kg: 1000, 千克: 1000, 斤: 500, 两: 50, oz: 28.35, lb: 453.6, 磅: 453.6 };

const MILLILITRES: Record<string, number> = { ml: 1, l: 1000, 毫升: 1, 升: 1000, 公升: 1000 };
const MINUTES: Record<string, number> = { 分钟: 1, min: 1, mins: 1, 小时: 60, h: 60, 钟: 60, 个钟: 60, 个小时: 60 };
/** (centimetres are already metres in a size key) */
const MILLIMETRES: Record<string, number> = { mm: 1, 毫米: 1, m: 1000 };
/** A size key's amount in a unit it may be said in another of: grams, millilitres, minutes or millimetres. */
function amountIn(key: string): { n: number; unit: "g" | "ml" | "min" | "mm" } | null {
  const g = grams(key);
  if (g !== null) return { n: g, unit: "g" };
  const m = /^(\d+(?:\.\d+)?)([^\d.]+)$/.exec(key);
  if (m && m[2] in MILLILITRES) return { n: Number(m[1]) * MILLILITRES[m[2]], unit: "ml" };
  if (m && m[2] in MINUTES) return { n: Number(m[1]) * MINUTES[m[2]], unit: "min" };
  if (m && m[2] in MILLIMETRES) return { n: Number(m[1]) * MILLIMETRES[m[2]], unit: "mm" };
  return null;
}

/** A size key's weight in grams (500g, 1kg, 2斤), or null. */
function grams(key: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(g|kg|千克|斤|两|oz|lb|磅)$/.exec(key);
  return m ? Number(m[1]) * GRAMS[m[2]] : null;
}

/**
 * The small and the large of a product sold in two kinds of one thing: a half and a whole (半份 / 整份), or
 * two or three numbers in one unit (150g / 500g: the smallest and the largest). Null when its sizes are not like that.
 */
function extremes(index: Map<string, string>): { small: string; large: string } | null {
  const keys = [...index.keys()];
  if (keys.length < 2) return null;
  const half = keys.filter((k) => /^半/.test(k));
  if (half.length === 1 && keys.length === 2) {
    const other = keys.find((k) => k !== half[0])!;
    if (/^[整全大]/.test(other)) return { small: index.get(half[0])!, large: index.get(other)! };
  }
  // (an amount and the measure it is packed in is that amount: 500g袋 and 1kg袋, 100ml杯 and 480ml桶)
  const packed = (k: string) => amountIn(k) ?? (/^\d[\d.]*[a-z]+[\u4e00-\u9fff]$/.test(k) ? amountIn(k.slice(0, -1)) : null);
  const measured = keys.map((k) => { const a = packed(k); return a ? { k, n: a.n, unit: a.unit as string } : { k, n: Number(/^(\d+(?:\.\d+)?)/.exec(k)?.[1] ?? NaN), unit: k.replace(/^[\d.]+/, "") }; });
  // (numbers with a unit only, and few of them: the smallest of shoe sizes 36–45 is no "small")
  if (keys.length > 3 || measured.some((x) => Number.isNaN(x.n) || !x.unit) || new Set(measured.map((x) => x.unit)).size !== 1) return null;
  measured.sort((a, b) => a.n - b.n);
  return { small: index.get(measured[0].k)!, large: index.get(measured[measured.length - 1].k)! };
}

/**
 * A size of several parts said in parts, in any order: "9瓦暖光" for 9W 3000K暖光, "十三香和麻辣" for 麻辣+十三香, "12W白光" for
 * 12W 6500K白光 rather than 12W 4000K自然光, "双球 甜筒" for 双球甜筒 (another of its sizes and more). The sizes more of whose
 * parts the region says than of any other's (a size already read from it counts as said): one, or several when it says
 * as many of each; none when it says no part.
 */
export function sizesInParts(region: string, sizes: string[], read: string | null = null): string[] {
  const parted = partsOfSizes(sizes);
  if (!parted) return [];
  const said = region.replace(/(?<=\d)\s*瓦/g, "w").replace(/(\d)\s+(?=[a-z])/g, "$1");
  // (an amount of a part may be said in Chinese numerals: "九尺" for the 9尺 of 9尺全天)
  const digits = ZH_DIGIT_TEST.test(said) ? said.replace(ZH_NUMBERS, (n) => String(parseChineseInt(n) ?? n)) : said;
  const known = read === null ? "" : read.normalize("NFKC").toLowerCase().trim();
  let best: { size: string; hits: string[] }[] = [];
  let top = 0;
  sizes.forEach((size, k) => {
    const hits = parted[k].filter((part) => {
      if (part === known) return true;
      // (a number or a letter at a part's edge is not inside a longer one: the l of 5mm-L is no l of "please")
      const re = partSaid(part);
      // (the size read is this part in other words: 5毫米 of 5mm-S)
      if (known && AMOUNT_PART.test(part) && re.test(known) && re.exec(known)![0].length === known.length) return true;
      return re.test(said) || (digits !== said && AMOUNT_PART.test(part) && re.test(digits));
    });
    const score = hits.length;
    if (score > top) [best, top] = [[{ size, hits }], score];
    else if (score === top && score > 0) best.push({ size, hits });
  });
  // (of sizes as many of whose parts are said, not one whose part is said only inside a longer part of another: the 9尺
  // of 9尺全天 in "9尺6的 全天" is 9尺6全天's)
  if (best.length > 1) {
    const inside = (a: string[], b: string[]) => a.some((x) => !b.includes(x) && b.some((y) => y !== x && y.includes(x)));
    const kept = best.filter((x) => !best.some((y) => y !== x && inside(x.hits, y.hits)));
    if (kept.length) best = kept;
  }
  return best.map((x) => x.size);
}
/** whether a size read is one part of a size of several said in other words: 5毫米 of 5mm-S, 3毫米 of 3mm-M */
export function readIsPart(size: string, read: string): boolean {
  const known = read.normalize("NFKC").toLowerCase().trim();
  return size.normalize("NFKC").toLowerCase().split(SIZE_PARTS_SPLIT).some((part) => {
    if (part === known) return true;
    if (!AMOUNT_PART.test(part)) return false;
    const m = partSaid(part).exec(known);
    return !!m && m[0].length === known.length;
  });
}
const ZH_DIGIT_TEST = /[一二两三四五六七八九十]/;
const ZH_NUMBERS = new RegExp(ZH_NUM_RE, "g");
/** a part that is an amount: a number and its unit (8尺, 120页, 4两, 2.1米, 9尺6, 5mm) */
const AMOUNT_PART = /^(\d+(?:\.\d+)?)([\u4e00-\u9fff]{1,2}|[a-z]{1,2})(\d{0,2})$/;
/** units of a part's amount in the other language, besides those of UNIT_WORDS (feet: 8ft, 9'6; millimetres: 5毫米) */
const PART_UNITS: Record<string, string> = {
  尺: "ft|feet|foot|chi|['’′]", 两: "liang|taels?", mm: "毫米", cm: "厘米|公分", m: "米(?!\\d)", ml: "毫升", l: "升", kg: "公斤|千克", g: "克", w: "瓦", v: "伏", ah: "安时?",
};

/**
 * where a size splits into parts: at spaces, +, a dash before letters, and where letters meet Chinese; a number keeps
 * the one character of its unit (the 4两 and 3两 of 公4两母3两, 5磅 of 5磅曲奇味) unless that is a measure word it may be
 * counted in (the 2 of 2瓶装 is no part)
 */
const PART_SPLIT = new RegExp(`[\\s+＋]+|-(?=[a-z])|(?<=[a-z])(?=[\\u4e00-\\u9fff])|(?<=\\d)(?=[${MEASURE_WORDS}])|(?<=\\d[^\\x00-\\x7f${MEASURE_WORDS}])(?=[\\u4e00-\\u9fff])|(?<=[\\u4e00-\\u9fff])(?=[a-z0-9])`);
/** where a size splits into parts in general: at spaces and +, a dash before letters, and where letters or digits meet Chinese */
const SIZE_PARTS_SPLIT = /[\s+＋]+|-(?=[a-z])|(?<=[a-z0-9])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[a-z0-9])/;
/** amounts in a run, with words between them (公4两母3两): split by PART_SPLIT */
const RUN_OF_AMOUNTS = /\d[\u4e00-\u9fff]+\d/;
/** each product's sizes in parts, by its sizes (null when none has several: most products, looked up once) */
const PARTS = new Map<string, string[][] | null>();
const PART_SAID = new Map<string, RegExp>();
/** a part as said: not inside a longer number or word where it starts or ends with one (memoised) */
function partSaid(part: string): RegExp {
  let re = PART_SAID.get(part);
  if (!re) {
    // (an amount with its unit in Chinese or in English: "120 pages" for 120页, "8ft" for 8尺, "9'6" for 9尺6)
    const amount = AMOUNT_PART.exec(part);
    const english = amount ? (PART_UNITS[amount[2]] ?? UNIT_WORDS[amount[2]]) : undefined;
    const letters = amount && /[a-z]$/.test(amount[2]) ? "(?![a-z])" : "";
    re = amount
      ? new RegExp(`(?<![a-z\\d.])${escapeRe(amount[1])}\\s*(?:${amount[2]}${letters}${english ? `|(?:${english})(?![a-z])` : ""})${amount[3] ? `\\s*${amount[3]}(?![\\d.])` : ""}`)
      : new RegExp(`${/^[a-z\d]/.test(part) ? "(?<![a-z\\d.])" : ""}${escapeRe(part)}${/[a-z\d]$/.test(part) ? "(?![a-z\\d.])" : ""}`);
    PART_SAID.set(part, re);
  }
  return re;
}
/**
 * The parts of each of a product's sizes, or null when none has several: split at spaces, +, a dash before letters
 * (5mm-L), and where digits meet Chinese, or another of its sizes a size starts with and the rest (双球 and 甜筒 of
 * 双球甜筒); a bare number is no part (it may be a count), nor a single Chinese character; a size of no such parts is one
 * part (80抽 is said as much as 80抽x3包 by "80抽").
 */
function partsOfSizes(sizes: string[]): string[][] | null {
  const key = sizes.join("\u0000");
  let parted = PARTS.get(key);
  if (parted === undefined) {
    const all = sizes.map((y) => y.normalize("NFKC").toLowerCase().trim());
    // (a grid with a gap, 2磅巧克力味 5磅巧克力味 5磅香草味: a size that starts with an amount the grid splits at splits
    // there too, so that 5磅香草味 is 5磅 and 香草味, not one whose 5磅 alone would say it)
    const grids = all.map((z) => (/[\s+＋]/.test(z) ? null : gridOf(z, all)));
    const fronts = grids.flatMap((g) => (g && AMOUNT_PART.test(g[0]) && !/[x×*]$/.test(g[0]) ? [g[0]] : []));
    parted = all.map((z, k) => {
      const head = /[\s+＋]/.test(z) ? undefined : all.find((y) => y.length >= 2 && z.length - y.length >= 2 && z.startsWith(y));
      const front = fronts.find((f) => z.length - f.length >= 2 && z.startsWith(f));
      const grid = head || /[\s+＋]/.test(z) ? null : grids[k] ?? (front ? [front, z.slice(front.length)] : null);
      // (an amount set apart by spaces is one part: the 24寸 of 24寸 60Hz, said "24寸的")
      const split = (y: string) => y.split(RUN_OF_AMOUNTS.test(y) ? PART_SPLIT : SIZE_PARTS_SPLIT);
      const parts = (head ? [head, z.slice(head.length)] : grid ?? (/\s/.test(z) ? z.split(/[\s+＋]+/).flatMap((y) => (AMOUNT_PART.test(y) ? [y] : split(y))) : split(z)))
        .filter((x) => !/^[\d.]+$/.test(x) && !/^[\u4e00-\u9fff]$/.test(x) && x.length > 0);
      return parts.length ? parts : [z];
    });
    if (!parted.some((p) => p.length > 1)) parted = null;
    if (PARTS.size < 200_000) PARTS.set(key, parted);
  }
  return parted;
}

/**
 * A size of a product whose sizes are a grid of two choices (7尺半天 7尺全天 8尺半天 8尺全天, 4人间上铺 … 6人间下铺): its
 * longest beginning another size shares with another ending, and that ending, when a third size ends so too (8尺 and 半天).
 * Null when it is not so, or the beginning ends inside a number.
 */
function gridOf(z: string, all: string[]): [string, string] | null {
  let head = 0;
  for (const y of all) {
    if (y === z) continue;
    let n = 0;
    while (n < y.length && n < z.length && y[n] === z[n]) n++;
    if (n < z.length && n > head) head = n;
  }
  if (head < 2 || z.length - head < 2 || (/[\d.]/.test(z[head - 1]) && /[\d.]/.test(z[head]))) return null;
  const [front, end] = [z.slice(0, head), z.slice(head)];
  return all.some((y) => y !== z && y.endsWith(end) && y.slice(0, -end.length) !== front) ? [front, end] : null;
}

/**
 * A size that is a word and a kind ending (草坪灯 of a lamp, 充电款, 2年版, 清香型) said with another ending or none: "草坪款",
 * "充电的", "两年". The one size whose word (two characters or more) the region says, or null.
 */
export function sizeByStem(region: string, sizes: string[], name: string): string | null {
  const kind = name.trim().slice(-1);
  const said = digitsOf(region);
  let hit: string | null = null;
  for (const size of sizes) {
    const z = size.normalize("NFKC").toLowerCase().trim();
    if (z.length < 2 || !(STEM_END.test(z) || z.endsWith(kind))) continue;
    const stem = digitsOf(z.slice(0, -1));
    // (not a number alone, nor a number and 号, which is a day of the month: the 3号 of "3号送过来" is no 3号箱)
    if (!/^[\u4e00-\u9fff\d]+$/.test(stem) || /^\d+号?$/.test(stem)) continue;
    // (a stem of one character only said as a kind of it, with 的: "铜的" for 铜质, "要圆的" for 圆形)
    const at = stem.length === 1 ? said.indexOf(`${stem}的`) : said.indexOf(stem);
    if (at < 0 || (/^\d/.test(stem) && /[\d.]/.test(said[at - 1] ?? ""))) continue;
    if (hit !== null) return null;
    hit = size;
  }
  return hit;
}
const STEM_END = /[款型式版装质形]$/;

interface Sayings {
  /** sizes in 元 (100元), said in 块 */
  yuan: string[];
  /** one-character sides (左, 右), said with 边 or 侧 */
  sides: string[];
  /** measure words alone (罐), said as a pack of one (罐装) */
  measures: string[];
  /** a character and its measure (端盒), said by the character with a count of the measure or whole, when no other size
   * of the product has that character */
  stems: { size: string; re: RegExp }[];
  /** lengths in feet and inches (10'6"), by feet'inches (10'6) */
  feet: Map<string, string>;
  /** thicknesses in mm (8mm), by the number (8), said in 厘 */
  mm: Map<string, string>;
  /** a word and a number (圈口56), said number first (56圈口) */
  led: { size: string; re: RegExp }[];
  /** words and then an amount (整箱12瓶), by the words */
  leads: { words: string; size: string }[];
  /** a unit of time (天, 小时), said as what it is hired or charged by (按天租, 天租) */
  hiredBy: { size: string; re: RegExp }[];
  /** a model of a line (iphone 15 pro), by its number and words (15 pro), said so */
  models: { tail: string; size: string; re: RegExp }[];
  /** a size said in other words of general language: 低盐 as 少盐 or 少放盐, 例 as 例牌, 12个装 as 一打 */
  words: { size: string; re: RegExp }[];
}
/** sizes said in other words of general language, and how (see Sayings.words) */
const OTHER_WORDS: { size: RegExp; said: (m: RegExpExecArray) => string }[] = [
  { size: /^低([\u4e00-\u9fff])$/, said: (m) => `少放?${m[1]}|低${m[1]}` },
  { size: /^例$/, said: () => "例牌" },
  { size: /^12[个只支枚瓶罐]装?$/, said: () => "一打装?|a dozen|(?<![a-z])1 dozen" },
  { size: /^6[个只支枚瓶罐]装?$/, said: () => "半打装?|half a dozen" },
  // 原装 for 原厂 and back
  { size: /^原厂$/, said: () => "原装" },
  { size: /^原装$/, said: () => "原厂" },
  // a pair said as two of its thing: "两只眼睛" for 双眼, "两个机位" for 双机位, "俩球" for 双球
  { size: /^双([\u4e00-\u9fff])([\u4e00-\u9fff]{0,2})$/, said: (m) => `(?<![${ZH_NUM_CHARS}\\d])(?:两|俩|2)\\s*[个只]?\\s*${m[1]}${m[2] ? `(?:${m[2]})?` : ""}` },
  // the whole day said as one day: "租一天" for 全天
  { size: /^全天$/, said: () => "(?<![\\d.\u4e00-\u9fff])(?:租|包|用)?(?:一|1)\\s*天(?![\\d\u4e00-\u9fff])|(?<=[租包])(?:一|1)天" },
  // a count in 节 said with 次: "20次卡" for 20节 or 20节卡
  { size: /^(\d{1,3})节卡?$/, said: (m) => `(?<![\\d.])${m[1]}\\s*次卡` },
];
const sayingsBySizes = new WeakMap<string[], Sayings>();
function sayingsOf(sizes: string[]): Sayings {
  let out = sayingsBySizes.get(sizes);
  if (out) return out;
  out = { yuan: [], sides: [], measures: [], stems: [], feet: new Map(), mm: new Map(), led: [], leads: [], hiredBy: [], models: [], words: [] };
  for (const raw of sizes) {
    const z = raw.trim();
    const f = FEET_SIZE.exec(z);
    if (f) out.feet.set(`${Number(f[1])}'${Number(f[2] ?? 0)}`, raw);
    const mm = /^(\d{1,2}(?:\.\d)?)\s*mm$/i.exec(z);
    if (mm) out.mm.set(String(Number(mm[1])), raw);
    const led = WORD_LED.exec(z);
    if (led) out.led.push({ size: raw, re: new RegExp(`(?<![\\d.])${led[2]}\\s*${led[1]}`, "g") });
    for (const w of OTHER_WORDS) {
      const m = w.size.exec(z);
      if (m) out.words.push({ size: raw, re: new RegExp(w.said(m), "g") });
    }
    if (/^\d+元(?:档|款)?$/.test(z)) out.yuan.push(z);
    if (ONE_MEASURE.test(z)) out.measures.push(z);
    else if (z.length === 1 && /[\u4e00-\u9fff]/.test(z)) out.sides.push(z);
    const m = MEASURED_STEM.exec(z);
    if (m && m[1] !== "整" && !sizes.some((o) => o !== raw && o.includes(m[1]))) out.stems.push({ size: raw, re: new RegExp(`${m[1]}(?=\\s*(?:\\d{1,3}|${ZH_NUM_RE})\\s*${m[2]})|整${m[1]}`, "g") });
    const lead = WORDS_THEN_AMOUNT.exec(z);
    if (lead && lead[1].length >= 2) out.leads.push({ words: lead[1], size: z });
    if (TIME_UNIT.test(z)) out.hiredBy.push({ size: z, re: new RegExp(`按\\s*${z}(?:[租算计])?|(?<![\\d${ZH_NUM_CHARS}])${z}租`, "g") });
    const model = MODEL_OF_LINE.exec(z.normalize("NFKC").toLowerCase());
    if (model) {
      const tail = `${model[1]} ${model[2].trim()}`;
      out.models.push({ tail, size: z.normalize("NFKC").toLowerCase(), re: new RegExp(`(?<![a-z0-9.])${tail.split(/\s+/).map(escapeRe).join("\\s*")}(?![a-z0-9])`, "g") });
    }
  }
  sayingsBySizes.set(sizes, out);
  return out;
}
const KUAI = /(?<![\d.])(\d{1,5})\s*(?:块钱?|(?:yuan|rmb)(?![a-z]))/g;
const MEGA = /(?<![\d.])(\d{1,2}(?:\.\d)?)\s*-?\s*(?:mp|megapixels?|百万像素)(?![a-z])/g;
const NUMERAL_END = new RegExp(`(?:\\d|[${ZH_NUM_CHARS}])\\s*$`);
const ONE_MEASURE = new RegExp(`^[${MEASURE_WORDS}]$`);
const MEASURED_STEM = new RegExp(`^([\\u4e00-\\u9fff])([${MEASURE_WORDS}])$`);
/** a size that is a time of the day, and what it is of: 20:00场, 16:30班 (not a scale, 1:18) */
const SLOT = /^([01]?\d|2[0-3])[:：]([0-5]\d)(?!\d)/;
/** The one of a product's sizes, all of them times of the day, that starts at `clock` (HH:MM), or null. */
export function slotAt(sizes: string[], clock: string): string | null {
  const times = sizes.map((z) => SLOT.exec(z.trim()));
  if (!times.length || times.some((t) => !t || Number(t[1]) < 6 || Number(t[2]) % 5 !== 0)) return null;
  const i = times.findIndex((t) => `${t![1].padStart(2, "0")}:${t![2]}` === clock);
  return i < 0 ? null : sizes[i];
}

/**
 * A bare number that is one of the product's sizes ("买条32的牛仔裤", "jeans 32"), when no cue marks
 * it. Only numbers ≥ 20 so that counts are never mistaken for sizes.
 */
export function bareNumberSize(region: string, index: Map<string, string>): string | null {
  const re = BARE_NUMBER;
  re.lastIndex = 0;
  for (let m = re.exec(region); m; m = re.exec(region)) {
    // (in Chinese numerals too, of two digits: 头围五十七)
    const n = m[1] ?? String(parseChineseInt(m[2]));
    const hit = index.get(n);
    if (hit) return hit;
    for (const [k, v] of index) if (k.startsWith(`${n}/`)) return v;
  }
  return null;
}
/** Whether two sayings of a size have the same numbers in the same order (19x8.5 ET45 and 19x8.5J ET45). */
function sameNumbers(a: string, b: string): boolean {
  const numbers = (t: string) => (t.match(/\d+(?:\.\d+)?/g) ?? []).join(" ");
  return numbers(a) === numbers(b);
}

const NOT_A_BARE_SIZE_AFTER = String.raw`\s*(?:米|公里|千米|点|时|分|号|日|月|元|块|岁|杯|个|件|条|双|瓶|盒|支|只|%)`;
const BARE_NUMBER = new RegExp(String.raw`(?<![\d.a-z/])(\d{2,3})(?![\d./a-z%]|${NOT_A_BARE_SIZE_AFTER})|(?<![${ZH_NUM_CHARS}])([二三四五六七八九]十[一二三四五六七八九]?)(?![${ZH_NUM_CHARS}]|${NOT_A_BARE_SIZE_AFTER}|[${MEASURE_WORDS}])`, "g");

// Units of measure and pack counts in English, by the Chinese unit a catalog writes (grammar, not any trade's words).
const UNIT_WORDS: Record<string, string> = {
  寸: "inch(?:es)?|in\\b|\"", 度: "degrees?", 厘米: "cm", 毫米: "mm", 毫升: "ml", 克: "g|grams?", 公斤: "kg", 升: "l|litres?|liters?",
  粒: "capsules?|tablets?|pills?|caps|pieces?|pcs", 枚: "packs?|pcs|pieces?|count", 个: "packs?|pcs|pieces?", 片: "tablets?|pieces?|pcs|sheets?|strips?", 只: "pieces?|pcs", 支: "packs?|pieces?|pcs|sticks?",
  朵: "stems?|flowers?", 枝: "stems?", 倍: "x(?![a-z\\d])|times", 包: "packs?|bags?|pk", 磅: "lbs?|pounds?", 节: "sessions?|classes|lessons?",
  课时: "lessons?|classes|sessions?|(?:class )?hours?", 款: "kinds?|types?|varieties|styles?",
  株: "stems?|plants?", 层: "tiers?|layers?|floors?|stor(?:ey|ie)s?", 切: "pieces?|pcs|cuts?|slices?", 局: "games?|rounds?", 桶: "buckets?|barrels?|tubs?", 页: "pages?|pp", 童: "kids?|children", 天: "days?", 晚: "nights?", 个月: "months?", 月: "months?", 年: "years?", 周: "weeks?", 平方: "mm²|mm2|sq ?mm", w: "瓦|watts?", v: "伏|volts?", 次: "sessions?|times|visits?", 分钟: "min(?:ute)?s?", 小时: "h(?:ou)?rs?|hours?|h",
  路: "channels?|ch", 流明: "lumens?|lm", 斤: "jin|catt(?:y|ies)", 罐: "cans?|tins?", 发: "shots?", 串: "skewers?",
  // (a device's ports, channels and heads, a flat's bedrooms: "8-port" is 8口, "6 channel" 6通道, "8-arm" 8头, "4-bedroom" 4室)
  口: "ports?", 通道: "channels?|ch", 头: "heads?|arms?", 室: "bedrooms?|br",
};
for (const u of ["片", "个", "枚", "支"]) UNIT_WORDS[u] += "|pk";
UNIT_WORDS.支 += "|stems?";
// durations said in the other unit: 一个半小时 / 1.5 hours is 90分钟, 半小时 30分钟
// (and in the south's 钟, "一个钟", "个半钟", "半个钟")
const HOURS = new RegExp(`(?<![\\d.])(\\d+(?:\\.\\d+)?|${ZH_NUM_RE})?\\s*(?:个)?\\s*(半)?\\s*(?:小时|钟头|(?<=[个半])钟(?!头)|hours?|hrs?|h)(?![a-z])`, "g");
const HALF_HOUR = /半(?:个)?(?:小时|钟头)|半个钟|half an? hour/g;
const COLOURS: Record<string, string> = {
  黑: "black", 白: "white", 棕: "brown", 红: "red", 蓝: "blue", 绿: "green", 灰: "gr[ae]y", 黄: "yellow", 粉: "pink",
  紫: "purple", 橙: "orange", 金: "gold(?:en)?", 银: "silver", 咖: "coffee|brown", 米: "beige", 青: "cyan|teal",
};
/** colours said in one Chinese word, in English (the colour words of both languages, not any trade's) */
const COLOUR_NAMES: Record<string, string> = {
  象牙白: "ivory(?:\\s+white)?", 米白: "off[- ]?white", 奶白: "cream(?:y)?(?:\\s+white)?|milky\\s+white", 珍珠白: "pearl(?:\\s+white)?",
  藏青: "navy(?:\\s+blue)?", 天蓝: "sky[- ]?blue", 宝蓝: "royal\\s+blue", 酒红: "wine(?:\\s+red)?|burgundy", 玫红: "magenta|rose\\s+red",
  玫瑰金: "rose[- ]?gold", 卡其: "khaki", 香槟: "champagne", 薰衣草紫: "lavender", 军绿: "olive(?:\\s+green)?|army\\s+green",
  咖啡: "coffee", 奶咖: "latte|mocha|milk\\s+coffee|caf[eé]\\s+au\\s+lait", 深空灰: "space\\s+gr[ae]y",
};
/** shades said before a colour: 浅灰 "light grey", 深蓝 "dark blue" */
const COLOUR_SHADES: Record<string, string> = { 浅: "light|pale", 淡: "light|pale", 深: "dark|deep", 亮: "bright" };
/** A Chinese colour word's English: the whole word ("ivory white" for 象牙白, "light grey" for 浅灰), null when it is none. */
function colourEnglish(stem: string): string | null {
  const whole = COLOUR_NAMES[stem] ?? COLOURS[stem];
  if (whole) return whole;
  const base = stem.length >= 2 && COLOUR_SHADES[stem[0]] ? COLOUR_NAMES[stem.slice(1)] ?? COLOURS[stem.slice(1)] : undefined;
  return base ? `(?:${COLOUR_SHADES[stem[0]]})[\\s-]*(?:${base})` : null;
}

/** A size that combines a word and a measure: 白色5L, 大1匹, 精修3张, or the measure first, "256GB 白色". */
interface Composite {
  raw: string;
  /** the word, without a colour's 色 */
  stem: string;
  /** the measure's keys: 5l; 1p for 1匹 typed as its pinyin initial; the bare number of a measure said first (256) */
  keys: string[];
}
const composites = new Map<string, Composite | null>();
function compositeOf(raw: string): Composite | null {
  let c = composites.get(raw);
  if (c !== undefined) return c;
  const size = raw.normalize("NFKC").toLowerCase().trim();
  // (an amount and a word after it, with a space, 5L 白色, or without when the amount is a weight, a volume or a length,
  // 5磅香草味; not a bound, 4斤左右, 3颗以内)
  const after = /^(\d+(?:\.\d+)?\s*[a-z\u4e00-\u9fff]{1,3})\s+([\u4e00-\u9fff]{1,5})$/.exec(size) ??
    /^(\d+(?:\.\d+)?\s*(?:[a-z]{1,3}|[磅斤克升寸]))(?!左右|以|之|内|起|装)([\u4e00-\u9fff]{2,5})$/.exec(size);
  const parts = /^([\u4e00-\u9fff]{1,4})(\d+(?:\.\d+)?\s*[a-z\u4e00-\u9fff]{1,3})$/.exec(size) ?? (after ? [after[0], after[2], after[1]] : null);
  c = null;
  if (parts) {
    // (the number and unit as written: a measure's key need not start with its number, 12人 is seat12)
    const measure = sizeKey(parts[2]);
    const written = parts[2].replace(/\s+/g, "");
    const n = /^\d+(?:\.\d+)?/.exec(written)![0];
    const unit = measure.startsWith(n) ? measure.slice(n.length) : written.slice(n.length);
    const keys = [measure];
    if (/^[\u4e00-\u9fff]$/.test(unit) && pinyinInitial(unit)) keys.push(`${n}${pinyinInitial(unit)}`);
    if (after) keys.push(n);
    // (a colour or a flavour said without its kind-word: 白 of 白色, 香草 of 香草味)
    c = { raw, stem: parts[1].replace(/(?<=.)[色味]$/, ""), keys };
  }
  composites.set(raw, c);
  return c;
}

/** A unit of a measure and a kind-word (次卡, 粒罐), said as its measure alone: the pattern, compiled once; else null. */
const KINDLESS = new Map<string, RegExp | null>();
function kindless(unit: string): RegExp | null {
  let re = KINDLESS.get(unit);
  if (re === undefined) {
    const kind = /^([^\P{Script=Han}号])([卡罐饼盒包袋瓶套桶箱]|疗程|课程|套餐)$/u.exec(unit);
    re = kind ? new RegExp(`(?<![\\d.])(\\d+|${ZH_NUM_RE})\\s*${escapeRe(kind[1])}(?!${escapeRe(kind[2])}|了)`, "g") : null;
    KINDLESS.set(unit, re);
  }
  return re;
}

/** Where a composite size's word is said: the Chinese word (with or without 色) or its English; `score` ranks the more
 * specific first ("ivory white" over "white" for 象牙白). */
interface StemSaid extends Span {
  stem: string;
  score: number;
}
const colourRes = new Map<string, { full: RegExp | null; part: RegExp | null }>();
function stemSaid(lower: string, stem: string): StemSaid[] {
  const out: StemSaid[] = [];
  for (let i = lower.indexOf(stem); i >= 0; i = lower.indexOf(stem, i + 1)) {
    out.push({ start: i, end: lower[i + stem.length] === "色" && !stem.endsWith("色") ? i + stem.length + 1 : i + stem.length, stem, score: stem.length + 0.5 });
  }
  if (!/[a-z]/.test(lower)) return out;
  let res = colourRes.get(stem);
  if (!res) {
    const full = colourEnglish(stem);
    const part = stem.length > 1 ? COLOURS[stem.slice(-1)] : undefined;
    res = { full: full ? new RegExp(`(?<![a-z])(?:${full})(?![a-z])`, "g") : null, part: part ? new RegExp(`(?<![a-z])(?:${part})(?![a-z])`, "g") : null };
    colourRes.set(stem, res);
  }
  for (const [re, score] of [[res.full, stem.length + 0.5], [res.part, 1]] as const) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) out.push({ start: m.index, end: m.index + m[0].length, stem, score });
  }
  return out;
}

/** The model of a size that is a maker's name (a proper name of the dictionary, two or three characters) and a model of
 * two characters or more after it: 凯美瑞 of 丰田凯美瑞, cr-v of 本田cr-v; else null. Not a general word (the 机芯 of
 * 日本机芯 is any movement), nor one with a Chinese character another size's model has (学签 and 学生签 of two countries'
 * visas, 朗逸 and 轩逸: said alone, they may be either). */
function modelOf(size: string, sizes: string[]): string | null {
  const rest = modelPart(size);
  if (!rest || isDictionaryWord(rest)) return null;
  const shares = (raw: string) => {
    const other = foldTraditional(raw.normalize("NFKC").toLowerCase().trim());
    const model = other === size ? null : modelPart(other);
    return model !== null && [...rest].some((c) => /[\u4e00-\u9fff]/.test(c) && model.includes(c));
  };
  return sizes.some(shares) ? null : rest;
}
const SAID_ALONE = new WeakMap<string[], Map<string, string>>();
/** The sizes of a product said by a part alone, each to that part: a maker's model (凯美瑞 of 丰田凯美瑞, cr-v of
 * 本田CR-V) or a code in 号 (2d of 2D号). Worked out once per size list, not on every parse. */
function saidAlone(sizes: string[]): Map<string, string> {
  let out = SAID_ALONE.get(sizes);
  if (!out) {
    out = new Map();
    for (const raw of sizes) {
      const size = foldTraditional(raw.normalize("NFKC").toLowerCase().trim());
      const part = /^(\d+[a-z]+|[a-z]+\d+)号$/.exec(size)?.[1] ?? modelOf(size, sizes);
      if (part) out.set(raw, part);
    }
    SAID_ALONE.set(sizes, out);
  }
  return out;
}
/** What follows a maker's name (a proper name of two or three characters) at the start of a size, when it is two
 * characters or more and not a number. */
function modelPart(size: string): string | null {
  for (const k of [3, 2]) {
    const head = size.slice(0, k);
    const rest = size.slice(k).trim();
    if (/^[\u4e00-\u9fff]+$/.test(head) && rest.length >= 2 && !/^\d+$/.test(rest) && isProperName(head) && !isProperName(size.slice(0, k + 1))) return rest;
  }
  return null;
}
const COUNTED = /^\s*[个件张只本把双套盒瓶包袋支条台份杯]/;
const MEASURE_SAID = new RegExp(`(?<![\\d.a-z+*×/])(\\d+(?:\\.\\d+)?|${ZH_NUM_RE})(\\s*[a-z\\u4e00-\\u9fff]{0,3})`, "g");
/** Each number said with what follows it, as the keys it may be read as, longest first ("5升的" → 5升的, 5升, …; "256 " → 256). */
function measuresSaid(lower: string): { start: number; options: { end: number; key: string }[] }[] {
  const out: { start: number; options: { end: number; key: string }[] }[] = [];
  MEASURE_SAID.lastIndex = 0;
  for (let m = MEASURE_SAID.exec(lower); m; m = MEASURE_SAID.exec(lower)) {
    const n = /\d/.test(m[1]) ? m[1] : String(parseChineseInt(m[1]) ?? "");
    if (!n) continue;
    const rest = m[2];
    const options: { end: number; key: string }[] = [];
    for (let k = rest.length; k > 0 && rest.slice(0, k).trim(); k--) options.push({ end: m.index + m[1].length + k, key: sizeKey(n + rest.slice(0, k)) });
    // (a bare number: not followed by more digits or Latin letters, nor by a word that counts things: the 6个 of "12寸原木色6个")
    if (/\d/.test(m[1]) && !/^[a-z]/.test(rest) && !COUNTED.test(rest)) options.push({ end: m.index + m[1].length, key: n });
    out.push({ start: m.index, options });
  }
  return out;
}

/**
 * For each measure said, the composite size whose word is said nearest it, the more specific first. A one-character
 * word that is no colour (the 大 of 大1匹) must be said right against the measure ("大1p").
 */
function pickComposites<T extends { c: Composite }>(lower: string, said: StemSaid[], lookup: (stem: string, key: string) => T | undefined): (T & Span & { word: StemSaid; key: string })[] {
  const out: (T & Span & { word: StemSaid; key: string })[] = [];
  if (!said.length) return out;
  for (const m of measuresSaid(lower)) {
    for (const o of m.options) {
      let best: { hit: T; st: StemSaid; gap: number } | null = null;
      for (const st of said) {
        const gap = st.end <= m.start ? m.start - st.end : st.start >= o.end ? st.start - o.end : -1;
        if (gap < 0 || (gap > 0 && st.stem.length === 1 && !colourEnglish(st.stem))) continue;
        const hit = lookup(st.stem, o.key);
        if (hit && (!best || gap < best.gap || (gap === best.gap && st.score > best.st.score))) best = { hit, st, gap };
      }
      if (!best) continue;
      // (the word written right before the measure is part of the size: the 精修 of "精修3张")
      const start = best.gap === 0 && best.st.end <= m.start && /[\u4e00-\u9fff]/.test(lower[best.st.start]) ? best.st.start : m.start;
      out.push({ ...best.hit, start, end: o.end, word: best.st, key: o.key });
      break;
    }
  }
  return out;
}

/**
 * The composite sizes only one product of a catalog comes in, built once per catalog: saying one in parts names the
 * product ("来桶白的 5升", "2 cans of ivory white 5L" for the paint sold in 白色5L and 象牙白5L).
 */
export class CompositeSizeIndex {
  private readonly sole = new Map<string, { c: Composite; id: string }>();
  /** the words of those sizes, by their first character */
  private readonly words = new Map<string, string[]>();
  /** their English, grouped by the same English */
  private readonly english: { re: RegExp; stems: string[]; part: boolean }[] = [];

  constructor(products: Iterable<{ id: string; sizes?: string[] | null }>) {
    const owners = new Map<string, { c: Composite; ids: Set<string> }>();
    for (const p of products) {
      for (const raw of p.sizes ?? []) {
        const c = compositeOf(raw);
        if (!c) continue;
        for (const key of c.keys) {
          const k = `${c.stem}\u0000${key}`;
          (owners.get(k) ?? owners.set(k, { c, ids: new Set() }).get(k)!).ids.add(p.id);
        }
      }
    }
    const stems = new Set<string>();
    for (const [k, { c, ids }] of owners) {
      if (ids.size !== 1) continue;
      this.sole.set(k, { c, id: [...ids][0] });
      stems.add(c.stem);
    }
    const english = new Map<string, { re: RegExp; stems: string[]; part: boolean }>();
    for (const stem of stems) {
      (this.words.get(stem[0]) ?? this.words.set(stem[0], []).get(stem[0])!).push(stem);
      const full = colourEnglish(stem);
      const part = stem.length > 1 ? COLOURS[stem.slice(-1)] : undefined;
      for (const [source, isPart] of [[full, false], [part, true]] as const) {
        if (!source) continue;
        const key = `${isPart}\u0000${source}`;
        (english.get(key) ?? english.set(key, { re: new RegExp(`(?<![a-z])(?:${source})(?![a-z])`, "g"), stems: [], part: isPart }).get(key)!).stems.push(stem);
      }
    }
    this.english = [...english.values()];
  }

  /** the products named so in the text, each over the word and the measure of its size, with the size and the measure said */
  find(lower: string): (Span & { id: string; size: string; measure: string })[] {
    if (!this.sole.size) return [];
    const said: StemSaid[] = [];
    for (let i = 0; i < lower.length; i++) {
      for (const stem of this.words.get(lower[i]) ?? []) {
        if (lower.startsWith(stem, i)) said.push({ start: i, end: lower[i + stem.length] === "色" ? i + stem.length + 1 : i + stem.length, stem, score: stem.length + 0.5 });
      }
    }
    if (/[a-z]/.test(lower)) {
      for (const { re, stems, part } of this.english) {
        re.lastIndex = 0;
        for (let m = re.exec(lower); m; m = re.exec(lower)) for (const stem of stems) said.push({ start: m.index, end: m.index + m[0].length, stem, score: part ? 1 : stem.length + 0.5 });
      }
    }
    return pickComposites(lower, said, (stem, key) => this.sole.get(`${stem}\u0000${key}`)).map((h) => ({ start: Math.min(h.start, h.word.start), end: Math.max(h.end, h.word.end), id: h.id, size: h.c.raw, measure: h.key }));
  }
}

const ADJECTIVES: [string, string][] = [
  ["长", "long"], ["短", "short"], ["半", "half(?: a)?(?: dozen)?"], ["整", "full|whole"], ["全", "full|whole"], ["单", "single"], ["双", "double"],
  ["热", "hot"], ["冷", "cold|iced"], ["冰", "iced|cold"], ["冻", "iced|cold"], ["重", "heavy"], ["轻", "light"], ["厚", "thick"], ["薄", "thin"],
  ["深", "dark"], ["浅", "pale|light"], ["豪华", "deluxe|luxury"], ["标准", "standard|regular"], ["经典", "classic"], ["基础", "basic"], ["高级", "premium"],
  ["普通", "regular|normal|ordinary|standard"], ["常规", "regular|standard"], ["原", "original|plain"], ["老年", "senior|elderly"],
  ["不限", "unlimited"], ["升级", "upgraded?"], ["尊享", "premium|vip|exclusive"], ["迷你", "mini"], ["亲子", "parent-?(?:and-?)?child"],
  // finish, feel and taste: clear glass, matte paint, a soft board, sweet or salty
  ["透明", "clear|transparent"], ["哑光", "matte?"], ["亮光", "glossy?|shiny"], ["磨砂", "frosted|matte?"], ["软", "soft"], ["硬", "hard|firm"],
  ["甜", "sweet"], ["咸", "salty|savou?ry"],
  // shape and side: round or square, wide or narrow, front or rear, left or right
  ["圆", "round"], ["方", "square"], ["宽", "wide"], ["窄", "narrow|slim"], ["前", "front"], ["后", "rear|back"], ["左", "left"], ["右", "right"],
  // how and where it is done: handmade, custom, express, online or in person, at home or in store, private or in a group
  ["手工", "hand-?made"], ["定制", "custom(?:i[sz]ed)?|bespoke|tailor-?made"], ["加急", "express|rush|urgent"], ["预售", "pre-?sale|pre-?order"],
  ["线上", "online"], ["线下", "offline|in[- ]person"], ["上门", "on-?site|home visit|at home"], ["到店", "in[- ]store"], ["私人", "private"],
  ["团体", "group"], ["一对一", "one[- ]on[- ]one|1[- ]on[- ]1|1v1"], ["单程", "one[- ]way"], ["往返", "round[- ]trip"],
  ["电子", "digital|electronic|e-"], ["纸质", "paper|printed|hard ?copy"], ["夜", "night"], ["工作日", "weekdays?"], ["周末", "weekends?"],
  // drinks and dishes: ice, sugar, how it is cooked, how well done
  ["常温", "room[- ]temp(?:erature)?"], ["去冰", "no ice"], ["少冰", "less ice|light ice"], ["多冰", "extra ice"], ["少糖", "less sugar|low sugar|light sugar"],
  ["半糖", "half sugar"], ["无糖", "no sugar|sugar[- ]free|unsweetened"], ["全糖", "full sugar"], ["清蒸", "steamed"], ["红烧", "braised"],
  ["椒盐", "salt(?:ed)?[- ](?:and|&|n)[- ]pepper"], ["蒜蓉", "garlic"], ["白灼", "blanched|poached"], ["全熟", "well[- ]done"],
  ["七分熟", "medium[- ]well"], ["三分熟", "medium[- ]rare"],
  // rooms, seats and passengers: a king or twin bed, a sea view, a window seat, students and seniors
  ["大床", "king(?:[- ]size)?(?: bed)?|queen(?:[- ]size)?(?: bed)?|double bed"], ["双床", "twin(?: beds?)?"], ["海景", "(?:sea|ocean)[- ]view"],
  ["湖景", "lake[- ]view"], ["山景", "mountain[- ]view"], ["靠窗", "window seat"], ["学生", "students?"], ["老人", "seniors?|elderly"],
  ["轿车", "sedans?|saloons?"], ["商务车", "minivans?|business vans?|mpv"],
  // who it is for: adults and children, men and women
  ["成人", "adults?|grown-?ups?"], ["儿童", "kids?|child(?:ren)?|children's"], ["男", "men'?s|male"], ["女", "women'?s|ladies|female"],
  // form: upright (立式钢琴, 立式空调), wall-mounted, portable, wireless
  ["立式", "upright|vertical|floor[- ]standing"], ["卧式", "horizontal"], ["壁挂", "wall[- ]mounted|wall[- ]hung"], ["便携", "portable"],
  ["无线", "wireless|cordless"], ["有线", "wired|corded"],
];
/** ADJECTIVES' places by the first character of the adjective (a size is looked for only by those its sizes start with) */
const ADJECTIVES_BY_FIRST = new Map<string, number[]>();
ADJECTIVES.forEach(([stem], k) => (ADJECTIVES_BY_FIRST.get(stem[0]) ?? ADJECTIVES_BY_FIRST.set(stem[0], []).get(stem[0])!).push(k));
/** (整 is always looked for: a whole is also the 一只 of a catalog that sells 半只) */
const WHOLE_ADJECTIVES = ADJECTIVES.flatMap(([stem], k) => (stem === "整" ? [k] : []));
// What may follow a bare number for it to be a size: not a counter, a currency, a time or a unit of its own.
const NOT_A_SIZE_AFTER = String.raw`\s*(?:[个件双杯元块米点时分号日月岁%寸度粒片只支盒瓶包朵枝人位次克斤]|公里|千米|km|ml|mm|cm|kg|m\b|g\b|l\b|am|pm|mins?|minutes?|hours?|rmb|yuan|k\b)`;
/** a two- or three-digit number: one of a product's numbered sizes (shoes 36-45) */
const NUMBERED_SIZE = new RegExp(String.raw`(?<![\d.a-z:\/])(\d{2,3})(?![\d.:\/]|${NOT_A_SIZE_AFTER})`, "g");
/** a number a product's size starts with (53 of 53cm, 27.5 of 27.5x2.25) */
const LEADING_NUMBER = new RegExp(String.raw`(?<![\d.a-z:\/#-]|\d\s*[到至~～]\s*)(-?\d+(?:\.\d+)?)(?![\d.:\/x*×]|${NOT_A_SIZE_AFTER})`, "g");
/** a catalog size of a number, 号 and a word (1号箱), and that number said with 号 and no word after it ("1号的") */
const NUMBERED_WORD = /^(\d{1,3})号[\u4e00-\u9fff]+$/;
// (followed by 的, a count or a verb of taking, so that a day of the month is none: "3号送过来")
const NUMBER_HAO = new RegExp(`(?<![\\d.])(\\d{1,3})\\s*号(?=的|\\s*[,，、]?\\s*(?:拿|来|要|买)?\\s*(?:\\d{1,3}|${ZH_NUM_RE})\\s*[${MEASURE_WORDS}]|\\s*[,，、]?\\s*(?:拿|来|要|买)|\\s*$)`, "g");
/** a catalog size of an amount, a unit and more words (4节系统课, 3次疗程, 12人标准版; not 1号箱, NUMBERED_WORD's), and an
 * amount said with a unit and then 的, 那个 or a kind-word */
const AMOUNT_AND_WORDS = new RegExp(`^(\\d{1,4}|${ZH_NUM_RE})([\\u4e00-\\u9fff])(?<!号)(?![装])[\\u4e00-\\u9fffa-z]{2,}$`, "i");
/** a catalog size of words and then an amount: 每周3瓶 (said by the amount, "3瓶那种", when the words are three characters at
 * most and the unit one), 整箱12瓶 (said by the words, "整箱") */
const WORDS_THEN_AMOUNT = /^([\u4e00-\u9fff]+)(\d{1,4})([\u4e00-\u9fff]+)$/;
const AMOUNT_SAID = new RegExp(`(?<![\\d.])(\\d{1,4}|${ZH_NUM_RE})([\\u4e00-\\u9fff])(?=的|那|版|款|装)`, "g");
/** a catalog size that is a pack of a number of pieces (两只装, 三支装, 6罐装) */
const PACK_OF = new RegExp(`^(?:\\d{1,2}|${ZH_NUM_RE})([${MEASURE_WORDS}](?:装|套))$`);
/** "a 2 pack", "2-pack", "2pk", "a box of 6" (the plural, "2 packs", is a count of packs); "a two piece", "3-piece" (件套) */
const EN_PACK = new RegExp(`(?<![\\d.a-z])(\\d{1,2}|single|one|two|three|four|five|six|eight|ten|twelve)\\s*-?\\s*(?:pack|pk)(?![a-z])|(?<![a-z])(?:pack|box|set|bag|case) of (\\d{1,2}|two|three|four|five|six|eight|ten|twelve)(?![\\d.a-z])`, "g");
const EN_PIECE = new RegExp(`(?<![\\d.a-z])(\\d|one|two|three|four|five)\\s*-?\\s*(?:piece|pc)(?![a-z])`, "g");
/** a number said with 千 or 万 (2万, 1.5万, 两万, 五千) */
const MAGNITUDE_SAID = new RegExp(`(?<![\\d.a-z])(\\d+(?:\\.\\d+)?)\\s*([千万])(?![\\d])|(?<![${ZH_NUM_CHARS}\\d])([一二两三四五六七八九十][${ZH_NUM_CHARS}]{0,3}[千万]|[一二两三四五六七八九]百[零〇一二三四五六七八九十]{0,3})(?![${ZH_NUM_CHARS}])`, "g");
/** Units English writes before the number: grade 3 (三年级), level 2 (2级), age 5 (5岁) */
const UNIT_BEFORE: Record<string, string> = { 年级: "grade|gr\\.?|year", 级: "level|lvl|grade", 岁: "age|aged", 号: "size|no\\.?", 段: "stage|step" };
const EN_SMALL = "two|three|four|five|six|seven|eight|nine|ten";
/**
 * Sizes that are a count or a range of something ("3人", "4-5人", "2人份", "2-6岁"): a number said with that unit is
 * the size whose range holds it ("我女儿4岁" → 2-6岁, "6个人" → 6-8人), and for sizes counted in people, a count of
 * people however it is said ("一家三口", "我们三个人", "for 6 people").
 */
function countedSizes(lower: string, products: { sizes: string[] }[], add: (start: number, end: number, text: string) => void): void {
  const ranged: { lo: number; hi: number; unit: string; size: string; product: number }[] = [];
  for (const [product, p] of products.entries()) {
    for (const raw of p.sizes) {
      const text = raw.normalize("NFKC").trim();
      const r = new RegExp(`^(\\d+(?:\\.\\d+)?|${ZH_NUM_RE})\\s*(?:[-~～至到]\\s*(\\d+(?:\\.\\d+)?))?\\s*([\\u4e00-\\u9fff]{1,2})$`).exec(text);
      // (a single amount in another unit, 5斤, is the unit patterns' to read: "5斤装的两份"; one written in Chinese
      // numerals, 三年级, is read here, in digits too)
      const lo = r ? parseNumber(r[1]) : null;
      // (the 款 after a unit says the kind of thing, not the unit: 6-12岁款 is a range in 岁)
      const unit = r?.[3].length === 2 && r[3].endsWith("款") ? r[3][0] : r?.[3] ?? "";
      if (r && lo !== null && (r[2] || unit.startsWith("人") || !/^\d/.test(r[1]))) ranged.push({ lo, hi: Number(r[2] ?? lo), unit, size: raw, product });
      // open ranges: 60平以内, 150平以上
      const open = /^(\d+(?:\.\d+)?)\s*([\u4e00-\u9fff]{1,2}?)\s*(以内|以下|之内|内|以上|及以上)$/.exec(text);
      if (open) ranged.push(/上/.test(open[3]) ? { lo: Number(open[1]), hi: Infinity, unit: open[2], size: raw, product } : { lo: 0, hi: Number(open[1]), unit: open[2], size: raw, product });
    }
  }
  if (!ranged.length) return;
  const plain = new Set(products.flatMap((p) => p.sizes.map(sizeKey)));
  const num = `(\\d{1,3}|${ZH_NUM_RE})`;
  for (const unit of new Set(ranged.map((r) => r.unit))) {
    // (in any of the unit's spellings: 三室 for 三居室)
    const patterns = [new RegExp(`${num}\\s*(?:个)?\\s*(?:${UNIT_SPELLINGS[unit] ?? escapeRe(unit)})`, "g")];
    // the unit in English before the number ("grade 3", "level 2", "age 5") or after it ("5 yo"), or typed in pinyin
    // ("3 nianji")
    if (UNIT_SPELLINGS[unit]) patterns.push(new RegExp(`(?<![\\d.a-z])(\\d{1,2}|one|${EN_SMALL})\\s*-?\\s*(?:${UNIT_SPELLINGS[unit]})`, "g"));
    patterns.push(...spelledAmounts(unit));
    if (unit === "岁") patterns.push(/(?<![\d.])(\d{1,2})\s*-?\s*(?:yo|y\/o|yrs?(?: old)?|years?(?:[- ]old)?)(?![a-z])/g);
    // (or said of a child: "he's 10", "my daughter is 2 and a half")
    if (unit === "岁") patterns.push(/(?<![a-z])(?:he|she|son|daughter|kid|child|boy|girl)(?:'s|’s|\s+is)\s+(?:only\s+|just\s+|about\s+)?(\d{1,2})(?![\d.:%]|\s*(?:am|pm|min|minutes|hours?|cm|kg|km)(?![a-z]))/g);
    // (a length in metres with its decimals or its tenths: 1.6m, 1米2)
    if (unit === "米") patterns.unshift(/(?<![\d.])(\d{1,2}(?:\.\d{1,2})?)\s*(?:米|m(?![a-z])|公尺)(?<tenth>\d(?![\d.]))?/g);
    if (unit.startsWith("人")) {
      patterns.push(
        // (个 alone counts people only at the end of a phrase, "我们三个", not before a noun: the 一个 of "一个双人帐篷")
        new RegExp(`一家${num}口|${num}\\s*(?:个人|口人|个(?![\\u4e00-\\u9fff](?<![的吃用住睡]))|位|人)(?:[的吃用])?|(双|单)人(?:[的吃用])?`, "g"),
        // "1 person", "a 6-person tent", "15 staff", typed in pinyin "3 ren"
        new RegExp(`(?<![a-z0-9])(\\d{1,2}|one|${EN_SMALL})[\\s-]*(?:person|persons|people|man|ren|staff|employees|workers|members|guests)(?![a-z])`, "g"),
        new RegExp(`(?<![a-z0-9])(?:for|of)\\s+(\\d{1,2}|${EN_SMALL})(?:\\s+(?:people|ppl|persons|pax|adults|guests|of us))?(?![a-z0-9:.]|\\s*(?:pm|am|点|hours?|mins?))|(?<![a-z0-9])(\\d{1,2}|${EN_SMALL})\\s+(?:people|ppl|persons|pax)(?![a-z])`, "g"),
      );
    }
    // an age said in the other unit (14个月 of sizes in 岁, "2岁" of sizes in 月) or as a newborn's; a range said as the
    // size's ("0到6个月" for 0-6月)
    const scaled: [RegExp, number][] = patterns.map((re) => [re, 1]);
    if (unit === "岁") scaled.push([AGE_MONTHS, 1 / 12], [NEWBORN, 1 / 12]);
    if (unit === "月") scaled.push([AGE_MONTHS, 1], [AGE_YEARS, 12], [NEWBORN, 1]);
    const spans = rangeSaid(unit);
    spans.lastIndex = 0;
    for (let m = spans.exec(lower); m; m = spans.exec(lower)) {
      const [lo, hi] = m[1] ? [parseNumber(m[1]), parseNumber(m[2])] : [parseNumber(m[3]), parseNumber(m[4])];
      // (side by side, the second is the next: 三四, not 三八)
      if (!m[1] && (lo === null || hi !== lo + 1)) continue;
      const same = ranged.find((r) => r.unit === unit && r.lo === lo && r.hi === hi);
      if (same) add(m.index, m.index + m[0].length, same.size);
    }
    for (const [re, scale] of scaled) {
      re.lastIndex = 0;
      for (let m = re.exec(lower); m; m = re.exec(lower)) {
        const raw = m[1] ?? m[2] ?? m[3] ?? (re === NEWBORN ? "1" : undefined);
        const whole = raw ? SEAT_DIGIT[raw] ?? parseNumber(raw) : null;
        // (一个 alone counts a thing, not one person: the 一个 of "招牌套餐双人份一个")
        if (whole === 1 && unit.startsWith("人") && /个$/.test(m[0])) continue;
        // (and a half after it: 一岁半 is 1.5 years)
        const half = (re === AGE_YEARS || re === AGE_MONTHS || unit === "岁") && (lower[m.index + m[0].length] === "半" || /^\s*and a half/.test(lower.slice(m.index + m[0].length))) ? 0.5 : 0;
        const n = whole === null ? null : ((m.groups?.tenth ? whole + Number(m.groups.tenth) / 10 : whole) + half) * scale;
        const hits = n === null ? [] : ranged.filter((r) => r.unit === unit && n >= r.lo && n <= r.hi);
        // (a number on the bound of two ranges of one product names neither: 6 of 4-6岁 and 6-8岁)
        // (nor one that is another product's size as said: the 18头 of a chandelier beside an installation sold 15头以上)
        if (hits.length && !hits.some((r, k) => hits.some((o, j) => j > k && o.product === r.product)) && !(hits[0].lo !== hits[0].hi && plain.has(sizeKey(m[0])))) add(m.index, m.index + m[0].length, hits[0].size);
      }
    }
  }
}

const RANGES_SAID = new Map<string, RegExp>();
/** a range said in a unit ("0到6个月", "4-6岁"), compiled once per unit */
function rangeSaid(unit: string): RegExp {
  let re = RANGES_SAID.get(unit);
  // (or two numerals side by side, as Chinese says about so many: 三四斤, 五六个)
  if (!re) RANGES_SAID.set(unit, (re = new RegExp(`(?:(\\d{1,2}|${ZH_NUM_RE})\\s*(?:-|~|～|到|至)\\s*(\\d{1,2}|${ZH_NUM_RE})|(?<![${ZH_NUM_CHARS}])([一两三四五六七八九])([二三四五六七八九十]))\\s*(?:个)?\\s*(?:${UNIT_SPELLINGS[unit] ?? escapeRe(unit)})`, "g")));
  return re;
}
/** a baby's age in months ("5个月", "14个月大", "3 month old"), in years ("2岁"), or a newborn's */
const AGE_MONTHS = new RegExp(`(?<![\\d.])(\\d{1,2}|${ZH_NUM_RE})\\s*个\\s*月(?:大|龄)?|(?<![\\d.a-z])(\\d{1,2})\\s*-?\\s*months?(?![a-z])`, "g");
const AGE_YEARS = new RegExp(`(?<![\\d.])(\\d{1,2}|${ZH_NUM_RE})\\s*(?:岁|周岁)|(?<![\\d.a-z])(\\d{1,2})\\s*-?\\s*(?:yo|years?(?:[- ]old)?)(?![a-z])`, "g");
const NEWBORN = /新生儿|刚出生|刚满月|newborns?(?![a-z])/g;
/** a fraction or a decimal (1/2, 3.5), or a number with 的 after it ("12的") */
const RANGE_POINT = /(?<![\d./a-z])(\d{1,3}\s*\/\s*\d{1,2}|\d{1,3}\.\d{1,2}|\d{1,3}(?=的))(?![\d./a-z])/g;
const fraction = (s: string) => {
  const [a, b] = s.split("/").map((x) => Number(x.trim()));
  return b === undefined ? a : b ? a / b : NaN;
};
/**
 * Sizes that are a range of bare numbers or fractions ("1/4-1/2" of a shoulder rest, "12-53" of strings): a fraction or
 * a decimal said that the range holds, or a number with 的 after it, is that size ("肩托 1/2的"). The mention keeps the
 * number itself first, so a product sold in that very number takes it (the violin in 1/2).
 */
function rangedSizes(lower: string, products: { sizes: string[] }[], out: SizeMention[]): void {
  const ranges: { lo: number; hi: number; size: string }[] = [];
  for (const p of products) {
    for (const raw of p.sizes) {
      const r = /^(\d+(?:\.\d+)?|\d+\/\d+)\s*[-~～]\s*(\d+(?:\.\d+)?|\d+\/\d+)$/.exec(raw.normalize("NFKC").trim());
      if (r) ranges.push({ lo: fraction(r[1]), hi: fraction(r[2]), size: raw });
    }
  }
  if (!ranges.length) return;
  RANGE_POINT.lastIndex = 0;
  for (let m = RANGE_POINT.exec(lower); m; m = RANGE_POINT.exec(lower)) {
    const v = fraction(m[1]);
    // (a range that starts at the number said first: the gauge of strings is said by its lightest, "012的" of 012-053)
    const keys = ranges.filter((r) => v >= r.lo && v <= r.hi).sort((a, b) => Number(b.lo === v) - Number(a.lo === v)).map((r) => sizeKey(r.size));
    if (!keys.length) continue;
    const said = m[1].replace(/\s+/g, "");
    const at = out.find((o) => o.start < m!.index + m![0].length && m!.index < o.end);
    if (at) {
      if (at.start === m.index && at.end === m.index + m[0].length) for (const k of keys) if (!at.keys.includes(k)) at.keys.push(k);
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, keys: [sizeKey(said), ...new Set(keys)], display: said, weak: false });
  }
}

const spelled = new Map<string, RegExp[]>();
/**
 * Other ways to write an amount of a unit, each with the number as its first group, compiled once per unit: the unit in
 * English before the number ("grade 3" for 3年级, "level 2" for 2级, "size 7" for 7号) and the unit typed in toneless
 * pinyin after it ("3 tian" for 3天, "3 nianji" for 三年级).
 */
function spelledAmounts(unit: string): RegExp[] {
  let out = spelled.get(unit);
  if (out) return out;
  out = [];
  if (UNIT_BEFORE[unit]) out.push(new RegExp(`(?<![a-z])(?:${UNIT_BEFORE[unit]})\\s*(\\d{1,2})(?![\\d.])`, "g"));
  const py = /^[\u4e00-\u9fff]+$/.test(unit) ? pinyin(unit, { toneType: "none", type: "array" }).join("") : "";
  if (/^[a-z]{3,}$/.test(py)) out.push(new RegExp(`(?<![\\d.])(\\d{1,3})\\s*${py}(?![a-z])`, "g"));
  spelled.set(unit, out);
  return out;
}

/** weeks, for a product sold by the day: 一周, "2 weeks" */
const WEEKS = new RegExp(`(\\d{1,2}|${ZH_NUM_RE})\\s*个?\\s*(?:周|星期|礼拜)(?![一二三四五六日天1-7])|(\\d{1,2}|one|${EN_SMALL}|a)\\s+weeks?(?![a-z])`, "g");

const pinyins = new Map<string, RegExp | null>();
/** A two- to four-character Chinese word as a regex of its toneless pinyin, syllables optionally spaced, memoised. */
function pinyinOf(word: string): RegExp | null {
  let re = pinyins.get(word);
  if (re === undefined) {
    const syllables = /^[\u4e00-\u9fff]{2,4}$/.test(word) ? pinyin(word, { toneType: "none", type: "array" }) : [];
    // (a numeral that ends the word may be typed as a digit: "kemu 1" for 科目一)
    const digit = syllables.length >= 3 ? parseChineseInt(word.slice(-1)) : null;
    if (digit !== null && digit >= 1 && digit <= 9) syllables[syllables.length - 1] = `(?:${syllables[syllables.length - 1]}|${digit}(?![\\d.]))`;
    re = syllables.length >= 2 && syllables.every((x) => /^[a-z]+$|^\(/.test(x)) ? new RegExp(`(?<![a-z])${syllables.join("\\s*")}(?![a-z])`, "g") : null;
    pinyins.set(word, re);
  }
  if (re) re.lastIndex = 0;
  return re;
}

const initials = new Map<string, string>();
/** The first letter of a character's pinyin (匹 → p), memoised. */
function pinyinInitial(ch: string): string {
  let i = initials.get(ch);
  if (i === undefined) initials.set(ch, (i = (pinyin(ch, { pattern: "first", toneType: "none" }) || "").toLowerCase().replace(/[^a-z]/g, "").slice(0, 1)));
  return i;
}

/** Chinese numerals in a size word as digits: 三服三造 → 3服3造 */
const digitsOf = (s: string) => (/[一二两三四五六七八九十]/.test(s) ? s.replace(new RegExp(ZH_NUM_RE, "g"), (n) => String(parseChineseInt(n) ?? n)) : s);
/** a match's text with the numbers its groups caught written as digits */
function numbersAsDigits(text: string, m: RegExpExecArray): string {
  let out = "";
  let at = m.index;
  for (const span of m.indices?.slice(1) ?? []) {
    if (!span) continue;
    out += text.slice(at, span[0]) + digitsOf(text.slice(span[0], span[1]));
    at = span[1];
  }
  return out + text.slice(at, m.index + m[0].length);
}
/** Whether the text has, at `at`, the 个 of a count after a numeral (两个人, 3个): a size that starts there is none. */
export function countedAt(lower: string, at: number): boolean {
  return lower[at] === "个" && /[\d一二两三四五六七八九十几俩]\s*$/.test(lower.slice(Math.max(0, at - 2), at));
}
/** a unit of time a thing may be hired or charged by */
const TIME_UNIT = /^(?:小时|天|日|周|月|年|晚|分钟)$/;
/** a model of a line: the line's name in letters, a number, and words after it (iphone 15 pro max, galaxy s24 ultra) */
const MODEL_OF_LINE = /^[a-z]+\s*(\d{1,3})\s*([a-z]+(?:\s+[a-z]+)*)$/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// a catalog size of a number and a unit: 20粒, 50只装, 11朵, 250度, 56mm, 1.60, 500g
/** an area in square metres, however it is written: 平方米, 平米, 18平, ㎡, sqm */
const AREA = "平方米|平米|平方(?!毫米)|平(?![板台底安稳衡价])|㎡|m²|m2(?![a-z\\d])|sqm|square met(?:er|re)s?";
/** Units written more than one way: a temperature in ℃ (°c once normalised), 度, °C or degrees; lessons in 课时 or 次课. */
const UNIT_SPELLINGS: Record<string, string> = {
  m: "m(?![a-z])|兆(?!元)|mbps|mb(?![a-z])", tb: "tb|t(?![a-z])",
  // (storage written with or without its B: 2TB of 2T, 8GB of 8G; a resistance with its Ω left out or in words: 10k of 10KΩ)
  t: "tb?(?![a-z])", gb: "gb?(?![a-z])", "kω": "kω|k\\s*ohms?(?![a-z])|k(?![a-z])|千欧(?:姆)?", "ω": "ω|ohms?(?![a-z])|欧(?:姆)?(?![元])", 平方米: AREA, 平米: AREA, 平: AREA, "㎡": AREA,
  // (a battery's ampere-hours, said in 安)
  ah: "ah(?![a-z])|安时?|amp[- ]?hours?",
  "°c": "℃|°c|°|摄氏度|度|degrees?(?![a-z])", "°": "°|度|degrees?(?![a-z])", 课时: "课时|次课|节课|堂课", 小时: "小时|钟头|钟(?![点表])",
  立方: "立方(?:米)?|方(?![向面便法式案])|cubic\\s*met(?:er|re)s?|cbm|m3|m³", cm: "cm|厘米|公分(?!钟)", mm: "mm|毫米", 居室: "居室|室|居(?![家民住委然])|bedrooms?|bdrm|br(?![a-z])|bed(?![a-z])",
  公里: "公里|千米|km(?![a-z])|kilomet(?:er|re)s?", km: "km(?![a-z])|公里|千米|kilomet(?:er|re)s?", 万公里: "万公里|万\\s*km(?![a-z])|w\\s*(?:公里|km(?![a-z]))",
  kw: "kw(?![a-z])|千瓦|kilowatts?",
  // (a pump's or an air conditioner's horsepower: 3HP is 3匹)
  hp: "hp(?![a-z])|匹|horsepower",
  // (a size for so many children, 8童, said as the children: 8个小朋友, 12个娃)
  童: "童|小朋友|孩子|小孩|娃娃?|宝宝|儿童",
};
/** 百兆, 千兆, 2千兆 (1: the multiplier, 2: 百 or 千), "gigabit", "2 gig" (3: the multiplier) */
const MEGA_SAID = new RegExp(`(?<![\\d.${ZH_NUM_CHARS}])(\\d(?:\\.\\d)?|[一二两三四五六七八九])?\\s*([百千])兆|(?<![a-z\\d.])(?:(\\d(?:\\.\\d)?)\\s*-?\\s*)?(?:gigabit|gig|gbps|g\\s*broadband)(?![a-z])`, "g");
/** units that may be below zero */
const SIGNED = new Set(["°c"]);
const NUMBER_UNIT = /^(-?\d+(?:\.\d+)?)\s*([^\d\s.][^\d\s]{0,3}?)(?:装)?$/;

/**
 * Size words taken from the catalog, for the products the message names: each product's own sizes written in the
 * text ("精装", "单层", "短发", "20粒装"), and a size in the same unit as the product's that it does not carry ("24粒"
 * when it comes in 10粒 and 20粒), reported as written. Letter sizes and bare numbers are left to the generic patterns.
 */
/** The units of a product's number-and-unit sizes: 10粒, 20粒 → 粒. */
export function sizeUnits(sizes: string[]): Set<string> {
  const units = new Set<string>();
  for (const raw of sizes) {
    // (㎡ is said as 平方米 and its other spellings: NFKC would make it m2)
    const unit = NUMBER_UNIT.exec(raw.replace(/㎡|m²/g, "平方米").normalize("NFKC").toLowerCase().trim());
    if (unit) units.add(unit[2]);
    // (a word and a measure in a unit that counts nothing else, 全脸900发, is also said as the measure: "900发")
    const led = /^[\u4e00-\u9fff]{2,4}\d+(?:\.\d+)?\s*([\u4e00-\u9fff])$/.exec(raw.trim());
    if (led && !MEASURE_WORDS.includes(led[1])) units.add(led[1]);
    // (an amount about so much, 2斤左右, is said in the amount's unit: "2斤", "2 jin")
    const about = unit ? /^(.+?)(?:左右|上下)$/.exec(unit[2]) : null;
    if (about) units.add(about[1]);
    // (a stage and an amount, 3段900g, is also said by its stage: "3段")
    const stage = /^\d{1,2}\s*([段阶天])\s*\d/.exec(raw.trim());
    if (stage) units.add(stage[1]);
    // (a count per container or per hour, 10片/盒 or 2T/h, is also said in its count's unit: "10片装", "2T的")
    const per = unit ? /^([^/]+)\/(?:[\u4e00-\u9fff]+|h|hr|d|day|min)$/.exec(unit[2]) : null;
    if (per) units.add(per[1]);
    // (a bound's unit is also its amounts': 18桌 is said of a product sold 10桌以内 / 20桌以内)
    const bounded = unit ? /^(.+?)(?:以内|之内|以下|内)$/.exec(unit[2]) : null;
    if (bounded) units.add(bounded[1]);
  }
  return units;
}

/** Whether a size written by the user fits the product: one of its sizes, or a number in one of its units. */
export function fitsProduct(size: string, sizes: string[], index: Map<string, string>): boolean {
  if (index.has(sizeKey(size))) return true;
  const unit = NUMBER_UNIT.exec(size.normalize("NFKC").toLowerCase().trim());
  return !!unit && sizeUnits(sizes).has(unit[2]);
}

const PARTY_SIZE = new RegExp(`^(${ZH_NUM_RE}|\\d)大(${ZH_NUM_RE}|\\d)小$`);
const PARTY_N = `(\\d|${ZH_NUM_RE}|one|two|three|four)\\s*(?:个|位)?\\s*`;
const PARTY_ADULT = "(?:大人|成人|家长|大(?!人)|adults?(?![a-z]))";
const PARTY_CHILD = "(?:小孩|孩子|儿童|小朋友|宝宝|娃|小(?![孩朋])|kids?(?![a-z])|child(?:ren)?(?![a-z]))";
/** A party said as grown-ups and children ("两个大人一个小孩", "2 adults + 1 kid"): how many in all, and the first count. */
export function partyOf(lower: string): (Span & { total: number; first: number }) | null {
  PARTY_SAID.lastIndex = 0;
  const m = PARTY_SAID.exec(lower);
  PARTY_SAID.lastIndex = 0;
  const a = m ? parseNumber(m[1] ?? m[3]) : null;
  const b = m ? parseNumber(m[2] ?? m[4]) : null;
  return m && a !== null && b !== null && a >= 1 && b >= 1 ? { start: m.index, end: m.index + m[0].length, total: a + b, first: a } : null;
}
/** Whether a size is a kind for grown-ups or for children (成人票, 儿童) */
export const isPartyKind = (size: string): boolean => ADULT.test(size.toLowerCase()) || CHILD.test(size.toLowerCase());
const PARTY_SAID = new RegExp(`(?<![\\d.])${PARTY_N}${PARTY_ADULT}\\s*[,，+、和与&]?\\s*(?:and\\s+)?${PARTY_N}${PARTY_CHILD}|(?<![\\d.])${PARTY_N}${PARTY_CHILD}\\s*[,，+、和与&]?\\s*(?:and\\s+)?${PARTY_N}${PARTY_ADULT}`, "g");
const CODE_NUMBER = /(?<![\d.a-z])(\d{2,4})(?:号)?(?![\d.%]|\s*(?:[个件张元块米点时分日月岁寸度粒片只支盒瓶包杯份位人次]|公里|小时|分钟|mm|cm|ml|kg|g\b|[x×*]\s*\d))/g;
const THOUSAND_G = /(?<![\d.])(\d{1,2})000\s*gb?(?![a-z])/g;
const FRACTION_SIZE = /^\d{1,3}\s*\/\s*\d{1,3}$/;
const FRACTION_SAID = new RegExp(`(?<![百千万${ZH_NUM_CHARS}\\d.])(\\d{1,3}|${ZH_NUM_RE})\\s*分之\\s*(\\d{1,3}|${ZH_NUM_RE})(?![\\d.])`, "g");
const PAIR_SIZE = /^(\d+(?:\.\d+)?)([a-z]*)\+(\d+(?:\.\d+)?)([a-z]*)$/;
const PAIR_SAID = /(?<![\d.a-z])(\d+(?:\.\d+)?)\s*(g|t)?b?(?:\s*(?:ram|内存|运存))?\s*(?:\+|加|\s)\s*(\d+(?:\.\d+)?)\s*(g|t)?b?(?:\s*(?:ssd|固态|硬盘|存储)(?![a-z]))?(?![a-z\d])/g;
export function catalogSizes(lower: string, products: { sizes: string[] }[], orig = lower): SizeMention[] {
  const words = new Set<string>();
  /** a model or a code said alone, to the size of its maker's name and it or of it and 号 (null when two sizes have it) */
  const modelOfSize = new Map<string, string | null>();
  const units = new Set<string>();
  for (const p of products) {
    for (const u of sizeUnits(p.sizes)) units.add(u);
    const alone = saidAlone(p.sizes);
    for (const raw of p.sizes) {
      const size = foldTraditional(raw.normalize("NFKC").toLowerCase().trim());
      // (a size said by a part alone: a maker's model, 凯美瑞 of 丰田凯美瑞; a code, 2D of 2D号)
      const part = alone.get(raw);
      if (part && !words.has(part)) {
        words.add(part);
        modelOfSize.set(part, modelOfSize.has(part) && modelOfSize.get(part) !== raw ? null : raw);
      }
      if (NUMBER_UNIT.test(size)) continue;
      // letter sizes (s, xl) and bare numbers are the generic patterns'; shade and model codes (n20, #999) are words
      // (letter sizes the generic patterns know, s to xxxl, are theirs; others such as ss or xxs are words)
      if (size.length >= 2 && !/^(?:x{0,3}l|x{0,2}s|m|[2-4]xl)$/.test(size) && !/^\d+$/.test(size)) words.add(size.replace(/装$/, ""));
      // (a size in 大/小 and a measure, 大份 and 小份, is also asked in the other of its kind: 中份, as the customer says it)
      const graded = /^[大中小]([份碗杯盘锅瓶盒包袋桶壶扎串只条])$/.exec(size);
      if (graded) for (const g of "大中小") words.add(g + graded[1]);
    }
  }
  const out: SizeMention[] = [];
  const add = (start: number, end: number, text: string) => {
    if (out.some((o) => o.start < end && start < o.end)) return;
    // reported as the user wrote it (casing and inner spaces of "iPhone 14") when the product does not come in it
    out.push({ start, end, keys: [sizeKey(text)], display: /[a-z]/i.test(text) ? orig.slice(start, end).trim() : text.replace(/\s+/g, ""), weak: false });
  };
  // (every size of the products, once)
  const allSizes = products.flatMap((p) => p.sizes);
  const distinctSizes = new Set(allSizes);
  // a size of two parts joined by / (10.5°/S, 3号木/S) said with its parts side by side ("10.5度 S杆", "3号木S")
  for (const raw of distinctSizes) {
    const two = /^([^/]+)\/([^/]+)$/.exec(raw.trim());
    if (!two || !/\d/.test(two[1]) || /^\d/.test(two[2])) continue;
    const first = escapeRe(two[1].trim().toLowerCase()).replace(/°/g, "\\s*(?:°|度|degrees?)").replace(/\s+/g, "\\s*");
    const second = escapeRe(two[2].trim().toLowerCase());
    const re = new RegExp(`(?<![a-z0-9.])${first}\\s*(?:的)?\\s*${second}(?![a-z0-9])`, "g");
    for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, raw);
  }
  // a size of two amounts joined by / (a paddle's weight and grip, 240g/4.5寸) said with both numbers near each other,
  // their units in any spelling or left out ("240克 4.5寸手柄", "225g 小手柄4.25", "240g with the 4.25 grip"); not when
  // another number or a break between things stands between them (the 30 and 32 of "jeans 30/30 一条 + chinos 32码")
  for (const raw of distinctSizes) {
    const two = /^(\d+(?:\.\d+)?)\s*([a-z]{1,3}|[\u4e00-\u9fff])?\s*\/\s*(\d+(?:\.\d+)?)\s*([a-z]{1,3}|[\u4e00-\u9fff])?$/i.exec(raw.trim());
    if (!two || two[1] === two[3]) continue;
    const unit = (u?: string) => (u ? `(?:${u.toLowerCase()}|${UNIT_WORDS[u] ?? UNIT_WORDS[u.toLowerCase()] ?? u})?` : "");
    const re = new RegExp(`(?<![\\d.])${escapeRe(two[1])}\\s*${unit(two[2])}(?![\\d.])[^\\d+,，、;；/]{0,10}?(?<![\\d.])${escapeRe(two[3])}(?![\\d])\\s*${unit(two[4])}`, "g");
    for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, raw);
  }
  // two measures joined by + (memory and storage, 16G+512G; 12+1TB): said with any joint and the units said or not
  // ("16g 512g", "16加1T", "32+1t", "16GB RAM + 512GB SSD"), when the pair is one of the catalog's sizes
  const pairs = new Map<string, string>();
  for (const p of products) for (const raw of p.sizes) if (PAIR_SIZE.test(sizeKey(raw))) pairs.set(sizeKey(raw), raw);
  if (pairs.size) {
    const re = PAIR_SAID;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      // (the units are kept only where they were said: 16+1T is 16?+1t)
      const hit = [...pairs].find(([k]) => {
        const [, a, ua, b, ub] = PAIR_SIZE.exec(k)!;
        return Number(a) === Number(m![1]) && Number(b) === Number(m![3]) && (!m![2] || m![2][0] === ua[0]) && (!m![4] || m![4][0] === ub[0]);
      });
      // (a bare joint of spaces needs a unit said: "5 16" of "天选5 16G 1T" is no pair)
      if (hit && (m[2] || m[4] || /[+加]/.test(m[0]))) add(m.index, m.index + m[0].length, hit[1]);
      else re.lastIndex = m.index + 1;
    }
  }
  // sizes said in a way of their own kind (worked out once per product's sizes, see sayings)
  const said = products.map((p) => sayingsOf(p.sizes));
  // a size said the way of its kind, found by the key it is kept under: a length in feet and inches (10'6") said with 尺 or
  // ft, without the inch mark, or as a decimal ("10尺6", "10'6", "10.6", "8ft" for 8'0"); a thickness in 厘 of what comes in
  // mm ("8厘钢化玻璃" for 8mm)
  const keyed = (re: RegExp, keyOf: (m: RegExpExecArray) => string, table: (x: Sayings) => Map<string, string>) => {
    if (!said.some((x) => table(x).size)) return;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const key = keyOf(m);
      const hit = said.map(table).find((t) => t.has(key))?.get(key);
      if (hit) add(m.index, m.index + m[0].length, hit);
    }
  };
  keyed(FEET_SAID, (m) => `${Number(m[1] ?? m[3])}'${Number(m[2] ?? m[4] ?? 0)}`, (x) => x.feet);
  keyed(LI_SAID, (m) => String(/^\d/.test(m[1]) ? Number(m[1]) : parseNumber(m[1])), (x) => x.mm);
  // a size of a word and a number (圈口56) said with the number first ("56圈口"); one said in other words (少盐 for 低盐)
  for (const { size, re } of said.flatMap((x) => [...x.led, ...x.words])) {
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, size);
  }
  // a size in 元 said in 块 or in English: "充100块话费" of 100元, "99块那档" of 99元档, "the 268 yuan gift box" of 268元档
  if (said.some((x) => x.yuan.length)) {
    // (every size of that amount, 100元 of one product and 100元档 of another)
    const yuan = new Map<string, string[]>();
    for (const z of new Set(said.flatMap((x) => x.yuan))) {
      const n = /^\d+/.exec(z)![0];
      (yuan.get(n) ?? yuan.set(n, []).get(n)!).push(z);
    }
    KUAI.lastIndex = 0;
    for (let m = KUAI.exec(lower); m; m = KUAI.exec(lower)) {
      const sized = yuan.get(m[1]);
      if (sized && !out.some((o) => o.start < m!.index + m![0].length && m!.index < o.end)) out.push({ start: m.index, end: m.index + m[0].length, keys: sized.map(sizeKey), display: sized[0], weak: false });
    }
  }
  // a count of 万 said in millions, as megapixels are: "4MP" of 400万 or 400万像素
  if (/\dm/.test(lower)) {
    MEGA.lastIndex = 0;
    for (let m = MEGA.exec(lower); m; m = MEGA.exec(lower)) {
      const n = Math.round(Number(m[1]) * 100);
      const size = allSizes.find((z) => z === `${n}万` || z === `${n}万像素`);
      if (size) add(m.index, m.index + m[0].length, size);
    }
  }
  for (const x of said) {
    // a size that is a side, one character (左, 右), said with 边 or 侧: "左边后三角窗"
    for (const side of x.sides) {
      for (let i = lower.indexOf(`${side}边`); i >= 0; i = lower.indexOf(`${side}边`, i + 1)) add(i, i + 2, side);
      for (let i = lower.indexOf(`${side}侧`); i >= 0; i = lower.indexOf(`${side}侧`, i + 1)) add(i, i + 2, side);
      // (or a sign of the zodiac said as a birth year: "属羊", "属兔的")
      for (let i = lower.indexOf(`属${side}`); i >= 0; i = lower.indexOf(`属${side}`, i + 1)) add(i, i + 2, side);
      // (or with 的, "要一只母的", "公的一只", where the character before makes no word of it: not the 公 of 老公的; or alone
      // between spaces and counts, "金丝熊 母 两只")
      // (the longer sizes it is inside: 大宽 of 宽)
      const longer = lower.includes(side) ? [...words].filter((w) => w.length > 1 && w.includes(side)) : [];
      for (let i = lower.indexOf(side); i >= 0; i = lower.indexOf(side, i + 1)) {
        const before = lower[i - 1] ?? "";
        const cjkBefore = /[\u4e00-\u9fff]/.test(before);
        // (nor inside a longer size said there: the 宽 of 大宽)
        const inLonger = longer.some((w) => [...w].some((c, k) => c === side && lower.startsWith(w, i - k)));
        if (inLonger) continue;
        if (lower[i + 1] === "的" ? !(cjkBefore && isDictionaryWord(before + side)) : !cjkBefore && !/[\u4e00-\u9fff]/.test(lower[i + 1] ?? "") && !/[a-z]/.test(before)) add(i, i + 1, side);
      }
    }
    // one-character sizes said side by side and each counted: "公母各一只", "松竹各一份"
    if (x.sides.length > 1) {
      const run = new RegExp(`[${x.sides.join("")}]{2,}(?=\\s*各)`, "g");
      for (let m = run.exec(lower); m; m = run.exec(lower)) for (let k = 0; k < m[0].length; k++) add(m.index + k, m.index + k + 1, m[0][k]);
    }
    // a size that is a measure word alone (罐, 瓶) said as a pack of it: "可乐罐装" (not a count of it, 6罐装, nor the start of
    // a name, 袋装螺蛳粉)
    for (const measure of x.measures) {
      for (let i = lower.indexOf(`${measure}装`); i >= 0; i = lower.indexOf(`${measure}装`, i + 1)) {
        if (!NUMERAL_END.test(lower.slice(0, i)) && !/^[\u4e00-\u9fff](?<![的来要])/.test(lower.slice(i + 2, i + 3))) add(i, i + 2, measure);
      }
    }
    // a size of a character and the measure it comes in (端盒, a whole case of blind boxes) said by that character with a
    // count of the measure ("端两盒") or whole ("整端")
    for (const { size, re } of x.stems) {
      re.lastIndex = 0;
      for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, size);
    }
  }
  // a size of three measures or more (27寸 2K 180Hz) said by two or more of them ("27寸2k"), when no other size has as many said
  const parted = allSizes.filter((raw) => /\S\s+\S+\s+\S/.test(raw.trim()));
  if (parted.length) {
    let best: { raw: string; start: number; end: number; n: number } | null = null;
    let tie = false;
    for (const raw of new Set(parted)) {
      // (its measures, a number and a unit each: 27寸, 2k, 180hz; not a model's words, iPhone 15 Pro)
      const spans = raw.trim().toLowerCase().split(/\s+/).filter((part) => /^\d+(?:\.\d+)?[a-z\u4e00-\u9fff]+$/.test(part)).map((part) => {
        const re = new RegExp(`${/^[a-z0-9]/.test(part) ? "(?<![a-z0-9.])" : ""}${escapeRe(part)}${/[a-z0-9]$/.test(part) ? "(?![a-z0-9.])" : ""}`);
        const m = re.exec(lower);
        return m ? { start: m.index, end: m.index + part.length } : null;
      }).filter((x): x is Span => x !== null);
      if (spans.length < 2) continue;
      const start = Math.min(...spans.map((x) => x.start));
      const end = Math.max(...spans.map((x) => x.end));
      if (end - start > 24) continue;
      if (best && spans.length === best.n) tie = true;
      if (!best || spans.length > best.n) [best, tie] = [{ raw, start, end, n: spans.length }, false];
    }
    if (best && !tie) add(best.start, best.end, best.raw);
  }
  // a code of a letter or two and a number (A312, A13, K20) said as its number ("312电池", "675的", "size 13", "10号的"),
  // when only one of the sizes carries that number
  const coded = new Map<string, string | null>();
  for (const p of products) for (const raw of p.sizes) {
    const c = /^([a-z]{1,2})(\d{2,4})$/i.exec(raw.trim());
    if (c) coded.set(c[2], coded.has(c[2]) && coded.get(c[2]) !== raw ? null : raw);
  }
  if (coded.size) {
    CODE_NUMBER.lastIndex = 0;
    for (let m = CODE_NUMBER.exec(lower); m; m = CODE_NUMBER.exec(lower)) {
      const raw = coded.get(m[1]);
      if (raw) add(m.index, m.index + m[0].length, raw);
    }
  }
  // numbered sizes (shoes 36-45, waist 29-34): a bare number that is one of them ("42和44各一双"), or one just
  // outside them followed by 的 ("凌云，37的": a size it does not come in, reported as asked)
  const numbers = products.flatMap((p) => (p.sizes.length && p.sizes.every((s) => /^\d{2,3}$/.test(s.trim())) ? p.sizes.map(Number) : []));
  if (numbers.length) {
    const lo = Math.min(...numbers) - 5;
    const hi = Math.max(...numbers) + 5;
    const re = NUMBERED_SIZE;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const n = Number(m[1]);
      if (numbers.includes(n) || (n >= lo && n <= hi && lower[m.index + m[0].length] === "的")) add(m.index, m.index + m[1].length, m[1]);
    }
  }
  // a size that combines a word and a measure ("白色5L", "奶咖1L", "256GB 白色"): both parts said anywhere ("白色乳胶漆5L的",
  // "奶咖色的漆 1L", "256 white"); each measure said takes the combination whose word is said nearest it, the more
  // specific first ("ivory white 5L and one 1L light grey")
  const composites = new Map<string, Composite[]>();
  for (const p of products) {
    for (const raw of p.sizes) {
      const c = compositeOf(raw);
      if (c) for (const key of c.keys) (composites.get(`${c.stem}\u0000${key}`) ?? composites.set(`${c.stem}\u0000${key}`, []).get(`${c.stem}\u0000${key}`)!).push(c);
    }
  }
  if (composites.size) {
    const stems = new Set([...composites.values()].map((cs) => cs[0].stem));
    const said = [...stems].flatMap((stem) => stemSaid(lower, stem));
    for (const hit of pickComposites(lower, said, (stem, key) => { const c = composites.get(`${stem}\u0000${key}`)?.[0]; return c && { c }; })) {
      if (!out.some((o) => o.start < hit.end && hit.start < o.end)) out.push({ start: hit.start, end: hit.end, keys: [sizeKey(hit.c.raw)], display: hit.c.raw, weak: false });
    }
  }
  // a size that is one of a unit (一打, 一箱) said as several of it: "两打" is 2 × 一打
  let inDigits: Set<string> | null = null;
  for (const w of words) {
    const unit = /^一([\u4e00-\u9fff])$/.exec(w)?.[1];
    if (!unit) continue;
    // (not one that is itself a size in Chinese numerals: the 3级 of an exam sold 一级 to 六级 is 三级)
    inDigits ??= new Set([...words].filter((x) => ZH_LEAD.test(x)).map((x) => x.replace(ZH_LEAD, (n) => String(parseChineseInt(n) ?? n))));
    const re = new RegExp(`(?<![\\d.])(\\d{1,2}|${ZH_NUM_RE})\\s*${escapeRe(unit)}`, "g");
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const n = parseNumber(m[1]);
      // (not one that is itself a size: the 二两 of a noodle sold in 一两 and 二两)
      if (n !== null && n >= 2 && Number.isInteger(n) && !words.has(m[0]) && !inDigits.has(`${n}${unit}`) && !out.some((o) => o.start < m!.index + m![0].length && m!.index < o.end)) {
        out.push({ start: m.index, end: m.index + m[0].length, keys: [sizeKey(w)], display: w, weak: false, count: n });
      }
    }
  }
  // a party of adults and children, 一大两小: said in either order, with the people named or in English ("两小一大",
  // "2个大人1个孩子", "2 adults 1 kid")
  const parties = [...words].map((w) => ({ w, m: PARTY_SIZE.exec(w) })).filter((x) => x.m);
  if (parties.length) {
    PARTY_SAID.lastIndex = 0;
    for (let m = PARTY_SAID.exec(lower); m; m = PARTY_SAID.exec(lower)) {
      const adultFirst = m[1] !== undefined;
      const [a, c] = (adultFirst ? [m[1], m[2]] : [m[4], m[3]]).map((x) => SEAT_DIGIT[x] ?? parseNumber(x));
      const hit = parties.find(({ m: pm }) => parseNumber(pm![1]) === a && parseNumber(pm![2]) === c);
      if (hit) add(m.index, m.index + m[0].length, hit.w);
    }
  }
  // sizes for adults and children said as the people: "2个大人1个小孩", "2 adults" (成人 / 儿童 in the catalog)
  for (const [who, said] of [[ADULT, AGE_SAID.adult], [CHILD, AGE_SAID.child]] as const) {
    const sized = [...words].filter((w) => who.test(w));
    if (!sized.length) continue;
    said.lastIndex = 0;
    for (let m = said.exec(lower); m; m = said.exec(lower)) {
      const [start, end] = [m.index, m.index + m[0].length];
      if (!out.some((o) => o.start < end && start < o.end)) out.push({ start, end, keys: sized.map(sizeKey), display: sized[0], weak: false });
    }
  }
  // colours: "白的" or "white" for 白色, "black" for 黑色 (the colour words of Chinese and English, not any trade's)
  for (const w of words) {
    const stem = /^([\u4e00-\u9fff]{1,3})色$/.exec(w)?.[1];
    if (!stem) continue;
    const zh = new RegExp(`${escapeRe(stem)}(?:色)?的`, "g");
    for (let m = zh.exec(lower); m; m = zh.exec(lower)) add(m.index, m.index + m[0].length - 1, w);
    const english = COLOURS[stem.slice(-1)];
    if (english) {
      const en = new RegExp(`(?<![a-z])(?:${english})(?![a-z])`, "g");
      for (let m = en.exec(lower); m; m = en.exec(lower)) add(m.index, m.index + m[0].length, w);
    }
  }
  // a size named by its adjective in English or with 的 ("short one" / "短的" for 短款, "long boots" for 长靴, "half
  // portion" for 半份, "deluxe" for 豪华款): the adjectives of Chinese and English, not any trade's
  // (only the adjectives some size starts with are looked for: most sizes start with none of them)
  const starts = new Set<string>();
  for (const w of words) starts.add(w[0]);
  for (const x of said) for (const side of x.sides) starts.add(side[0]);
  // (in ADJECTIVES' order, as each may take a place another would)
  const asked = [...starts].flatMap((c) => ADJECTIVES_BY_FIRST.get(c) ?? []);
  for (const k of WHOLE_ADJECTIVES) if (!starts.has(ADJECTIVES[k][0][0])) asked.push(k);
  for (const [stem, english] of asked.sort((a, b) => a - b).map((k) => ADJECTIVES[k])) {
    // (or the one-character size that is the adjective: 冻 of 冻/热, "iced")
    const sized = [...words].filter((w) => w.startsWith(stem) && (w.length > stem.length || stem.length > 1) && !/\d/.test(w));
    if (stem.length === 1 && said.some((x) => x.sides.includes(stem))) sized.push(stem);
    // (a whole is also the one of a half and one: 一只 beside 半只, "a whole goose")
    if (stem === "整") for (const w of words) if (/^一[\u4e00-\u9fff]$/.test(w) && words.has(`半${w[1]}`)) sized.push(w);
    if (!sized.length) continue;
    const push = (start: number, end: number) => {
      if (!out.some((o) => o.start < end && start < o.end)) out.push({ start, end, keys: sized.map(sizeKey), display: sized[0], weak: false });
    };
    const en = new RegExp(`(?<![a-z])(?:${english})(?![a-z])`, "g");
    for (let m = en.exec(lower); m; m = en.exec(lower)) push(m.index, m.index + m[0].length);
    // (the adjective starts a word: not the 单 of 下单的)
    const zh = new RegExp(`(?:(?<![\\u4e00-\\u9fff])|(?<=[要来个买选拿是那这]))${escapeRe(stem)}的`, "g");
    for (let m = zh.exec(lower); m; m = zh.exec(lower)) push(m.index, m.index + stem.length);
  }
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    // a size word typed in toneless pinyin: "da hao" for 大号, "zhongbao" for 中包 (only in a text with Latin letters)
    const py = /[a-z]/.test(lower) ? pinyinOf(w) : null;
    if (py) for (let m = py.exec(lower); m; m = py.exec(lower)) add(m.index, m.index + m[0].length, w);
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      // (not one that starts with 个 said after a numeral: the 个人 of "两个人" counts people, no 个人 card)
      if (countedAt(lower, i)) continue;
      const end = lower.startsWith("装", i + w.length) ? i + w.length + 1 : i + w.length;
      add(i, end, modelOfSize.get(w) ?? lower.slice(i, end));
    }
    // a Latin name with a Chinese kind-word after it said alone: "Pro" for Pro版
    const latin = /^([a-z][a-z0-9+]*(?: [a-z0-9+]+)*)\s*[版款型]$/.exec(w)?.[1];
    if (latin && latin.length >= 2) {
      const re = new RegExp(`(?<![a-z0-9])${escapeRe(latin)}(?![a-z0-9])`, "g");
      for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, w);
    }
    // a size said without its last character, a kind-word: "鸳鸯的" or "套餐鸳鸯 外卖" for 鸳鸯锅 (with 的 after it, or
    // at the end of a word)
    const stem = /^([\u4e00-\u9fff]{2,})[锅款版装型份杯碗套包]$/.exec(w)?.[1];
    if (stem && ![...words].some((o) => o !== w && o.startsWith(stem))) {
      const re = new RegExp(`${escapeRe(stem)}(?=的|[^\\u4e00-\\u9fff]|$)`, "g");
      for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + stem.length, w);
    }
    // 份 typed as its homophone 分: 半分 for 半份
    const typo = w.includes("份") ? w.replace(/份/g, "分") : "";
    for (let i = typo ? lower.indexOf(typo) : -1; i >= 0; i = lower.indexOf(typo, i + 1)) add(i, i + typo.length, w);
    // a model-like size ("iPhone 16 Pro", "Mate 60") written without spaces, or another model of the same line
    // ("iPhone 14" when the case comes in 15 and 16): spaces optional, numbers free
    if (/\d/.test(w) && /[^\d\s]/.test(w)) {
      // (a dimension's "x" may be written * or ×, and its trailing letters left out: 700*25c, 700x25 for 700x25C)
      const parts = w.split(/(\d+(?:\.\d+)?)/).filter(Boolean);
      const shape = parts.map((part, k) => {
        // (a digit may be written as a Chinese numeral: 三服三造 for 3服3造)
        if (/^\d/.test(part)) return /[\u4e00-\u9fff]/.test(w) ? `(\\d{1,4}(?:\\.\\d+)?|${ZH_NUM_RE})` : "\\d{1,4}(?:\\.\\d+)?";
        if (/^\s*[x*×]\s*$/.test(part) && k > 0 && k + 1 < parts.length) return "[x*×乘]";
        const text = escapeRe(part.trim()).replace(/\s+/g, "\\s*");
        // (its unit's letters may be left out, but not for a count in the measure its words end in: the 两罐 of "大罐两罐" is
        // no 大罐500g)
        const measure = /[\u4e00-\u9fff]$/.exec(parts[k - 2] ?? "")?.[0];
        // (and a unit's letter before the next part's words: the J of 19x8.5J ET45, "19x8.5 et45")
        const unitThenWords = k > 0 ? /^([a-z]{1,2})\s+([a-z]+)$/.exec(part) : null;
        if (unitThenWords) return `(?:${unitThenWords[1]})?\\s*${unitThenWords[2]}`;
        // (and a length's unit after two lengths, 4x6米 said "4乘6的")
        // (not the letters of a measure set apart by a space: the 2 of "24寸 2台" is no 24寸 60Hz)
        return k === parts.length - 1 && k > 0 && ((/^[a-z]{1,2}$/.test(part) && (k < 3 || !/\s$/.test(parts[k - 2]))) || (/^(?:米|厘米|公分|毫米)$/.test(part) && DIMENSION_SIZE.test(w.trim()))) ? (measure ? `(?:${text}|(?!${measure}))` : `(?:${text})?`) : text;
        // (a single letter before its number is written against it: A3, not the article of "a 12 inch")
      }).reduce((re, part, k) => (k === 0 ? part : `${re}${k === 1 && /^[a-z]$/.test(parts[0]) ? "" : "\\s*"}${part}`), "");
      // (one that ends in a unit that goes on in tenths is not the start of a longer weight: the 3两 of 三两五 is 3.5两)
      const tenths = /[斤两米尺]$/.test(w) ? "一二三四五六七八九半" : "";
      const re = new RegExp(`(?<![a-z0-9])${shape}(?![a-z0-9${tenths}]|\\.\\d)`, "dg");
      // (its numbers as digits, the rest as written: the 两 of 公4两母3两 is a unit, no numeral)
      // (not one said with a length's unit after it, which is that length: the 直径1 of "直径1米6" for 直径160cm)
      const dimension = dimKey(w);
      for (let m = re.exec(lower); m; m = re.exec(lower)) {
        const end = m.index + m[0].length;
        const unitAfter = /^(?:米|厘米|公分|毫米|(?:cm|mm|m)(?![a-z]))/.exec(lower.slice(end))?.[0];
        if (unitAfter && /\d$/.test(m[0]) && !new RegExp(`(?<![a-z])${LENGTH_LETTERS[unitAfter] ?? unitAfter}$`).test(w)) continue;
        const text = numbersAsDigits(lower, m);
        // (two lengths said without a unit are in the size's, or in metres when they are that small: 2x3 for 200x300cm)
        const bare = dimension && !DIMENSION_SIZE.test(text) ? /^(\d+(?:\.\d+)?)\s*[x*×乘]\s*(\d+(?:\.\d+)?)$/.exec(text) : null;
        if (bare && !out.some((o) => o.start < end && m!.index < o.end)) {
          const unit = DIMENSION_SIZE.exec(w.trim())![4];
          const keys = [dimKey(`${text}${unit}`), Number(bare[1]) <= 10 && Number(bare[2]) <= 10 ? dimKey(`${text}m`) : null].filter((k): k is string => k !== null);
          out.push({ start: m.index, end, keys: [...keys, sizeKey(text)], display: text, weak: false });
        } else add(m.index, end, sameNumbers(text, w) ? w : text);
      }
      // its last dimension alone when it carries the letters ("32c" of 700x32C)
      // (and the last of parts joined by +, with its unit: the 1TB of 12+1TB)
      const plus = /^\d+(?:\.\d+)?\s*\+\s*(\d+(?:\.\d+)?)\s*([a-z])([a-z]?)$/.exec(w);
      if (plus) {
        const alone = new RegExp(`(?<![a-z0-9.+])${escapeRe(plus[1])}\\s*${plus[2]}${plus[3] ? `(?:${plus[3]})?` : ""}(?![a-z0-9])`, "g");
        for (let m = alone.exec(lower); m; m = alone.exec(lower)) add(m.index, m.index + m[0].length, m[0]);
      }
      const tail = /^\d+(?:\.\d+)?\s*[x*×]\s*(\d+(?:\.\d+)?)([a-z]{1,2})$/.exec(w);
      if (tail) {
        const alone = new RegExp(`(?<![a-z0-9.x*×])${escapeRe(tail[1])}\\s*${tail[2]}(?![a-z0-9])`, "g");
        for (let m = alone.exec(lower); m; m = alone.exec(lower)) add(m.index, m.index + m[0].length, m[0]);
      }
    }
  }
  // a size of words and then an amount said by its words alone, when no other size starts so: "整箱" for 整箱12瓶
  for (const { words, size } of said.flatMap((x) => x.leads)) {
    if (products.some((p) => p.sizes.some((z) => z.trim() !== size && z.startsWith(words)))) continue;
    for (let i = lower.indexOf(words); i >= 0; i = lower.indexOf(words, i + 1)) add(i, i + words.length, size);
  }
  // a size that is a unit of time alone (小时, 天), what it is hired or charged by, said so: "按天租", "天租", "按小时"
  for (const { size, re } of said.flatMap((x) => x.hiredBy)) {
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, size);
  }
  // a model said without its line's name: "15pro" and "16 pro max" for iPhone 15 Pro and iPhone 16 Pro Max, when the
  // number and the words after it are of one model only (a number alone is not enough: "15" is a count as often)
  if (/\d\s*[a-z]/.test(lower)) {
    const models = said.flatMap((x) => x.models);
    const lines = (tail: string) => new Set(models.filter((o) => o.tail === tail).map((o) => o.size)).size;
    for (const { tail, size, re } of models.filter((x) => lines(x.tail) === 1).sort((a, b) => b.tail.length - a.tail.length)) {
      re.lastIndex = 0;
      for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, size);
    }
  }
  // a one-letter size that is no letter size (D and E licences, A and B cups): typed as a capital on its own ("D照",
  // "E证的")
  const letters = new Set(products.flatMap((p) => p.sizes.map((z) => z.trim())).filter((z) => /^[A-Z]$/i.test(z) && !/^[SML]$/i.test(z)).map((z) => z.toUpperCase()));
  for (const l of letters) {
    const re = new RegExp(`(?<![A-Za-z0-9])${l}(?![A-Za-z0-9])`, "g");
    for (let m = re.exec(orig); m; m = re.exec(orig)) add(m.index, m.index + 1, l);
  }
  countedSizes(lower, products, add);
  rangedSizes(lower, products, out);
  // (a time sold in minutes may be said in hours: "一个钟" of 60分钟)
  if (units.has("分钟")) units.add("小时");
  // storage in thousands of G for what comes in T: "8000G" of 8T, "1000GB" of 1T (not where the catalog writes so many G
  // itself: the 1000G of a water purifier is gallons)
  const tera = units.has("tb") ? "tb" : units.has("t") ? "t" : null;
  if (tera && /\d000\s*g/.test(lower) && !allSizes.some((z) => /^\d+000\s*gb?$/i.test(z.trim()))) {
    THOUSAND_G.lastIndex = 0;
    for (let m = THOUSAND_G.exec(lower); m; m = THOUSAND_G.exec(lower)) add(m.index, m.index + m[0].length, `${Number(m[1])}${tera}`);
  }
  // a fraction said the Chinese way, the whole first: "18分之1" or "十八分之一" of 1/18 (a scale, a share)
  if (lower.includes("分之") && allSizes.some((z) => FRACTION_SIZE.test(z.trim()))) {
    FRACTION_SAID.lastIndex = 0;
    for (let m = FRACTION_SAID.exec(lower); m; m = FRACTION_SAID.exec(lower)) {
      const [whole, part] = [parseNumber(m[1]), parseNumber(m[2])];
      if (whole !== null && part !== null && whole > 0 && part > 0) add(m.index, m.index + m[0].length, `${part}/${whole}`);
    }
  }
  for (const u of [...units].sort((a, b) => b.length - a.length)) {
    // (a unit ending in a letter ends there: the "2p" of "2pm" is no page count)
    const end = /[a-z]$/.test(u) ? "(?![a-z])" : "";
    // the unit typed as its pinyin initial: 1.5p for 1.5匹 (after a number, never before more letters: not 3pm)
    // (not a letter the catalog's own sizes write after a number: the C of 700C is not 寸)
    const initial = /^[\u4e00-\u9fff]$/.test(u) ? pinyinInitial(u) : "";
    const ownLetter = initial ? new RegExp(`\\d\\s*${initial}(?![a-z])`, "i") : null;
    if (ownLetter && !products.some((p) => p.sizes.some((z) => ownLetter.test(z)))) {
      const typed = new RegExp(`(?<![\\d.a-z])(\\d+(?:\\.\\d+)?)\\s*${initial}(?![a-z])`, "g");
      for (let m = typed.exec(lower); m; m = typed.exec(lower)) add(m.index, m.index + m[0].length, `${m[1]}${u}`);
    }
    // a number and a half: 一匹半, 2斤半
    const half = new RegExp(`(\\d+|${ZH_NUM_RE})\\s*${escapeRe(u)}半`, "g");
    for (let m = half.exec(lower); m; m = half.exec(lower)) {
      const n = /\d/.test(m[1]) ? Number(m[1]) : parseChineseInt(m[1]);
      if (n !== null) add(m.index, m.index + m[0].length, `${n + 0.5}${u}`);
    }
    // (a temperature may be written in any of its spellings, below zero with a minus or 零下)
    const unitRe = UNIT_SPELLINGS[u] ?? escapeRe(u);
    const sign = SIGNED.has(u) ? "(-|零下\\s*)?" : "()";
    // (a count of the unit may put 个 between: "4个立方"; a length in 米 or a weight in 斤 or 两 may go on in its tenths: the
    // 1米 of 1米8 is not one, nor the 3两 of 三两五)
    const tenths = /^[米斤两尺]$/.test(u) ? `(?![\\d一二三四五六七八九](?![${MEASURE_WORDS}]))` : "";
    // (nor a number of a model's code, one letter and it: the 7 of "J7 坑距400")
    const re = new RegExp(`(?<![\\d.]|\\d,|(?<![a-z])[a-z])${sign}(\\d+(?:\\.\\d+)?)\\s*个?\\s*(?:${unitRe})(?:装)?${end}${tenths}`, "g");
    for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, m[1] ? `-${m[2]}${u}` : u in UNIT_SPELLINGS || m[0].includes("个") ? `${m[2]}${u}` : m[0]);
    // a Chinese numeral before the unit: 二十寸, 五年陈, 零下十度
    const zh = new RegExp(`${sign}(${ZH_NUM_RE})\\s*个?\\s*(?:${unitRe})(?:装)?${end}${tenths}`, "g");
    for (let m = zh.exec(lower); m; m = zh.exec(lower)) {
      const n = parseChineseInt(m[2]);
      if (n !== null && n > 0) add(m.index, m.index + m[0].length, `${m[1] ? "-" : ""}${n}${u}`);
    }
    // the unit in English before the number or typed in pinyin after it: "level 2" is 2级, "3 tian" 3天
    for (const re of spelledAmounts(u)) {
      re.lastIndex = 0;
      for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, `${m[1]}${u}`);
    }
    // weeks for a product sold by the day or the night: 一周 is 7天, 7晚
    if (u === "天" || u === "晚") {
      WEEKS.lastIndex = 0;
      for (let m = WEEKS.exec(lower); m; m = WEEKS.exec(lower)) {
        const n = parseNumber(m[1] ?? (m[2] === "a" ? "1" : m[2]));
        if (n !== null && n > 0) add(m.index, m.index + m[0].length, `${n * 7}${u}`);
      }
    }
    // a unit of a measure and a kind-word said without the kind-word: "12次的" for 12次卡, "20粒那罐" for 20粒罐, when no
    // size of these products is in the measure alone (the kind-words of Chinese, a card, a jar, a cake, a box…, not any
    // trade's; not a measure that ends a size word, the 次 of 单次; not a span waited, "等三天了"; not a 号, which may be
    // a date: "3号送过来")
    // a size counted in a measure (24枚装, 6只装) said in 个, the measure of anything, with 的 or 装: "24个的", "12个装"
    if (/^[\u4e00-\u9fff]$/.test(u) && u !== "个" && MEASURE_WORDS.includes(u)) {
      GE_SAID.lastIndex = 0;
      for (let m = GE_SAID.exec(lower); m; m = GE_SAID.exec(lower)) add(m.index, m.index + m[0].length, `${m[1]}${u}`);
    }
    const kinded = kindless(u);
    const short = kinded && !units.has(u[0]) && ![...words].some((w) => w.endsWith(u[0])) ? kinded : null;
    if (short) {
      short.lastIndex = 0;
      for (let m = short.exec(lower); m; m = short.exec(lower)) {
        const n = parseNumber(m[1]);
        if (n !== null && n > 0 && Number.isInteger(n)) add(m.index, m.index + m[0].length, `${n}${u}`);
      }
    }
    // the same unit in English: "10 inch" is 10寸, "250 degrees" 250度, "120 capsules" 120粒; a unit of a measure and
    // a kind-word in its measure's: "6 sessions" is 6次疗程
    const english = UNIT_WORDS[u] ?? (kinded && !units.has(u[0]) ? UNIT_WORDS[u[0]] : undefined);
    if (!english) continue;
    const en = new RegExp(`(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*-?\\s*(?:${english})(?![a-z])`, "g");
    for (let m = en.exec(lower); m; m = en.exec(lower)) {
      if (out.some((o) => o.start < m!.index + m![0].length && m!.index < o.end)) continue;
      // reported as written when the product does not come in it ("the 12 pack")
      out.push({ start: m.index, end: m.index + m[0].length, keys: [sizeKey(m[1] + u)], display: m[0], weak: false });
    }
  }
  // a rate in M (300M, 1000M) said in 兆 or mbps is matched by the unit's spellings; said as 百兆 / 千兆 / 2千兆 or
  // "gigabit", "2 gig" it is that many hundred or thousand M
  if (units.has("m")) {
    MEGA_SAID.lastIndex = 0;
    for (let m = MEGA_SAID.exec(lower); m; m = MEGA_SAID.exec(lower)) {
      const times = m[1] ? parseNumber(m[1]) : m[3] ? Number(m[3]) : 1;
      if (times !== null && times > 0) add(m.index, m.index + m[0].length, `${times * (m[2] === "百" ? 100 : 1000)}m`);
    }
  }
  // a numbered size said by its number alone: "1号的" for 1号箱 (not a date: "5号下午", "12月1号")
  const numbered = new Map<string, string>();
  for (const p of products) for (const raw of p.sizes) {
    const m = NUMBERED_WORD.exec(raw.trim());
    if (m) numbered.set(m[1], raw.trim());
  }
  if (numbered.size) {
    const re = NUMBER_HAO;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const size = numbered.get(m[1]);
      if (!size || DATE_FOLLOWS.test(lower.slice(m.index + m[0].length)) || /月\s*$/.test(lower.slice(0, m.index))) continue;
      if (!out.some((o) => o.start < m!.index + m![0].length && m!.index < o.end)) out.push({ start: m.index, end: m.index + m[0].length, keys: [sizeKey(size)], display: size, weak: false });
    }
  }
  // a size of an amount and words after it said by its amount and 的, 那个 or a kind-word ("4节的" for 4节系统课, "三次那个"
  // for 3次疗程, "12人版" for 12人标准版), when one size of the named products starts so; or of words and then the amount
  // ("3瓶那种" for 每周3瓶)
  const amounted = new Map<string, string | null>();
  for (const p of products) for (const raw of p.sizes) {
    const led = WORDS_THEN_AMOUNT.exec(raw.normalize("NFKC").trim());
    const m = AMOUNT_AND_WORDS.exec(raw.normalize("NFKC").trim()) ?? (led && led[1].length <= 3 && led[3].length === 1 ? [led[0], led[2], led[3]] : null);
    const n = m ? parseNumber(m[1]) : null;
    if (m && n !== null) {
      const key = `${n}${m[2]}`;
      amounted.set(key, amounted.has(key) && amounted.get(key) !== raw ? null : raw);
    }
  }
  if (amounted.size) {
    const re = AMOUNT_SAID;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const n = parseNumber(m[1]);
      const size = n === null ? null : amounted.get(`${n}${m[2]}`);
      if (size) add(m.index, m.index + m[1].length + m[2].length, size);
    }
  }
  // a pack of a number of pieces (两只装, 6罐装) is "a 2 pack", "six pack", "2-pack", "2pk"
  const packs = new Set<string>();
  const packKeys = new Set<string>();
  for (const p of products) for (const raw of p.sizes) {
    const m = PACK_OF.exec(raw.trim());
    if (m) {
      packs.add(m[1]);
      packKeys.add(sizeKey(raw.trim().replace(ZH_LEAD, (n) => String(parseChineseInt(n) ?? n))));
    }
  }
  for (const u of packs) {
    // (a suit of pieces, 两件套, is "a two piece"; any other pack "a 2 pack")
    const en = u.endsWith("套") ? EN_PIECE : EN_PACK;
    en.lastIndex = 0;
    for (let m = en.exec(lower); m; m = en.exec(lower)) {
      if (out.some((o) => o.start < m!.index + m![0].length && m!.index < o.end)) continue;
      // (only a pack the catalog sells: "a 12 pack" of a product in 两只装 and 三只装 is a count)
      const key = sizeKey(parseNumber(m[1] ?? m[2]) + u);
      if (packKeys.has(key)) out.push({ start: m.index, end: m.index + m[0].length, keys: [key], display: m[0], weak: false });
    }
  }
  // durations in the other unit: "一个半小时" or "1.5 hours" is 90分钟 when the product is sold in minutes
  const minutes = [...units].find((u) => /^(?:分钟|分|mins?|minutes?)$/.test(u));
  if (minutes) {
    const push = (start: number, end: number, n: number) => {
      if (!out.some((o) => o.start < end && start < o.end)) out.push({ start, end, keys: [sizeKey(`${n}${minutes}`)], display: `${n}${minutes}`, weak: false });
    };
    for (let m = HOURS.exec(lower); m; m = HOURS.exec(lower)) {
      if (!m[1] && !m[2]) continue;
      const n = m[1] ? (/\d/.test(m[1]) ? Number(m[1]) : parseChineseInt(m[1])) : 0;
      if (n === null || n > 12) continue;
      const total = Math.round(n * 60 + (m[2] ? 30 : 0));
      if (total > 0) push(m.index, m.index + m[0].length, total);
    }
    for (let m = HALF_HOUR.exec(lower); m; m = HALF_HOUR.exec(lower)) push(m.index, m.index + m[0].length, 30);
  }
  // a bare number that a product's size starts with ("R1 53的" → 53cm, "foot massage 60" → 60分钟, "27.5的" → 27.5x2.25)
  const leading = new Map<string, Set<string>>();
  for (const p of products) {
    for (const raw of p.sizes) {
      // (a power either way, ±2.00D, by its number too)
      const lead = /^(?:±)?(-?\d+(?:\.\d+)?)(?=\D)/.exec(raw.normalize("NFKC").toLowerCase().trim());
      if (lead && (lead[1].length >= 2 || lead[1].includes("."))) (leading.get(lead[1]) ?? leading.set(lead[1], new Set()).get(lead[1])!).add(sizeKey(raw));
    }
  }
  if (leading.size) {
    const re = LEADING_NUMBER;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const keys = leading.get(m[1]);
      if (keys && !/(?:no\.?|number|第)\s*$/.test(lower.slice(Math.max(0, m.index - 8), m.index))) {
        if (!out.some((o) => o.start < m!.index + m![1].length && m!.index < o.end)) {
          out.push({ start: m.index, end: m.index + m[1].length, keys: [...keys], display: m[1], weak: false });
        }
      }
    }
    // (said with 千 or 万: "2万毫安的" is the one of 20000mAh, "1.5万" 15000, "两万" 20000; and in Chinese numerals
    // with 百: "五百九十八那款" is the one of 598元款)
    const big = MAGNITUDE_SAID;
    big.lastIndex = 0;
    for (let m = big.exec(lower); m; m = big.exec(lower)) {
      const n = m[1] ? Number(m[1]) * (m[2] === "万" ? 10000 : 1000) : parseChineseInt(m[3]);
      // (no money: "预算2万", "2万块")
      if (/^\s*(?:元|块|rmb|yuan|多)/.test(lower.slice(m.index + m[0].length)) || /(?:预算|价格|价位|花|左右|¥|￥)\s*$/.test(lower.slice(Math.max(0, m.index - 4), m.index))) continue;
      const keys = n !== null && Number.isFinite(n) ? leading.get(String(Math.round(n * 100) / 100)) : undefined;
      if (keys && !out.some((o) => o.start < m!.index + m![0].length && m!.index < o.end)) {
        out.push({ start: m.index, end: m.index + m[0].length, keys: [...keys], display: m[0], weak: false });
      }
    }
  }
  // a model said by its line and number without the words after it ("iPhone 15" when the named products come in
  // "iPhone 15 Pro"), reported as said; a model's number said alone with 的 ("17的壳") for the one model ending in it
  const lines = new Set<string>();
  const endings = new Map<string, string[]>();
  for (const w of words) {
    const line = MODEL_LINE.exec(w)?.[1];
    if (line) lines.add(line);
    const end = MODEL_END.exec(w)?.[1];
    if (end) (endings.get(end) ?? endings.set(end, []).get(end)!).push(w);
  }
  for (const line of lines) {
    const re = modelOfLine(line);
    for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, m[0]);
  }
  if (endings.size) {
    NUMBER_DE.lastIndex = 0;
    for (let m = NUMBER_DE.exec(lower); m; m = NUMBER_DE.exec(lower)) {
      const models = endings.get(m[1]);
      if (models?.length === 1) add(m.index, m.index + m[1].length, models[0]);
    }
  }
  // a size word of three or more characters said shortened, as Chinese shortens words: its first characters ("立式的",
  // "小面" for 小面包车) or its first and its last ("科三" for 科目三, "三角琴" for 三角钢琴), when only one size of the named
  // products shortens so and the short form is no size of its own
  for (const { short, word, prefix } of shortenedWords(words)) {
    for (let i = lower.indexOf(short); i >= 0; i = lower.indexOf(short, i + 1)) {
      // (a first part alone ends a word: followed by 的, a pause or the end, not by more characters, "立式空调")
      if (prefix && /[\u4e00-\u9fff]/.test(lower[i + short.length] ?? "") && lower[i + short.length] !== "的") continue;
      if (/^[a-z]/.test(short) && (/[a-z0-9]/.test(lower[i - 1] ?? "") || /[a-z0-9]/.test(lower[i + short.length] ?? ""))) continue;
      add(i, i + short.length, word);
    }
  }
  // a size word typed with a homophone (焦盐 for 椒盐, 蒜容 for 蒜蓉)
  for (const w of words) for (const i of homophonesOf(w, lower)) add(i, i + w.length, w);
  // a common size word said in its other words, Chinese or English ("通宵" or "overnight" for 包夜, "wired" for 有线,
  // "cans" for 罐装, "twin" for 双床房, "monthly" or 一个月 for 月卡): general language, not any trade's
  // (of every size, a number's too: 3个月 is 季卡; a measure word's: 串 is "skewers")
  const glossed = new Set<string>();
  for (const w of words) if (glossesOf(w).length) glossed.add(w);
  for (const p of products) for (const w of glossedSizes(p.sizes)) glossed.add(w);
  for (const w of glossed) {
    for (const re of glossesOf(w)) {
      re.lastIndex = 0;
      for (let m = re.exec(lower); m; m = re.exec(lower)) add(m.index, m.index + m[0].length, w);
    }
  }
  // the direction of a translation (中译英) said in other words: "翻成英文", "日文翻中文", "chinese to english"
  for (const t of translationSizes(lower, products)) if (!out.some((o) => o.start < t.end && t.start < o.end)) out.push(t);
  return out.sort((a, b) => a.start - b.start);
}

/** Common size words (the catalog's) and their other words: sessions, packaging, rooms, editions, cabled or not. */
const GLOSSES: [RegExp, RegExp][] = ([
  [/^(?:包夜|通宵)(?:场)?$/, "包夜|通宵|overnight|all[- ]night(?:er)?"],
  [/^(?:全天|包天|全日)(?:票|场)?$/, "全天|一整天|包天|全日|all[- ]day|full[- ]day|whole day"],
  [/^(?:半天|半日)(?:票|场)?$/, "半天|半日|half[- ]day"],
  // (a price by the kind of day: weekends and holidays, or weekdays)
  [/^(?:周末|节假日|周末(?:及|和|\/)?节假日)(?:票|价|场|档)?$/, "周末|节假日|weekends?|holidays?"],
  [/^(?:平日|工作日|平时)(?:票|价|场|档)?$/, "平日|工作日|平时|weekdays?|周一(?:至|到)周五"],
  // (a day's ticket or pass: "day pass", "2-day ticket")
  [/^(?:全天|全日)(?:票)?$/, "(?<!(?:\\d|two|three)[- ]?)day(?=[- ]?(?:pass(?:es)?|tickets?)(?![a-z]))"],
  [/^(?:2|两|二)(?:日|天)(?:票|卡)?$/, "(?:2|two)[- ]?days?(?=[- ]?(?:pass(?:es)?|tickets?)(?![a-z]))"],
  [/^(?:3|三)(?:日|天)(?:票|卡)?$/, "(?:3|three)[- ]?days?(?=[- ]?(?:pass(?:es)?|tickets?)(?![a-z]))"],
  [/^往返(?:票)?$/, "往返|来回|round[- ]?trip|return(?: trip| ticket)?"],
  [/^单程(?:票)?$/, "单程|one[- ]way|single trip"],
  [/^折叠(?:款|式|版)?$/, "折叠|fold(?:able|ing)"],
  [/^单机(?:版)?$/, "单机|(?:printer|machine|unit) only|standalone|without (?:the )?(?:combo|kit|bundle)"],
  [/套装$/, "combo|bundle"],
  [/^有线(?:版|款)?$/, "有线|wired"],
  [/^无线(?:版|款)?$/, "无线|wireless"],
  [/^罐装?$/, "罐装|cans?|tins?"],
  [/^瓶装?$/, "瓶装|bottles?|bottled"],
  [/^大床(?:房|间)?$/, "大床|king(?:[- ]size)?(?: bed)?|queen(?: bed)?|double (?:bed|room)"],
  [/^双床(?:房|间)?$/, "双床|twin(?: beds?| room)?"],
  [/^亲子(?:房|间)$/, "亲子|family (?:room|suite)"],
  [/^普通(?:席|座|区|座位)$/, "普通|regular|standard|normal"],
  [/^(?:豪华|尊享)(?:款|版|套餐)?$/, "豪华|尊享|deluxe|luxury"],
  [/^基础(?:款|版)$/, "基础|basic|base"],
  [/^英文版$/, "英文版|english(?: edition| version)?"],
  [/^中文版$/, "中文版|chinese(?: edition| version)?"],
  [/^自动挡$/, "自动挡|automatic|auto(?![a-z])"],
  [/^清蒸$/, "清蒸|steamed"],
  [/^椒盐$/, "椒盐|salt(?: and | ?& ?|-and-)pepper"],
  [/^白灼$/, "白灼|boiled|poached"],
  [/^刺身$/, "刺身|sashimi"],
  [/^红烧$/, "红烧|braised"],
  [/^芝士焗$/, "芝士焗|cheese[- ]baked|baked with cheese|(?:with )?cheese"],
  [/^蒜蓉粉丝蒸$/, "蒜蓉粉丝蒸|蒜蓉粉丝|garlic (?:and )?vermicelli"],
  [/^蒜蓉烤$/, "蒜蓉烤|garlic[- ]grilled|grilled with garlic"],
  [/^避风塘$/, "避风塘|typhoon shelter"],
  [/^一打$/, "一打|(?<!half )(?:a|one) dozen"],
  [/^半打$/, "半打|half (?:a )?dozen"],
  [/^(?:长者|老人|老年)(?:票|价)?$/, "长者|老人|老年人|seniors?|elderly"],
  [/^半套$/, "半套|half[- ]set"],
  [/^全套$/, "全套|full[- ]set|whole set|complete set"],
  [/^双耳$/, "双耳|两(?:只|个)?耳(?:朵)?|一对|a pair(?: of)?|pair|both ears"],
  [/^单耳$/, "单耳|一(?:只|个)耳(?:朵)?|[左右]耳|one ear|(?:left|right) ear|single ear"],
  [/^手部$/, "手部|(?<![洗动新高二一顺对帮拿上])手(?![机工表续套术提写绘部艺法感里头动指柄环链])|hands?"],
  [/^足部$/, "足部|脚(?![步本])|(?<![满手])足(?![球够疗部])|feet|foot|toes?"],
  [/^手动挡$/, "手动挡|manual"],
  // (seasons of a quilt or a garment: 冬被, 春秋款)
  [/^冬(?:被|款|季款|装|季)$/, "冬天|冬季|冬款|winter(?: weight)?"],
  [/^春秋(?:被|款|装)$/, "春秋|spring(?: and | ?& ?|/)autumn|spring[- ]fall"],
  [/^夏(?:被|款|季款|装|季)$/, "夏天|夏季|夏款|summer(?: weight)?"],
  // (how meat is cut, in English: cut into chunks, sliced, shredded, diced, minced, chopped small, split in half)
  [/^切块$/, "(?:cut )?(?:in|into) (?:chunks|pieces|cubes)|chunks|cubed"],
  [/^切片$/, "slice[ds]?|in slices"],
  [/^切丝$/, "shredded|julienned?|in strips|strips"],
  [/^切丁$/, "diced|dice"],
  [/^(?:绞馅|绞肉|剁碎|绞碎)$/, "minced|mince|ground"],
  [/^剁(?:小)?块$/, "chop(?:ped)?(?: small| into pieces)?"],
  [/^(?:劈半|对半切|切半)$/, "split in half|halved|cut in half"],
  // (spice levels, and the measure words a thing is sold in said in English: a skewer, a bundle, a case, a box)
  [/^微辣$/, "微辣|mild(?:ly spicy)?|a (?:little|bit) spicy|less spicy"],
  [/^中辣$/, "中辣|medium[- ](?:spicy|hot)"],
  [/^(?:特辣|重辣|超辣|变态辣)$/, "extra[- ](?:spicy|hot)|very (?:spicy|hot)|super (?:spicy|hot)"],
  [/^(?:不辣|免辣)$/, "不辣|免辣|not spicy|no spice|non[- ]spicy"],
  [/^串$/, "skewers?|sticks?"],
  [/^把$/, "bundles?|bunch(?:es)?"],
  [/^箱$/, "cases?|crates?|cartons?"],
  // (a period and a kind-word, a card, a pass, a rent or a fee for that long, 月卡, 季卡, 半年卡, 年租, or the period written as
  // its length, 1个月, 3个月, 6个月, 12个月: each said as the other and in English)
  [/^(?:半年(?:度)?(?:卡|票|租|费|会员|会籍)|(?:6|六)个月)$/, "半年(?:卡)?|half[- ]?year(?:ly)?|(?:six|6)[- ]months?|(?:六|6)个月"],
  [/^周(?:卡|票|租|费|会员|会籍)$/, "weekly|(?:one|1|a)[- ]week|(?:一|1)(?:个)?(?:周|星期)(?![一二三四五六日天\\d])"],
  [/^(?:月(?:度)?(?:卡|票|租|费|会员|会籍)|(?:1|一)个月)$/, "月卡|monthly|(?:one|1|a)[- ]month(?!s)|(?:一|1)个月"],
  [/^(?:季(?:度)?(?:卡|票|租|费|会员|会籍)|(?:3|三)个月)$/, "季卡|quarterly|(?:three|3)[- ]months?|(?:三|3)个月|季度"],
  [/^(?:年(?:度)?(?:卡|票|租|费|会员|会籍)|(?:12|十二)个月)$/, "年卡|annual(?:ly)?|yearly|(?:one|1|a)[- ]year(?!s)|(?<!半)(?:一|1)年(?![级前后多了])|(?:十二|12)个月"],
] as [RegExp, string][]).map(([test, words]) => [test, new RegExp(`(?<![a-z\\d])(?:${words})(?![a-z])`, "g")]);

const GE_SAID = /(?<![\d.])(\d{1,4})\s*个(?=的|装)/g;

const glossedBySizes = new WeakMap<string[], string[]>();
/** the sizes of a product that have other words (GLOSSES), lower case, found once per product's sizes */
function glossedSizes(sizes: string[]): string[] {
  let out = glossedBySizes.get(sizes);
  if (!out) glossedBySizes.set(sizes, (out = sizes.map((z) => z.toLowerCase().trim()).filter((z) => glossesOf(z).length)));
  return out;
}

const glossed = new Map<string, RegExp[]>();
/** the other words of a size word (GLOSSES), found once per word */
function glossesOf(word: string): RegExp[] {
  let res = glossed.get(word);
  if (!res) {
    res = GLOSSES.filter(([test]) => test.test(word)).map(([, re]) => re);
    if (glossed.size < 50_000) glossed.set(word, res);
  }
  return res;
}


/** a model size: a Latin line, a number and more words (iphone 15 pro); and one that ends in its number (iphone 17) */
const MODEL_LINE = /^([a-z]{2,}(?: [a-z]{2,})*)\s*\d{1,4}\s+[a-z]/;
const MODEL_END = /^[a-z]{2,}(?: [a-z]{2,})*\s*(\d{1,4})$/;
/** a number said with 的 after it: "17的" */
const NUMBER_DE = /(?<![\d.a-z])(\d{1,4})\s*的/g;
const lineRes = new Map<string, RegExp>();
/** a model line said with any number ("iphone 14", "iPhone14"), compiled once per line */
function modelOfLine(line: string): RegExp {
  let re = lineRes.get(line);
  if (!re) lineRes.set(line, (re = new RegExp(`(?<![a-z0-9])${escapeRe(line).replace(/ /g, "\\s*")}\\s*\\d{1,4}(?![a-z0-9.])`, "g")));
  re.lastIndex = 0;
  return re;
}

const shortened = new Map<string, { short: string; prefix: boolean }[]>();
/** The short forms of a size word of 3–6 Chinese characters: its first 2+ characters, and those with its last one after. Memoised. */
function shortFormsOf(word: string): { short: string; prefix: boolean }[] {
  let forms = shortened.get(word);
  if (forms) return forms;
  forms = [];
  if (/^[\u4e00-\u9fff]{3,6}$/.test(word)) {
    for (let k = 2; k < word.length; k++) forms.push({ short: word.slice(0, k), prefix: true });
    for (let k = 1; k < word.length - 1; k++) forms.push({ short: word.slice(0, k) + word[word.length - 1], prefix: false });
  }
  // (a Latin word and the Chinese kind-word after it, VIP席, said as the Latin word: "两张VIP")
  const latin = /^([a-z][a-z0-9+]{1,7})[\u4e00-\u9fff]{1,2}$/.exec(word);
  if (latin) forms.push({ short: latin[1], prefix: true });
  shortened.set(word, forms);
  return forms;
}

const shortenedSets = new Map<string, { short: string; word: string; prefix: boolean }[]>();
/** The short forms of the given size words that stand for one of them only, and are none of them nor inside another
 * (memoised by the set of words: the same products are named again and again). */
function shortenedWords(words: Set<string>): { short: string; word: string; prefix: boolean }[] {
  const key = [...words].join("\u0000");
  let out = shortenedSets.get(key);
  if (!out) {
    if (shortenedSets.size >= 2000) shortenedSets.clear();
    shortenedSets.set(key, (out = shortenedWordsOf(words)));
  }
  return out;
}
function shortenedWordsOf(words: Set<string>): { short: string; word: string; prefix: boolean }[] {
  const owners = new Map<string, { word: string; prefix: boolean } | null>();
  for (const w of words) {
    for (const f of shortFormsOf(w)) {
      const had = owners.get(f.short);
      owners.set(f.short, had === undefined ? { word: w, prefix: f.prefix } : had?.word === w ? had : null);
    }
  }
  const out: { short: string; word: string; prefix: boolean }[] = [];
  for (const [short, o] of owners) if (o && !words.has(short) && ![...words].some((w) => w !== o.word && w.includes(short))) out.push({ short, ...o });
  return out;
}


/** a run of letters and digits that starts with a digit (3s, 2s5200mah, 5200), and each amount in it (2s, 5200mah) */
const SPEC_RUN = /(?<![a-z\d.])\d[a-z\d.]*/g;
const SPEC_AMOUNT = /\d+(?:\.\d+)?[a-z]*/g;
/** a spec's part of a number and a unit of letters, said also without the unit (5200 of 5200mah) */
const SPEC_UNIT_PART = /^(\d+(?:\.\d+)?)[a-z]{2,}$/;

/**
 * The sizes of several parts of letters and digits (3S 5200mAh, 4S 6500mAh) only one product of a catalog comes in,
 * built once per catalog: saying all the parts of one, in other spacing ("3s5200mah") or an amount without its unit
 * ("3S 5200", "4S 6500毫安"), names the product.
 */
export class SpecSizeIndex {
  /** each part (and a part's number without its unit) to the sizes it is a part of: the product, the size, its part */
  private readonly byPart = new Map<string, { id: string; size: string; part: number; parts: number }[]>();

  constructor(products: Iterable<{ id: string; sizes?: string[] | null }>) {
    const owners = new Map<string, { id: string; size: string; parts: string[] } | null>();
    for (const p of products) {
      for (const raw of p.sizes ?? []) {
        const parts = raw.normalize("NFKC").toLowerCase().trim().split(/[\s+＋]+/);
        if (parts.length < 2 || !parts.every((x) => /^\d[a-z\d.]*$/.test(x)) || !parts.some((x) => /\d[a-z]/.test(x))) continue;
        const key = parts.join(" ");
        const had = owners.get(key);
        owners.set(key, had === undefined ? { id: p.id, size: raw, parts } : had && had.id === p.id ? had : null);
      }
    }
    for (const owner of owners.values()) {
      if (!owner) continue;
      owner.parts.forEach((part, k) => {
        const bare = SPEC_UNIT_PART.exec(part)?.[1];
        for (const said of bare ? [part, bare] : [part]) {
          (this.byPart.get(said) ?? this.byPart.set(said, []).get(said)!).push({ id: owner.id, size: owner.size, part: k, parts: owner.parts.length });
        }
      });
    }
  }

  /** the products named so in the text, each over the parts said */
  find(lower: string): (Span & { id: string; size: string })[] {
    const out: (Span & { id: string; size: string })[] = [];
    if (!this.byPart.size || !/\d[a-z]/.test(lower)) return out;
    // the amounts said, and which of them follow the one before with nothing or spaces between
    const said: (Span & { text: string })[] = [];
    SPEC_RUN.lastIndex = 0;
    for (let r = SPEC_RUN.exec(lower); r; r = SPEC_RUN.exec(lower)) {
      SPEC_AMOUNT.lastIndex = 0;
      for (let a = SPEC_AMOUNT.exec(r[0]); a; a = SPEC_AMOUNT.exec(r[0])) said.push({ start: r.index + a.index, end: r.index + a.index + a[0].length, text: a[0] });
    }
    let from = 0;
    for (let k = 1; k <= said.length; k++) {
      if (k < said.length && /^\s*$/.test(lower.slice(said[k - 1].end, said[k].start))) continue;
      // a group of amounts said together: the sizes all of whose parts it says
      const hits = new Map<string, { id: string; size: string; parts: Set<number>; n: number; start: number; end: number }>();
      for (const s of said.slice(from, k)) {
        for (const h of this.byPart.get(s.text) ?? []) {
          const key = `${h.id}\u0000${h.size}`;
          const hit = hits.get(key) ?? hits.set(key, { id: h.id, size: h.size, parts: new Set(), n: h.parts, start: s.start, end: s.end }).get(key)!;
          hit.parts.add(h.part);
          hit.start = Math.min(hit.start, s.start);
          hit.end = Math.max(hit.end, s.end);
        }
      }
      const full = [...hits.values()].filter((h) => h.parts.size === h.n);
      if (full.length && full.every((h) => h.id === full[0].id)) out.push({ start: Math.min(...full.map((h) => h.start)), end: Math.max(...full.map((h) => h.end)), id: full[0].id, size: full[0].size });
      from = k;
    }
    return out;
  }
}
