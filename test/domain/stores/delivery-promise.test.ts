// The delivery promise: a store (or its brand) declares "within N minutes"; delivery is offered only from stores
// whose estimate (preparation + ride at 15 km/h, rounded up) keeps it. Distances from TIANHE (fixtures.ts):
// sb-taikoohui 776 m (ride 3.1 min), sb-zhujiang 1328 m (ride 5.3 min); the default preparation is 5 minutes.
import { describe, expect, it } from "vitest";
import { StoreIndex } from "../../../src/domain/geo/store-index.ts";
import { keepsPromise, storeEtaMinutes } from "../../../src/domain/stores/eta.ts";
import { createStoreChecks, matchStores, type MatchRequest } from "../../../src/domain/stores/store-matcher.ts";
import { STOCK, STORES, type DemoStore, sh, TIANHE } from "./fixtures.ts";

type Patch = Partial<Pick<DemoStore, "deliveryPromiseMinutes" | "prepMinutes">> | undefined;
const indexWith = (patch: Record<string, Patch>) => new StoreIndex(STORES.map((s) => ({ ...s, ...patch[s.id] })));
const latteLarge = { productId: "sb-latte", size: "大杯", quantity: 1 };
const request = (r: Partial<MatchRequest> = {}): MatchRequest => ({ brandIds: ["starbucks"], ...TIANHE, fulfillment: "delivery", items: [latteLarge], ...r });
const match = (patch: Record<string, Patch>, r: Partial<MatchRequest> = {}, at = sh("10:00")) =>
  matchStores({ index: indexWith(patch), stock: STOCK, request: request(r), at });

describe("the estimate: preparation plus the ride", () => {
  it.each([
    { what: "default preparation (5) + 776 m", store: {}, d: 776, eta: 9 },
    { what: "the store's own preparation", store: { prepMinutes: 12 }, d: 776, eta: 16 },
    { what: "no preparation: the ride alone", store: { prepMinutes: 0 }, d: 776, eta: 4 },
    { what: "at the door", store: { prepMinutes: 3 }, d: 0, eta: 3 },
    { what: "3 km away", store: { prepMinutes: 5 }, d: 3000, eta: 17 },
  ])("$what → $eta min", ({ store, d, eta }) => {
    expect(storeEtaMinutes(store, "delivery", d)).toBe(eta);
  });

  it.each([
    { what: "no promise is always kept", store: { prepMinutes: 60 }, d: 5000, kept: true },
    { what: "9 min within a 10-minute promise", store: { deliveryPromiseMinutes: 10 }, d: 776, kept: true },
    { what: "exactly on the promise", store: { deliveryPromiseMinutes: 9 }, d: 776, kept: true },
    { what: "9 min breaks an 8-minute promise", store: { deliveryPromiseMinutes: 8 }, d: 776, kept: false },
    { what: "a slow kitchen breaks a 15-minute promise at 776 m", store: { deliveryPromiseMinutes: 15, prepMinutes: 12 }, d: 776, kept: false },
  ])("$what", ({ store, d, kept }) => {
    expect(keepsPromise(store, d)).toBe(kept);
  });
});

describe("matchStores with delivery promises", () => {
  it.each([
    { what: "no promises: every stocked store, with its estimate", patch: {}, matches: [["sb-taikoohui", 9], ["sb-zhujiang", 11]] },
    { what: "a 10-minute promise: only the store that keeps it", patch: { "sb-taikoohui": { deliveryPromiseMinutes: 10 }, "sb-zhujiang": { deliveryPromiseMinutes: 10 } }, matches: [["sb-taikoohui", 9]] },
    {
      what: "the nearer store's slow kitchen breaks its promise: the farther one that keeps it is offered",
      patch: { "sb-taikoohui": { deliveryPromiseMinutes: 15, prepMinutes: 20 }, "sb-zhujiang": { deliveryPromiseMinutes: 15 } },
      matches: [["sb-zhujiang", 11]],
    },
    { what: "a quick kitchen shortens the estimate", patch: { "sb-taikoohui": { prepMinutes: 1 } }, matches: [["sb-taikoohui", 5], ["sb-zhujiang", 11]] },
  ])("$what", ({ patch, matches }) => {
    const r = match(patch);
    expect(r.ok && r.value.matches.map((m) => [m.store.id, m.etaMinutes])).toEqual(matches);
  });

  it("when every store in reach breaks its promise, the diagnosis says so (the one closest to keeping it) and pickup stays offered", () => {
    const r = match({ "sb-taikoohui": { deliveryPromiseMinutes: 8 }, "sb-zhujiang": { deliveryPromiseMinutes: 8 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("PROMISE_BROKEN");
    expect(r.error.reasons).toEqual([{ code: "PROMISE_BROKEN", storeId: "sb-taikoohui", distanceMeters: expect.closeTo(776, -1), etaMinutes: 9, promiseMinutes: 8 }]);
    expect(r.error.alternatives.map((a) => `${a.kind}:${a.store.id}:${a.etaMinutes}`)).toEqual(["PICKUP_INSTEAD:sb-taikoohui:5"]);
  });

  it.each([
    { what: "pickup ignores the delivery promise", r: { fulfillment: "pickup" as const }, at: sh("10:00"), expected: { ok: true } },
    { what: "nobody has the goods: out of stock, not the promise", r: { items: [{ ...latteLarge, size: "超大杯" }] }, at: sh("10:00"), expected: { ok: false, error: { code: "OUT_OF_STOCK" } } },
    { what: "at 03:00 only the 24-hour store is open, and it breaks its promise", r: {}, at: sh("03:00"), expected: { ok: false, error: { code: "PROMISE_BROKEN" } } },
  ])("$what", ({ r, at, expected }) => {
    const promised = { deliveryPromiseMinutes: 1 };
    expect(match({ "sb-taikoohui": promised, "sb-zhujiang": promised }, r, at)).toMatchObject(expected);
  });

  it("the per-store check used by the linear-scan baseline applies the same promise", () => {
    const [taikoohui] = indexWith({ "sb-taikoohui": { deliveryPromiseMinutes: 8 } }).around(TIANHE.lat, TIANHE.lng, { brandIds: ["starbucks"], maxResults: 10 }).filter((h) => h.store.id === "sb-taikoohui");
    const checks = createStoreChecks<DemoStore>(STOCK, request(), sh("10:00"));
    expect(checks.promise(taikoohui.store, taikoohui.distanceMeters)).toBe(false);
    expect(checks.eligible(taikoohui.store, taikoohui.distanceMeters)).toBe(false);
    expect(checks.eligible({ ...taikoohui.store, deliveryPromiseMinutes: 9 }, taikoohui.distanceMeters)).toBe(true);
  });
});
