// Homophone typos: a character typed for another of the same sound (凤抓 for 凤爪, 焦盐 for 椒盐), as a pinyin input
// method makes them. Memoised: the same names and characters come up again and again.
import { pinyin } from "pinyin-pro";
import { cueWords } from "./intent-rules.ts";

const readings = new Map<string, string[]>();
const named = new Map<string, string[]>();

/** Whether `ch` can be read as the k-th character of `name` is read there, tone included. */
export function soundsLike(ch: string, name: string, k: number): boolean {
  let toned = named.get(name);
  if (!toned) {
    toned = pinyin(name, { toneType: "num", type: "array" });
    if (named.size < 50_000) named.set(name, toned);
  }
  let r = readings.get(ch);
  if (!r) {
    r = pinyin(ch, { toneType: "num", type: "array", multiple: true });
    if (readings.size < 50_000) readings.set(ch, r);
  }
  return r.includes(toned[k]);
}

let platform: Set<string> | undefined;
/**
 * Whether `ch`, typed where `name` has its k-th character, is a homophone typo of it: read the same, tone included, and
 * in a name of two characters not a character of the platform's own words (the 店 of 鞋店 is no typo of 鞋垫, the 分 of
 * 三分 none of 三份).
 */
export function typedFor(ch: string, name: string, k: number): boolean {
  if (!soundsLike(ch, name, k)) return false;
  return name.length > 2 || !(platform ??= new Set(cueWords().join(""))).has(ch);
}

/** Where `word` (Chinese, 2–6 characters) is typed in `text` with one character or more replaced by a homophone, the
 * others as written: the start of each such place. */
export function homophonesOf(word: string, text: string): number[] {
  const out: number[] = [];
  if (!/^[\u4e00-\u9fff]{2,6}$/.test(word)) return out;
  if (![...word].some((c) => text.includes(c))) return out;
  for (let i = 0; i + word.length <= text.length; i++) {
    // (a place with no character as written is none: checked before any reading is looked up)
    let written = false;
    for (let k = 0; k < word.length && !written; k++) written = text[i + k] === word[k];
    if (!written) continue;
    let same = 0;
    let ok = true;
    for (let k = 0; k < word.length && ok; k++) {
      const c = text[i + k];
      if (c === word[k]) same++;
      else ok = /[\u4e00-\u9fff]/.test(c) && typedFor(c, word, k);
    }
    if (ok && same >= 1 && same < word.length) out.push(i);
  }
  return out;
}
