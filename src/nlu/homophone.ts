// Homophone typos: a character typed for another of the same sound (凤抓 for 凤爪, 焦盐 for 椒盐), as a pinyin input
// method makes them. Memoised: the same names and characters come up again and again.
import { pinyin } from "pinyin-pro";

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

/** Where `word` (Chinese, 2–6 characters) is typed in `text` with one character or more replaced by a homophone, the
 * others as written: the start of each such place. */
export function homophonesOf(word: string, text: string): number[] {
  const out: number[] = [];
  if (!/^[\u4e00-\u9fff]{2,6}$/.test(word)) return out;
  if (![...word].some((c) => text.includes(c))) return out;
  for (let i = 0; i + word.length <= text.length; i++) {
    let same = 0;
    let ok = true;
    for (let k = 0; k < word.length && ok; k++) {
      const c = text[i + k];
      if (c === word[k]) same++;
      else ok = /[\u4e00-\u9fff]/.test(c) && soundsLike(c, word, k);
    }
    if (ok && same >= 1 && same < word.length) out.push(i);
  }
  return out;
}
