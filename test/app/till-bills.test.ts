// Bills at the till on both databases: the scanned bill carries the member's best coupon, paying redeems it in the
// same transaction, and nothing is paid or redeemed twice — two members, double taps, twenty parallel attempts,
// an expired or voided bill. Password-free pay within its limit and daily cap. The till's staff hear of the payment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimCoupon } from "../../src/app/coupons/coupon-use-cases.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { createBill, openBill, payBill, showBill, staffCreateBill, staffVoidBill, voidBill } from "../../src/app/till/bills.ts";
import { disableOneTap, enableOneTap } from "../../src/app/till/one-tap-pay.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const LATER = (ms: number) => new Date(NOON.getTime() + ms);

describe.each(DATABASES)("bills at the till on %s", (kind) => {
  let db: TestDb;
  const member = async (name: string) => (await resolveMember(db, { channel: "local", externalId: name })).id;
  const bill = async (amountCents: number, storeId = "gxg-tianhe") => {
    const r = await createBill(db, { storeId, amountCents, createdBy: "cli", at: NOON });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it("applies a claimed percent coupon to the scanned bill and redeems it in the same payment; the till's staff hear it", async () => {
    const ann = await member("till-ann");
    expect((await claimCoupon(db, { memberId: ann, code: "GXG30", botBrandIds: null, at: NOON })).ok).toBe(true);
    // a staff member of the store, bound to the brand's bot
    await db.prisma.staff.create({ data: { id: "till-staff-1", storeId: "gxg-tianhe", name: "Till", workingHours: [], telegramUserId: "7001" } });
    await db.prisma.staffInvite.create({ data: { code: "TILLINV1", storeId: "gxg-tianhe", staffId: "till-staff-1", expiresAt: LATER(3600_000), usedAt: NOON, usedBy: "7001@gxg" } });

    const b = await bill(39900);
    expect(b.payload.length).toBeLessThanOrEqual(64);
    const shown = await openBill(db, { billId: b.billId, memberId: ann, at: LATER(1000) });
    // 3折: pay 30%, save 70%
    expect(shown).toMatchObject({ ok: true, value: { status: "open", subtotalCents: 39900, discountCents: 27930, totalCents: 11970, couponCode: "GXG30" } });

    const paid = await payBill(db, { billId: b.billId, memberId: ann, via: "sandbox", at: LATER(4000) });
    expect(paid).toMatchObject({ ok: true, value: { status: "paid", totalCents: 11970, couponCode: "GXG30", checkoutMs: 3000 } });
    const mc = await db.prisma.memberCoupon.findFirstOrThrow({ where: { memberId: ann, couponCode: "GXG30" } });
    expect(mc.status).toBe("redeemed");
    const redemptions = await db.prisma.redemption.findMany({ where: { memberId: ann } });
    expect(redemptions).toMatchObject([{ couponCode: "GXG30", channel: "offline", storeId: "gxg-tianhe", amountCents: 39900, discountCents: 27930 }]);
    const card = await db.prisma.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `bill:${b.billId}:till-staff-1` } });
    expect(card).toMatchObject({ source: "staff", status: "queued", memberId: null, staffId: "till-staff-1" });
    expect(card.text).toContain("119.70");
    expect(card.text).toContain("GXG30");

    // a second payment of the same bill: nothing charged, the coupon is not redeemed again
    expect(await payBill(db, { billId: b.billId, memberId: ann, via: "sandbox", at: LATER(5000) })).toMatchObject({ ok: false, error: { code: "BILL_PAID" } });
    expect(await db.prisma.redemption.count({ where: { memberId: ann } })).toBe(1);
    expect(await showBill(db, b.billId, LATER(6000))).toMatchObject({ ok: true, value: { status: "paid", discountCents: 27930, couponCode: "GXG30" } });
  });

  it("\"don't use the coupon\" pays the full amount and keeps the coupon", async () => {
    const bo = await member("till-bo");
    await claimCoupon(db, { memberId: bo, code: "GXG30", botBrandIds: null, at: NOON });
    const b = await bill(10000);
    expect(await openBill(db, { billId: b.billId, memberId: bo, useCoupon: false, at: NOON })).toMatchObject({ ok: true, value: { totalCents: 10000, couponCode: null } });
    expect(await payBill(db, { billId: b.billId, memberId: bo, useCoupon: false, via: "sandbox", at: NOON })).toMatchObject({ ok: true, value: { totalCents: 10000, discountCents: 0 } });
    expect((await db.prisma.memberCoupon.findFirstOrThrow({ where: { memberId: bo, couponCode: "GXG30" } })).status).toBe("claimed");
  });

  it("two members scan one bill: the first holds it, the second is told, and only the first can pay", async () => {
    const [cy, di] = [await member("till-cy"), await member("till-di")];
    const b = await bill(5000);
    expect((await openBill(db, { billId: b.billId, memberId: cy, at: NOON })).ok).toBe(true);
    expect(await openBill(db, { billId: b.billId, memberId: di, at: NOON })).toMatchObject({ ok: false, error: { code: "BILL_TAKEN" } });
    expect(await payBill(db, { billId: b.billId, memberId: di, via: "sandbox", at: NOON })).toMatchObject({ ok: false, error: { code: "BILL_TAKEN" } });
    expect((await payBill(db, { billId: b.billId, memberId: cy, via: "sandbox", at: NOON })).ok).toBe(true);
    expect(await openBill(db, { billId: b.billId, memberId: di, at: NOON })).toMatchObject({ ok: false, error: { code: "BILL_PAID" } });
  });

  it("20 parallel pay attempts on one bill (one member's double taps, and 20 members racing): paid once, the coupon redeemed once", async () => {
    const ed = await member("till-ed");
    await claimCoupon(db, { memberId: ed, code: "GXG30", botBrandIds: null, at: NOON });
    const before = (await db.prisma.coupon.findUniqueOrThrow({ where: { code: "GXG30" } })).redeemedCount;
    const b = await bill(20000);
    const same = await Promise.all(Array.from({ length: 20 }, () => payBill(db, { billId: b.billId, memberId: ed, via: "sandbox", at: NOON })));
    expect(same.filter((r) => r.ok)).toHaveLength(1);
    expect(same.filter((r) => !r.ok).every((r) => !r.ok && ["BILL_PAID", "CONFLICT"].includes(r.error.code))).toBe(true);
    expect(await db.prisma.redemption.count({ where: { memberId: ed } })).toBe(1);
    expect((await db.prisma.coupon.findUniqueOrThrow({ where: { code: "GXG30" } })).redeemedCount).toBe(before + 1);

    const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => member(`till-racer-${i}`)));
    const open = await bill(3000);
    const raced = await Promise.all(racers.map((m) => payBill(db, { billId: open.billId, memberId: m, via: "sandbox", at: NOON })));
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
    expect((await db.prisma.bill.findUniqueOrThrow({ where: { id: open.billId } })).status).toBe("paid");
  });

  it("an expired bill and a voided bill cannot be paid; a paid bill cannot be voided", async () => {
    const fay = await member("till-fay");
    const b = await bill(1000);
    const late = LATER(6 * 60_000);
    expect(await openBill(db, { billId: b.billId, memberId: fay, at: late })).toMatchObject({ ok: false, error: { code: "BILL_EXPIRED" } });
    expect(await payBill(db, { billId: b.billId, memberId: fay, via: "sandbox", at: late })).toMatchObject({ ok: false, error: { code: "BILL_EXPIRED" } });
    expect(await showBill(db, b.billId, late)).toMatchObject({ ok: true, value: { status: "expired" } });

    const v = await bill(1000);
    expect(await voidBill(db, { billId: v.billId, storeId: "gxg-tianhe", at: NOON })).toMatchObject({ ok: true, value: { status: "void" } });
    expect(await payBill(db, { billId: v.billId, memberId: fay, via: "sandbox", at: NOON })).toMatchObject({ ok: false, error: { code: "BILL_VOID" } });
    const p = await bill(1000);
    await payBill(db, { billId: p.billId, memberId: fay, via: "sandbox", at: NOON });
    expect(await voidBill(db, { billId: p.billId, at: NOON })).toMatchObject({ ok: false, error: { code: "BILL_PAID" } });
    expect(await voidBill(db, { billId: p.billId, storeId: "sb-zhengjia", at: NOON })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("refuses bad amounts and unknown stores with a clear error", async () => {
    for (const amountCents of [0, -5, 1.5, 1e12]) expect(await createBill(db, { storeId: "gxg-tianhe", amountCents, createdBy: "cli", at: NOON })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await createBill(db, { storeId: "nope", amountCents: 100, createdBy: "cli", at: NOON })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await createBill(db, { storeId: "gxg-tianhe", amountCents: 100, currency: "yuan", createdBy: "cli", at: NOON })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });

  it("password-free pay: off by default, then within the per-payment limit and the daily cap, revocable", async () => {
    const gu = await member("till-gu");
    const small = await bill(5000);
    expect(await payBill(db, { billId: small.billId, memberId: gu, via: "one_tap", at: NOON })).toMatchObject({ ok: false, error: { code: "ONE_TAP_OFF" } });
    expect(await enableOneTap(db, { memberId: gu, at: NOON })).toMatchObject({ ok: true, value: { limitCents: 30000, dailyCapCents: 100000 } });
    expect(await payBill(db, { billId: small.billId, memberId: gu, via: "one_tap", at: NOON })).toMatchObject({ ok: true, value: { status: "paid", paidVia: "one_tap" } });

    const big = await bill(30001);
    expect(await payBill(db, { billId: big.billId, memberId: gu, via: "one_tap", at: NOON })).toMatchObject({ ok: false, error: { code: "ONE_TAP_LIMIT" } });
    // ¥50 + 3 × ¥300 = ¥950 paid password-free today; ¥100 more passes the ¥1,000 cap
    for (let i = 0; i < 3; i++) expect((await payBill(db, { billId: (await bill(30000)).billId, memberId: gu, via: "one_tap", at: NOON })).ok).toBe(true);
    const over = await bill(10000);
    expect(await payBill(db, { billId: over.billId, memberId: gu, via: "one_tap", at: NOON })).toMatchObject({ ok: false, error: { code: "ONE_TAP_DAILY_CAP" } });
    // the fallback: the same bill paid through the provider's page
    expect((await payBill(db, { billId: over.billId, memberId: gu, via: "sandbox", at: NOON })).ok).toBe(true);
    // a day later the cap has room again
    expect((await payBill(db, { billId: (await createBill(db, { storeId: "gxg-tianhe", amountCents: 10000, createdBy: "cli", at: LATER(25 * 3600_000) }).then((r) => (r.ok ? r.value : null)))!.billId, memberId: gu, via: "one_tap", at: LATER(25 * 3600_000) })).ok).toBe(true);

    expect(await enableOneTap(db, { memberId: gu, limitCents: 50000, dailyCapCents: 20000, at: NOON })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await disableOneTap(db, { memberId: gu, at: NOON })).toMatchObject({ ok: true, value: { wasEnabled: true } });
    expect(await payBill(db, { billId: (await bill(100)).billId, memberId: gu, via: "one_tap", at: NOON })).toMatchObject({ ok: false, error: { code: "ONE_TAP_OFF" } });
  });

  it("/bill from the bot: bound staff open a bill at their own store and void only their store's bills; customers are refused", async () => {
    // till-staff-1 (Telegram 7001) was bound to gxg-tianhe in the first test
    const b = await staffCreateBill(db, { telegramUserId: "7001", amountCents: 39900, at: NOON });
    expect(b).toMatchObject({ ok: true, value: { storeId: "gxg-tianhe", subtotalCents: 39900, status: "open" } });
    expect(await staffCreateBill(db, { telegramUserId: "customer-1", amountCents: 100, at: NOON })).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
    const elsewhere = await createBill(db, { storeId: "sb-zhengjia", amountCents: 100, createdBy: "cli", at: NOON });
    expect(await staffVoidBill(db, { telegramUserId: "7001", billId: elsewhere.ok ? elsewhere.value.billId : "", at: NOON })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await staffVoidBill(db, { telegramUserId: "7001", billId: b.ok ? b.value.billId : "", at: NOON })).toMatchObject({ ok: true, value: { status: "void" } });
  });
});
