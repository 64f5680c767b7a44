// A catalog's Chinese size word said in English: "a leather sole" for the 真皮底 of a resoling, "keep the original hem"
// for 保留原边, "3 bedrooms" for 三居, "6 inch" for 6寸. The English comes from the dictionary (dictionary.ts), never
// from a list written for a trade.
//
// A size counts as said when every needed part of it (its dictionary words, its count) has an English word in the text
// that is no word of the product's own name, close together, a count right before what it counts, and exactly one
// size of the product is said so, or several each in words apart from the others'.
import { englishOfName, englishParts, englishStem } from "./dictionary.ts";
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
    const telling = parts.map(({ stems, number }) => ({ stems: number ? stems : new Set([...stems].filter((s) => !own.has(s))), number, own: !number && [...stems].some((s) => own.has(s)) }));
    const which = telling.filter((t) => t.stems.size || !t.own);
    if (which.length && which.some((t) => !t.number) && which.every((t) => t.stems.size)) {
      const kept = which.map(({ stems, number }, k) => ({ stems, number, optional: !!shared && which.length > 1 && k === which.length - 1 && parts.length === which.length }));
      out.push({ size, parts: kept, stems: new Set(kept.flatMap((x) => [...x.stems])), own: new Set() });
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
  return { start, end };
}
