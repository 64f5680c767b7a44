// The demo catalog must be something the domain can serve: hours parse, zones exist, the index builds,
// coupons price, and the founding scenarios resolve. Reads prisma/demo/catalog.json as plain data.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { couponDiscount, type Coupon } from "../../src/domain/coupons/coupon-rules.ts";
import { StoreIndex } from "../../src/domain/geo/store-index.ts";
import { parseOpenHours } from "../../src/domain/stores/open-hours.ts";
import { stockMapFrom } from "../../src/domain/stores/stock.ts";
import { creditedStoreFor, matchStores } from "../../src/domain/stores/store-matcher.ts";
import type { Store } from "../../src/domain/stores/store.ts";
import { isValidTimeZone } from "../../src/domain/time/time-zone.ts";

const catalog = JSON.parse(readFileSync(new URL("../../prisma/demo/catalog.json", import.meta.url), "utf8")) as {
  stores: Store[];
  inventory: { storeId: string; productId: string; size?: string; quantity: number }[];
  coupons: Coupon[];
};
const TIANHE = { lat: 23.1317, lng: 113.3246 };

describe("the demo catalog", () => {
  it.each(catalog.stores.map((s) => ({ id: s.id, openHours: s.openHours, timezone: s.timezone })))("$id: $openHours in $timezone", ({ openHours, timezone }) => {
    expect(parseOpenHours(openHours).ok).toBe(true);
    expect(isValidTimeZone(timezone)).toBe(true);
  });

  it("indexes every store", () => {
    expect(new StoreIndex(catalog.stores).size).toBe(catalog.stores.length);
  });

  it.each(catalog.coupons.map((c) => ({ code: c.code, coupon: c })))("$code prices a ¥500 order", ({ coupon }) => {
    const d = couponDiscount(coupon, 50_000);
    expect(d >= 0 && d <= 50_000 && Number.isInteger(d)).toBe(true);
  });

  it("scenario 1: a latte delivered to 天河城 at 10:00 comes from an open Starbucks with stock", () => {
    const r = matchStores({
      index: new StoreIndex(catalog.stores),
      stock: stockMapFrom(catalog.inventory),
      request: { brandIds: ["starbucks"], ...TIANHE, fulfillment: "delivery", items: [{ productId: "sb-latte", size: "大杯", quantity: 1 }] },
      at: new Date("2026-03-10T10:00:00+08:00"),
    });
    expect(r.ok && r.value.matches[0].store.brandId).toBe("starbucks");
  });

  it("scenario 3: a GXG flagship shipment to 天河 is credited to GXG 天河店", () => {
    expect(creditedStoreFor(TIANHE, catalog.stores.filter((s) => s.brandId === "gxg"))?.store.id).toBe("gxg-tianhe");
  });
});
