// One member across a Telegram account, a phone and a member card: binding in chat, merging records that turn out
// to be the same person (the till's walk-in by phone, another Telegram account), on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindPhone } from "../../src/app/crm/bind-identity.ts";
import { memberProfile } from "../../src/app/crm/member-profile.ts";
import { normalizePhone } from "../../src/app/crm/phone.ts";
import { redeemAtTill } from "../../src/app/coupons/coupon-use-cases.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { findMember, resolveMember } from "../../src/app/members.ts";
import { handleEvent, type InboundEvent } from "../../src/conversation/engine.ts";
import type { Reply } from "../../src/conversation/replies.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

describe("phone numbers", () => {
  it.each([
    ["138 1234 5678", "+8613812345678"],
    ["+86 138-1234-5678", "+8613812345678"],
    ["8613812345678", "+8613812345678"],
    ["+1 (415) 555-0100", "+14155550100"],
    ["12", null],
    ["call me", null],
  ])("%s → %s", (raw, e164) => expect(normalizePhone(raw)).toBe(e164));
});

describe.each(DATABASES)("bind and merge members on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  /** a Telegram user as the bot sees them (contacts carry the owner's user_id) */
  const telegram = (userId: string) => (event: InboundEvent): Promise<Reply[]> => handleEvent(testDeps(db), { channel: "telegram", externalId: userId, chatId: userId }, event);

  async function buyLatte(say: (e: InboundEvent) => Promise<Reply[]>) {
    await say({ location: TIANHE });
    const quote = one(await say({ text: "一杯大杯拿铁" }), "quote");
    await say({ tap: `confirm:${quote.orderId}` });
    one(await say({ pay: { orderId: quote.orderId } }), "order");
    return quote.orderId;
  }

  it("a walk-in at the till by phone, then the Telegram account shares that phone: one member keeps every order, coupon and tag", async () => {
    // offline first: the till redeems GXG30 for a phone it has never seen, creating that member
    const till = await redeemAtTill(db, { storeId: "gxg-tianhe", code: "GXG30", memberRef: "139 0000 1111", amountCents: 39900, at: NOON });
    expect(till.ok).toBe(true);
    const offlineId = till.ok ? till.value.memberId : "";
    expect(till.ok && till.value.payCents).toBe(11970);
    await db.prisma.memberTag.create({ data: { memberId: offlineId, tag: "vip", source: "manual", weight: 3 } });

    // online: a Telegram member claims a coupon and buys a latte
    const say = telegram("700001");
    one(await say({ text: "领取COFFEE5" }), "coupon");
    const orderId = await buyLatte(say);
    const online = await resolveMember(db, { channel: "telegram", externalId: "700001" });
    // the same tag on both records keeps the higher weight
    await db.prisma.memberTag.create({ data: { memberId: online.id, tag: "vip", source: "manual", weight: 1 } });

    // the consent step: the phone shared from the account's own contact
    const asked = await say({ text: "绑定手机" });
    expect(one(asked, "choice")).toMatchObject({ request: "contact" });
    const bound = one(await say({ contact: { phone: "+86 139 0000 1111", userId: "700001" } }), "text");
    expect(bound.text).toContain("139****1111");
    expect(bound.text).toContain("合并");

    const profile = (await memberProfile(db, "13900001111"))!;
    expect(profile.memberId).toBe(online.id);
    expect(profile.phone).toBe("+8613900001111");
    expect(profile.mergedFrom).toEqual([offlineId]);
    expect(profile.identities).toEqual([{ channel: "telegram", externalId: "700001" }]);
    expect(profile.coupons.map((c) => `${c.code}:${c.status}`).sort()).toEqual(["COFFEE5:redeemed", "GXG30:redeemed"]);
    expect(profile.orders).toEqual({ count: 1, paid: 1 });
    const tags = Object.fromEntries(profile.tags.map((t) => [t.tag, t.weight]));
    expect(tags).toMatchObject({ vip: 3, "store:gxg-tianhe": 1, coffee: 1, "size:大杯": 1 });
    expect(await db.prisma.redemption.count({ where: { memberId: online.id } })).toBe(2);
    expect(await db.prisma.order.count({ where: { id: orderId, memberId: online.id } })).toBe(1);
    // every way of naming the offline record now lands on the survivor
    expect((await findMember(db.prisma, offlineId))!.id).toBe(online.id);
    expect((await findMember(db.prisma, "+86 139-0000-1111"))!.id).toBe(online.id);

    // the wallet in chat shows the coupon redeemed at the till
    const wallet = (await say({ text: "我的优惠券" })).filter((r) => r.type === "coupon");
    expect(wallet.map((c) => (c as { code: string }).code).sort()).toEqual(["COFFEE5", "GXG30"]);

    // a second Telegram account of the same person shares the same phone: merged again, nothing lost
    const other = telegram("700002");
    await other({ text: "你好" });
    one(await other({ contact: { phone: "8613900001111", userId: "700002" } }), "text");
    const second = await resolveMember(db, { channel: "telegram", externalId: "700002" });
    for (const ref of [offlineId, online.id, "700001", "13900001111"]) expect((await findMember(db.prisma, ref))!.id).toBe(second.id);
    const after = (await memberProfile(db, "700001"))!;
    expect(after.identities.map((i) => i.externalId).sort()).toEqual(["700001", "700002"]);
    expect(after.coupons).toHaveLength(2);
    expect(after.orders.count).toBe(1);
    // the first account keeps talking as the same member
    expect(one(await say({ text: "我的订单" }), "order").orderId).toBe(orderId);
  });

  it("a per-member-limit coupon claimed on both records: both claims kept, renumbered", async () => {
    const say = chatter(testDeps(db), "limit-online");
    one(await say({ text: "领取GXG30" }), "coupon");
    const till = await redeemAtTill(db, { storeId: "gxg-tianhe", code: "GXG30", memberRef: "13700002222", at: NOON });
    expect(till.ok).toBe(true);
    one(await say({ contact: { phone: "13700002222" } }), "text");
    const m = await resolveMember(db, { channel: "local", externalId: "limit-online" });
    const claims = await db.prisma.memberCoupon.findMany({ where: { memberId: m.id, couponCode: "GXG30" }, orderBy: { seq: "asc" } });
    expect(claims.map((c) => [c.seq, c.status])).toEqual([[1, "claimed"], [2, "redeemed"]]);
    // the still-claimed one can be redeemed at the till by phone: the walk-in and the wallet are one
    const again = await redeemAtTill(db, { storeId: "gxg-tianhe", code: "GXG30", memberRef: "+8613700002222", at: NOON });
    expect(again.ok && again.value.memberId).toBe(m.id);
  });

  it("a till redemption by phone lands in the chat wallet of the member who linked that phone", async () => {
    const say = chatter(testDeps(db), "wallet-user");
    one(await say({ text: "领取GB50" }), "coupon");
    one(await say({ contact: { phone: "+86 136 0000 3333" } }), "text");
    const r = await redeemAtTill(db, { storeId: "gb-tianhe", code: "GB50", memberRef: "136-0000-3333", amountCents: 40000, at: NOON });
    expect(r.ok).toBe(true);
    const wallet = one(await say({ text: "我的优惠券" }), "coupon");
    expect(wallet).toMatchObject({ code: "GB50", status: "redeemed" });
    expect(await db.prisma.member.count({ where: { phone: "+8613600003333" } })).toBe(1);
  });

  it("refuses a contact that is not the sender's own", async () => {
    const say = telegram("700010");
    const forwarded = one(await say({ contact: { phone: "+8613511112222", userId: "700099" } }), "error");
    expect(forwarded.code).toBe("NOT_ALLOWED");
    // a contact card without an owner (typed into the address book) proves nothing on Telegram
    expect(one(await say({ contact: { phone: "+8613511112222", userId: null } }), "error").code).toBe("NOT_ALLOWED");
    expect(one(await chatter(testDeps(db), "local-forger")({ contact: { phone: "+8613511112222", userId: "someone-else" } }), "error").code).toBe("NOT_ALLOWED");
    expect(await db.prisma.member.count({ where: { phone: "+8613511112222" } })).toBe(0);
    expect(one(await say({ contact: { phone: "not a phone", userId: "700010" } }), "error").code).toBe("INVALID_INPUT");
  });

  it("binds a merchant's card number typed in chat, merging an offline-only card record and refusing one another account uses", async () => {
    const card = await db.prisma.member.create({ data: { memberCode: "88886666", firstSource: "import" } });
    await db.prisma.memberCoupon.create({ data: { memberId: card.id, couponCode: "HOME500", seq: 1, source: "till" } });
    const say = chatter(testDeps(db), "card-user");
    const ok = one(await say({ text: "绑定会员卡 88886666" }), "text");
    expect(ok.text).toContain("88886666");
    const me = await resolveMember(db, { channel: "local", externalId: "card-user" });
    expect((await findMember(db.prisma, "88886666"))!.id).toBe(me.id);
    expect((await findMember(db.prisma, card.id))!.id).toBe(me.id);
    expect(one(await say({ text: "我的优惠券" }), "coupon")).toMatchObject({ code: "HOME500", status: "claimed" });
    expect(one(await say({ text: "绑定会员卡 88886666" }), "text").text).toContain("已经绑定");

    // a fresh card number simply becomes this member's card (English too)
    const en = chatter(testDeps(db), "card-en");
    expect(one(await en({ text: "link member card 12345678" }), "text").text).toContain("12345678");
    // someone else typing a card another chat account holds is refused, and nothing moves
    const thief = chatter(testDeps(db), "card-thief");
    expect(one(await thief({ text: "绑定会员卡 88886666" }), "error").code).toBe("NOT_ALLOWED");
    expect((await findMember(db.prisma, "88886666"))!.id).toBe(me.id);
    expect(one(await thief({ text: "绑定会员卡" }), "text").text).toContain("绑定会员卡 12345678");
  });

  it("forget me also erases the phone and card of the records merged in", async () => {
    const card = await db.prisma.member.create({ data: { memberCode: "55554444", phone: "+8613355554444", displayName: "Till Name" } });
    const say = chatter(testDeps(db), "forget-merged");
    one(await say({ text: "绑定会员卡 55554444" }), "text");
    await say({ text: "删除我的数据" });
    await say({ tap: "forget:yes" });
    expect(await findMember(db.prisma, "13355554444")).toBeNull();
    expect(await findMember(db.prisma, "55554444")).toBeNull();
    // the merged-in record is deleted with the person (kept orders belong to an anonymous tombstone)
    expect(await db.prisma.member.findUnique({ where: { id: card.id } })).toBeNull();
    expect(await db.prisma.member.count({ where: { OR: [{ phone: "+8613355554444" }, { memberCode: "55554444" }, { displayName: "Till Name" }] } })).toBe(0);
  });

  it("two accounts binding the same phone at once end as one member", async () => {
    const a = await resolveMember(db, { channel: "local", externalId: "race-a" });
    const b = await resolveMember(db, { channel: "local", externalId: "race-b" });
    const [ra, rb] = await Promise.all([bindPhone(db, { memberId: a.id, phone: "13800009999", at: NOON }), bindPhone(db, { memberId: b.id, phone: "13800009999", at: NOON })]);
    expect(ra.ok && rb.ok).toBe(true);
    const holder = (await findMember(db.prisma, "13800009999"))!;
    expect([a.id, b.id]).toContain(holder.id);
    expect((await findMember(db.prisma, a.id))!.id).toBe(holder.id);
    expect((await findMember(db.prisma, b.id))!.id).toBe(holder.id);
    expect(await db.prisma.memberIdentity.count({ where: { memberId: holder.id } })).toBe(2);
  });
});
