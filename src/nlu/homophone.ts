// Homophone typos: a character typed for another of the same sound (凤抓 for 凤爪, 焦盐 for 椒盐), as a pinyin input
// method makes them. Memoised: the same names and characters come up again and again.
import { pinyin } from "pinyin-pro";
import { isDictionaryWord } from "./dictionary.ts";
import { cueWords } from "./intent-rules.ts";

const readings = new Map<string, string[]>();
const named = new Map<string, string[]>();

/** a name's reading, a syllable with its tone per character (memoised) */
function tonedOf(name: string): string[] {
  let toned = named.get(name);
  if (!toned) {
    toned = pinyin(name, { toneType: "num", type: "array" });
    if (named.size < 50_000) named.set(name, toned);
  }
  return toned;
}

/** every reading of a character, tone included (memoised) */
function readingsOf(ch: string): string[] {
  let r = readings.get(ch);
  if (!r) {
    r = pinyin(ch, { toneType: "num", type: "array", multiple: true });
    if (readings.size < 50_000) readings.set(ch, r);
  }
  return r;
}

/** A toned syllable ("sheng1") as a pinyin input method's fuzzy setting reads it, tone kept (see fuzzySyllable). */
const fuzzyToned = (y: string) => y.replace(/^([zcs])h/, "$1").replace(/^l/, "n").replace(/ng(?=\d?$)/, "n").replace(/[vü]/g, "u");

/** Whether `ch` can be read as the k-th character of `name` is read there, in the same tone, with a fuzzy pinyin setting
 * (生 for 身, 纯 for 存, 良 for 娘; not 遭 for 罩, in another tone). */
export function nearSound(ch: string, name: string, k: number): boolean {
  const want = fuzzyToned(tonedOf(name)[k] ?? "");
  return readingsOf(ch).some((r) => fuzzyToned(r) === want);
}

/** Whether `ch` can be read as the k-th character of `name` is read there, tone included. */
export function soundsLike(ch: string, name: string, k: number): boolean {
  return readingsOf(ch).includes(tonedOf(name)[k]);
}

/** Whether `ch` can be read as the k-th character of `name`, tone aside. */
function toneless(ch: string, name: string, k: number): boolean {
  const want = (tonedOf(name)[k] ?? "").replace(/\d$/, "");
  return readingsOf(ch).some((x) => x.replace(/\d$/, "") === want);
}

let platform: Set<string> | undefined;
/** never typed for another: a numeral, a count before its measure word (the 一 of 一个), and 店, a shop of the thing
 * (修鞋店 beside 鞋垫) */
const NEVER_TYPED = /[一二两三四五六七八九十几半店]/;
/**
 * Whether `ch`, typed where `name` has its k-th character, is a homophone typo of it: read the same, tone included. In a
 * name of two characters, a character of the platform's own words (the 店 of 鞋店, the 分 of 三分, the 午 of 下午) is
 * one only where `text` has it at `at + k` in no word (the text's two characters there, 三分, or it and the one beside
 * the name, are no dictionary word; see NEVER_TYPED) and in its usual reading (吗 is no 码). In another tone, a character
 * is one only in a name of two characters, typed so in no word, and of no platform's word (凤抓 for 凤爪).
 */
export function typedFor(ch: string, name: string, k: number, text: string, at: number): boolean {
  const toned = soundsLike(ch, name, k);
  if (!toned && (name.length !== 2 || !toneless(ch, name, k))) return false;
  const platformChar = (platform ??= new Set(cueWords().join(""))).has(ch);
  if (toned && (name.length > 2 || !platformChar)) return true;
  if (NEVER_TYPED.test(ch) || (!toned && platformChar)) return false;
  // (the character and the one beside the name only where there is one: at the text's edge the character alone is no
  // word it makes)
  const beside = k === 0 ? text[at - 1] : text[at + name.length];
  const outer = beside === undefined ? "" : k === 0 ? beside + ch : ch + beside;
  return !isDictionaryWord(text.slice(at, at + name.length)) && !(outer && isDictionaryWord(outer)) && (!toned || usualReading(ch) === tonedOf(name)[k]);
}

const usual = new Map<string, string>();
/** a character's usual reading, tone included (memoised) */
function usualReading(ch: string): string {
  let r = usual.get(ch);
  if (r === undefined) {
    r = pinyin(ch, { toneType: "num" });
    if (usual.size < 50_000) usual.set(ch, r);
  }
  return r;
}

/** Where `word` (Chinese, 2–6 characters) is typed in `text` with one character or more replaced by a homophone, the
 * others as written: the start of each such place. */
export function homophonesOf(word: string, text: string): number[] {
  const out: number[] = [];
  if (!isChineseWord(word)) return out;
  // (a place with no character as written is none: only the places where one of the word's characters is, found by
  // searching the text for each, are read; in ascending order, each once)
  const starts: number[] = [];
  for (let k = 0; k < word.length; k++) {
    for (let at = text.indexOf(word[k]); at >= 0; at = text.indexOf(word[k], at + 1)) {
      if (at - k >= 0 && at - k + word.length <= text.length) starts.push(at - k);
    }
  }
  if (!starts.length) return out;
  if (starts.length > 1) starts.sort((a, b) => a - b);
  for (let n = 0; n < starts.length; n++) {
    const i = starts[n];
    if (n > 0 && i === starts[n - 1]) continue;
    let same = 0;
    let ok = true;
    for (let k = 0; k < word.length && ok; k++) {
      const c = text[i + k];
      if (c === word[k]) same++;
      else ok = /[\u4e00-\u9fff]/.test(c) && typedFor(c, word, k, text, i);
    }
    if (ok && same >= 1 && same < word.length) out.push(i);
  }
  return out;
}

/** /^[\u4e00-\u9fff]{2,6}$/ without a regular expression (this runs for every title of a catalog's roles) */
function isChineseWord(word: string): boolean {
  if (word.length < 2 || word.length > 6) return false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}
