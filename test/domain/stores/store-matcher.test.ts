import { describe, expect, it } from "vitest";
import { StoreIndex } from "../../../src/domain/geo/store-index.ts";
import { estimateEtaMinutes } from "../../../src/domain/stores/eta.ts";
import { stockKey } from "../../../src/domain/stores/stock.ts";
import {
  createStoreChecks, matchStores, type MatchRequest, type StoreMatchResult,
} from "../../../src/domain/stores/store-matcher.ts";
import { BAIYUN, BEIJING, INDEX, STOCK, type DemoStore, sh, TIANHE } from "./fixtures.ts";

type Req = Partial<MatchRequest> & Pick<MatchRequest, "items">;
const request = (r: Req): MatchRequest => ({ brandIds: ["starbucks"], ...TIANHE, fulfillment: "delivery", ...r });
const latte = (size: string | null, quantity = 1) => ({ productId: "sb-latte", size, quantity });
const jeans = (size: string, quantity = 1) => ({ productId: "gxg-jeans", size, quantity });
const GXG = { brandIds: ["gxg"] };

/** The result as a one-line spec: matched store ids, or failure reason codes and alternatives. */
function summary(r: StoreMatchResult<DemoStore>) {
  return r.ok
    ? { matches: r.value.matches.map((m) => m.store.id) }
    : { reasons: r.error.reasons.map((x) => x.code), alternatives: r.error.alternatives.map((a) => `${a.kind}:${a.store.id}`) };
}
const match = (r: Req, at = sh("10:00"), index = INDEX) => matchStores({ index, stock: STOCK, request: request(r), at });

describe("matchStores: who serves the request", () => {
  it.each([
    { what: "latte 中杯 for delivery: the nearest store is out, the next one has it", req: { items: [latte("中杯")] }, matches: ["sb-zhengjia"] },
    { what: "latte 大杯: every store with stock, nearest first", req: { items: [latte("大杯")] }, matches: ["sb-taikoohui", "sb-zhujiang"] },
    { what: "ten 大杯: only the store holding ten", req: { items: [latte("大杯", 10)] }, matches: ["sb-taikoohui"] },
    { what: "every line must be in one store", req: { items: [latte("大杯"), { productId: "sb-croissant", size: null, quantity: 2 }] }, matches: ["sb-zhujiang"] },
    { what: "any brand (marketplace bot)", req: { brandIds: null, items: [latte("中杯")] }, matches: ["sb-zhengjia"] },
    { what: "pickup", req: { fulfillment: "pickup" as const, items: [latte("大杯")] }, matches: ["sb-taikoohui", "sb-zhujiang"] },
    { what: "pickup within 1 km (附近1公里)", req: { fulfillment: "pickup" as const, items: [latte("大杯")], maxDistanceMeters: 1000 }, matches: ["sb-taikoohui"] },
    { what: "jeans 32 for pickup: the local store is out, Wushan (4 km) has two", req: { ...GXG, fulfillment: "pickup" as const, items: [jeans("32")] }, matches: ["gxg-wushan"] },
    { what: "jeans 32 shipped: the flagship", req: { ...GXG, fulfillment: "ship" as const, items: [jeans("32")] }, matches: ["gxg-flagship"] },
    { what: "appointment with no items", req: { brandIds: ["spzp"], fulfillment: "appointment" as const, items: [] }, matches: ["spzp-zhujiang"] },
  ])("$what", ({ req, matches }) => {
    expect(summary(match(req))).toEqual({ matches });
  });

  it.each([
    { what: "latte 中杯 at 07:59: Zhengjia opens at 08:00", at: sh("07:59"), req: { items: [latte("中杯")] }, matches: [] as string[], reasons: ["ALL_CLOSED"] },
    { what: "latte 中杯 at 08:00", at: sh("08:00"), req: { items: [latte("中杯")] }, matches: ["sb-zhengjia"] },
    { what: "latte 中杯 at 23:00 (end exclusive)", at: sh("23:00"), req: { items: [latte("中杯")] }, matches: [], reasons: ["ALL_CLOSED"] },
    { what: "latte 大杯 at 03:00: only the 24-hour store", at: sh("03:00"), req: { items: [latte("大杯")] }, matches: ["sb-zhujiang"] },
    { what: "an appointment at night is still bookable", at: sh("23:30"), req: { brandIds: ["spzp"], fulfillment: "appointment" as const, items: [] }, matches: ["spzp-zhujiang"] },
    { what: "shipping at night is still possible", at: sh("03:00"), req: { ...GXG, fulfillment: "ship" as const, items: [jeans("33")] }, matches: ["gxg-flagship"] },
  ])("open now, in the store's zone: $what", ({ at, req, matches, reasons }) => {
    const s = summary(match(req, at));
    if (matches.length) expect(s).toEqual({ matches });
    else expect(s).toMatchObject({ reasons });
  });
});

describe("matchStores: why nothing matched, and what to do instead", () => {
  it.each([
    {
      what: "nobody has latte 超大杯",
      req: { items: [latte("超大杯")] },
      reasons: ["OUT_OF_STOCK"], alternatives: [],
    },
    {
      what: "Baiyun is outside every delivery radius; pickup 7 km away works",
      req: { ...BAIYUN, items: [latte("中杯")] },
      reasons: ["OUT_OF_RADIUS"], alternatives: ["PICKUP_INSTEAD:sb-zhengjia"],
    },
    {
      what: "no Starbucks near Beijing",
      req: { ...BEIJING, items: [latte("中杯")] },
      reasons: ["NO_STORE_NEARBY"], alternatives: [],
    },
    {
      what: "Starbucks takes no appointments",
      req: { fulfillment: "appointment" as const, items: [] },
      reasons: ["SERVICE_UNAVAILABLE"], alternatives: [],
    },
    {
      what: "jeans 32 within 1 km: a farther store has them, and the flagship ships",
      req: { ...GXG, fulfillment: "pickup" as const, maxDistanceMeters: 1000, items: [jeans("32")] },
      reasons: ["OUT_OF_STOCK"], alternatives: ["FARTHER_STORE:gxg-wushan", "SHIP_FROM_FLAGSHIP:gxg-flagship"],
    },
    {
      what: "jeans 33 for delivery: only the flagship has them",
      req: { ...GXG, items: [jeans("33")] },
      reasons: ["OUT_OF_STOCK"], alternatives: ["SHIP_FROM_FLAGSHIP:gxg-flagship"],
    },
    {
      what: "three jeans 32: no store holds three, the flagship does",
      req: { ...GXG, fulfillment: "pickup" as const, items: [jeans("32", 3)] },
      reasons: ["OUT_OF_STOCK"], alternatives: ["SHIP_FROM_FLAGSHIP:gxg-flagship"],
    },
    {
      what: "jeans 32 for delivery at 08:00: out locally, Wushan has them but opens at 10:00",
      at: sh("08:00"),
      req: { ...GXG, items: [jeans("32")] },
      reasons: ["ALL_CLOSED"], alternatives: ["SHIP_FROM_FLAGSHIP:gxg-flagship"],
    },
    {
      what: "jeans 33 at 08:00: nobody local has them and every store is closed",
      at: sh("08:00"),
      req: { ...GXG, items: [jeans("33")] },
      reasons: ["OUT_OF_STOCK", "ALL_CLOSED"], alternatives: ["SHIP_FROM_FLAGSHIP:gxg-flagship"],
    },
    {
      what: "latte 超大杯 at 03:00: the 24-hour store is open, so only stock is to blame",
      at: sh("03:00"),
      req: { items: [latte("超大杯")] },
      reasons: ["OUT_OF_STOCK"], alternatives: [],
    },
    {
      what: "jeans 34 shipped: the flagship is out too, and no store has them for pickup",
      req: { ...GXG, fulfillment: "ship" as const, items: [jeans("34")] },
      reasons: ["OUT_OF_STOCK"], alternatives: [],
    },
  ])("$what → $reasons", ({ req, at, reasons, alternatives }) => {
    expect(summary(match(req, at ?? sh("10:00")))).toEqual({ reasons, alternatives });
  });

  it("ALL_CLOSED names the store that has it and when it reopens", () => {
    const r = match({ items: [latte("中杯")] }, sh("23:30"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("ALL_CLOSED");
    expect(r.error.reasons[0]).toEqual({ code: "ALL_CLOSED", storeId: "sb-zhengjia", reopensAt: sh("08:00", "2026-03-11") });
    expect(r.error.message).toMatch(/ALL_CLOSED/);
  });

  it("ALL_CLOSED picks the earliest reopening among the stores", () => {
    // 06:00: Tianhe (07:00), Taikoohui (07:30) and Zhengjia (08:00) are closed; Zhujiang is open but has no americano
    const r = match({ items: [{ productId: "sb-americano", size: "中杯", quantity: 1 }] }, sh("06:00"));
    expect(!r.ok && r.error.reasons).toEqual([{ code: "ALL_CLOSED", storeId: "sb-tianhe", reopensAt: sh("07:00") }]);
  });

  it("OUT_OF_STOCK names the product, size and the most any store has", () => {
    const r = match({ items: [latte("大杯", 30), latte("中杯", 2)] });
    expect(!r.ok && r.error.reasons).toEqual([{ code: "OUT_OF_STOCK", items: [{ productId: "sb-latte", size: "大杯", quantity: 30, bestAvailable: 20 }] }]);
  });

  it("OUT_OF_STOCK when each line exists somewhere but never together: the nearest store's gaps", () => {
    const r = match({ items: [latte("大杯"), { productId: "sb-americano", size: "中杯", quantity: 1 }] });
    expect(!r.ok && r.error.reasons).toEqual([{ code: "OUT_OF_STOCK", items: [{ productId: "sb-latte", size: "大杯", quantity: 1, bestAvailable: 0 }] }]);
  });

  it("OUT_OF_RADIUS gives the nearest store's distance and radius", () => {
    const r = match({ ...BAIYUN, items: [latte("中杯")] });
    expect(!r.ok && r.error.reasons[0]).toMatchObject({ code: "OUT_OF_RADIUS", storeId: "sb-tianhe", deliveryRadiusMeters: 3000 });
    expect(!r.ok && r.error.reasons[0].code === "OUT_OF_RADIUS" && Math.round(r.error.reasons[0].distanceMeters)).toBe(6953);
  });

  it("NO_STORE_NEARBY says how far the nearest store is", () => {
    const r = match({ ...BEIJING, items: [latte("中杯")] });
    expect(!r.ok && r.error.reasons[0]).toMatchObject({ code: "NO_STORE_NEARBY", searchedRadiusMeters: 10_000, nearest: { storeId: "sb-taikoohui" } });
  });

  it("alternatives carry the fulfillment to switch to and an ETA", () => {
    const r = match({ ...BAIYUN, items: [latte("中杯")] });
    expect(!r.ok && r.error.alternatives[0]).toMatchObject({ kind: "PICKUP_INSTEAD", fulfillment: "pickup", etaMinutes: 28 });
    const s = match({ ...GXG, items: [jeans("33")] });
    expect(!s.ok && s.error.alternatives[0]).toMatchObject({ kind: "SHIP_FROM_FLAGSHIP", fulfillment: "ship", etaMinutes: 2880 });
  });
});

describe("matchStores: ranking and ETA", () => {
  it.each([
    { fulfillment: "delivery" as const, meters: 265, eta: 7 }, // 5 min prep + 265 m at 15 km/h
    { fulfillment: "delivery" as const, meters: 3000, eta: 17 },
    { fulfillment: "pickup" as const, meters: 265, eta: 5 }, // made while the customer walks over
    { fulfillment: "pickup" as const, meters: 4080, eta: 17 },
    { fulfillment: "appointment" as const, meters: 1360, eta: 6 },
    { fulfillment: "ship" as const, meters: 1_108_399, eta: 2880 },
  ])("$fulfillment from $meters m: $eta min", ({ fulfillment, meters, eta }) => {
    expect(estimateEtaMinutes(fulfillment, meters)).toBe(eta);
  });

  it("returns distance and ETA with each match, ascending", () => {
    const r = match({ items: [latte("大杯")] });
    expect(r.ok && r.value.matches.map((m) => [m.store.id, Math.round(m.distanceMeters), m.etaMinutes, m.fulfillment])).toEqual([
      ["sb-taikoohui", 776, 9, "delivery"],
      ["sb-zhujiang", 1328, 11, "delivery"],
    ]);
  });

  it("honours maxResults and the ETA options", () => {
    const r = matchStores({ index: INDEX, stock: STOCK, request: request({ items: [latte("大杯")] }), at: sh("10:00"), options: { maxResults: 1, eta: { prepMinutes: 10 } } });
    expect(r.ok && r.value.matches.map((m) => [m.store.id, m.etaMinutes])).toEqual([["sb-taikoohui", 14]]);
  });

  it("reads stock from a function as from a Map", () => {
    const fn = (storeId: string, productId: string, size: string) => STOCK.get(stockKey(storeId, productId, size)) ?? 0;
    const viaFn = matchStores({ index: INDEX, stock: fn, request: request({ items: [latte("大杯")] }), at: sh("10:00") });
    expect(viaFn).toEqual(match({ items: [latte("大杯")] }));
  });

  it("treats a store with broken hours or zone as closed rather than failing the query", () => {
    const broken = new StoreIndex([
      { id: "bad-hours", brandId: "x", lat: 23.1317, lng: 113.3246, openHours: "7-22", timezone: "Asia/Shanghai", services: ["pickup"], deliveryRadiusMeters: 0, flagship: false },
      { id: "bad-zone", brandId: "x", lat: 23.1318, lng: 113.3246, openHours: "00:00-24:00", timezone: "Asia/Atlantis", services: ["pickup"], deliveryRadiusMeters: 0, flagship: false },
      { id: "fine", brandId: "x", lat: 23.14, lng: 113.3246, openHours: "00:00-24:00", timezone: "Asia/Shanghai", services: ["pickup"], deliveryRadiusMeters: 0, flagship: false },
    ]);
    const r = matchStores({ index: broken, stock: () => 1, request: request({ brandIds: ["x"], fulfillment: "pickup", items: [latte("中杯")] }), at: sh("10:00") });
    expect(r.ok && r.value.matches.map((m) => m.store.id)).toEqual(["fine"]);
  });
});

describe("matchStores: demand-event candidates (unmet)", () => {
  it.each([
    {
      what: "served by a farther store: still unmet in the area store (sb-tianhe)",
      req: { items: [latte("中杯")] },
      unmet: [{ productId: "sb-latte", size: "中杯", quantity: 1, reason: "OUT_OF_STOCK", areaStoreId: "sb-tianhe", availableQuantity: 0, servedByStoreId: "sb-zhengjia" }],
    },
    {
      what: "the area store has it: nothing unmet",
      req: { items: [{ productId: "sb-americano", size: "中杯", quantity: 2 }] },
      unmet: [],
    },
    {
      what: "nobody has it: unmet, served by nobody",
      req: { items: [latte("超大杯")] },
      unmet: [{ productId: "sb-latte", size: "超大杯", quantity: 1, reason: "OUT_OF_STOCK", areaStoreId: "sb-tianhe", availableQuantity: 0, servedByStoreId: null }],
    },
    {
      what: "the flagship ships jeans 32, but the local dealer was out (scenario 3)",
      req: { ...GXG, fulfillment: "ship" as const, items: [jeans("32")] },
      unmet: [{ productId: "gxg-jeans", size: "32", quantity: 1, reason: "OUT_OF_STOCK", areaStoreId: "gxg-tianhe", availableQuantity: 0, servedByStoreId: "gxg-flagship" }],
    },
    {
      what: "asked for more than the area store holds",
      req: { ...GXG, fulfillment: "pickup" as const, items: [jeans("31", 5)] },
      unmet: [{ productId: "gxg-jeans", size: "31", quantity: 5, reason: "OUT_OF_STOCK", areaStoreId: "gxg-tianhe", availableQuantity: 3, servedByStoreId: null }],
    },
    {
      what: "no store of the brand around: NO_STORE_NEARBY",
      req: { ...BEIJING, items: [latte("中杯")] },
      unmet: [{ productId: "sb-latte", size: "中杯", quantity: 1, reason: "NO_STORE_NEARBY", areaStoreId: null, availableQuantity: 0, servedByStoreId: null }],
    },
    {
      what: "any-brand request: each line's brandId scopes its area store",
      req: { brandIds: null, fulfillment: "pickup" as const, items: [{ ...jeans("32"), brandId: "gxg" }] },
      unmet: [{ productId: "gxg-jeans", size: "32", quantity: 1, reason: "OUT_OF_STOCK", areaStoreId: "gxg-tianhe", availableQuantity: 0, servedByStoreId: "gxg-wushan" }],
    },
  ])("$what", ({ req, unmet }) => {
    expect(match(req).unmet).toEqual(unmet);
  });
});

describe("createStoreChecks", () => {
  const s = (id: string) => INDEX.get(id)!;
  it.each([
    { check: "brand", store: "gxg-tianhe", expected: false },
    { check: "service", store: "gxg-flagship", expected: false },
    { check: "open", store: "sb-tianhe", expected: true },
    { check: "stocked", store: "sb-tianhe", expected: false },
    { check: "stocked", store: "sb-zhengjia", expected: true },
    { check: "eligible", store: "sb-zhengjia", expected: true },
    { check: "eligible", store: "sb-tianhe", expected: false },
  ] as const)("$check($store) = $expected for latte 中杯 delivery at 10:00", ({ check, store, expected }) => {
    const checks = createStoreChecks<DemoStore>(STOCK, request({ items: [latte("中杯")] }), sh("10:00"));
    expect(checks[check](s(store), 0)).toBe(expected);
  });
});
