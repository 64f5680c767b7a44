// Cross-row checks that zod cannot do row by row: duplicate ids, references to brands, stores and products
// (in this file or already in the database), sizes that the product does not have, coupon stores of another brand.
import type { Catalog, Kind } from "./catalog-schema.ts";

export interface KnownInDb {
  brandIds: Set<string>;
  /** storeId -> brandId */
  stores: Map<string, string>;
  /** productId -> sizes */
  products: Map<string, string[]>;
}

export function referencedIds(c: Catalog) {
  return {
    brandIds: new Set([...c.stores, ...c.products, ...c.coupons].map((r) => r.brandId)),
    storeIds: new Set([...c.inventory.map((r) => r.storeId), ...c.staff.map((r) => r.storeId), ...c.coupons.flatMap((r) => r.storeIds)]),
    productIds: new Set(c.inventory.map((r) => r.productId)),
  };
}

/** invalidIds ("kind:id" of rows that already failed) are treated as known, so one mistake is reported once. */
export function checkReferences(c: Catalog, where: Record<Kind, string[]>, db: KnownInDb, invalidIds = new Set<string>()): string[] {
  const errors: string[] = [];
  const dup = (kind: Kind, key: (r: never) => string, what: string) => {
    const seen = new Map<string, string>();
    (c[kind] as never[]).forEach((r, i) => {
      const k = key(r);
      const first = seen.get(k);
      if (first) errors.push(`${where[kind][i]}: duplicate ${what} (also at ${first})`);
      else seen.set(k, where[kind][i]);
    });
  };
  dup("brands", (r: { id: string }) => r.id, "id");
  dup("stores", (r: { id: string }) => r.id, "id");
  dup("products", (r: { id: string }) => r.id, "id");
  dup("coupons", (r: { code: string }) => r.code, "code");
  dup("staff", (r: { id: string }) => r.id, "id");
  dup("roles", (r: { role: string }) => r.role, "role");
  dup("inventory", (r: { storeId: string; productId: string; size: string }) => `${r.storeId}/${r.productId}/${r.size}`, "store/product/size");

  const brands = new Set([...db.brandIds, ...c.brands.map((b) => b.id)]);
  const storeBrand = new Map([...db.stores, ...c.stores.map((s) => [s.id, s.brandId] as const)]);
  const productSizes = new Map([...db.products, ...c.products.map((p) => [p.id, p.sizes] as const)]);

  const brandRef = (kind: "stores" | "products" | "coupons") =>
    c[kind].forEach((r, i) => {
      if (!brands.has(r.brandId) && !invalidIds.has(`brands:${r.brandId}`)) errors.push(`${where[kind][i]}: brandId: unknown brand "${r.brandId}"`);
    });
  brandRef("stores");
  brandRef("products");
  brandRef("coupons");

  c.inventory.forEach((r, i) => {
    const at = where.inventory[i];
    if (!storeBrand.has(r.storeId) && !invalidIds.has(`stores:${r.storeId}`)) errors.push(`${at}: storeId: unknown store "${r.storeId}"`);
    const sizes = productSizes.get(r.productId);
    if (!sizes) {
      if (!invalidIds.has(`products:${r.productId}`)) errors.push(`${at}: productId: unknown product "${r.productId}"`);
    } else if (sizes.length === 0 && r.size !== "") errors.push(`${at}: size: product "${r.productId}" has no sizes, leave size empty`);
    else if (sizes.length > 0 && !sizes.includes(r.size))
      errors.push(`${at}: size: "${r.size}" is not a size of "${r.productId}" (${sizes.join(", ")})`);
  });
  c.staff.forEach((r, i) => {
    if (!storeBrand.has(r.storeId)) errors.push(`${where.staff[i]}: storeId: unknown store "${r.storeId}"`);
  });
  c.coupons.forEach((r, i) => {
    for (const s of r.storeIds) {
      const b = storeBrand.get(s);
      if (!b) errors.push(`${where.coupons[i]}: storeIds: unknown store "${s}"`);
      else if (b !== r.brandId) errors.push(`${where.coupons[i]}: storeIds: store "${s}" belongs to brand "${b}", not "${r.brandId}"`);
    }
  });
  return errors;
}
