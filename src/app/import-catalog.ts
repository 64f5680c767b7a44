// Use case: import one catalog file. All or nothing: any bad row and nothing of the file is written;
// otherwise every row is upserted by id in one transaction (re-importing the same file changes nothing).
import type { Db, Tx } from "../db/database.ts";
import { bumpCatalogVersion } from "./catalog-view.ts";
import { notifySizeBack, soldOutLinesIn } from "./crm/size-back.ts";
import { bulkUpsert, type TableSpec } from "../db/bulk-upsert.ts";
import { KINDS, type Catalog, type Kind } from "../catalog/catalog-schema.ts";
import { readCatalogFile } from "../catalog/read-catalog-file.ts";
import { checkReferences, referencedIds, type KnownInDb } from "../catalog/check-references.ts";

export type ImportResult =
  | { ok: true; counts: Record<Kind, number> }
  | { ok: false; errors: string[] };

const STAMPS = { created: "createdAt", updated: "updatedAt" };
const SPECS: Record<Kind, TableSpec> = {
  brands: { table: "Brand", key: ["id"], columns: { id: "text", name: "text", aliases: "json", timezone: "text", deliveryPromiseMinutes: "int", prepMinutes: "int" }, stamps: STAMPS },
  stores: {
    table: "Store", key: ["id"], stamps: STAMPS,
    columns: { id: "text", brandId: "text", name: "text", lat: "float", lng: "float", address: "text", openHours: "text", timezone: "text", services: "json", deliveryRadiusMeters: "int", flagship: "bool", phone: "text", arrivalMeters: "int", autoCompleteOnArrival: "bool", deliveryPromiseMinutes: "int", prepMinutes: "int" },
  },
  products: {
    table: "Product", key: ["id"], stamps: STAMPS,
    columns: { id: "text", brandId: "text", name: "text", aliases: "json", priceCents: "int", currency: "text", sizes: "json", tags: "json", photoUrl: "text", description: "text" },
  },
  inventory: { table: "Inventory", key: ["storeId", "productId", "size"], columns: { storeId: "text", productId: "text", size: "text", quantity: "int" }, stamps: { updated: "updatedAt" } },
  coupons: {
    table: "Coupon", key: ["code"], stamps: STAMPS,
    columns: { code: "text", brandId: "text", title: "text", kind: "text", value: "int", minSpendCents: "int", channels: "json", validFrom: "datetime", validTo: "datetime", maxRedemptions: "int", perMemberLimit: "int", storeIds: "json" },
  },
  staff: { table: "Staff", key: ["id"], columns: { id: "text", storeId: "text", name: "text", role: "text", workingHours: "json" }, stamps: STAMPS },
  roles: { table: "StaffRole", key: ["role"], columns: { role: "text", labels: "json" }, stamps: STAMPS },
};

async function knownInDb(db: Db, c: Catalog): Promise<KnownInDb> {
  const ref = referencedIds(c);
  const chunks = <T,>(ids: Set<string>) => {
    const a = [...ids];
    const out: string[][] = [];
    for (let i = 0; i < a.length; i += 5000) out.push(a.slice(i, i + 5000));
    return out as T[];
  };
  const known: KnownInDb = { brandIds: new Set(), stores: new Map(), products: new Map() };
  for (const ids of chunks<string[]>(ref.brandIds)) {
    for (const b of await db.prisma.brand.findMany({ where: { id: { in: ids } }, select: { id: true } })) known.brandIds.add(b.id);
  }
  for (const ids of chunks<string[]>(ref.storeIds)) {
    for (const s of await db.prisma.store.findMany({ where: { id: { in: ids } }, select: { id: true, brandId: true } })) known.stores.set(s.id, s.brandId);
  }
  for (const ids of chunks<string[]>(ref.productIds)) {
    for (const p of await db.prisma.product.findMany({ where: { id: { in: ids } }, select: { id: true, sizes: true } })) known.products.set(p.id, p.sizes as string[]);
  }
  return known;
}

/** Store columns a catalog may leave out, written as the schema's defaults (a re-import without them resets them). */
const STORE_DEFAULTS = { arrivalMeters: 30, autoCompleteOnArrival: false };

/** Validates then writes a catalog already in memory (the demo catalog and tests use this door too). */
export async function importCatalog(
  db: Db, catalog: Catalog, where: Record<Kind, string[]>, earlier: { errors: string[]; invalidIds: Set<string> } = { errors: [], invalidIds: new Set() }, opts: { at?: Date } = {},
): Promise<ImportResult> {
  const errors = [...earlier.errors, ...checkReferences(catalog, where, await knownInDb(db, catalog), earlier.invalidIds)];
  if (errors.length) return { ok: false, errors };
  const counts = Object.fromEntries(KINDS.map((k) => [k, catalog[k].length])) as Record<Kind, number>;
  await db.prisma.$transaction(
    async (tx) => {
      // sold-out lines this file restocks, while members wait for them: told "your size is back" (size-back.ts)
      const back = await soldOutLinesIn(tx as Tx, catalog.inventory);
      for (const kind of KINDS) {
        const rows = kind === "stores" ? catalog.stores.map((s) => ({ ...s, arrivalMeters: s.arrivalMeters ?? STORE_DEFAULTS.arrivalMeters, autoCompleteOnArrival: s.autoCompleteOnArrival ?? STORE_DEFAULTS.autoCompleteOnArrival })) : catalog[kind];
        await bulkUpsert(tx, db.provider, SPECS[kind], rows as unknown as Record<string, unknown>[]);
      }
      await notifySizeBack(tx as Tx, back, opts.at);
      await bumpCatalogVersion(tx as Tx);
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  return { ok: true, counts };
}

export async function importCatalogFile(db: Db, path: string, opts: { kind?: Kind; encoding?: "utf8" | "gbk"; at?: Date } = {}): Promise<ImportResult> {
  const read = readCatalogFile(path, opts);
  // a file that could not be read at all has no rows to cross-check
  if (read.errors.length && Object.values(read.where).every((w) => w.length === 0) && read.invalidIds.size === 0) return { ok: false, errors: read.errors };
  return importCatalog(db, read.catalog, read.where, read, { at: opts.at });
}
