// A small Guangzhou catalog modelled on prisma/demo/catalog.json, frozen here so matcher tests never move
// when the demo data does. Distances from TIANHE (the user at 天河城): sb-tianhe 0 m, gxg-tianhe 108 m,
// sb-zhengjia 265 m, sb-taikoohui 776 m, sb-zhujiang 1328 m, spzp-zhujiang 1360 m, gxg-wushan 4080 m.
import { StoreIndex } from "../../../src/domain/geo/store-index.ts";
import { stockMapFrom } from "../../../src/domain/stores/stock.ts";
import type { Store } from "../../../src/domain/stores/store.ts";

export type DemoStore = Store & { name: string };

const store = (s: Omit<DemoStore, "timezone" | "flagship"> & Partial<Pick<DemoStore, "timezone" | "flagship">>): DemoStore => ({ timezone: "Asia/Shanghai", flagship: false, ...s });

export const STORES: DemoStore[] = [
  store({ id: "sb-tianhe", brandId: "starbucks", name: "星巴克 天河城店", lat: 23.1317, lng: 113.3246, openHours: "07:00-22:00", services: ["delivery", "pickup"], deliveryRadiusMeters: 3000 }),
  store({ id: "sb-zhengjia", brandId: "starbucks", name: "星巴克 正佳广场店", lat: 23.1326, lng: 113.327, openHours: "08:00-23:00", services: ["delivery", "pickup"], deliveryRadiusMeters: 3000 }),
  store({ id: "sb-taikoohui", brandId: "starbucks", name: "星巴克 太古汇店", lat: 23.1339, lng: 113.3318, openHours: "07:30-22:30", services: ["delivery", "pickup"], deliveryRadiusMeters: 2500 }),
  store({ id: "sb-zhujiang", brandId: "starbucks", name: "星巴克 珠江新城店", lat: 23.12, lng: 113.322, openHours: "00:00-24:00", services: ["delivery", "pickup"], deliveryRadiusMeters: 5000 }),
  store({ id: "spzp-zhujiang", brandId: "spzp", name: "尚品宅配 珠江新城体验店", lat: 23.1195, lng: 113.3255, openHours: "10:00-21:00", services: ["appointment", "delivery"], deliveryRadiusMeters: 30000 }),
  store({ id: "gxg-tianhe", brandId: "gxg", name: "GXG 天河店", lat: 23.1322, lng: 113.3255, openHours: "10:00-22:00", services: ["pickup", "delivery"], deliveryRadiusMeters: 5000 }),
  store({ id: "gxg-wushan", brandId: "gxg", name: "GXG 五山店", lat: 23.16, lng: 113.35, openHours: "10:00-22:00", services: ["pickup", "delivery"], deliveryRadiusMeters: 5000 }),
  store({ id: "gxg-flagship", brandId: "gxg", name: "GXG 官方旗舰店", lat: 29.8683, lng: 121.544, openHours: "00:00-24:00", services: ["ship"], deliveryRadiusMeters: 0, flagship: true }),
];

export const INVENTORY = [
  { storeId: "sb-tianhe", productId: "sb-latte", size: "中杯", quantity: 0 },
  { storeId: "sb-tianhe", productId: "sb-latte", size: "大杯", quantity: 0 },
  { storeId: "sb-tianhe", productId: "sb-americano", size: "中杯", quantity: 80 },
  { storeId: "sb-tianhe", productId: "sb-croissant", quantity: 30 },
  { storeId: "sb-zhengjia", productId: "sb-latte", size: "中杯", quantity: 60 },
  { storeId: "sb-taikoohui", productId: "sb-latte", size: "大杯", quantity: 20 },
  { storeId: "sb-zhujiang", productId: "sb-latte", size: "大杯", quantity: 5 },
  { storeId: "sb-zhujiang", productId: "sb-croissant", quantity: 10 },
  { storeId: "gxg-tianhe", productId: "gxg-jeans", size: "31", quantity: 3 },
  { storeId: "gxg-tianhe", productId: "gxg-jeans", size: "32", quantity: 0 },
  { storeId: "gxg-wushan", productId: "gxg-jeans", size: "32", quantity: 2 },
  { storeId: "gxg-flagship", productId: "gxg-jeans", size: "32", quantity: 100 },
  { storeId: "gxg-flagship", productId: "gxg-jeans", size: "33", quantity: 100 },
];

export const INDEX = new StoreIndex(STORES);
export const STOCK = stockMapFrom(INVENTORY);

/** The user standing at 天河城. */
export const TIANHE = { lat: 23.1317, lng: 113.3246 };
/** Baiyun, ~7 km north: outside every Starbucks delivery radius, within 10 km for pickup. */
export const BAIYUN = { lat: 23.19, lng: 113.3 };
/** Beijing: nowhere near any store. */
export const BEIJING = { lat: 39.9, lng: 116.4 };

/** An instant given as Shanghai local time on 2026-03-10, e.g. sh("07:00"). */
export const sh = (local: string, day = "2026-03-10") => new Date(`${day}T${local}:00+08:00`);
