// Scenario 2 of the product brief: "附近500米有尚品宅配吗？我想约设计师" → store in the radius → designer slot booked →
// a recommendation that reflects a previous purchase → the online-claimed coupon redeemed at the till.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookAppointment } from "../../src/app/appointments.ts";
import { redeemAtTill } from "../../src/app/coupons/coupon-use-cases.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, chatter, one, testDeps } from "../support/engine.ts";

const NEAR_SPZP = { lat: 23.1210, lng: 113.3250 }; // ~180 m from 尚品宅配 珠江新城体验店

describe.each(DATABASES)("scenario 2 on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it("finds the store in the radius, books a designer, recommends from the earlier sofa, redeems the coupon offline", async () => {
    const say = chatter(testDeps(db), "fang");
    // an earlier purchase: the 欧式 sofa
    await say({ location: NEAR_SPZP });
    const q = one(await say({ text: "买一个三人位的欧式沙发，送货" }), "quote");
    await say({ tap: `confirm:${q.orderId}` });
    one(await say({ pay: { orderId: q.orderId } }), "order");
    one(await say({ text: "领取HOME500" }), "coupon");

    // the location shared for the sofa order was for that order only: it is asked again
    one(await say({ text: "附近500米有尚品宅配吗？我想约设计师" }), "choice");
    const first = await say({ location: NEAR_SPZP });
    const store = one(first, "store");
    expect(store.storeId).toBe("spzp-zhujiang");
    expect(store.distanceMeters).toBeLessThanOrEqual(500);
    const slots = one(first, "choice");
    const slot = slots.buttons!.find((b) => b.id.startsWith("slot:"))!;
    const booked = await say({ tap: slot.id });
    const appt = one(booked, "appointment");
    expect(appt).toMatchObject({ storeId: "spzp-zhujiang" });
    expect(["spzp-d1", "spzp-d2"]).toContain(appt.staffId);
    const rec = booked.find((r) => r.type === "choice" && /推荐/.test(r.text))!;
    expect(rec.text).toMatch(/欧式定制衣柜[^\n]*欧式布艺沙发/);

    const till = await redeemAtTill(db, { storeId: "spzp-zhujiang", code: "HOME500", memberRef: "fang", amountCents: 1_299_900, at: NOON });
    expect(till).toMatchObject({ ok: true, value: { discountCents: 50_000, payCents: 1_249_900 } });
    const wallet = await say({ text: "我的优惠券" });
    expect(wallet.find((r) => r.type === "coupon" && r.code === "HOME500")).toMatchObject({ status: "redeemed" });
    expect(await db.prisma.redemption.count({ where: { couponCode: "HOME500", channel: "offline", storeId: "spzp-zhujiang" } })).toBe(1);
  });

  it("books at the time asked for: 明天下午三点", async () => {
    const say = chatter(testDeps(db), "gao");
    await say({ location: NEAR_SPZP });
    const r = await say({ text: "明天下午三点约尚品宅配的设计师" });
    expect(one(r, "appointment").start).toBe(new Date("2026-11-26T15:00:00+08:00").toISOString());
  });

  it("50 concurrent bookings of one slot: exactly 1 succeeds", async () => {
    const start = new Date("2026-11-27T11:00:00+08:00");
    const members = await Promise.all(Array.from({ length: 50 }, (_, i) => resolveMember(db, { channel: "local", externalId: `rush-${i}` })));
    const results = await Promise.all(members.map((m) => bookAppointment(db, { memberId: m.id, storeId: "spzp-tianhebei", staffId: "spzp-d3", start, at: NOON })));
    expect(results.filter((r) => r.ok).length).toBe(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === "SLOT_TAKEN")).toBe(true);
    expect(await db.prisma.appointment.count({ where: { staffId: "spzp-d3", start, status: "booked" } })).toBe(1);
  });

  it("says when no store is within the radius, and offers the nearest", async () => {
    const say = chatter(testDeps(db), "hu");
    await say({ location: { lat: 23.1600, lng: 113.3500 } });
    const r = await say({ text: "附近500米有尚品宅配吗？我想约设计师" });
    expect(r[0].text).toMatch(/500米内没有门店，最近的是/);
    expect(one(r, "store").storeId).toBe("spzp-tianhebei");
  });
});
