// Catalog import throughput: 100k stores + 1M inventory rows, on SQLite and PostgreSQL.
import { importCatalog } from "../src/app/import-catalog.ts";
import { emptyCatalog, type Catalog, type Kind } from "../src/catalog/catalog-schema.ts";
import { freshDb } from "../test/support/databases.ts";
import type { Figure } from "./figure.ts";

function generate(stores: number, products: number, inventory: number): { catalog: Catalog; where: Record<Kind, string[]> } {
  const c = emptyCatalog();
  c.brands.push({ id: "bench", name: "Bench", aliases: [], timezone: "Asia/Shanghai" });
  for (let i = 0; i < products; i++) c.products.push({ id: `p${i}`, brandId: "bench", name: `P${i}`, aliases: [], priceCents: 1000 + i, currency: "CNY", sizes: ["S", "M"], tags: [] });
  for (let i = 0; i < stores; i++)
    c.stores.push({ id: `s${i}`, brandId: "bench", name: `S${i}`, lat: 22 + (i % 1000) / 500, lng: 113 + Math.floor(i / 1000) / 50, address: "", openHours: "08:00-22:00", timezone: "Asia/Shanghai", services: ["delivery", "pickup"], deliveryRadiusMeters: 3000, flagship: false });
  const perStore = inventory / stores;
  for (let i = 0; i < stores; i++)
    for (let j = 0; j < perStore; j++) c.inventory.push({ storeId: `s${i}`, productId: `p${(i + (j >> 1)) % products}`, size: j % 2 ? "M" : "S", quantity: 5 });
  const where = Object.fromEntries(Object.entries(c).map(([k, rows]) => [k, rows.map((_: unknown, i: number) => `${k}[${i}]`)])) as Record<Kind, string[]>;
  return { catalog: c, where };
}

export async function benchImport(opts = { stores: 100_000, inventory: 1_000_000 }): Promise<Figure[]> {
  const { catalog, where } = generate(opts.stores, 200, opts.inventory);
  const rows = catalog.stores.length + catalog.inventory.length + catalog.products.length + 1;
  const figures: Figure[] = [];
  for (const kind of ["sqlite", "postgresql"] as const) {
    const db = await freshDb(kind);
    try {
      const t0 = performance.now();
      const r = await importCatalog(db, catalog, where);
      const s = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(r.errors[0]);
      figures.push({ name: `import ${opts.stores} stores + ${opts.inventory} inventory (${kind})`, value: Math.round(rows / s), unit: "rows/s", note: `${s.toFixed(1)} s` });
    } finally {
      await db.drop();
    }
  }
  return figures;
}
