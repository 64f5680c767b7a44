// Numbers as people type them in chat: Arabic digits, Chinese numerals (两, 十二, 一百五), English
// number words, and quantities with a measure word (两杯, 一双, 3件, x2).
import { pinyin } from "pinyin-pro";
import type { Span } from "./text.ts";

const ZH_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 仨: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const ZH_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** twenty and thirty in one character, as Cantonese and dates write them (廿四 is 24) */
const ZH_TENS: Record<string, number> = { 廿: 20, 卅: 30 };

/** Characters that may form a Chinese numeral; exported so other extractors build the same regexes. */
export const ZH_NUM_CHARS = "零〇一二两俩三仨四五六七八九十廿卅百千万";
/**
 * A Chinese numeral as a regex source. It must start with a digit or 十: a run that starts with 百/千
 * is the tail of a word (广百 + 一盒 is not "110 boxes").
 */
export const ZH_NUM_RE = `[零〇一二两俩三仨四五六七八九十廿卅][${ZH_NUM_CHARS}]{0,3}`;

const ZH_DIGITS = "零一二三四五六七八九";

/** How 1–99 are written in Chinese numerals (12 → 十二, 20 → 二十; 2 also as 两), for sizes that start with a number. */
export function chineseNumerals(n: number): string[] {
  if (!Number.isInteger(n) || n < 1 || n > 99) return [];
  if (n < 10) return n === 2 ? ["二", "两"] : [ZH_DIGITS[n]];
  const tens = Math.floor(n / 10);
  return [`${tens === 1 ? "" : ZH_DIGITS[tens]}十${n % 10 ? ZH_DIGITS[n % 10] : ""}`];
}

/**
 * Parses a Chinese integer: 三 → 3, 十二 → 12, 二十五 → 25, 一百零五 → 105. Colloquial forms drop
 * the last unit: 一百五 means 150 and 两千五 means 2500, so a digit right after 百/千 is scaled down
 * one unit. Returns null when the string is not a numeral.
 */
export function parseChineseInt(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let section = 0;
  let num = -1; // pending digit, -1 = none
  let lastUnit = 0;
  let prevWasUnit = false;
  let digitRightAfterUnit = false;
  for (const ch of s) {
    if (ch in ZH_DIGIT) {
      // 零 may precede a digit (一百零五); other digit pairs (二两) are two words, not a number.
      if (num > 0) return null;
      digitRightAfterUnit = prevWasUnit;
      num = ZH_DIGIT[ch];
      prevWasUnit = false;
    } else if (ch in ZH_TENS && num < 0 && section === 0) {
      section = ZH_TENS[ch];
      lastUnit = 10;
      prevWasUnit = true;
    } else if (ch in ZH_UNIT) {
      const unit = ZH_UNIT[ch];
      section += (num < 0 ? 1 : num) * unit;
      num = -1;
      lastUnit = unit;
      prevWasUnit = true;
    } else if (ch === "万") {
      section += Math.max(num, 0);
      total += (section || 1) * 10000;
      section = 0;
      num = -1;
      lastUnit = 10000;
      prevWasUnit = true;
    } else {
      return null;
    }
  }
  if (num >= 0) {
    // 一百五 = 150, but 二十五 = 25 and 一百零五 = 105
    section += digitRightAfterUnit && lastUnit >= 100 ? (num * lastUnit) / 10 : num;
  }
  return total + section;
}

const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
  "a couple of": 2, "couple of": 2, "a couple": 2, "a pair of": 1, "pair of": 1, "a dozen": 12, dozen: 12,
  "half a": 0.5, half: 0.5,
};
/** Alternation of English number words, longest first so "a couple of" beats "a". */
export const EN_NUMBER_ALT = Object.keys(EN_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, "\\s+"))
  .join("|");

/** Parses "3", "1.5", "十二", "两", "twelve", "a couple of"; null if it is none of these. */
export function parseNumber(raw: string): number | null {
  if (raw.length === 1) {
    // the common case: one digit or one Chinese numeral
    if (raw >= "0" && raw <= "9") return raw.charCodeAt(0) - 48;
    if (raw in ZH_DIGIT) return ZH_DIGIT[raw];
  }
  const s = raw.trim().toLowerCase().replace(/\s+/g, " ");
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === "半") return 0.5;
  if (s in EN_NUMBERS) return EN_NUMBERS[s];
  return parseChineseInt(s);
}

/**
 * Measure words that count items (杯 cups, 件 garments, 双 pairs, 笼 steamers, 版 sheets, 页 pages...). Not 位 (三人位
 * is a sofa size), not 点/号/米 (times, dates and lengths); 块 only in ZH_QTY, where it is not money (30块钱, 20块的).
 */
const COMMON_MEASURES = "杯个份件条双瓶盒支只套张台把听罐包袋对副顶款本束盆株枝朵粒颗根卷册串片剂贴桶箱提壶碗捆幅盏辆扇扎组节堂筒针";
export const MEASURE_WORDS = `${COMMON_MEASURES}笼屉饼碟锅盘棵部架枚管盅樽坛缸封叠沓摞筐篮兜客捧丛簇瓣截身袭挂版页间桌队板排樘`;

export interface QuantityMention extends Span {
  value: number;
  /** "x2"/"×2" written after an item belongs to that item, whatever comes in between ("jeans W31 x2") */
  kind: "measure" | "times-after" | "times-before" | "people";
}

// (nor the 三包 of a warranty: "三包检修", "三包期内")
const NOT_WARRANTY = "(?!(?<=三包)(?:检|服务|期|政策|维修|凭证|卡|内|范围))";
// (次 counts sessions — "单次 两次" — but not 第一次 or 一次性; the 包 of 包厢, 包间, 包房 is a room's, its number no count: "808包厢";
// nor, below, the 对 of 对吧 after a sum, "right?": "押金是1500对吧")
const ZH_QTY = new RegExp(`(?<![周期拜:：第])(\\d{1,4}|${ZH_NUM_RE})\\s*([${MEASURE_WORDS}]|次(?![性数卡])|块(?![钱的多左以上那\\d一二三四五六七八九十半])|方(?![便式法案向面形块桌巾糖言圆位]))(?<!个(?=月|小时|钟头|星期|礼拜|工作日|晚上|周末))(?<!包(?=[厢间房]))${NOT_WARRANTY}`, "g");
const BEDDING = new RegExp(`(?<![\\d米])(${ZH_NUM_RE})床(?![单垫笠品上头位铺尾边前])`, "g");
// English containers and counters: "2 boxes", "three bottles of", "a pack of", "30pcs", "2 extra bags" (a number word before them is a count)
export const EN_COUNTERS = "boxes|box|cases?|packs?|packets?|bottles?|tubes?|bags?|buckets?|barrels?|tins?|cartons?|crates?|sheets?|trays?|portions?|servings?|sacks?|drums?|kegs?|loaves|bundles?|pairs?|pieces?|pcs|cups?|glasses|jars?|cans?|rolls?|sets?|copies|copy|bunch(?:es)?|pots?|sachets?|strips?|panels?|items?|units?|spots?|places|seats|tickets?|tix";
/** a count and the words that may stand between it and a counter: "3 large", "two extra", "two 500g" */
export const EN_COUNT_LEAD = `(?<![a-z0-9.:])(\\d{1,3}|${EN_NUMBER_ALT})\\s+(?:(?:extra|more|additional|big|small|large|whole|full|separate|\\d+(?:\\.\\d+)?\\s?(?:g|kg|ml|l|oz|lbs?|cm|mm|gb|tb))\\s+)?`;
const EN_QTY = new RegExp(
  `${EN_COUNT_LEAD}(?:${EN_COUNTERS})(?![a-z])|(?<![a-z0-9.:])(\\d{1,2}|${EN_NUMBER_ALT})(?=\\s+[a-z_]{3,}\\s+(?:seats|tickets|tix)(?![a-z]))|(?<![a-z0-9.:])(\\d{1,3})pcs?(?![a-z])|(?<=[,，]\\s?)(\\d{1,2})(?=\\s+(?:please|pls|plz)(?![a-z]))`,
  "g",
);
// "x2", "×2", "*2" after an item, and "2x" before one. The x must not be part of a word (xl, max2).
// (× and * may follow a unit's letters: "300ml×2"; an x may not, it ends words)
const MULT_AFTER = /(?:(?<![a-z0-9])(?:x|×|\*)|(?<=[a-z\u4e00-\u9fff])[×*])\s*(\d{1,3})(?![\d.a-z])|(?<![a-z0-9.])(\d{1,3}|two|three|four|five|six)\s+of\s+(?:them|those|these|the(?=\s))(?![a-z])/g;
const MULT_BEFORE = /(?<![\d.])(\d{1,3})\s*(?:x|×)(?![a-z0-9])/g;
// A count of people is a count of what each of them gets: "两位", "3人", "for 2 ppl", "for two".
const PEOPLE = new RegExp(
  `(?<![\\d.])(\\d{1,2}|${ZH_NUM_RE})\\s*(?:位|人)(?![位座份沙间])|(?<![a-z0-9])for\\s+(\\d{1,2}|two|three|four|five|six)(?:\\s+(?:ppl|people|persons|pax|adults|guests|of us))?(?![a-z0-9:.~～–-]|\\s*(?:pm|am|o'?clock|点|h\\b|hours?|mins?))|(?<![a-z0-9.:])(\\d{1,2}|two|three|four|five|six)\\s+of\\s+us(?![a-z])|(?<![a-z0-9.:])(\\d{1,2}|two|three|four|five|six)\\s+(?:ppl|people|persons|pax|adults|guests)(?![a-z])|(?<![a-z])(?:me|myself) and my (?:wife|husband|hubby|bf|gf|boyfriend|girlfriend|partner|son|daughter|kid|child|mum|mom|mother|dad|father|friend|bestie|sister|brother)(?![a-z])`,
  "g",
);

// a count of the big or the small ones said in pairs, with no measure word: the 一 and 一 of "一大一小", "两大一小"
// (a count with a measure word, "一个大的", is ZH_QTY's)
const ADJ_COUNT = new RegExp(
  `(?<![\\d.${ZH_NUM_CHARS}])(\\d{1,2}|${ZH_NUM_RE})(?=[大中小](?:的)?\\s*[,，、和]?\\s*(?:\\d{1,2}|${ZH_NUM_RE})[大中小])|(?<=(?:\\d{1,2}|${ZH_NUM_RE})[大中小](?:的)?\\s*[,，、和]?\\s*)(\\d{1,2}|${ZH_NUM_RE})(?=[大中小])`,
  "g",
);

// Counts typed in toneless pinyin: "10 ge", "liang tong", "yi gen" (a number, then a measure word's syllable; only
// syllables of three letters or more, and ge, that are no numeral, so that "ba" and "liang" are not read as 把 and 辆)
const PINYIN_NUMERALS: Record<string, number> = { yi: 1, er: 2, liang: 2, san: 3, si: 4, wu: 5, liu: 6, qi: 7, ba: 8, jiu: 9, shi: 10 };
// (the common ones only: the pinyin of the rarer ones makes words and places, shijian 时间, yiban 一般, Liuzhou)
// (and, right after a number, the two-letter ones that are no other common word there: "liang fu" 两副, "2he" 2盒, "liang
// ba" 两把, but not the ba of "shi ba", eighteen)
const PINYIN_MEASURES = [...new Set([...COMMON_MEASURES].map((c) => pinyin(c, { toneType: "none" })).filter((py) => (/^[a-z]{3,}$/.test(py) || /^(?:ge|he|fu)$/.test(py)) && !(py in PINYIN_NUMERALS))), "(?<!shi\\s*)ba"];
const PINYIN_QTY = new RegExp(`(?<![a-z0-9.])(\\d{1,3}|${Object.keys(PINYIN_NUMERALS).join("|")})\\s*(?:${PINYIN_MEASURES.join("|")})(?![a-z])`, "g");
/** measure words as typed in pinyin right after a number ("liang guan" 两罐, "shiba zhuo" 十八桌): the common ones whose
 * syllable is no other common word after a number (pinyin-reader.ts reads them so) */
export const PINYIN_MEASURE_CHARS: ReadonlyMap<string, string> = new Map(
  [..."杯个份件条双瓶盒支套张台把罐包袋对副本朵根卷串片桶箱碗盏节桌"].map((c) => [pinyin(c, { toneType: "none" }), c]),
);

const ADJ_MARK = /[大中小]/;
const LATIN = /[a-z]/;

// 块 counts pieces after a verb of taking, a few of them and no money ("松香拿两块", "来一块"; not "两块钱", "30块的")
const PIECES = new RegExp(`(?<=[拿来要买切])\\s*([1-9一二两俩三四五六七八九])\\s*块(?![钱的多左以上下内])`, "g");

const EACH_BARE = new RegExp(`(?<=各\\s*)(${ZH_NUM_RE}|\\d{1,2})(?![\\u4e00-\\u9fff\\d.])`, "g");

const DOZEN = new RegExp(`(?<![\\d.a-z])(\\d{1,2}|${ZH_NUM_RE}|半)\\s*打(?![车折包卡电开算听扰个])`, "g");

/** Quantities written with a measure word or a multiplier, anywhere in the (lowercased) text. */
/** a letter size at the end of a text (the M of "队服 M") */
const LETTER_SIZE_END = /(?<![a-z0-9])(?:x{0,3}l|x{0,2}s|m|[2-4]xl)$/;

const QUANTITY_KINDS: [RegExp, QuantityMention["kind"]][] = [[ZH_QTY, "measure"], [EN_QTY, "measure"], [MULT_AFTER, "times-after"], [MULT_BEFORE, "times-before"], [PEOPLE, "people"], [ADJ_COUNT, "measure"], [PINYIN_QTY, "measure"]];
/** patterns that match only where the text has a Latin letter or a digit, or only where it has a digit */
const NEEDS_LATIN_OR_DIGIT = new Set([EN_QTY, MULT_AFTER, PINYIN_QTY]);
const LATIN_OR_DIGIT = /[a-z0-9]/;
const DIGIT = /\d/;

export function findQuantities(lower: string): QuantityMention[] {
  const out: QuantityMention[] = [];
  const latinOrDigit = LATIN_OR_DIGIT.test(lower);
  for (const [re, kind] of QUANTITY_KINDS) {
    // (the rarer patterns only where they can match)
    if ((re === ADJ_COUNT && !ADJ_MARK.test(lower)) || (re === PINYIN_QTY && !LATIN.test(lower))) continue;
    if ((NEEDS_LATIN_OR_DIGIT.has(re) && !latinOrDigit) || (re === MULT_BEFORE && !DIGIT.test(lower))) continue;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      // A digit glued to Latin letters is a code (GXG30) or a size (50ml), and one after a dash the end of a range (18-45套机): not a count.
      // (a Chinese numeral after a Latin word is a count: "egg tart两个")
      // (but a count right after a letter size is one: the 10 of "M10件")
      if (/[a-z0-9.~-]/.test(lower[m.index - 1] ?? "") && re === ZH_QTY && /^\d/.test(m[1]) && !LETTER_SIZE_END.test(lower.slice(0, m.index))) continue;
      // (方 counts seals and inkstones in Chinese numerals, "刻两方", "一方名章"; not 四方, a word of its own, nor 80方 of
      // water, cubic metres)
      if (re === ZH_QTY && m[2] === "方" && (/\d/.test(m[1]) || m[1] === "四")) continue;
      // (a sum said with 对吧, "right?", counts no pairs: "押金是1500对吧")
      if (re === ZH_QTY && m[2] === "对" && /^\d{3,}/.test(m[1]) && /^[吧吗]/.test(lower.slice(m.index + m[0].length))) continue;
      // ("me and my wife" are two)
      const value = re === PINYIN_QTY && m[1] in PINYIN_NUMERALS ? PINYIN_NUMERALS[m[1]] : re === PEOPLE && /^(?:me|myself) /.test(m[0]) ? 2 : parseNumber(m.slice(1).find((g) => g !== undefined) ?? "");
      if (value === null || value < 1 || !Number.isInteger(value)) continue;
      // (两个人 counts people)
      const people = re === ZH_QTY && m[2] === "个" && lower[m.index + m[0].length] === "人";
      out.push({ start: m.index, end: m.index + m[0].length, value, kind: people ? "people" : kind });
    }
  }
  // (each of the rest needs a character of its own: 块, 打, 床, 各, 俩 or 仨)
  PIECES.lastIndex = 0;
  for (let m = lower.includes("块") ? PIECES.exec(lower) : null; m; m = PIECES.exec(lower)) {
    const n = parseNumber(m[1]);
    if (n !== null && n >= 1) out.push({ start: m.index + m[0].indexOf(m[1]), end: m.index + m[0].length, value: n, kind: "measure" });
  }
  // a dozen: "来一打啤酒", "两打"
  const dozen = DOZEN;
  dozen.lastIndex = 0;
  for (let m = lower.includes("打") ? dozen.exec(lower) : null; m; m = dozen.exec(lower)) {
    const n = parseNumber(m[1]);
    // (半打 is six)
    if (n !== null && n * 12 >= 1 && Number.isInteger(n * 12)) out.push({ start: m.index, end: m.index + m[0].length, value: n * 12, kind: "measure" });
  }
  // 床 counting quilts and blankets, after a Chinese numeral ("两床棉花被", "拿三床"): not the 8床 of a bed's 1米8
  BEDDING.lastIndex = 0;
  for (let m = lower.includes("床") ? BEDDING.exec(lower) : null; m; m = BEDDING.exec(lower)) {
    const n = parseNumber(m[1]);
    if (n !== null && n >= 1) out.push({ start: m.index, end: m.index + m[0].length, value: n, kind: "measure" });
  }
  // a count after 各 with no measure word: "M跟XL各一", "38 40 43各一" (one of each)
  const eachBare = EACH_BARE;
  eachBare.lastIndex = 0;
  for (let m = lower.includes("各") ? eachBare.exec(lower) : null; m; m = eachBare.exec(lower)) {
    const n = parseNumber(m[1]);
    if (n !== null && n >= 1 && Number.isInteger(n) && !out.some((q) => q.start <= m!.index && m!.index < q.end)) out.push({ start: m.index, end: m.index + m[0].length, value: n, kind: "measure" });
  }
  // Also 俩 / 仨 alone ("来俩拿铁"): they already imply a count.
  const bare = /[俩仨](?![个杯份件条双瓶盒支只])/g;
  for (let m = bare.exec(lower); m; m = bare.exec(lower)) {
    out.push({ start: m.index, end: m.index + 1, value: m[0] === "俩" ? 2 : 3, kind: lower[m.index + 1] === "人" ? "people" : "measure" });
  }
  return out.sort((a, b) => a.start - b.start);
}

// "2 lattes", "two large lattes", "a couple of croissants": a number word right before the item,
// allowing up to three words (sizes, adjectives) in between. Anchored at the end of the prefix.
const EN_QTY_BEFORE = new RegExp(
  // (a word may be a size, blanked: "20 M10 anchors"; or one that starts with a digit and has letters: "four 4MP cameras")
  `(?:^|[^a-z0-9.:×*])(\\d{1,3}|${EN_NUMBER_ALT})\\s+(?:(?:[a-z_]|\\d+[a-z])[a-z0-9_'/.-]*\\s+){0,3}$`,
);
// "2拿铁": a digit directly before a Chinese item name.
const DIGIT_BEFORE = /(?:^|[^a-z0-9.:×*])(\d{1,2})\s*$/; // (not the minutes of 7:30, nor the ×3 of what came before)

/** A quantity written just before an item (the text between the previous item and this one). */
export function quantityBefore(prefix: string): number | null {
  const m = EN_QTY_BEFORE.exec(prefix) ?? DIGIT_BEFORE.exec(prefix);
  if (!m) return null;
  // (a count with "and" after it counts what came before: the 2 of "take in the waist on 2 trousers and shorten the sleeves")
  if (/\s(?:and|or|plus|then|also)\s/.test(m[0])) return null;
  // a number that names something is no count: "therapist No. 18 for a foot massage"
  if (/(?:no\.?|number|#|第)\s*$/.test(prefix.slice(0, m.index + m[0].indexOf(m[1])))) return null;
  // a height, weight or age is not a count ("身高140 入门小提琴")
  if (/(?:身高|体重|高|重|年龄|height|weight|age|aged|i'?m)\s*:?\s*$/.test(prefix.slice(0, m.index + m[0].indexOf(m[1])))) return null;
  // a number after a word that a determiner names is its label: "the kemu 3 route", "my level 2 class"
  if (/\d/.test(m[1]) && /(?:^|[^a-z])(?:the|my|this|that|our|your|his|her)\s+[a-z]+\s*$/.test(prefix.slice(0, m.index + m[0].indexOf(m[1])))) return null;
  const v = parseNumber(m[1]);
  return v !== null && v >= 1 && Number.isInteger(v) ? v : null;
}

// "拿铁两杯", "口红来一支", "拿铁要2杯": a measured quantity right after the item.
const ZH_QTY_AFTER = new RegExp(
  // (a size blanked out by the caller may sit between: "日抛[600度]要四盒", "口罩[10只装]的来两包")
  `^\\s*[,，]?\\s*(?:也)?(?:要|来|买|拿|各|再来|给我)?\\s*_*\\s*(?:的)?\\s*(?:也)?(?:要|来|买|拿|各|再来|给我)?\\s*(\\d{1,3}|${ZH_NUM_RE})\\s*[${MEASURE_WORDS}](?!装)${NOT_WARRANTY}`,
);
const MULT_AFTER_ANCHORED = /^\s*(?:x|×|\*)\s*(\d{1,3})(?![\d.])/;
// (or counted in English right after it: "碱水粽 10 pcs", "wipes 2 packs")
const EN_QTY_AFTER = new RegExp(`^\\s*(\\d{1,3})\\s*(?:${EN_COUNTERS})(?![a-z])`);

/** A quantity written just after an item (the text up to the next item); `length` is how much it used. */
export function quantityAfter(suffix: string): { value: number; length: number } | null {
  const m = MULT_AFTER_ANCHORED.exec(suffix) ?? ZH_QTY_AFTER.exec(suffix) ?? EN_QTY_AFTER.exec(suffix);
  if (!m) return null;
  const v = parseNumber(m[1]);
  return v !== null && v >= 1 && Number.isInteger(v) ? { value: v, length: m[0].length } : null;
}

/** A text with its Chinese numerals written as digits, and where each of its spans was in the text it was read from. */
export interface DigitsWritten {
  text: string;
  /** the span of the original text a span of `text` stands for */
  back(span: Span): Span;
  /** whether a span of `text` holds a numeral that was rewritten */
  rewritten(span: Span): boolean;
}

/** numerals a size may be said in that only digits make plain: a decimal (零点四), a product (五十乘五十), a fraction
 * (四分之一), a number of ten or more (五十七) that is no time, date, price, age or count */
const SPELLED_NUMBER = new RegExp(`[${ZH_NUM_CHARS}]点[零〇一二三四五六七八九]|[${ZH_NUM_CHARS}]\\s*乘|[${ZH_NUM_CHARS}]分之[${ZH_NUM_CHARS}]|(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]百)(?![${ZH_NUM_CHARS}点时号月日分秒块元岁个人位]|\\s*[${MEASURE_WORDS}])`);
// (a count, a numeral before a measure word, stays as it is: 十袋 is ten bags, no 10 of a size)
const SPELLED_PIECE = new RegExp(`(${ZH_NUM_RE})分之(${ZH_NUM_RE})|(${ZH_NUM_RE})点([零〇一二三四五六七八九]{1,3})|${ZH_NUM_RE}(?!\\s*(?:[${MEASURE_WORDS}]|个))`, "g");

/** The text with its Chinese numerals as digits (零点四 0.4, 五十乘五十 50乘50, 四分之一 1/4), or null when it says none
 * of the kinds only digits make plain (SPELLED_NUMBER): counts in words (两杯) are read as they are. */
export function digitsWritten(lower: string): DigitsWritten | null {
  if (!SPELLED_NUMBER.test(lower)) return null;
  const pieces: { out: number; outEnd: number; at: number; end: number; changed: boolean }[] = [];
  let text = "";
  let last = 0;
  const keep = (to: number) => {
    if (to > last) pieces.push({ out: text.length, outEnd: text.length + (to - last), at: last, end: to, changed: false });
    text += lower.slice(last, to);
  };
  SPELLED_PIECE.lastIndex = 0;
  for (let m = SPELLED_PIECE.exec(lower); m; m = SPELLED_PIECE.exec(lower)) {
    let digits: string | null = null;
    if (m[1] !== undefined) {
      const below = parseChineseInt(m[1]);
      const above = parseChineseInt(m[2]);
      digits = below && above !== null ? `${above}/${below}` : null;
    } else if (m[3] !== undefined) {
      const whole = parseChineseInt(m[3]);
      digits = whole === null ? null : `${whole}.${[...m[4]].map((c) => ZH_DIGIT[c] ?? 0).join("")}`;
    } else {
      const n = parseChineseInt(m[0]);
      digits = n === null ? null : String(n);
    }
    if (digits === null) continue;
    keep(m.index);
    pieces.push({ out: text.length, outEnd: text.length + digits.length, at: m.index, end: m.index + m[0].length, changed: true });
    text += digits;
    last = m.index + m[0].length;
  }
  keep(lower.length);
  const pieceAt = (i: number) => pieces.find((p) => p.out <= i && i < p.outEnd) ?? pieces[pieces.length - 1];
  return {
    text,
    back(span) {
      const a = pieceAt(span.start);
      const b = pieceAt(Math.max(span.start, span.end - 1));
      return { start: a.changed ? a.at : a.at + (span.start - a.out), end: b.changed ? b.end : b.at + (span.end - b.out) };
    },
    rewritten(span) {
      return pieces.some((p) => p.changed && p.out < span.end && span.start < p.outEnd);
    },
  };
}
