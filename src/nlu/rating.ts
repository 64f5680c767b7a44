// Ratings 1..5: 5星, 五星好评, 打4分, 差评, "4 stars", "rate 3", "4/5". A number beats a word
// (1星差评 is 1, 差评 alone is 1, 好评 alone is 5).
import { parseNumber } from "./numbers.ts";

const NUMERIC: RegExp[] = [
  // (not 三分糖, 七分熟, 五分钟, 两分半: sweetness, doneness and minutes)
  /(?<![\d.点:])([0-5]|[零一二两三四五])\s*(?:颗星|星|分)(?![半巴冰期级钟座糖甜熟之街路道巷广场城村区镇楼店a-z\d]|的|管|钱)/,
  /(?<![\d.])([1-5])\s*(?:\/|out\s+of)\s*5(?![\d.])/,
  /(?<![a-z])(one|two|three|four|five)\s+out\s+of\s+(?:five|5)(?![a-z])/,
  /(?<![\d.])([1-5])(?:\.\d)?\s*-?\s*stars?(?![a-z])/,
  /(?<![a-z])(one|two|three|four|five)\s*-?\s*stars?(?![a-z])/,
  /(?<![a-z])(?:rate|rating|rated|score|give\s+(?:it|them|this|you|us)(?:\s+an?)?)(?![a-z])\D{0,25}?(?<![\d.])([1-5])(?![\d.]|\s*(?:pm|am|点|km|米))/,
];

const WORDS: [RegExp, number][] = [
  [/满分|五星好评|(?<![a-z])(?:full marks|perfect score)(?![a-z])/, 5],
  [/差评/, 1],
  [/中评/, 3],
  [/好评/, 5],
];

// A score out of ten (8/10, 9 out of 10, 8分（满分10）) is halved to the five-point scale: 7 → 4, 6 → 3.
const TEN_SCALE: RegExp[] = [
  /(?<![\d.])(10|[0-9](?:\.\d)?)\s*分?\s*(?:\/|out\s+of)\s*10(?![\d.])/,
  /(?<![\d.点])(10|[0-9]|十|[零一二两三四五六七八九])\s*分[^。！!？?]{0,6}?满分\s*(?:10|十)\s*分?/,
  /(?:10|十)分制[^。！!？?\d]{0,6}?(10|[0-9]|十|[零一二两三四五六七八九])\s*分/,
  // ("10分给6分", "满分十分打七分")
  /(?:满分)?(?:10|十)分(?:的话)?\s*(?:给|打|只给|只打)\s*(10|[0-9]|十|[零一二两三四五六七八九])\s*分/,
];

export function parseRating(lower: string): number | null {
  for (const re of TEN_SCALE) {
    const m = re.exec(lower);
    const n = m ? parseNumber(m[1]) : null;
    if (n !== null) return Math.min(5, Math.max(1, Math.round(n / 2)));
  }
  // "4⭐" is four stars
  const numbered = /(?<![\d.])([1-5])\s*(?:⭐|★|🌟)/u.exec(lower);
  if (numbered) return Number(numbered[1]);
  for (const re of NUMERIC) {
    const m = re.exec(lower);
    if (!m) continue;
    const n = parseNumber(m[1]);
    if (n === null) continue;
    return Math.min(5, Math.max(1, Math.round(n)));
  }
  // ⭐⭐⭐⭐ / ★★★ count, when no number says otherwise ("五星好评⭐️" is five)
  const stars = /(?:⭐|★|🌟){1,5}/u.exec(lower);
  if (stars) return Math.min(5, [...stars[0]].filter((c) => c !== "\ufe0f").length);
  for (const [re, n] of WORDS) if (re.test(lower)) return n;
  return null;
}
