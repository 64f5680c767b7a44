// A catalog's Chinese size word said in English: "a leather sole" for the 真皮底 of a resoling, "semi-assisted" not
// needed, "the oatmeal one" no, but "keep the original hem" for 保留原边. The English comes from the dictionary
// (dictionary.ts), never from a list written for a trade.
//
// A size counts as said when every needed part of it (its dictionary words, its numerals) has an English word in the
// text that no other size of the product and nothing of the product's own name has, close together, and exactly one
// size of the product is said so.
import { englishOfName, englishParts, englishStem } from "./dictionary.ts";
import { sizeKey, type SizeMention } from "./sizes.ts";
import type { Span } from "./text.ts";
import { foldTraditional } from "./traditional.ts";

interface Sized {
  sizes: string[];
  name?: string;
}

/** a size and, per needed part, the stems that say that part and no other size of the same product */
interface Telling {
  size: string;
  parts: Set<string>[];
}

const tellingBySizes = new WeakMap<string[], Map<string, Telling[]>>();
/** The sizes of a product that English can tell apart, memoised by its size list and name. */
function tellingSizes(p: Sized): Telling[] {
  let byName = tellingBySizes.get(p.sizes);
  if (!byName) tellingBySizes.set(p.sizes, (byName = new Map()));
  const name = p.name ?? "";
  let out = byName.get(name);
  if (out) return out;
  const own = englishOfName(name);
  const parted = p.sizes.map((size) => ({ size, parts: englishParts(foldTraditional(size.normalize("NFKC").toLowerCase().trim()))?.parts ?? null }));
  out = [];
  for (const { size, parts } of parted) {
    if (!parts) continue;
    const others = parted.filter((o) => o.size !== size);
    const telling = parts.map(({ stems }) => new Set([...stems].filter((s) => !own.has(s) && !others.some((o) => o.parts?.some((q) => q.stems.has(s))))));
    if (telling.every((t) => t.size)) out.push({ size, parts: telling });
  }
  byName.set(name, out);
  return out;
}

const WORD = /[a-z0-9]+/g;
/** how far apart (in characters) the English words of one size may be */
const SPREAD = 40;

/** The sizes of the named products said in English, outside the spans already read (names, sizes said otherwise). */
export function englishSizes(lower: string, products: Sized[], taken: Span[]): SizeMention[] {
  if (!/[a-z]{3}/.test(lower)) return [];
  const said = new Map<string, Span[]>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (taken.some((t) => t.start < span.end && span.start < t.end)) continue;
    const stem = englishStem(m[0]);
    (said.get(stem) ?? said.set(stem, []).get(stem)!).push(span);
  }
  if (!said.size) return [];
  const out: SizeMention[] = [];
  for (const p of products) {
    if (p.sizes.length < 2) continue;
    const found: SizeMention[] = [];
    for (const t of tellingSizes(p)) {
      let start = Infinity;
      let end = -1;
      const ok = t.parts.every((stems) => {
        const at = [...stems].flatMap((s) => said.get(s) ?? [])[0];
        if (!at) return false;
        start = Math.min(start, at.start);
        end = Math.max(end, at.end);
        return true;
      });
      if (ok && end - start <= SPREAD) found.push({ start, end, keys: [sizeKey(t.size)], display: t.size, weak: false });
    }
    if (found.length === 1 && !out.some((o) => o.start < found[0].end && found[0].start < o.end)) out.push(found[0]);
  }
  return out;
}
