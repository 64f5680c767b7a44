// A read model of the catalog for matching and parsing: stores in a geo index, products by id, an NLU snapshot.
// Rebuilt when the catalog changes (imports bump the "catalogVersion" setting); stock is always read fresh.
import type { Db, Tx } from "../db/database.ts";
import { query } from "../db/sql.ts";
import { chunks } from "../domain/limits.ts";
import { StoreIndex } from "../domain/geo/store-index.ts";
import type { ServiceKind, Store } from "../domain/stores/store.ts";
import { stockMapFrom } from "../domain/stores/stock.ts";
import type { CatalogSnapshot } from "../nlu/intent.ts";
import { Lexicon } from "../nlu/lexicon.ts";
import { describedSizes } from "../nlu/described-sizes.ts";
import { soldBy, soldInPairs } from "../nlu/sold-by.ts";

export interface StoreInfo extends Store {
  name: string;
  address: string;
}

export interface ProductInfo {
  id: string;
  brandId: string;
  name: string;
  aliases: string[];
  priceCents: number;
  currency: string;
  sizes: string[];
  tags: string[];
  photoUrl: string | null;
}

export interface CatalogView {
  version: string;
  brands: Map<string, { id: string; name: string; aliases: string[]; timezone: string }>;
  stores: Map<string, StoreInfo>;
  products: Map<string, ProductInfo>;
  index: StoreIndex<StoreInfo>;
  snapshot: CatalogSnapshot;
  /** the catalog's own words: roles with their titles and services, category words (src/nlu/lexicon.ts) */
  lexicon: Lexicon;
  /** store id → the staff roles working there (a booking goes to a store that has the role asked for) */
  storeRoles: Map<string, Set<string>>;
}

let cached: { key: string; view: CatalogView } | null = null;
/** How long a process trusts its catalog version before asking the database again (imports elsewhere show up within this). */
export const CATALOG_VERSION_TTL_MS = 1000;
let versionSeen: { url: string; value: string; at: number } | null = null;

export async function catalogVersion(db: Db): Promise<string> {
  const now = Date.now();
  if (versionSeen && versionSeen.url === db.url && now - versionSeen.at < CATALOG_VERSION_TTL_MS) return versionSeen.value;
  // plain SQL: a chat turn waits for this read once a second, where Prisma's query compiler cost several times it
  const [row] = await query<{ value: string }>(db, (p) => `SELECT "value" FROM "Setting" WHERE "key" = ${p.v("catalogVersion")}`);
  const value = row?.value ?? "0";
  versionSeen = { url: db.url, value, at: now };
  return value;
}

/** Marks the catalog changed so every process rebuilds its view on next use. */
export async function bumpCatalogVersion(tx: Tx): Promise<void> {
  const value = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  versionSeen = null;
  await tx.setting.upsert({ where: { key: "catalogVersion" }, create: { key: "catalogVersion", value }, update: { value } });
}

export async function loadCatalogView(db: Db): Promise<CatalogView> {
  const version = await catalogVersion(db);
  const key = `${db.url}#${version}`;
  if (cached?.key === key) return cached.view;
  const [brands, stores, products, coupons, staff, roles] = await Promise.all([
    db.prisma.brand.findMany(),
    db.prisma.store.findMany({ where: { active: true } }),
    db.prisma.product.findMany(),
    db.prisma.coupon.findMany({ select: { code: true, brandId: true, title: true } }),
    db.prisma.staff.findMany({ where: { active: true }, select: { name: true, role: true, storeId: true } }),
    db.prisma.staffRole.findMany(),
  ]);
  const brandById = new Map(brands.map((b) => [b.id, b]));
  const storeInfos: StoreInfo[] = stores.map((s) => ({
    id: s.id, brandId: s.brandId, name: s.name, address: s.address, lat: s.lat, lng: s.lng, openHours: s.openHours, timezone: s.timezone,
    services: s.services as ServiceKind[], deliveryRadiusMeters: s.deliveryRadiusMeters, flagship: s.flagship, active: s.active,
    // a store's own promise and preparation time win over its brand's
    deliveryPromiseMinutes: s.deliveryPromiseMinutes ?? brandById.get(s.brandId)?.deliveryPromiseMinutes ?? null,
    prepMinutes: s.prepMinutes ?? brandById.get(s.brandId)?.prepMinutes ?? null,
  }));
  const productInfos: ProductInfo[] = products.map((p) => ({
    id: p.id, brandId: p.brandId, name: p.name, aliases: p.aliases as string[], priceCents: p.priceCents, currency: p.currency,
    sizes: p.sizes as string[], tags: p.tags as string[], photoUrl: p.photoUrl,
  }));
  const storeBrand = new Map(storeInfos.map((s) => [s.id, s.brandId]));
  const snapshot: CatalogSnapshot = {
    brands: brands.map((b) => ({ id: b.id, name: b.name, aliases: b.aliases as string[] })),
    // (unit: what one of it is when its description says it is sold by the 斤, the person or the night)
    products: productInfos.map((p, k) => ({ id: p.id, brandId: p.brandId, name: p.name, aliases: p.aliases, sizes: p.sizes, tags: p.tags, unit: soldBy(products[k].description), described: describedSizes(products[k].description, p.sizes), ...(soldInPairs(products[k].description) ? { pairs: true } : {}) })),
    coupons,
    staffRoles: [...new Set(staff.map((s) => s.role))],
    staff: staff.map((s) => ({ name: s.name, role: s.role, brandId: storeBrand.get(s.storeId) })),
    roles: roles.map((r) => ({ role: r.role, labels: r.labels as { zh?: string[]; en?: string[] } })),
    stores: storeInfos.map((s) => ({ name: s.name, brandId: s.brandId, address: s.address })),
  };
  const storeRoles = new Map<string, Set<string>>();
  for (const s of staff) {
    let set = storeRoles.get(s.storeId);
    if (!set) storeRoles.set(s.storeId, (set = new Set()));
    set.add(s.role);
  }
  const view: CatalogView = {
    version,
    brands: new Map(brands.map((b) => [b.id, { id: b.id, name: b.name, aliases: b.aliases as string[], timezone: b.timezone }])),
    stores: new Map(storeInfos.map((s) => [s.id, s])),
    products: new Map(productInfos.map((p) => [p.id, p])),
    index: new StoreIndex(storeInfos),
    snapshot,
    lexicon: new Lexicon(snapshot),
    storeRoles,
  };
  cached = { key, view };
  return view;
}

/** Current stock of the given products in every store, as the matcher's lookup. */
export async function stockFor(db: Db | { prisma: Tx }, productIds: string[]) {
  // read on every quote: plain SQL, without the query compiler's cost (straight through the driver outside a
  // transaction); the IN list in chunks (a whole brand's shelf is far more products than one statement may bind)
  const rows: { storeId: string; productId: string; size: string; quantity: number }[] = [];
  for (const ids of chunks([...new Set(productIds)])) {
    rows.push(...(await query<(typeof rows)[number]>(db.prisma, (p) =>
      `SELECT "storeId", "productId", "size", "quantity" FROM "Inventory" WHERE "productId" IN ${p.list(ids)}`)));
  }
  return stockMapFrom(rows);
}
