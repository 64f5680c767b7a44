// Two of a kind compared, one named and the other only by what sets it apart: "上私教还是团课好" (滑雪私教课 against
// 滑雪体验团课), "the crystal album or the leather one", "which blood pressure monitor is better, arm or wrist?". The other
// is a sibling of the one named (same brand, a tag in common) whose own names hold a word the text says and the named
// product's names do not. The words of comparing are general language; the words that set siblings apart are the
// catalog's own names and aliases.

import type { Span } from "./text.ts";

/** a comparison asked: which one, the difference, A or B */
const COMPARING = /还是|哪个|哪种|哪款|区别|差在|差别|(?<![a-z])(?:or|vs\.?|versus|which|better)(?![a-z])/;
/** English words of grammar, no name's own word */
const FUNCTION_WORD = /^(?:the|a|an|or|and|vs|to|of|for|with|in|on|at|is|it|one|ones|my|your|pack|set)$/;
/** the joint of two things compared */
const JOINT = /和|跟|与|还是|或者?|(?<![a-z])(?:or|vs\.?|versus)(?![a-z])/g;
/** what may stand between a joint and the word after it: a space, an article, two characters (上, 选) */
const AFTER_JOINT = /^\s*(?:(?:the|a|an)\s+)?[\u4e00-\u9fff]{0,2}$/;
/** what may stand between the word and a joint after it: a space, 的 */
const BEFORE_JOINT = /^[\s的]*$/;
const LATIN_WORD = /[a-z][a-z0-9]*|\d+[a-z][a-z0-9]*/g;
const CJK_RUN = /[\u4e00-\u9fff]{2,}/g;

interface Sibling {
  id: string;
  brandId: string;
  /** the product's names and aliases, folded */
  names: string[];
  /** the Latin words of its names */
  words: Set<string>;
  tags: Set<string>;
  /** its sizes, folded: a word of them is a choice of its own size (新漆还是大漆 of a class in 新漆/大漆), no sibling */
  sizes: string[];
}

export class ComparedSiblings {
  private readonly products = new Map<string, Sibling>();
  /** tag → the products tagged so */
  private readonly byTag = new Map<string, Sibling[]>();

  constructor(products: readonly { id: string; brandId: string; name: string; aliases?: string[]; tags?: string[]; sizes?: string[] }[]) {
    for (const p of products) {
      const names = [p.name, ...(p.aliases ?? [])].map(fold);
      const s: Sibling = { id: p.id, brandId: p.brandId, names, words: new Set(names.flatMap((n) => n.match(LATIN_WORD) ?? [])), tags: new Set((p.tags ?? []).map(fold)), sizes: (p.sizes ?? []).map(fold) };
      this.products.set(p.id, s);
      for (const t of s.tags) (this.byTag.get(t) ?? this.byTag.set(t, []).get(t)!).push(s);
    }
  }

  /**
   * The sibling of a product named that the text compares it with, said by a word its names hold and the named one's
   * do not (outside `taken`); one only, else none.
   */
  said(lower: string, named: readonly { id: string }[], taken: readonly Span[]): (Span & { id: string; brandId: string })[] {
    // (one thing named: where two or more are, the comparison is between them)
    if (!this.byTag.size || new Set(named.map((n) => n.id)).size !== 1 || !COMPARING.test(lower)) return [];
    const joints = [...lower.matchAll(JOINT)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    if (!joints.length) return [];
    // (the other said right beside the joint: "私教还是", "和私教", "or the leather one")
    const joined = (start: number, end: number) => joints.some((j) =>
      (j.end <= start && AFTER_JOINT.test(lower.slice(j.end, start))) || (end <= j.start && BEFORE_JOINT.test(lower.slice(end, j.start))));
    const free = (start: number, end: number) => !taken.some((t) => t.start < end && start < t.end) && joined(start, end);
    const out: (Span & { id: string; brandId: string })[] = [];
    for (const n of named.slice(0, 1)) {
      const p = this.products.get(n.id);
      if (!p) continue;
      const siblings = new Map<string, Sibling>();
      for (const t of p.tags) for (const s of this.byTag.get(t) ?? []) if (s.brandId === p.brandId && s.id !== p.id && !named.some((o) => o.id === s.id)) siblings.set(s.id, s);
      if (!siblings.size) continue;
      const hits = new Map<string, Span>();
      // (a Latin word of its names: leather, wrist, a4)
      for (const m of lower.matchAll(LATIN_WORD)) {
        const w = m[0];
        if (w.length < 2 || FUNCTION_WORD.test(w) || p.words.has(w) || p.sizes.some((z) => z.includes(w)) || !free(m.index, m.index + w.length)) continue;
        for (const s of siblings.values()) if (s.words.has(w) && !hits.has(s.id)) hits.set(s.id, { start: m.index, end: m.index + w.length });
      }
      // (a Chinese word of two to four characters its names hold, and none of the named one's: the 私教 of 上私教)
      for (const m of lower.matchAll(CJK_RUN)) {
        for (let len = Math.min(4, m[0].length); len >= 2; len--) {
          for (let k = 0; k + len <= m[0].length; k++) {
            const w = m[0].slice(k, k + len);
            const start = m.index + k;
            if (!free(start, start + len) || p.names.some((x) => x.includes(w)) || p.sizes.some((z) => z.includes(w))) continue;
            for (const s of siblings.values()) if (!hits.has(s.id) && s.names.some((x) => x.includes(w))) hits.set(s.id, { start, end: start + len });
          }
        }
      }
      // (of several, the one sharing the most tags with the named: 花滑私教 beside 花滑集体课, not 冰球私教)
      const shared = (id: string) => [...siblings.get(id)!.tags].filter((t) => p.tags.has(t)).length;
      const most = Math.max(0, ...[...hits.keys()].map(shared));
      const best = [...hits].filter(([id]) => shared(id) === most);
      if (best.length !== 1) continue;
      const [[id, span]] = best;
      if (!out.some((o) => o.id === id)) out.push({ ...span, id, brandId: p.brandId });
    }
    return out;
  }
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase().trim();
