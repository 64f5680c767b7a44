// A catalog's Chinese size word said in English: "a leather sole" for the 真皮底 of a resoling, "keep the original hem"
// for 保留原边, "3 bedrooms" for 三居, "6 inch" for 6寸. The English comes from the dictionary (dictionary.ts), never
// from a list written for a trade.
//
// A size counts as said when every needed part of it (its dictionary words, its count) has an English word in the text
// that is no word of the product's own name, close together, a count right before what it counts, and exactly one
// size of the product is said so, or several each in words apart from the others'.
import { englishHeadwords, englishOfName, englishParts, englishStem } from "./dictionary.ts";
import { sizeKey, type SizeMention } from "./sizes.ts";
import type { Span } from "./text.ts";
import { foldTraditional } from "./traditional.ts";

interface Sized {
  sizes: string[];
  name?: string;
}

/** a size and, per needed part, the stems that say it (a product's own words left out) */
interface Telling {
  size: string;
  parts: { stems: Set<string>; number?: boolean; optional?: boolean }[];
  /** every stem of its parts */
  stems: Set<string>;
  /** its stems no other size of the product has ("blueberry" of 蓝莓; not "top", of both 高帮 and 低帮) */
  own: Set<string>;
  /** said by any one of its parts that only it has (a size of single characters) */
  loose?: boolean;
  /** a loose size's words that are a whole sense of one of its characters ("lacquer" of 漆) */
  heads?: Set<string>;
}

const tellingBySizes = new WeakMap<string[], Map<string, Telling[]>>();
/** The sizes of a product that English can say, memoised by its size list and name. */
function tellingSizes(p: Sized): Telling[] {
  let byName = tellingBySizes.get(p.sizes);
  if (!byName) tellingBySizes.set(p.sizes, (byName = new Map()));
  const name = p.name ?? "";
  let out = byName.get(name);
  if (out) return out;
  const own = englishOfName(name);
  out = [];
  // (the last character every size ends in says nothing of which one, and need not be said: the 铺 of 上铺 and 下铺,
  // "lower bunk")
  const shared = commonLast(p.sizes);
  for (const size of p.sizes) {
    const parts = englishParts(foldTraditional(size.normalize("NFKC").toLowerCase().trim()));
    if (!parts) continue;
    // (a part that is the product's own word says nothing of which one: the 卡 of 银卡 for a membership card is "silver")
    const telling = parts.map(({ part, stems, number }) => ({ part, stems: number ? stems : new Set([...stems].filter((s) => !own.has(s))), number, own: !number && [...stems].some((s) => own.has(s)) }));
    const which = telling.filter((t) => t.stems.size || !t.own);
    if (which.length && which.some((t) => !t.number) && which.every((t) => t.stems.size)) {
      // (a word every size of the product has need not be said beside one only some have: "semi-blackout" for 半遮光
      // beside 全遮光)
      const everywhere = (t: { part: string; number?: boolean }) => !t.number && p.sizes.every((z) => z.includes(t.part));
      const telltale = which.some((t) => !t.number && !everywhere(t));
      const kept: Telling["parts"] = which.map((t, k) => ({ stems: t.stems, number: t.number, optional: (!!shared && which.length > 1 && k === which.length - 1 && parts.length === which.length) || (telltale && everywhere(t) && !which[k - 1]?.number) }));
      // (with or without: 带阳台 beside 无阳台 is "with balcony", 不含门票 beside 含门票 "without tickets")
      const bare = size.trim().replace(WITH_OR_WITHOUT, "");
      const sign = WITH_OR_WITHOUT.exec(size.trim())?.[0];
      if (sign && p.sizes.some((o) => o !== size && o.trim().replace(WITH_OR_WITHOUT, "") === bare)) kept.unshift({ stems: WITHOUT.test(sign) ? SAID_WITHOUT : SAID_WITH });
      // (a size of single characters and no dictionary word, 烤漆 or 油滴, is said by a one-word sense of a character
      // only it has: "lacquer doors", "oil spot"; not the "out" of 发 in 短发)
      const loose = kept.length > 1 && which.every((t) => !t.number && t.part.length === 1);
      if (loose) for (const k of kept) k.optional = true;
      const heads = loose ? new Set(which.flatMap((t) => [...englishHeadwords(t.part)])) : undefined;
      out.push({ size, parts: kept, stems: new Set(kept.flatMap((x) => [...x.stems])), own: new Set(), loose, heads });
    }
  }
  // (how many of the product's sizes each stem says)
  const sizesOf = new Map<string, number>();
  for (const t of out) for (const w of t.stems) sizesOf.set(w, (sizesOf.get(w) ?? 0) + 1);
  for (const t of out) for (const w of t.stems) if (sizesOf.get(w) === 1) t.own.add(w);
  byName.set(name, out);
  return out;
}

/** The Chinese character that ends every one of several sizes of two or more characters, or null. */
function commonLast(sizes: string[]): string | null {
  const last = sizes[0]?.trim().slice(-1) ?? "";
  return sizes.length > 1 && /[\u4e00-\u9fff]/.test(last) && sizes.every((z) => z.trim().length >= 2 && z.trim().endsWith(last) && /^[\u4e00-\u9fff]+$/.test(z.trim())) ? last : null;
}

/** a size's first word saying it comes with something or without it */
const WITH_OR_WITHOUT = /^(?:不带|不含|没有|带|含|有|无|免)/;
const WITHOUT = /^(?:不|没|无|免)/;
const SAID_WITH = new Set(["with", "include", "including", "plu"]);
const SAID_WITHOUT = new Set(["without", "no", "free", "excluding", "exclude"]);

const WORD = /[a-z]+|\d+/g;
/** English words for a kind of thing (stems), that say which size only when nothing else does */
const KIND_WORDS = new Set(["flavor", "flavour", "taste", "color", "colour", "style", "type", "version", "edition", "kind", "sort", "size", "model", "finish", "material"]);
/** how far apart (in characters) the English words of one size may be, and a count from what it counts */
const SPREAD = 40;
const COUNT_GAP = 12;

/** The sizes of the named products said in English, outside the spans already read (names, sizes said otherwise). */
export function englishSizes(lower: string, products: Sized[], taken: Span[]): SizeMention[] {
  if (!/[a-z]{3}/.test(lower)) return [];
  const said = new Map<string, Span[]>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (taken.some((t) => t.start < span.end && span.start < t.end)) continue;
    const stem = englishStem(m[0]);
    (said.get(stem) ?? said.set(stem, []).get(stem)!).push(span);
    // (and with the word before it, as one: "flat top" is the dictionary's "flattop", "eye shadow" "eyeshadow")
    const before = /([a-z]+)[ -]$/.exec(lower.slice(Math.max(0, span.start - 20), span.start));
    const pair = before && { start: span.start - before[0].length, end: span.end };
    if (pair && /^[a-z]/.test(m[0]) && !taken.some((t) => t.start < pair.end && pair.start < t.end)) {
      const joined = englishStem(before![1] + m[0]);
      (said.get(joined) ?? said.set(joined, []).get(joined)!).push(pair);
    }
  }
  if (!said.size) return [];
  const out: SizeMention[] = [];
  for (const p of products) {
    if (p.sizes.length < 2) continue;
    let found: (SizeMention & { words: number; own: boolean; kindOnly: boolean })[] = [];
    for (const t of tellingSizes(p)) {
      const at = placeOf(t, said);
      // (how many of its words are said: "running script" says more of 行书 than of 楷书, both a "script")
      const words = [...t.stems].filter((w) => said.has(w));
      if (t.loose && !words.some((w) => t.own.has(w) && t.heads?.has(w))) continue;
      if (at && at.end - at.start <= SPREAD) found.push({ ...at, keys: [sizeKey(t.size)], display: t.size, weak: false, words: words.length, own: words.some((w) => t.own.has(w)), kindOnly: words.every((w) => KIND_WORDS.has(w)) });
    }
    // (several said apart, each in a word only it has, are each asked for: "2 sesame bagels and 1 blueberry bagel", "one
    // blue one pink"; else the one that says most, if only one does)
    // (apart: with a word or a count between, not "cream flavor")
    const between = (a: Span, b: Span) => /[a-z0-9]/.test(lower.slice(Math.min(a.end, b.end), Math.max(a.start, b.start)));
    const apart = found.length > 1 && found.every((f, i) => f.own && found.every((g, j) => i === j || ((f.end <= g.start || g.end <= f.start) && between(f, g))));
    if (found.length > 1 && !apart) found = found.filter((f) => f.words === Math.max(...found.map((g) => g.words)));
    // (a size said only by the word for its kind is not said beside one said by its own: the "flavor" of 原味 in "cream
    // flavor")
    if (found.length > 1 && !apart && found.some((f) => !f.kindOnly)) found = found.filter((f) => !f.kindOnly);
    if (found.length === 1 || apart) for (const f of found) if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push({ start: f.start, end: f.end, keys: f.keys, display: f.display, weak: false });
  }
  return out;
}

/** Where every part of a size is said (a count right before the part after it), or null. */
function placeOf(t: Telling, said: Map<string, Span[]>): Span | null {
  const places = t.parts.map(({ stems }) => [...stems].flatMap((s) => said.get(s) ?? []).sort((a, b) => a.start - b.start));
  let start = Infinity;
  let end = -1;
  for (let i = 0; i < places.length; i++) {
    const next = places[i + 1];
    const at = t.parts[i].number && next ? places[i].find((c) => next.some((n) => n.start >= c.end && n.start - c.end <= COUNT_GAP)) : places[i][0];
    if (!at && t.parts[i].optional) continue;
    if (!at) return null;
    start = Math.min(start, at.start);
    end = Math.max(end, at.end);
  }
  return end < 0 ? null : { start, end };
}
