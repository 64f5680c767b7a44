// The tap table: every button kind writes the protocol's wire string and reads it back; an unknown, malformed or
// forged tap reads as nothing, and the engine answers it with a friendly error, never a failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { TAPS, readTap, tapId, type Tap, type TapName } from "../../src/domain/chat/taps.ts";
import type { Reply } from "../../src/conversation/replies.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { TIANHE, chatter, one, testDeps } from "../support/engine.ts";

/** One tap of every kind, with the wire string docs/chat-protocol.md documents for it. */
const SAMPLES: [string, Tap][] = [
  ["confirm:ord_1", { name: "confirm", args: { orderId: "ord_1" } }],
  ["confirm", { name: "confirm", args: { orderId: null } }],
  ["cancel:ord_1", { name: "cancel", args: { orderId: "ord_1" } }],
  ["cancel", { name: "cancel", args: { orderId: null } }],
  ["size:大杯", { name: "size", args: { size: "大杯" } }],
  ["fulfil:pickup", { name: "fulfil", args: { fulfillment: "pickup" } }],
  ["store:gxg-tianhe", { name: "store", args: { storeId: "gxg-tianhe", fulfillment: null } }],
  ["store:gxg-tianhe:ship", { name: "store", args: { storeId: "gxg-tianhe", fulfillment: "ship" } }],
  ["product:latte", { name: "product", args: { productId: "latte", size: null } }],
  ["product:jeans:31", { name: "product", args: { productId: "jeans", size: "31" } }],
  ["claim", { name: "claim", args: { code: null, campaignId: null } }],
  ["claim:GXG30", { name: "claim", args: { code: "GXG30", campaignId: null } }],
  ["claim:GXG30:cmp_9", { name: "claim", args: { code: "GXG30", campaignId: "cmp_9" } }],
  ["coupons", { name: "coupons", args: {} }],
  ["orders", { name: "orders", args: {} }],
  ["help", { name: "help", args: {} }],
  ["account", { name: "account", args: {} }],
  ["bind_phone", { name: "bind_phone", args: {} }],
  ["follow", { name: "follow", args: { brandId: null } }],
  ["follow:gxg", { name: "follow", args: { brandId: "gxg" } }],
  ["forget:yes", { name: "forget", args: { answer: "yes" } }],
  ["book", { name: "book", args: { storeId: null } }],
  ["book:spzp-tianhe", { name: "book", args: { storeId: "spzp-tianhe" } }],
  ["slot:stf_1:1764043200000", { name: "slot", args: { staffId: "stf_1", startMs: 1764043200000 } }],
  ["rebook:apt_1", { name: "rebook", args: { appointmentId: "apt_1" } }],
  ["reslot:apt_1:stf_1:1764043200000", { name: "reslot", args: { appointmentId: "apt_1", staffId: "stf_1", startMs: 1764043200000 } }],
  ["unbook:apt_1", { name: "unbook", args: { appointmentId: "apt_1" } }],
  ["bill_pay:bill_1", { name: "bill_pay", args: { billId: "bill_1", useCoupon: true } }],
  ["bill_pay:bill_1:0", { name: "bill_pay", args: { billId: "bill_1", useCoupon: false } }],
  ["bill_nocoupon:bill_1", { name: "bill_nocoupon", args: { billId: "bill_1" } }],
  ["bill_open:bill_1", { name: "bill_open", args: { billId: "bill_1" } }],
  ["one_tap_on", { name: "one_tap_on", args: {} }],
];

describe("the tap table", () => {
  it("has a sample for every button kind (a new kind needs its wire string here)", () => {
    expect([...new Set(SAMPLES.map(([, t]) => t.name))].sort()).toEqual(Object.keys(TAPS).sort());
  });

  it.each(SAMPLES)("%s: encodes to the wire string and decodes back", (wire, tap) => {
    expect(tapId(tap.name, tap.args as never)).toBe(wire);
    expect(readTap(wire)).toEqual(tap);
  });

  it("reads what older buttons and hand-typed ids carry as the old parser did", () => {
    // an argument on a kind without one is ignored; a size may contain colons; an unknown way of receiving is dropped
    expect(readTap("coupons:x")).toEqual({ name: "coupons", args: {} });
    expect(readTap("product:p1:XL:tall")).toEqual({ name: "product", args: { productId: "p1", size: "XL:tall" } });
    expect(readTap("store:s1:teleport")).toEqual({ name: "store", args: { storeId: "s1", fulfillment: null } });
    expect(readTap("claim::cmp_9")).toEqual({ name: "claim", args: { code: null, campaignId: null } });
    expect(readTap("forget")).toEqual({ name: "forget", args: { answer: "" } });
  });

  it.each([
    "", "nope", "Confirm:o1", "url:https://pay.test/x", "constructor", "__proto__", "hasOwnProperty", "confirm:has space",
    `confirm:${"x".repeat(181)}`, "fulfil:teleport", "fulfil", "slot:stf_1", "slot:stf_1:soon", "slot::1764043200000",
    "reslot:apt_1:stf_1", "reslot:apt_1::1", "staff:completed:o1", "mc:ok",
  ])("reads the forged or unknown tap %j as nothing", (wire) => {
    expect(readTap(wire)).toBeNull();
  });

  it("refuses to write a button the protocol cannot read back", () => {
    expect(() => tapId("slot", { staffId: "", startMs: 1 })).toThrow();
    expect(() => tapId("claim", { code: null, campaignId: "cmp_9" })).toThrow();
    expect(() => tapId("fulfil", { fulfillment: "teleport" as never })).toThrow();
  });
});

describe("taps in the engine", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it.each([
    ["nope", "INVALID_INPUT"],
    ["constructor", "INVALID_INPUT"],
    ["url:https://pay.test/x", "INVALID_INPUT"],
    ["slot:no-such-staff:1764043200000", "INVALID_INPUT"],
    ["slot:stf:tomorrow", "INVALID_INPUT"],
    ["fulfil:pickup", "INVALID_INPUT"], // no order in progress
    ["store:gxg-tianhe", "INVALID_INPUT"], // no order in progress
    ["product:no-such-product", "NOT_FOUND"],
    ["bill_pay:no-such-bill", "NOT_FOUND"],
    ["bill_open:", "NOT_FOUND"],
    ["unbook:no-such-booking", "NOT_FOUND"],
    ["reslot:no-such-booking:stf:1764043200000", "NOT_FOUND"],
    ["confirm:no-such-order", "NOT_FOUND"],
  ])("answers the forged tap %s with a friendly %s error", async (tap, code) => {
    const replies = await chatter(testDeps(db), `forged-${tap}`)({ tap });
    const err = one(replies, "error");
    expect(err.code).toBe(code);
    expect(err.text.length).toBeGreaterThan(0);
  });

  it("every button a session shows is a tap the table reads (or a link)", async () => {
    const say = chatter(testDeps(db), "buttons");
    const seen: Reply[] = [];
    const run = async (e: Parameters<typeof say>[0]) => {
      const r = await say(e);
      seen.push(...r);
      return r;
    };
    await run({ start: null });
    await run({ text: "我要一条牛仔裤" });
    await run({ tap: "size:31" });
    const q = one(await run({ location: TIANHE }), "quote");
    await run({ tap: `confirm:${q.orderId}` });
    await run({ text: "我的优惠券" });
    await run({ text: "领券" });
    await run({ text: "我的订单" });
    await run({ text: "附近有尚品宅配吗" });
    await run({ text: "明天下午三点约设计师" });
    await run({ text: "我的账户" });
    await run({ text: "忘记我" });
    const ids = seen.flatMap((r) => r.buttons ?? []).map((b) => b.id);
    expect(ids.length).toBeGreaterThan(10);
    const unread = ids.filter((id) => !id.startsWith("url:") && readTap(id) === null);
    expect(unread).toEqual([]);
    const kinds = new Set(ids.map((id) => readTap(id)?.name).filter(Boolean) as TapName[]);
    for (const k of ["size", "confirm", "cancel", "coupons", "orders", "claim", "forget"] as TapName[]) expect(kinds).toContain(k);
  });
});
