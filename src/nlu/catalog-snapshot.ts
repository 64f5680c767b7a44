// Maps a catalog import file (prisma/demo/catalog.json and the `o2o import` format) to the plain
// CatalogSnapshot the parsers take, dropping everything NLU does not need (prices, stores, stock).
import type { CatalogSnapshot } from "./intent.ts";
import { describedSizes } from "./described-sizes.ts";
import { soldBy, soldInPairs } from "./sold-by.ts";

interface CatalogFile {
  brands?: { id: string; name: string; aliases?: string[] | null }[];
  products?: { id: string; brandId: string; name: string; aliases?: string[] | null; sizes?: string[] | null; tags?: string[] | null; description?: string | null }[];
  coupons?: { code: string; brandId: string; title?: string | null }[];
  staff?: { name?: string; role?: string | null; storeId?: string }[];
  roles?: { role: string; labels?: { zh?: string[]; en?: string[] } }[];
  stores?: { id?: string; name?: string; brandId?: string; address?: string | null }[];
}

export function snapshotFromCatalog(json: unknown): CatalogSnapshot {
  const c = (json ?? {}) as CatalogFile;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const storeBrand = new Map((c.stores ?? []).map((s) => [s.id, s.brandId]));
  return {
    brands: (c.brands ?? []).map((b) => ({ id: b.id, name: b.name, aliases: strings(b.aliases) })),
    products: (c.products ?? []).map((p) => ({
      id: p.id, brandId: p.brandId, name: p.name, aliases: strings(p.aliases), sizes: strings(p.sizes), tags: strings(p.tags), unit: soldBy(p.description),
      described: describedSizes(p.description, strings(p.sizes)), ...(soldInPairs(p.description) ? { pairs: true } : {}),
    })),
    coupons: (c.coupons ?? []).map((k) => ({ code: k.code, brandId: k.brandId, title: k.title ?? null })),
    staffRoles: [...new Set((c.staff ?? []).map((s) => s.role ?? "staff"))],
    staff: (c.staff ?? []).map((s) => ({ name: s.name ?? "", role: s.role ?? "staff", brandId: storeBrand.get(s.storeId) })),
    roles: (c.roles ?? []).map((r) => ({ role: r.role, labels: { zh: strings(r.labels?.zh), en: strings(r.labels?.en) } })),
    stores: (c.stores ?? []).filter((s) => typeof s.name === "string").map((s) => ({ name: s.name!, brandId: s.brandId ?? "", address: s.address ?? null })),
  };
}
