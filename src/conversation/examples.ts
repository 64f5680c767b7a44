// Example sentences for the welcome, help, greeting and fallback texts, made from the loaded catalog: a product,
// a brand, a staff role and a coupon that exist for this bot's brands. An empty catalog gives none, and the texts
// fall back to neutral wording; no merchant's name is ever written into the code.
import type { CatalogView } from "../app/catalog-view.ts";
import type { Lang } from "./replies.ts";

export interface Named {
  zh: string;
  en: string;
}

export interface CatalogExamples {
  product: Named | null;
  brand: Named | null;
  role: Named | null;
  coupon: string | null;
}

const latin = (s: string) => /^[\x20-\x7e]+$/.test(s);
const named = (name: string, aliases: string[]): Named => ({ zh: name, en: latin(name) ? name : aliases.find(latin) ?? name });

const cache = new Map<string, CatalogExamples>();

/** The examples for a bot's brands (null = every brand), from the first product, brand, role and coupon in id order. */
export function catalogExamples(view: CatalogView, scope: string[] | null): CatalogExamples {
  const key = `${view.version}|${scope?.join(",") ?? "*"}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const inScope = (brandId: string) => !scope || scope.includes(brandId);
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const products = [...view.products.values()].filter((p) => inScope(p.brandId)).sort(byId);
  const product = products.find((p) => p.sizes.length === 0 || p.name.length <= 8) ?? products[0];
  const brand = [...view.brands.values()].filter((b) => inScope(b.id)).sort(byId)[0];
  const rolesHere = new Set<string>();
  for (const [storeId, roles] of view.storeRoles) {
    const store = view.stores.get(storeId);
    if (store && inScope(store.brandId)) for (const r of roles) rolesHere.add(r);
  }
  const role = view.lexicon.roles.find((r) => rolesHere.has(r.role) && (r.zh || r.en));
  const coupon = view.snapshot.coupons.filter((c) => inScope(c.brandId)).map((c) => c.code).sort()[0] ?? null;
  const out: CatalogExamples = {
    product: product ? named(product.name, product.aliases) : null,
    brand: brand ? named(brand.name, brand.aliases) : null,
    role: role ? { zh: role.zh ?? role.en ?? role.role, en: role.en ?? role.zh ?? role.role } : null,
    coupon,
  };
  if (cache.size > 100) cache.clear();
  cache.set(key, out);
  return out;
}

/** "「我要拿铁」「附近有星巴克吗」…" or '"latte please", "nearest Starbucks"…': the sentences a bot can be asked. */
export function exampleSentences(ex: CatalogExamples, lang: Lang): string[] {
  const zh = lang === "zh";
  const out: string[] = [];
  if (ex.product) out.push(zh ? `我要${ex.product.zh}` : `${ex.product.en} please`);
  out.push(ex.brand ? (zh ? `附近有${ex.brand.zh}吗` : `nearest ${ex.brand.en}`) : zh ? "附近的门店" : "stores near me");
  if (ex.role) out.push(zh ? `明天下午三点约${ex.role.zh}` : `book a ${ex.role.en} tomorrow 3pm`);
  if (ex.coupon) out.push(zh ? `领取${ex.coupon}` : `claim ${ex.coupon}`);
  return out;
}

export const quote = (s: string, lang: Lang) => (lang === "zh" ? `「${s}」` : `"${s}"`);

/** A bot file's welcome text with {examples} (and {brand}) filled in from the catalog. */
export function renderWelcome(template: string, ex: CatalogExamples, lang: Lang): string {
  const list = exampleSentences(ex, lang).map((s) => quote(s, lang)).join(lang === "zh" ? "" : ", ");
  return template.replace(/\{examples\}/g, list).replace(/\{brand\}/g, ex.brand ? ex.brand[lang] : "");
}
