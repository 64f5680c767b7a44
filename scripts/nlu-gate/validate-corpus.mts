// Checks a new catalog folder's shape without running the parser: the catalog imports, the counts and the mix of
// test/nlu/catalogs/WRITING.md hold, and every label names a product, size, brand, coupon and role of the catalog.
//   npx tsx scripts/nlu-gate/validate-corpus.mts test/nlu/catalogs/FOLDER [--split tune]   (holdout unless said)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus } from "../../src/nlu/eval.ts";
import { readSnapshot } from "../../src/nlu/intent-corpora.ts";

interface RawCatalog {
  brands: { id: string }[];
  stores: unknown[];
  products: { id: string }[];
  coupons: { code: string }[];
  staff?: { role: string }[];
  roles?: { role: string; labels?: { zh?: string[]; en?: string[] } }[];
}

const dir = process.argv[2];
const problems: string[] = [];
readSnapshot(join(dir, "catalog.json")); // throws when the import schema refuses the catalog
const cat = JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")) as RawCatalog;
const lines = loadCorpus(join(dir, "corpus.jsonl"));
const within = (what: string, n: number, lo: number, hi: number) => { if (n < lo || n > hi) problems.push(`${what}: ${n}, want ${lo}–${hi}`); };
within("brands", cat.brands.length, 2, 2);
within("stores", cat.stores.length, 6, 8);
within("products", cat.products.length, 25, 35);
within("coupons", cat.coupons.length, 6, 8);
within("staff", cat.staff?.length ?? 0, 10, 16);
const roles = cat.roles ?? [];
within("roles", new Set((cat.staff ?? []).map((s) => s.role)).size, 4, 6);
const labelled = new Set(roles.filter((r) => r.labels && (r.labels.zh?.length || r.labels.en?.length)).map((r) => r.role));
const unlabelled = [...new Set((cat.staff ?? []).map((s) => s.role))].filter((r) => !labelled.has(r));
if (unlabelled.length !== 1) problems.push(`roles without labels: ${unlabelled.length}, want 1`);
within("lines", lines.length, 220, 230);
const split = process.argv.includes("--split") ? process.argv[process.argv.indexOf("--split") + 1] : "holdout";
if (lines.some((l) => l.split !== split)) problems.push(`every line must be split ${split}`);
const english = lines.filter((l) => !/[\u3400-\u9fff]/.test(l.text)).length / lines.length;
within("English share %", Math.round(english * 100), 12, 30);
const mix: Record<string, [number, number]> = {
  order: [70, 100], book_appointment: [28, 37], find_store: [18, 27], feedback: [9, 13], claim_coupon: [7, 11],
  list_coupons: [4, 8], order_status: [7, 11], cancel_order: [4, 8], recommend: [7, 11], unknown: [4, 8],
};
const count = (i: string) => lines.filter((l) => l.expect.intent === i).length;
for (const [i, [lo, hi]] of Object.entries(mix)) within(i, count(i), lo, hi);
for (const i of ["follow", "unfollow", "help", "greeting", "unsubscribe", "forget_me"]) within(i, count(i), 1, 3);
const products = new Map(cat.products.map((p) => [p.id, p]));
const brands = new Set(cat.brands.map((b) => b.id));
const coupons = new Set(cat.coupons.map((c) => c.code));
const roleIds = new Set((cat.staff ?? []).map((s) => s.role));
for (const l of lines) {
  const e = l.expect;
  const bad = (why: string) => problems.push(`${why}: ${l.text}`);
  if (e.brandId && !brands.has(e.brandId)) bad(`unknown brand ${e.brandId}`);
  if (e.couponCode && !coupons.has(e.couponCode)) bad(`unknown coupon ${e.couponCode}`);
  if (e.role && !roleIds.has(e.role)) bad(`unknown role ${e.role}`);
  for (const it of e.items ?? []) if (!products.has(it.productId)) bad(`unknown product ${it.productId}`);
  for (const f of ["items", "brandId", "fulfillment", "radiusMeters", "when", "couponCode", "orderId", "rating"] as const) {
    if (!(f in e)) bad(`missing ${f}`);
  }
  if (e.when && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(e.when)) bad(`when not ISO with offset: ${e.when}`);
}
console.log(problems.length ? problems.join("\n") : `ok: ${lines.length} lines, ${cat.products.length} products, English ${(english * 100).toFixed(0)}%`);
process.exit(problems.length ? 1 : 0);
