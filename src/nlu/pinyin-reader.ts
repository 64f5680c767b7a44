// Messages typed in pinyin ("xiaobao 3 xiaoshi mingtian wanshang 8dian", "zhixiang da hao 10 ge"): their generic words
// (times, numbers, measure words, a few verbs) and the catalog's own words that are not names (sizes, role words) are
// read back into characters, so the rest of the parser sees "小包 3小时 明天晚上 8点". Product and brand names typed in
// pinyin are the CatalogMatcher's (it indexes their pinyin). Only a message that reads as pinyin is touched: English
// words, or fewer than two words read, leave it as written.
import { syllablesOf } from "./catalog-matcher.ts";
import type { CatalogSnapshot } from "./intent.ts";
import { cueWords } from "./intent-rules.ts";
import { PINYIN_MEASURE_CHARS } from "./numbers.ts";
import type { RoleWords } from "./lexicon.ts";

// Generic language only: the grammar of times, counts and ordering, not any trade's words.
const GENERIC: Record<string, string> = {
  jintian: "今天", mingtian: "明天", houtian: "后天", mingr: "明儿", jinwan: "今晚", mingwan: "明晚", mingzao: "明早",
  zhouyi: "周一", zhouer: "周二", zhousan: "周三", zhousi: "周四", zhouwu: "周五", zhouliu: "周六", zhouri: "周日", zhoumo: "周末",
  xingqiyi: "星期一", xingqier: "星期二", xingqisan: "星期三", xingqisi: "星期四", xingqiwu: "星期五", xingqiliu: "星期六", xingqitian: "星期天", xingqiri: "星期日",
  xiazhou: "下周", zhezhou: "这周", benzhou: "本周",
  zaoshang: "早上", shangwu: "上午", zhongwu: "中午", xiawu: "下午", bangwan: "傍晚", wanshang: "晚上",
  dian: "点", ban: "半", hao: "号", xiaoshi: "小时", fenzhong: "分钟", tian: "天", da: "大", zhong: "中", xiao: "小",
  yi: "一", er: "二", liang: "两", san: "三", si: "四", wu: "五", liu: "六", qi: "七", ba: "八", jiu: "九", shi: "十",
  ge: "个", bei: "杯", fen: "份", zhang: "张", tong: "桶", juan: "卷", ben: "本", jian: "件", tai: "台", ping: "瓶",
  he: "盒", bao: "包", ren: "人", wei: "位", tiao: "条", shuang: "双", tao: "套", ci: "次", xiang: "箱", dai: "袋", zhi: "支",
  yao: "要", mai: "买", ding: "订", yue: "约", lai: "来", xiangyao: "想要", xiadan: "下单", dingwei: "订位", yuyue: "预约",
  wo: "我", de: "的", ma: "吗", you: "有", meiyou: "没有", nage: "那个", zhege: "这个", bangwo: "帮我", geiwo: "给我",
  // the platform's own nouns, in every trade (the cues' other words are read from them: cueWords)
  youhuiquan: "优惠券", youkong: "有空", kongwei: "空位",
};
// English words: a message using them is English, not pinyin. (Not those that are also syllables, a, an, me, you: "you
// kong ma" is 有空吗.)
const ENGLISH = /(?<![a-z])(?:the|to|for|i|my|and|is|at|can|please|pls|with|of|in|on|do|want|need|get|book|order|buy|some|any|how|what|when|where|use|code|coupon|sets?)(?![a-z])/;
const MAX_KEY = 24;

export class PinyinReader {
  private readonly words = new Map<string, string>(Object.entries(GENERIC));

  /**
   * `isName`: whether a word is a product or brand name typed in pinyin (the CatalogMatcher's), left as written: the
   * "zhixiang" of 纸箱 is not 支 + 箱.
   */
  constructor(catalog: Pick<CatalogSnapshot, "products" | "staff">, roles: RoleWords[], private readonly isName: (word: string) => boolean = () => false) {
    // the catalog's words that are not whole names (sizes, tags, role words, staff names), then the generic words of
    // asking (the intent cues' own: 关注, 优惠券, 有空)
    const catalogWords = new Set<string>();
    const add = (w: string) => { if (/^[\u4e00-\u9fff]{2,8}$/.test(w)) catalogWords.add(w); };
    for (const p of catalog.products ?? []) for (const w of [...(p.sizes ?? []), ...(p.tags ?? [])]) add(w);
    for (const r of roles) for (const l of r.labels) add(l);
    for (const s of catalog.staff ?? []) add(s.name);
    for (const w of cueWords()) add(w);
    for (const w of catalogWords) {
      const key = syllablesOf(w).join("");
      if (/^[a-z]+$/.test(key) && key.length <= MAX_KEY && !this.words.has(key)) this.words.set(key, w);
    }
  }

  /** The message with its pinyin words in characters, or null when it does not read as pinyin. */
  read(lower: string): string | null {
    if (!/[a-z]{2}/.test(lower) || ENGLISH.test(lower)) return null;
    // (cheaply: a message in pinyin has at least one word that is a known word as a whole — "mingtian", "zhongbao")
    let known = false;
    for (const m of lower.matchAll(/[a-z]{2,}/g)) if (this.words.has(m[0])) { known = true; break; }
    if (!known) return null;
    let read = 0;
    let multi = false;
    const words = [...lower.matchAll(/[a-z]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
    let out = "";
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      // (a word typed in several pieces is read whole: "shengyue laoshi" is the role word 声乐老师)
      let n = Math.min(4, words.length - i);
      for (; n >= 2; n--) {
        const run = words.slice(i, i + n);
        if (run.every((w, k) => k === 0 || lower.slice(run[k - 1].end, w.start) === " ") && this.words.has(run.map((w) => w.text).join(""))) break;
      }
      const run = words.slice(i, i + Math.max(n, 1));
      const joined = run.map((w) => w.text).join("");
      const name = n < 2 && this.isName(joined);
      // (a word glued to digits is a code, left as written: the huacai of HUACAI8)
      const code = n < 2 && /\d/.test(lower[run[0].end] ?? "");
      // (a measure word right after a number is read as one: "liang guan" 两罐, "2he" 2盒, "shiba zhuo" 十八桌; not the ba
      // of "shi ba", eighteen)
      const counted = n < 2 && PINYIN_MEASURE_CHARS.has(joined) && /[\d一二两三四五六七八九十]\s*$/.test(out + lower.slice(at, run[0].start)) && !(joined === "ba" && /十\s*$/.test(out));
      const chars = n >= 2 ? this.words.get(joined)! : counted ? PINYIN_MEASURE_CHARS.get(joined)! : name || code ? null : this.segment(joined);
      out += lower.slice(at, run[0].start) + (chars ?? lower.slice(run[0].start, run[run.length - 1].end));
      at = run[run.length - 1].end;
      i += run.length - 1;
      // (a name typed in pinyin is pinyin read too, by the matcher: "guanzhu miwu" is two words of pinyin)
      if (chars === null && !name) continue;
      read++;
      if (chars === null) continue;
      if (chars.length >= 2) multi = true;
    }
    out += lower.slice(at);
    if (read < 2 || !multi) return null;
    // (words read into characters join up again: "shengyue laoshi" is one 声乐老师)
    return out.replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, "");
  }

  /** A word made wholly of known pinyin words, in characters (the longest words first), or null. */
  private segment(word: string): string | null {
    if (this.words.has(word)) return this.words.get(word)!;
    // best[i]: characters for word[0, i), fewest pieces
    const best: ({ text: string; pieces: number } | null)[] = [{ text: "", pieces: 0 }];
    for (let i = 1; i <= word.length; i++) {
      best[i] = null;
      for (let j = Math.max(0, i - MAX_KEY); j < i; j++) {
        const prev = best[j];
        const chars = prev && this.words.get(word.slice(j, i));
        if (chars && (!best[i] || prev.pieces + 1 < best[i]!.pieces)) best[i] = { text: prev.text + chars, pieces: prev.pieces + 1 };
      }
    }
    return best[word.length]?.text ?? null;
  }
}
