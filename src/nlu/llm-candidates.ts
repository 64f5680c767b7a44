// Pre-selection of the catalog entries the LLM prompt lists for one utterance. Sending the whole
// catalog would make every prompt long (and slow, and costly) as catalogs grow; instead we send what
// the rules parser already resolved plus products and brands whose names, aliases or tags share
// characters (Chinese) or words (Latin) with the utterance, best first, capped.
import type { CatalogSnapshot, ParseContext, ParseResult } from "./intent.ts";
import { roleWords } from "./lexicon.ts";

type Brand = CatalogSnapshot["brands"][number];
type Product = CatalogSnapshot["products"][number];
type Coupon = CatalogSnapshot["coupons"][number];

export interface Candidates {
  brands: Brand[];
  products: Product[];
  coupons: Coupon[];
  /** every staff role of the catalog with its words (roles are few; the LLM needs them to read a booking) */
  roles: { role: string; labels: string[] }[];
}

export interface CandidateLimits {
  products: number;
  brands: number;
  coupons: number;
  roles: number;
}

export const DEFAULT_LIMITS: CandidateLimits = { products: 40, brands: 30, coupons: 20, roles: 30 };

// Characters too common in requests to say anything about a product ("我要一杯", "的", "有没有").
const STOP_CHARS = new Set([..."我你他她它的了是在有没吗呢吧啊呀要想来去给帮请一二两三个杯件条份只双点些这那哪什么么和与也都还就不很好下上中大小多少买卖店家附近"]);
const STOP_WORDS = new Set(["a", "an", "the", "i", "me", "my", "to", "of", "and", "or", "for", "in", "on", "at", "is", "it", "do", "can", "some", "one", "please", "want", "like", "get", "would", "id", "im"]);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

interface Features {
  chars: Set<string>;
  words: Set<string>;
  text: string;
}

function features(s: string): Features {
  const text = s.normalize("NFKC").toLowerCase();
  const chars = new Set<string>();
  for (const c of text) if (CJK.test(c) && !STOP_CHARS.has(c)) chars.add(c);
  const words = new Set<string>();
  for (const w of text.split(/[^a-z0-9]+/)) if (w.length >= 2 && !STOP_WORDS.has(w)) words.add(w);
  return { chars, words, text };
}

/** How much one catalog surface (a name, alias or tag) overlaps the utterance. */
function surfaceScore(surface: string, u: Features): number {
  const s = features(surface);
  if (!s.text.trim()) return 0;
  let score = 0;
  if (s.text.length >= 2 && u.text.includes(s.text)) score += 10; // the whole name is in the message
  let shared = 0;
  for (const c of s.chars) if (u.chars.has(c)) shared++;
  if (shared) score += shared === s.chars.size ? 4 + shared : shared;
  for (const w of s.words) {
    if (u.words.has(w)) score += 3;
    else if (w.length >= 4) {
      // a typo or a plural ("lattes", "capuccino"): a long shared prefix
      for (const x of u.words) if (x.length >= 4 && (x.startsWith(w.slice(0, 4)) || w.startsWith(x.slice(0, 4)))) { score += 1; break; }
    }
  }
  return score;
}

function best(surfaces: string[], u: Features): number {
  let max = 0;
  let sum = 0;
  for (const s of surfaces) {
    const v = surfaceScore(s, u);
    sum += v;
    if (v > max) max = v;
  }
  // the best surface counts fully, the others a little (a product matching by name and tag ranks higher)
  return max + (sum - max) * 0.1;
}

export function selectCandidates(
  catalog: CatalogSnapshot,
  text: string,
  ctx: Pick<ParseContext, "brandIds">,
  hint: ParseResult | null,
  limits: CandidateLimits = DEFAULT_LIMITS,
): Candidates {
  const allowed = Array.isArray(ctx?.brandIds) ? new Set(ctx.brandIds) : null;
  const inScope = (brandId: string) => !allowed || allowed.has(brandId);
  const u = features(text);

  const hintProducts = new Set((hint?.items ?? []).map((i) => i.productId));
  const hintCoupon = hint?.couponCode?.toUpperCase() ?? null;

  // Brands first: a brand named in the message lifts its products a little (for "星巴克有什么推荐").
  const brandScore = new Map<string, number>();
  const named = new Set<string>();
  for (const b of catalog.brands ?? []) {
    if (!inScope(b.id)) continue;
    let score = best([b.name, b.id, ...(b.aliases ?? [])], u);
    if (score >= 4) named.add(b.id);
    if (hint?.brandId === b.id) score += 1000;
    brandScore.set(b.id, score);
  }

  // Characters of a brand named in full ("星巴克") say nothing about products (连帽夹克, 星冰乐).
  const up: Features = { ...u, chars: new Set(u.chars) };
  for (const b of catalog.brands ?? []) {
    for (const s of [b.name, ...(b.aliases ?? [])]) {
      const f = features(s);
      if (f.chars.size >= 2 && u.text.includes(f.text)) for (const c of f.chars) up.chars.delete(c);
    }
  }

  const products: { p: Product; score: number }[] = [];
  for (const p of catalog.products ?? []) {
    if (!inScope(p.brandId)) continue;
    let score = best([p.name, ...(p.aliases ?? [])], up) + 0.5 * best(p.tags ?? [], up);
    if (hintProducts.has(p.id)) score += 1000;
    // "<brand>有什么推荐": the named brand's products
    if (named.has(p.brandId)) score += 0.5;
    if (score > 0) products.push({ p, score });
  }
  products.sort((a, b) => b.score - a.score);
  const chosenProducts = products.slice(0, limits.products).map((x) => x.p);

  // Brands: the ones named or owning a chosen product first, then the rest (brands are few, and the
  // LLM needs them to map "咖啡店" or "家具" to a brand), capped.
  const productBrands = new Set(chosenProducts.map((p) => p.brandId));
  const brands = (catalog.brands ?? [])
    .filter((b) => brandScore.has(b.id))
    .map((b, i) => ({ b, i, score: (brandScore.get(b.id) ?? 0) + (productBrands.has(b.id) ? 1 : 0) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limits.brands)
    .map((x) => x.b);

  // Coupons: a code typed in the message, the rules parser's, then the chosen brands' coupons.
  const chosenBrands = new Set(brands.filter((b) => (brandScore.get(b.id) ?? 0) > 0 || productBrands.has(b.id)).map((b) => b.id));
  const coupons = (catalog.coupons ?? [])
    .filter((c) => inScope(c.brandId))
    .map((c, i) => {
      const code = c.code.toLowerCase();
      let score = 0;
      if (hintCoupon === c.code.toUpperCase()) score += 1000;
      if (u.words.has(code) || (code.length >= 3 && u.text.includes(code))) score += 100;
      if (chosenBrands.has(c.brandId)) score += 1;
      return { c, i, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limits.coupons)
    .map((x) => x.c);

  const roles = roleWords(catalog).slice(0, limits.roles).map((r) => ({ role: r.role, labels: r.labels.slice(0, 12) }));
  return { brands, products: chosenProducts, coupons, roles };
}

/** Brand id → its most common product tags (a hint of what a brand sells: coffee, sofa, shoes). */
export function brandCategories(catalog: CatalogSnapshot, max = 8): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>();
  for (const p of catalog.products ?? []) {
    const m = counts.get(p.brandId) ?? new Map<string, number>();
    for (const t of p.tags ?? []) m.set(t, (m.get(t) ?? 0) + 1);
    counts.set(p.brandId, m);
  }
  const out = new Map<string, string[]>();
  for (const [brand, m] of counts) {
    out.set(brand, [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, max).map(([t]) => t));
  }
  return out;
}
