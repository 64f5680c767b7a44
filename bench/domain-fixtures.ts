// A synthetic Guangzhou for the store-matching benchmark: ~30 brands of realistic kinds (coffee, convenience,
// apparel with a flagship, furniture, department stores), stores clustered around commercial centres, a
// stock map, and order queries drawn from the same geography. Seeded, so every run measures the same world.
import { StockTable } from "../src/domain/stores/stock.ts";
import type { MatchRequest } from "../src/domain/stores/store-matcher.ts";
import type { ServiceKind, Store } from "../src/domain/stores/store.ts";

/** A deterministic PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BrandKind {
  kind: string;
  count: number;
  services: ServiceKind[];
  radii: number[];
  hours: string[];
  sizes: string[];
  flagship: boolean;
}

const KINDS: BrandKind[] = [
  { kind: "coffee", count: 10, services: ["delivery", "pickup"], radii: [2000, 3000, 3000, 5000], hours: ["07:00-22:00", "07:30-22:30", "08:00-23:00", "00:00-24:00"], sizes: ["中杯", "大杯", "超大杯"], flagship: false },
  { kind: "convenience", count: 4, services: ["delivery", "pickup"], radii: [1000, 1500, 2000], hours: ["00:00-24:00", "07:00-23:00", "06:00-02:00"], sizes: [""], flagship: false },
  { kind: "apparel", count: 8, services: ["pickup", "delivery"], radii: [3000, 5000], hours: ["10:00-22:00", "10:00-22:30"], sizes: ["S", "M", "L", "XL"], flagship: true },
  { kind: "furniture", count: 4, services: ["appointment", "delivery"], radii: [20000, 30000], hours: ["10:00-21:00", "09:30-21:30"], sizes: ["双人位", "三人位"], flagship: false },
  { kind: "department", count: 4, services: ["pickup", "delivery"], radii: [5000], hours: ["10:00-22:00", "10:00-14:00,15:00-22:00"], sizes: ["", "50ml", "100ml"], flagship: false },
];

// Guangzhou's urban core and the commercial centres stores cluster around
const BOX = { minLat: 22.95, maxLat: 23.35, minLng: 113.15, maxLng: 113.55 };
const CENTRES = [
  [23.1317, 113.3246], [23.1258, 113.269], [23.12, 113.322], [23.16, 113.35], [23.1057, 113.2655], [23.0966, 113.3246],
  [23.1444, 113.2826], [23.1855, 113.2667], [23.0406, 113.3745], [22.9383, 113.3846], [23.1756, 113.4323], [23.1098, 113.4024],
  [23.2298, 113.2874], [23.1292, 113.2335], [23.0848, 113.3065], [23.1647, 113.3225], [23.0592, 113.2126], [23.2813, 113.2339],
];

/** The generated world: stores, stock and products per brand. */
export interface StoreWorld {
  stores: Store[];
  stock: StockTable;
  brands: { id: string; kind: BrandKind; products: { productId: string; size: string | null }[] }[];
}

/** Generates `storeCount` stores around Guangzhou with ~30 brands and a stock map (~75% of lines in stock). */
export function generateStoreWorld(storeCount: number, seed = 20260310): StoreWorld {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

  const brands: StoreWorld["brands"] = [];
  for (const kind of KINDS)
    for (let b = 0; b < kind.count; b++) {
      const id = `${kind.kind}-${b}`;
      const products = [0, 1, 2, 3].flatMap((p) => kind.sizes.map((size) => ({ productId: `${id}-p${p}`, size: size === "" ? null : size })));
      brands.push({ id, kind, products });
    }

  const stores: Store[] = [];
  const stock = new StockTable();
  const addStock = (s: Store, products: StoreWorld["brands"][number]["products"], inStock: number) => {
    for (const p of products) if (rnd() < inStock) stock.set(s.id, p.productId, p.size, 1 + Math.floor(rnd() * 20));
  };
  for (const brand of brands.filter((b) => b.kind.flagship)) {
    const s: Store = { id: `${brand.id}-flagship`, brandId: brand.id, lat: 29.8683, lng: 121.544, services: ["ship"], deliveryRadiusMeters: 0, flagship: true, openHours: "00:00-24:00", timezone: "Asia/Shanghai" };
    stores.push(s);
    addStock(s, brand.products, 0.95);
  }
  while (stores.length < storeCount) {
    const brand = pick(brands);
    let lat: number;
    let lng: number;
    if (rnd() < 0.7) {
      // ~1.5 km spread around a commercial centre
      const [cLat, cLng] = pick(CENTRES);
      lat = cLat + gauss() * 0.0135;
      lng = cLng + gauss() * 0.0147;
    } else {
      lat = BOX.minLat + rnd() * (BOX.maxLat - BOX.minLat);
      lng = BOX.minLng + rnd() * (BOX.maxLng - BOX.minLng);
    }
    const s: Store = {
      id: `s${stores.length}`, brandId: brand.id, lat, lng, services: brand.kind.services, deliveryRadiusMeters: pick(brand.kind.radii),
      flagship: false, openHours: pick(brand.kind.hours), timezone: "Asia/Shanghai",
    };
    stores.push(s);
    addStock(s, brand.products, 0.75);
  }
  return { stores, stock, brands };
}

/** Order queries drawn from the same geography: a brand, one or two lines, a fulfillment the brand offers, and a time of day (mostly daytime). */
export function generateQueries(world: StoreWorld, count: number, seed = 7): { request: MatchRequest; at: Date }[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const day = Date.parse("2026-03-10T00:00:00+08:00");
  const out: { request: MatchRequest; at: Date }[] = [];
  for (let i = 0; i < count; i++) {
    const brand = pick(world.brands);
    const lines = rnd() < 0.7 ? 1 : 2;
    const items = Array.from({ length: lines }, () => ({ ...pick(brand.products), quantity: rnd() < 0.9 ? 1 : 2 }));
    const services: ServiceKind[] = brand.kind.flagship && rnd() < 0.15 ? ["ship"] : brand.kind.services;
    const minute = rnd() < 0.9 ? 7 * 60 + rnd() * 16 * 60 : rnd() * 24 * 60;
    out.push({
      request: {
        brandIds: [brand.id],
        lat: BOX.minLat + 0.05 + rnd() * (BOX.maxLat - BOX.minLat - 0.1),
        lng: BOX.minLng + 0.05 + rnd() * (BOX.maxLng - BOX.minLng - 0.1),
        fulfillment: pick(services),
        items: brand.kind.kind === "furniture" && rnd() < 0.5 ? [] : items,
      },
      at: new Date(day + Math.floor(minute) * 60_000),
    });
  }
  return out;
}
