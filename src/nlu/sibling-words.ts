// Which of a few sibling products is meant, when what is said fits both: "房间仓 包年" is the 房间式迷你仓(年租) (aliases
// 房间仓年租, 仓房包年) rather than the 房间式迷你仓(月租) that owns the alias 房间仓; "电池 一整盒" the 助听器电池整盒 rather than
// the 助听器锌空电池(板装) that owns 电池. Siblings are products whose names hold the words said (电池 inside 整盒电池) or
// whose names are one name with a different note in brackets; the words telling one from the other are read from the
// catalog: the words of one's own names and category words that the other's lack (包年, 整盒, yearly, box).
import { MEASURE_WORDS, ZH_NUM_RE } from "./numbers.ts";
import { asciiLower } from "./text.ts";
import { foldTraditional } from "./traditional.ts";

interface SiblingProduct {
  id: string;
  brandId: string;
  name: string;
  aliases?: string[];
  tags?: string[];
  sizes?: string[];
}

/** the longest name piece looked inside (a longer name's pieces are not enumerated) */
const MAX_SURFACE = 24;
/** the longest piece of a name looked up as another name */
const MAX_PIECE = 12;
/** a word said inside more products' names than this is too general to pick a sibling by */
const MAX_CONTAINERS = 6;
/** a count of a measure (一盒 of 一盒电池) tells no product apart */
const A_COUNT = new RegExp(`^(?:${ZH_NUM_RE}|\\d+)[${MEASURE_WORDS}]$|^[${MEASURE_WORDS}]$`);
/** English words that tell nothing apart */
const PLAIN_WORDS = new Set([
  "the", "and", "for", "with", "from", "your", "our", "its", "per", "one", "two", "set", "pack", "item", "items", "piece", "pieces",
  "service", "services", "package", "new", "classic", "standard", "regular",
]);
const NOTE = /[(（][^()（）]*[)）]/g;

const norm = (s: string) => asciiLower(foldTraditional(s.normalize("NFKC"))).replace(/\s+/g, " ").trim();
const isWordCode = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** Whether [a, b) of text starts and ends where a Latin word may (not inside one). */
function wordAligned(text: string, a: number, b: number): boolean {
  if (isWordCode(text.charCodeAt(a)) && a > 0 && isWordCode(text.charCodeAt(a - 1))) return false;
  if (isWordCode(text.charCodeAt(b - 1)) && b < text.length && isWordCode(text.charCodeAt(b))) return false;
  return text[a] !== " " && text[b - 1] !== " ";
}

/** Whether the word at `at` is `w` with an English ending (boxes, rented, renting). */
function inflected(lower: string, at: number, w: string): boolean {
  if (at > 0 && isWordCode(lower.charCodeAt(at - 1))) return false;
  const m = /^(?:s|es|ed|ing)(?![a-z0-9])/.exec(lower.slice(at + w.length, at + w.length + 4));
  return !!m;
}

export class SiblingWords {
  /** a name as said → the products with a longer name holding it */
  private readonly containers = new Map<string, string[]>();
  /** a product → the products whose name is its name with another note in brackets (房间式迷你仓(月租), (年租)) */
  private readonly noted = new Map<string, string[]>();
  private readonly products = new Map<string, SiblingProduct>();
  /** "q|p" → the words of q that p's names and category words lack */
  private readonly piecesCache = new Map<string, { cjk: string[]; latin: string[] }>();

  constructor(products: readonly SiblingProduct[]) {
    const names = new Map<string, Set<string>>();
    const surfacesOf = (p: SiblingProduct) => {
      const out = new Set<string>();
      for (const raw of [p.name, ...(p.aliases ?? [])]) {
        if (!raw) continue;
        const n = norm(raw);
        out.add(n);
        const bare = norm(raw.replace(NOTE, " "));
        if (bare.length >= 2) out.add(bare);
      }
      return out;
    };
    const bySurface = new Map<string, SiblingProduct[]>();
    for (const p of products) {
      this.products.set(p.id, p);
      const own = surfacesOf(p);
      names.set(p.id, own);
      for (const s of own) (bySurface.get(s) ?? bySurface.set(s, []).get(s)!).push(p);
    }
    const cores = new Map<string, string[]>();
    for (const p of products) {
      if (!NOTE.test(p.name)) continue;
      NOTE.lastIndex = 0;
      const core = `${p.brandId}|${norm(p.name.replace(NOTE, " "))}`;
      (cores.get(core) ?? cores.set(core, []).get(core)!).push(p.id);
    }
    NOTE.lastIndex = 0;
    for (const ids of cores.values()) if (ids.length > 1 && ids.length <= MAX_CONTAINERS) for (const id of ids) this.noted.set(id, ids.filter((x) => x !== id));
    // (each name's pieces that are other names: 电池 of 整盒电池; the same brand's only)
    for (const p of products) {
      for (const s of names.get(p.id)!) {
        if (s.length > MAX_SURFACE) continue;
        for (let a = 0; a < s.length; a++) {
          for (let b = a + 2; b <= Math.min(s.length, a + MAX_PIECE); b++) {
            if (b - a === s.length) continue;
            const piece = s.slice(a, b);
            const owners = bySurface.get(piece);
            if (!owners || !wordAligned(s, a, b)) continue;
            if (!owners.some((o) => o.id !== p.id && o.brandId === p.brandId)) continue;
            const list = this.containers.get(piece) ?? this.containers.set(piece, []).get(piece)!;
            if (!list.includes(p.id)) list.push(p.id);
          }
        }
      }
    }
    for (const [k, v] of this.containers) if (v.length > MAX_CONTAINERS) this.containers.delete(k);
  }

  get size(): number {
    return this.containers.size + this.noted.size;
  }

  /** The words of q's names and category words that p's names, category words and sizes lack. */
  private pieces(q: SiblingProduct, p: SiblingProduct): { cjk: string[]; latin: string[] } {
    const key = `${q.id}|${p.id}`;
    const hit = this.piecesCache.get(key);
    if (hit) return hit;
    const pText = [p.name, ...(p.aliases ?? []), ...(p.tags ?? []), ...(p.sizes ?? [])].map(norm).join("|");
    const pWords = new Set(pText.match(/[a-z][a-z0-9-]*/g) ?? []);
    const cjk = new Set<string>();
    const latin = new Set<string>();
    for (const raw of [q.name, ...(q.aliases ?? []), ...(q.tags ?? [])]) {
      if (!raw) continue;
      const text = norm(raw);
      for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) {
        const covered = new Array<boolean>(run.length).fill(false);
        for (let a = 0; a < run.length; a++) {
          for (let b = a + 2; b <= run.length; b++) {
            if (!pText.includes(run.slice(a, b))) break;
            for (let k = a; k < b; k++) covered[k] = true;
          }
        }
        for (const m of covered.map((c) => (c ? "1" : "0")).join("").matchAll(/0{2,}/g)) {
          const word = run.slice(m.index!, m.index! + m[0].length);
          if (!A_COUNT.test(word)) cjk.add(word);
        }
      }
      for (const w of text.match(/[a-z][a-z0-9-]*/g) ?? []) {
        if (w.length >= 3 && !PLAIN_WORDS.has(w) && !pWords.has(w) && !pWords.has(w.replace(/e?s$/, "")) && !pWords.has(`${w}s`)) latin.add(w);
      }
    }
    const out = { cjk: [...cjk], latin: [...latin] };
    if (this.piecesCache.size > 5000) this.piecesCache.clear();
    this.piecesCache.set(key, out);
    return out;
  }

  /** Where one of the words is said in text outside the spans (a Latin word as a whole word): the first place, or -1. */
  private static said(lower: string, words: string[], latin: boolean, outside: { start: number; end: number }[]): { at: number; word: string } | null {
    let best: { at: number; word: string } | null = null;
    for (const w of words) {
      for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
        if (latin && !wordAligned(lower, at, at + w.length) && !inflected(lower, at, w)) continue;
        if (outside.some((o) => o.start < at + w.length && at < o.end)) continue;
        if (!best || w.length > best.word.length) best = { at, word: w };
        break;
      }
    }
    if (!best && latin) {
      for (const w of words) {
        const stem = /^([a-z]{4,}?)(?:al|ly)$/.exec(w)?.[1];
        if (!stem) continue;
        for (let at = lower.indexOf(stem); at >= 0; at = lower.indexOf(stem, at + 1)) {
          if (!wordAligned(lower, at, at + stem.length) && !inflected(lower, at, stem)) continue;
          if (outside.some((o) => o.start < at + stem.length && at < o.end)) continue;
          return { at, word: stem };
        }
      }
    }
    return best;
  }

  /**
   * The sibling meant instead of the product a mention found: one whose names hold what was said (or share its name
   * but for a note in brackets) and whose own words are said elsewhere in the text, nearer this mention than any other
   * product named, while none of the product's own words are; else null. Words inside `blocked` (a brand's or a role's
   * words said: the 全福楼 of a 全福楼烤鸭礼盒, the 数据恢复 of 数据恢复工程师) say no sibling.
   */
  siblingOf(lower: string, said: { start: number; end: number; id: string }, named: { start: number; end: number }[], blocked: { start: number; end: number }[], allowed: ReadonlySet<string> | null): string | null {
    const p = this.products.get(said.id);
    if (!p) return null;
    const text = lower.slice(said.start, said.end).trim();
    const ids = new Set([...(this.containers.get(text) ?? this.containers.get(text.replace(/e?s$/, "")) ?? []), ...(this.noted.get(p.id) ?? [])]);
    ids.delete(p.id);
    if (!ids.size) return null;
    const nearest = (at: number) => {
      const dist = (s: { start: number; end: number }) => (at < s.start ? s.start - at : at >= s.end ? at - s.end + 1 : 0);
      const d = dist(said);
      return named.every((o) => dist(o) >= d);
    };
    let best: { id: string; length: number } | null = null;
    let tie = false;
    for (const id of ids) {
      const q = this.products.get(id);
      if (!q || q.brandId !== p.brandId || (allowed && !allowed.has(q.brandId))) continue;
      const mine = this.pieces(q, p);
      const outside = [...named, ...blocked];
      const found = SiblingWords.said(lower, mine.cjk, false, outside) ?? SiblingWords.said(lower, mine.latin, true, outside);
      if (!found || !nearest(found.at)) continue;
      // (nor when the product's own words are said too, or were what was said: 仓房月租 包年 is ambiguous)
      const theirs = this.pieces(p, q);
      const others = named.filter((o) => o.start !== said.start || o.end !== said.end);
      if (SiblingWords.said(lower, theirs.cjk, false, others) || SiblingWords.said(lower, theirs.latin, true, others)) continue;
      if (!best || found.word.length > best.length) (best = { id, length: found.word.length }), (tie = false);
      else if (found.word.length === best.length) tie = true;
    }
    return best && !tie ? best.id : null;
  }
}
