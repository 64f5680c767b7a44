// Sizes that are the direction of a translation, 中译英 or 日译中 (from one language into another), as customers say them:
// "中翻英", "日文翻中文", "翻成英文", "英文版", "chinese to english", "into French". The languages are the catalog's own
// (the characters either side of 译 in its sizes); how each is spelled is general language, not any trade's words.
import type { Span } from "./text.ts";

/** a direction said, with the directions it may be, most likely first (a size mention, as sizes.ts reads them) */
export interface DirectionMention extends Span {
  keys: string[];
  display: string;
  weak: boolean;
}

/** the spellings of a language, by the character a direction names it with */
const LANGUAGES: Record<string, string[]> = {
  中: ["中文", "汉语", "中国话", "普通话", "chinese", "mandarin"],
  英: ["英文", "英语", "english"],
  日: ["日文", "日语", "japanese"],
  韩: ["韩文", "韩语", "朝鲜语", "korean"],
  德: ["德文", "德语", "german"],
  法: ["法文", "法语", "french"],
  西: ["西班牙语", "西班牙文", "西语", "spanish"],
  俄: ["俄文", "俄语", "russian"],
  意: ["意大利语", "意大利文", "意语", "italian"],
  葡: ["葡萄牙语", "葡萄牙文", "葡语", "portuguese"],
  阿: ["阿拉伯语", "阿拉伯文", "阿语", "arabic"],
  泰: ["泰语", "泰文", "thai"],
  越: ["越南语", "越南文", "越语", "vietnamese"],
};
const DIRECTION = /^([\u4e00-\u9fff])译([\u4e00-\u9fff])$/;
const JOIN = String.raw`\s*(?:翻译成|翻译为|翻成|译成|翻译|翻|译|到|→|->|>|to|into)\s*`;
const TARGET = String.raw`(?:翻译成|翻译为|翻成|译成|翻|(?<![a-z])into|(?<![a-z])to)\s*`;

const compiled = new Map<string, { pair: RegExp; joined: RegExp; target: RegExp; bare: RegExp; byWord: Map<string, string> }>();
function patterns(langs: string[]) {
  const key = langs.join("");
  let p = compiled.get(key);
  if (p) return p;
  const byWord = new Map<string, string>();
  for (const l of langs) for (const w of LANGUAGES[l] ?? []) byWord.set(w, l);
  const words = [...byWord.keys()].sort((a, b) => b.length - a.length).map((w) => (/^[a-z]/.test(w) ? `(?<![a-z])${w}(?![a-z])` : w)).join("|");
  const chars = langs.join("");
  p = {
    byWord,
    // "日文翻中文", "from German to Chinese"
    pair: new RegExp(`(${words})${JOIN}(${words})`, "g"),
    // "中翻英", "英译中"
    joined: new RegExp(`([${chars}])[译翻]([${chars}])`, "g"),
    // "翻成英文", "into French"
    target: new RegExp(`${TARGET}(${words})`, "g"),
    // "英文的", "韩文", "Korean"
    bare: new RegExp(`(${words})`, "g"),
  };
  compiled.set(key, p);
  return p;
}

const languagesBySizes = new WeakMap<string[], string[]>();
/** The languages a product's sizes translate from or into (memoised per size list). */
function languagesOf(sizes: string[]): string[] {
  let out = languagesBySizes.get(sizes);
  if (!out) {
    const langs = new Set<string>();
    for (const z of sizes) {
      const d = DIRECTION.exec(z.trim());
      if (d) langs.add(d[1]).add(d[2]);
    }
    languagesBySizes.set(sizes, (out = [...langs]));
  }
  return out;
}

/** The direction of a translation said, as mentions whose keys are the directions it may be, most likely first. */
export function translationSizes(lower: string, products: { sizes: string[] }[]): DirectionMention[] {
  const langs = new Set<string>();
  for (const p of products) for (const l of languagesOf(p.sizes)) langs.add(l);
  if (!langs.size) return [];
  const { pair, joined, target, bare, byWord } = patterns([...langs].sort());
  const out: DirectionMention[] = [];
  const push = (start: number, end: number, keys: string[]) => {
    if (keys.length && !out.some((o) => o.start < end && start < o.end)) out.push({ start, end, keys, display: keys[0], weak: false });
  };
  const lang = (w: string) => byWord.get(w) ?? w;
  for (const re of [pair, joined]) {
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const from = lang(m[1]);
      const to = lang(m[2]);
      if (from !== to) push(m.index, m.index + m[0].length, [`${from}译${to}`]);
    }
  }
  // into a language: from Chinese, unless it is Chinese
  target.lastIndex = 0;
  for (let m = target.exec(lower); m; m = target.exec(lower)) {
    const to = lang(m[1]);
    if (to !== "中") push(m.index, m.index + m[0].length, [`中译${to}`]);
  }
  // a language alone: into it from Chinese, or from it into Chinese; or that language itself (英语 of an interpreter)
  bare.lastIndex = 0;
  for (let m = bare.exec(lower); m; m = bare.exec(lower)) {
    const l = lang(m[1]);
    if (l !== "中") push(m.index, m.index + m[0].length, [`中译${l}`, `${l}译中`, ...(LANGUAGES[l] ?? []).filter((w) => !/^[a-z]/.test(w))]);
  }
  return out;
}
