// Every size limit at the doors, in one place: what a catalog row, an import, a chat message, an HTTP body and a page
// may hold. Why: unbounded input was a denial of service (a 10-million-character brand name made every public
// brand list 10 MB; one brand's 40,000 products broke the storefront). Pure constants, so any layer may import them.

/** Text lengths of catalog fields, in characters. */
export const TEXT = {
  id: 100,
  name: 120,
  alias: 60,
  aliasesPerRow: 30,
  address: 300,
  description: 2000,
  tag: 40,
  tagsPerRow: 30,
  size: 40,
  sizesPerRow: 50,
  url: 1000,
  phone: 40,
  couponTitle: 200,
  role: 60,
} as const;

/** Minutes a brand or store may declare: a delivery promise (1..a day) and its preparation time (0..a day). */
export const MINUTES = {
  deliveryPromiseMax: 24 * 60,
  prepMax: 24 * 60,
} as const;

/** Rows of one kind in one import (a file or a catalog section). 100,000 products in one brand must fit. */
export const IMPORT_ROWS = {
  brands: 1_000,
  stores: 50_000,
  products: 200_000,
  inventory: 2_000_000,
  coupons: 10_000,
  staff: 50_000,
  roles: 1_000,
} as const;

/** Characters of one chat message the engine reads (longer text is cut, with a note). */
export const CHAT_TEXT_MAX = 2_000;

/** Bytes of a JSON request body (fastify bodyLimit); larger bodies get 413. Catalog imports go through the CLI. */
export const HTTP_BODY_MAX_BYTES = 1_000_000;

/** Items in one page of a list (Mini App products and stores, admin lists). */
export const PAGE_MAX = 500;
export const PAGE_DEFAULT = 200;

/** Values bound in one IN list: far under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement. */
export const IN_LIST_CHUNK = 5_000;

/** Splits a list into chunks for IN queries (never an empty chunk). */
export function chunks<T>(values: readonly T[], size: number = IN_LIST_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
