// Scan to pay in the scripted chat, on both databases: the bill QR's start payload shows the bill with the coupon
// applied; paid in two taps (pay, then the sandbox page), or one with password-free pay; a second member is told;
// a store's static QR asks for the amount; the password-free phrases switch it on (with a confirmation) and off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { createBill } from "../../src/app/till/bills.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, chatter, one, testDeps } from "../support/engine.ts";

describe.each(DATABASES)("scan to pay in chat on %s", (kind) => {
  let db: TestDb;
  const newBill = async (amountCents: number) => {
    const r = await createBill(db, { storeId: "gxg-tianhe", amountCents, createdBy: "cli", at: NOON });
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it("scan → bill with the claimed coupon applied → pay → sandbox page → paid: two taps, the coupon redeemed", async () => {
    const say = chatter(testDeps(db, { bot: "gxg" }), "scan-amy");
    one(await say({ text: "领取GXG30" }), "coupon");
    const b = await newBill(39900);
    const shown = one(await say({ start: b.payload }), "bill");
    expect(shown).toMatchObject({ billId: b.billId, storeId: "gxg-tianhe", subtotalCents: 39900, discountCents: 27930, totalCents: 11970, currency: "CNY", couponCode: "GXG30" });
    expect(shown.buttons!.map((x) => x.id)).toEqual([`bill_pay:${b.billId}`, `bill_nocoupon:${b.billId}`]);
    const link = one(await say({ tap: shown.buttons![0].id }), "payment_link");
    expect(link).toMatchObject({ orderId: b.billId, totalCents: 11970, currency: "CNY" });
    const paid = one(await say({ pay: { orderId: b.billId } }), "bill");
    expect(paid).toMatchObject({ billId: b.billId, status: "paid", totalCents: 11970, couponCode: "GXG30" });
    expect(paid.text).toContain("GXG30");
    expect(await db.prisma.redemption.count({ where: { couponCode: "GXG30", channel: "offline", storeId: "gxg-tianhe" } })).toBe(1);
    // a double tap of the sandbox payment: told, not charged again
    expect(one(await say({ pay: { orderId: b.billId } }), "error").code).toBe("BILL_PAID");

    const other = chatter(testDeps(db, { bot: "gxg" }), "scan-ben");
    const told = one(await other({ start: b.payload }), "error");
    expect(told).toMatchObject({ code: "BILL_PAID" });
    expect(told.text).not.toMatch(/stack|Error:/);
  });

  it("a second member scanning a bill someone is paying is told; an expired bill says so", async () => {
    const b = await newBill(5000);
    one(await chatter(testDeps(db), "scan-cat")({ start: b.payload }), "bill");
    expect(one(await chatter(testDeps(db), "scan-dan")({ start: b.payload }), "error").code).toBe("BILL_TAKEN");
    const late = testDeps(db, { now: new Date(NOON.getTime() + 10 * 60_000) });
    expect(one(await chatter(late, "scan-dan")({ start: (await newBill(100)).payload }), "error").code).toBe("BILL_EXPIRED");
    expect(one(await chatter(testDeps(db), "scan-dan")({ start: "bill-nosuchbill" }), "error").code).toBe("NOT_FOUND");
  });

  it("password-free: enable with a confirmation, then scan → paid in one tap; disabled again, the pay tap gives a link", async () => {
    const say = chatter(testDeps(db, { bot: "gxg" }), "scan-eve");
    const ask = one(await say({ text: "开通免密支付" }), "choice");
    expect(ask.buttons!.map((x) => x.id)).toContain("one_tap_on");
    expect(await db.prisma.oneTapPay.count()).toBe(0);
    expect(one(await say({ tap: "one_tap_on" }), "text").text).toContain("¥300.00");
    const b = await newBill(8800);
    const shown = one(await say({ start: b.payload }), "bill");
    expect(shown.buttons![0].label).toContain("免密");
    const paid = one(await say({ tap: shown.buttons![0].id }), "bill");
    expect(paid).toMatchObject({ status: "paid", totalCents: 8800 });
    expect((await db.prisma.bill.findUniqueOrThrow({ where: { id: b.billId } })).paidVia).toBe("one_tap");

    // above the limit: a word why, and the link
    const big = await newBill(50000);
    const pay = await say({ tap: one(await say({ start: big.payload }), "bill").buttons![0].id });
    expect(one(pay, "text").text).toContain("限额");
    one(pay, "payment_link");

    expect(one(await say({ text: "关闭免密支付" }), "text").text).toContain("已关闭");
    const again = await newBill(100);
    one(await say({ tap: one(await say({ start: again.payload }), "bill").buttons![0].id }), "payment_link");
  });

  it("don't use the coupon: the bill shows the full amount and the coupon stays in the wallet", async () => {
    const say = chatter(testDeps(db, { bot: "gxg" }), "scan-fin");
    one(await say({ text: "领取GXG30" }), "coupon");
    const b = await newBill(20000);
    const shown = one(await say({ start: b.payload }), "bill");
    const full = one(await say({ tap: `bill_nocoupon:${b.billId}` }), "bill");
    expect(shown.couponCode).toBe("GXG30");
    expect(full).toMatchObject({ totalCents: 20000, discountCents: 0, couponCode: null });
    one(await say({ tap: full.buttons![0].id }), "payment_link");
    expect(one(await say({ pay: { orderId: b.billId } }), "bill")).toMatchObject({ status: "paid", totalCents: 20000 });
    expect(one(await say({ text: "我的优惠券" }), "coupon")).toMatchObject({ code: "GXG30", status: "claimed" });
  });

  it("a store's static QR asks for the amount, and the amount typed opens a bill there", async () => {
    const say = chatter(testDeps(db, { bot: "gxg" }), "scan-gus");
    const replies = await say({ start: "store-gxg-tianhe" });
    expect(replies.find((r) => r.type === "choice")?.text).toMatch(/金额|amount/);
    const bill = one(await say({ text: "¥128.5" }), "bill");
    expect(bill).toMatchObject({ storeId: "gxg-tianhe", subtotalCents: 12850 });
  });
});
