// "Forget me" against a member with everything a person leaves behind: a booked appointment, a paid order, an unpaid
// order holding stock and a coupon, claimed coupons, follows, consents, chat text, a web session. Afterwards a scan of
// every table finds nothing that names them, the slot and the stock are free again, and the order for the books is
// kept under an anonymous tombstone. The confirmation rules of the chat are checked too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { forgetMember } from "../../src/app/privacy.ts";
import { providerOf } from "../../src/db/database.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";

const NEAR_SPZP = { lat: 23.1210, lng: 113.3250 };

/** Every row of every table, as text, that contains one of the needles. */
async function rowsMentioning(db: TestDb, needles: string[]): Promise<string[]> {
  const tables = providerOf(db.prisma) === "sqlite"
    ? (await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map((t) => t.name)
    : (await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`)).map((t) => t.name);
  const hits: string[] = [];
  for (const t of tables) {
    const sql = providerOf(db.prisma) === "sqlite" ? `SELECT * FROM "${t}"` : `SELECT row_to_json(t)::text AS j FROM "${t}" t`;
    for (const row of await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql)) {
      const text = JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v));
      if (needles.some((n) => text.includes(n))) hits.push(`${t}: ${text}`);
    }
  }
  return hits;
}

describe.each(DATABASES)("forget me on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it("erases everything that links to the person; frees the slot, the stock and the coupon; keeps the paid order anonymously", async () => {
    const deps = testDeps(db);
    const say = chatter(deps, "erin-4242");
    const m = await resolveMember(db, { channel: "local", externalId: "erin-4242", displayName: "Erin Zhao" });
    await db.prisma.member.update({ where: { id: m.id }, data: { phone: "+8613900004242", memberCode: "CARD4242" } });

    // a paid order
    await say({ location: TIANHE });
    const paid = one(await say({ text: "来杯拿铁" }), "quote");
    await say({ tap: `confirm:${paid.orderId}` });
    one(await say({ pay: { orderId: paid.orderId } }), "order");
    // an unpaid order holding stock and a coupon
    one(await say({ text: "领取LATTE8" }), "coupon");
    await say({ location: TIANHE });
    const open = one(await say({ text: "来两杯拿铁" }), "quote");
    const held = await db.prisma.orderItem.findFirstOrThrow({ where: { orderId: open.orderId } });
    const stockKey = { storeId_productId_size: { storeId: open.storeId, productId: held.productId, size: held.size } };
    const before = (await db.prisma.inventory.findUniqueOrThrow({ where: stockKey })).quantity;
    one(await say({ tap: `confirm:${open.orderId}` }), "payment_link");
    expect((await db.prisma.inventory.findUniqueOrThrow({ where: stockKey })).quantity).toBe(before - held.quantity);
    // a booked designer
    await say({ location: NEAR_SPZP });
    const appt = one(await say({ text: "明天下午三点约尚品宅配的设计师" }), "appointment");
    // the designer has bound Telegram, so the store hears of the cancellation
    const store = (await db.prisma.appointment.findUniqueOrThrow({ where: { id: appt.appointmentId } })).storeId;
    await db.prisma.staff.update({ where: { id: appt.staffId }, data: { telegramUserId: "9001" } });
    await db.prisma.staffInvite.create({ data: { code: "BOUND901", storeId: store, staffId: appt.staffId, expiresAt: NOON, usedAt: NOON, usedBy: "9001@marketplace" } });
    await say({ text: "关注星巴克" });
    await db.prisma.webSession.create({ data: { id: "session-hash-erin", memberId: m.id, method: "link", expiresAt: new Date(NOON.getTime() + 3600_000) } });

    // the tap alone, without the question, erases nothing
    const early = await say({ tap: "forget:yes" });
    expect(one(early, "choice").buttons!.map((b) => b.id)).toContain("forget:yes");
    await say({ text: "取消" });
    expect(await db.prisma.member.findUnique({ where: { id: m.id } })).not.toBeNull();
    // asked, then confirmed in words
    one(await say({ text: "删除我的数据" }), "choice");
    expect((await say({ text: "确认删除" }))[0].text).toMatch(/已删除/);

    expect(await rowsMentioning(db, [m.id, "erin-4242", "Erin Zhao", "13900004242", "CARD4242"])).toEqual([]);
    // the slot is free, the staff's calendar shows it cancelled, the stock is back
    expect(await db.prisma.appointment.findUniqueOrThrow({ where: { id: appt.appointmentId } })).toMatchObject({ status: "cancelled", slotKey: null });
    expect((await db.prisma.inventory.findUniqueOrThrow({ where: stockKey })).quantity).toBe(before);
    const notice = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `appt:${appt.appointmentId}:cancelled:${appt.staffId}` } });
    expect(notice.text).toMatch(/预约取消/);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: open.orderId } })).status).toBe("cancelled");
    // the paid order is kept for the books, under an anonymous member with no identity
    const kept = await db.prisma.order.findUniqueOrThrow({ where: { id: paid.orderId } });
    expect(kept.status).toBe("paid");
    const tomb = await db.prisma.member.findUniqueOrThrow({ where: { id: kept.memberId! } });
    expect(tomb).toMatchObject({ displayName: null, phone: null, memberCode: null });
    expect(tomb.erasedAt).not.toBeNull();
    expect(await db.prisma.memberIdentity.count({ where: { memberId: tomb.id } })).toBe(0);

    // the same person writing again is a new, empty member
    await say({ text: "你好" });
    const again = await resolveMember(db, { channel: "local", externalId: "erin-4242" });
    expect(again.id).not.toBe(m.id);
    expect(await db.prisma.order.count({ where: { memberId: again.id } })).toBe(0);
  });

  it("accepts the English typed confirmation, and forgetting twice is harmless", async () => {
    const say = chatter(testDeps(db, { bot: "marketplace" }), "en-forget");
    await say({ text: "hello" });
    const m = await resolveMember(db, { channel: "local", externalId: "en-forget" });
    one(await say({ text: "forget me" }), "choice");
    await say({ text: "yes, delete" });
    expect(await db.prisma.member.findUnique({ where: { id: m.id } })).toBeNull();
    expect(await forgetMember(db, m.id, NOON)).toMatchObject({ ok: true, value: { tombstoneId: null } });
  });
});

describe("open in browser", () => {
  it("the bot hands out a one-time sign-in link for the member", async () => {
    const db = await freshDb("sqlite");
    try {
      const say = chatter(testDeps(db), "web-link");
      const r = await say({ text: "在浏览器打开" });
      expect(r[0].text).toMatch(/http:\/\/pay\.test\/app\/\?signin=[A-Za-z0-9_-]{43}/);
      const m = await resolveMember(db, { channel: "local", externalId: "web-link" });
      expect(await db.prisma.signInLink.count({ where: { memberId: m.id } })).toBe(1);
    } finally {
      await db.drop();
    }
  });
});
