// Written Cantonese folded onto Mandarin, one character for one, so that a customer in Guangzhou or Hong Kong who writes
// 有冇虾饺, 唔该送到天河, 点心仲未到 or 边间最近 meets the same rules as one who writes 有没有, 谢谢, 还没, 哪间. Only the
// language's function words: verbs of asking and giving, negation, question words, particles. No trade's nouns.
// Applied after traditional characters are folded (係 arrives as 系).

/** words first (the longer before the shorter), then single characters */
const PHRASES: [RegExp, string][] = [
  [/唔该/g, "谢谢"],
  [/唔好/g, "不要"],
  [/乜嘢/g, "什么"],
  [/系唔系/g, "是不是"],
  [/系咪/g, "是吗"],
  [/点样/g, "怎样"],
  [/点解/g, "为啥"],
  [/几多/g, "多少"],
  [/几时/g, "啥时"],
  [/边度/g, "哪里"],
  // (去到边 asks where something has got to: "我的外卖去到边啦")
  [/去到边/g, "到哪了"],
  // 边 asking which: 边个, 边间 (not 旁边, 那边, 这边, 左边…: Mandarin's sides)
  [/(?<![旁那这左右里外上下前后东西南北身海路两一半手])边(?=[个间家款位种只度样啲])/g, "哪"],
  // 仲 as still: 仲有, 仲未, 仲要
  [/仲(?=[有未要系可])/g, "还"],
  // 点 asking how before a verb ("券点领", "点用㗎"), not a time (三点去) nor a bit (有点用, 一点用都没有), nor the where of
  // 哪点 (哪点买得到, in the southwest)
  [/(?<![\d零一二两三四五六七八九十几半早有差哪])点(?=[领用去买订搞整走收退揾睇拎])/g, "怎"],
  // 未 as not yet before an arrival or a readiness: 仲未到, 未好
  [/(?<=还)未/g, "没"],
];
// (有冇 folds to 有没, which the cues read as 有没有)
const CHARS: Record<string, string> = {
  冇: "没", 唔: "不", 咗: "了", 㗎: "的", 嘅: "的", 佢: "他", 啲: "些", 喺: "在", 睇: "看", 揾: "找", 嚟: "来", 畀: "给", 俾: "给",
  攞: "拿", 拎: "拿", 哋: "们", 咩: "啥", 乜: "啥", 咪: "别", 嘞: "了", 啩: "吧", 喎: "哦",
};
const ANY = /[冇唔咗㗎嘅佢啲喺睇揾嚟畀俾攞拎哋咩乜咪嘞啩喎边仲点几系未]/;
const CHAR_RE = new RegExp(`[${Object.keys(CHARS).join("")}]`, "g");

/** Same length as the input: safe to apply before spans are computed. */
export function foldCantonese(s: string): string {
  if (!ANY.test(s)) return s;
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  return s.replace(CHAR_RE, (c) => CHARS[c] ?? c);
}

/**
 * The fold that leaves a catalog's own words as written: the 咪 of 猫咪 and of 妈妈咪呀, the 拎 of 拎包露营, the 点 of
 * 钟点整理 and the 边 of 毛边 are no Cantonese function words there. Prepared once per catalog from its words (already
 * lowercased and with traditional characters folded, as the text is when folded); a message the fold does not change
 * costs nothing more.
 */
export class CantoneseKeeper {
  /** by a character the fold changes: the words holding it, each with where it stands in them, shortest first */
  private readonly byChar = new Map<string, { word: string; at: number }[]>();

  constructor(words: Iterable<string>) {
    const changed = [...new Set(words)].filter((w) => w.length >= 2 && ANY.test(w)).map((w) => ({ w, f: foldCantonese(w) })).filter(({ w, f }) => f !== w);
    changed.sort((a, b) => a.w.length - b.w.length);
    for (const { w, f } of changed) {
      for (let at = 0; at < w.length; at++) {
        if (f[at] === w[at]) continue;
        const list = this.byChar.get(w[at]) ?? this.byChar.set(w[at], []).get(w[at])!;
        // (a shorter word kept around the same character already keeps it: 猫咪 for 猫咪周卡)
        if (list.some((o) => at - o.at >= 0 && w.startsWith(o.word, at - o.at))) continue;
        list.push({ word: w, at });
      }
    }
  }

  get size(): number {
    return this.byChar.size;
  }

  /** `s` folded (see foldCantonese), but for the characters of a kept word said in it. */
  fold(s: string): string {
    const folded = foldCantonese(s);
    if (folded === s || !this.byChar.size) return folded;
    const lower = s.replace(/[A-Z]+/g, (c) => c.toLowerCase());
    let out: string[] | null = null;
    for (let i = 0; i < s.length; i++) {
      if (folded[i] === s[i]) continue;
      for (const { word, at } of this.byChar.get(s[i]) ?? []) {
        const start = i - at;
        if (start < 0 || !lower.startsWith(word, start)) continue;
        out ??= folded.split("");
        for (let k = start; k < start + word.length; k++) out[k] = s[k];
      }
    }
    return out ? out.join("") : folded;
  }
}
