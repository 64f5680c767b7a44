// Sizes a product's description gives an amount for: "小锅2人，中锅3-4人，大锅5-6人", "中号4-6钱/只，大号6-8钱/只，虾王8钱以上",
// "S 55-56cm，M 57-58cm". A customer who says the amount ("4个人吃", "6-8钱的", "头围58cm") asks for that size. Read from the
// catalog's own words: the units are whatever the description writes after a size (not a price).
import { parseNumber, ZH_NUM_RE } from "./numbers.ts";
import { sameUnit, unitSpellings } from "./sold-by.ts";

/** an amount a description gives for one of the product's sizes, in its unit */
export interface DescribedSize {
  size: string;
  lo: number;
  hi: number;
  unit: string;
}

/** body measures, which sold-by does not know: said with or without the unit ("头围58", "头围57的") */
const MEASURES: Record<string, string> = { 厘米: "cm", 公分: "cm" };
const MEASURE_SAID: Record<string, string> = { cm: "cm|厘米|公分|(?=的|\\s|$|[,，。])" };
/** prices and counts of time are no size's amount here */
const NOT_A_MEASURE = /^(?:元|块|次|天|年|月|个月|周|分|折|号|%)/;
const NUMBER = `(\\d+(?:\\.\\d+)?|${ZH_NUM_RE})`;
const AFTER_SIZE = new RegExp(`^\\s*[(（:：]?\\s*(?:约|适合|可坐|坐|容纳|供)?\\s*${NUMBER}\\s*(?:[-~～到至]\\s*${NUMBER})?\\s*(个人|平方米|平米|[a-z]{1,3}|[\\u4e00-\\u9fff㎡])(以上|以内|以下|内)?`);

/** an amount written before a size, "一两即4只装" (a Chinese numeral taken as short as it goes: the 一 of 一两) */
const BEFORE_SIZE = new RegExp(`(?:^|[^\\d.])(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,3}?)\\s*(?:[-~～到至]\\s*(\\d+(?:\\.\\d+)?))?\\s*(个人|平方米|平米|[a-z]{1,3}|[\\u4e00-\\u9fff㎡])(以上|以内|以下|内)?\\s*(?:即|=|是|为|约|合)?\\s*$`);

/** The amounts a description gives for the product's sizes (at least two of them, so that they tell the sizes apart). */
export function describedSizes(description: string | null | undefined, sizes: string[]): DescribedSize[] {
  if (!description || sizes.length < 2) return [];
  const text = description.normalize("NFKC").toLowerCase();
  const out: DescribedSize[] = [];
  for (const size of sizes) {
    const z = size.normalize("NFKC").toLowerCase().trim();
    const at = sizeAt(text, z, sizes);
    if (at < 0) continue;
    // (or before it: "一两即4只装，二两即8只装")
    const m = AFTER_SIZE.exec(text.slice(at + z.length, at + z.length + 16)) ?? BEFORE_SIZE.exec(text.slice(Math.max(0, at - 12), at));
    if (!m || NOT_A_MEASURE.test(m[3])) continue;
    const a = parseNumber(m[1]);
    const b = m[2] === undefined ? a : parseNumber(m[2]);
    if (a === null || b === null) continue;
    const unit = MEASURES[m[3]] ?? sameUnit(m[3]);
    const [lo, hi] = m[4] === "以上" ? [a, Infinity] : m[4] ? [0, a] : [Math.min(a, b), Math.max(a, b)];
    out.push({ size, lo, hi, unit });
  }
  return out.filter((d) => out.filter((o) => o.unit === d.unit).length >= 2);
}

/** Where a size is written in a description: not inside a longer size (the 中 of 中锅) nor, a letter size, inside a word. */
function sizeAt(text: string, z: string, sizes: string[]): number {
  const longer = sizes.map((o) => o.normalize("NFKC").toLowerCase().trim()).filter((o) => o.length > z.length && o.includes(z));
  for (let at = text.indexOf(z); at >= 0 && z.length; at = text.indexOf(z, at + 1)) {
    if (/^[a-z]/.test(z) && /[a-z]/.test(text[at - 1] ?? "")) continue;
    if (/[a-z]$/.test(z) && /[a-z]/.test(text[at + z.length] ?? "")) continue;
    if (longer.some((o) => text.startsWith(o, at - o.indexOf(z)))) continue;
    return at;
  }
  return -1;
}

const SAID = new Map<string, RegExp>();
/** The size whose described amount holds an amount the region says in its unit ("4个人", "58cm"), when only one does. */
export function describedSize(region: string, described: DescribedSize[]): { size: string; amount: number; unit: string } | null {
  let hit: { size: string; amount: number; unit: string } | null = null;
  for (const unit of new Set(described.map((d) => d.unit))) {
    let re = SAID.get(unit);
    // (an amount or a range: "4个人", "6-8钱")
    if (!re) SAID.set(unit, (re = new RegExp(`(?<![\\d.])${NUMBER}\\s*(?:[-~～到至]\\s*${NUMBER})?\\s*(?:${MEASURE_SAID[unit] ?? unitSpellings(unit)})(?![a-z])`, "g")));
    re.lastIndex = 0;
    for (let m = re.exec(region); m; m = re.exec(region)) {
      const n = parseNumber(m[1]);
      const top = m[2] === undefined ? n : parseNumber(m[2]);
      if (n === null || top === null) continue;
      const fits = described.filter((d) => d.unit === unit && n >= d.lo && top <= d.hi);
      if (fits.length !== 1) continue;
      if (hit && hit.size !== fits[0].size) return null;
      hit = { size: fits[0].size, amount: n, unit };
    }
  }
  return hit;
}
