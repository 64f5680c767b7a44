// Recommendations from what the member bought and said they like: deterministic scores, explained in one line.
// Affinity: shared style (strongest), shared category/tags, size known to fit; availability at the chosen store;
// price band near what they paid before. Cold start (no history): the store's best sellers.

export interface Candidate {
  id: string;
  name: string;
  priceCents: number;
  tags: readonly string[];
  sizes: readonly string[];
  /** units in stock at the chosen store (all sizes) */
  stock: number;
  /** units sold recently (for the cold start) */
  sold: number;
}

export interface Purchase {
  productId: string;
  name: string;
  tags: readonly string[];
  size: string;
  unitPriceCents: number;
}

export interface Ranked {
  productId: string;
  score: number;
  /** the purchase the recommendation leans on, for "because you bought …" */
  because: Purchase | null;
  reason: "style" | "category" | "best_seller";
}

const STYLE = /^style:/;

/** Ranks candidates for a member; excludes what they already bought and what is out of stock. */
export function rankProducts(candidates: readonly Candidate[], history: readonly Purchase[], preferredStyles: readonly string[] = []): Ranked[] {
  const bought = new Set(history.map((h) => h.productId));
  const avgPrice = history.length ? history.reduce((s, h) => s + h.unitPriceCents, 0) / history.length : null;
  const ranked: Ranked[] = [];
  for (const c of candidates) {
    if (bought.has(c.id) || c.stock <= 0) continue;
    let best: { score: number; because: Purchase | null; reason: Ranked["reason"] } = { score: 0, because: null, reason: "best_seller" };
    for (const h of history) {
      const styles = c.tags.filter((t) => STYLE.test(t) && h.tags.includes(t)).length;
      const others = c.tags.filter((t) => !STYLE.test(t) && h.tags.includes(t)).length;
      const score = styles * 10 + others * 3;
      if (score > best.score) best = { score, because: h, reason: styles ? "style" : "category" };
    }
    const liked = c.tags.filter((t) => preferredStyles.includes(t.replace(STYLE, ""))).length * 8;
    const sizeFits = history.some((h) => h.size && c.sizes.includes(h.size)) ? 2 : 0;
    const price = avgPrice ? Math.max(0, 2 - Math.abs(Math.log(c.priceCents / avgPrice))) : 0;
    const score = best.score + liked + sizeFits + price + Math.min(c.sold, 100) / 100;
    ranked.push({ productId: c.id, score: Math.round(score * 100) / 100, because: best.because, reason: liked && !best.because ? "style" : best.reason });
  }
  return ranked.sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
}
