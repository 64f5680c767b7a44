// Stock as the matcher reads it: quantity on hand per (store, product, size). The caller decides where it
// comes from (a Map loaded from the inventory table, or a function over its own structure).

/** Quantity on hand: a function, or a Map keyed by {@link stockKey}. Missing entries mean 0. */
export type StockLookup = ((storeId: string, productId: string, size: string) => number) | ReadonlyMap<string, number>;

/** The size of a sizeless product: the catalog omits it, the inventory table stores "". */
export const NO_SIZE = "";

/** Canonical size for lookups: null/undefined (a product with a single size) becomes "". */
export function normalizeSize(size: string | null | undefined): string {
  return size ?? NO_SIZE;
}

/** The Map key for one stock row. */
export function stockKey(storeId: string, productId: string, size?: string | null): string {
  return `${storeId}|${productId}|${normalizeSize(size)}`;
}

/** Builds a stock Map from inventory rows (later rows for the same key win, as in an upsert). */
export function stockMapFrom(rows: Iterable<{ storeId: string; productId: string; size?: string | null; quantity: number }>): Map<string, number> {
  const map = new Map<string, number>();
  for (const r of rows) map.set(stockKey(r.storeId, r.productId, r.size), r.quantity);
  return map;
}

/** Quantity on hand, never negative; unknown rows and non-numbers read as 0. */
export function quantityInStock(stock: StockLookup, storeId: string, productId: string, size: string | null | undefined): number {
  const q = typeof stock === "function" ? stock(storeId, productId, normalizeSize(size)) : stock.get(stockKey(storeId, productId, size));
  return typeof q === "number" && q > 0 ? q : 0;
}
