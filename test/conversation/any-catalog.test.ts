// A merchant the code has never met: an optician and a florist in Hangzhou (test/nlu/catalogs/optician-florist).
// Their roles (optometrist, florist), services and products come only from their catalog file; the chat must book
// the role at exactly the time said, record ratings however phrased, and speak of nothing but this catalog.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookAppointment, SLOT_MINUTES } from "../../src/app/appointments.ts";
import { importCatalogFile } from "../../src/app/import-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { chatter, one, testDeps } from "../support/engine.ts";

const CATALOG = "test/nlu/catalogs/optician-florist/catalog.json";
const NOW = new Date("2026-11-25T12:00:00+08:00");
const TOMORROW_3PM = "2026-11-26T15:00:00+08:00";
const NEAR_WULIN = { lat: 30.2722, lng: 120.1640 }; // by 清瞳眼镜 武林广场店 (an optometrist works there)
// Words of the demo catalog: none may appear when another merchant's catalog is loaded.
const DEMO_WORDS = /拿铁|latte|尚品宅配|星巴克|Starbucks|GXG|设计师|designer|广百/i;

const texts = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");

describe.each(DATABASES)("a catalog the code has never seen, on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    const r = await importCatalogFile(db, CATALOG);
    expect(r.ok).toBe(true);
  });
  afterAll(async () => db.drop());

  it("books an optometrist for exactly the time said (明天下午三点)", async () => {
    const say = chatter(testDeps(db, { now: NOW }), "opt-1");
    one(await say({ text: "明天下午三点约验光师" }), "choice"); // asks for the location
    const replies = await say({ location: NEAR_WULIN });
    expect(one(replies, "store").storeId).toBe("qt-wulin");
    const appt = one(replies, "appointment");
    expect(new Date(appt.start).toISOString()).toBe(new Date(TOMORROW_3PM).toISOString());
    const staff = await db.prisma.staff.findUnique({ where: { id: appt.staffId } });
    expect(staff?.role).toBe("optometrist");
  });

  it("when that time is taken, offers that day's nearest free times and books nothing", async () => {
    // both optometrists of the store are booked at 15:00 tomorrow
    for (const [i, staffId] of ["qt-st-li", "qt-st-he"].entries()) {
      const m = await resolveMember(db, { channel: "local", externalId: `other-${i}` });
      await bookAppointment(db, { memberId: m.id, storeId: "qt-wulin", staffId, start: new Date(TOMORROW_3PM), at: NOW }).catch(() => undefined);
    }
    const say = chatter(testDeps(db, { now: NOW }), "opt-2");
    await say({ location: NEAR_WULIN });
    const replies = await say({ text: "book an eye test tomorrow 3pm" });
    expect(replies.some((r) => r.type === "appointment")).toBe(false);
    const choice = one(replies, "choice");
    const starts = choice.buttons!.map((b) => Number(b.id.split(":")[2]));
    expect(starts.length).toBeGreaterThan(0);
    for (const ms of starts) {
      expect(ms).not.toBe(new Date(TOMORROW_3PM).getTime());
      // the same local day (Asia/Shanghai)
      expect(new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)).toBe("2026-11-26");
    }
    // nearest first: the slot just before or just after
    expect(Math.abs(starts[0] - new Date(TOMORROW_3PM).getTime())).toBeLessThanOrEqual(SLOT_MINUTES * 60_000);
  });

  it("keeps the time from a first message that was not understood as a booking", async () => {
    const say = chatter(testDeps(db, { now: NOW }), "opt-3");
    await say({ text: "后天上午十点" }); // a time alone: not yet a booking
    one(await say({ text: "想约个验光" }), "choice");
    const appt = one(await say({ location: NEAR_WULIN }), "appointment");
    expect(new Date(appt.start).toISOString()).toBe(new Date("2026-11-27T10:00:00+08:00").toISOString());
  });

  it("keeps the role through a location and a time said afterwards", async () => {
    const say = chatter(testDeps(db, { now: NOW }), "opt-4");
    one(await say({ text: "I want to book a florist" }), "choice");
    const afterLocation = await say({ location: { lat: 30.2592, lng: 120.1646 } }); // by 暖房花艺 湖滨店
    expect(one(afterLocation, "store").storeId).toBe("nf-hubin");
    const appt = one(await say({ text: "周五下午4点" }), "appointment");
    expect(new Date(appt.start).toISOString()).toBe(new Date("2026-11-27T16:00:00+08:00").toISOString());
    const staff = await db.prisma.staff.findUnique({ where: { id: appt.staffId } });
    expect(staff?.role).toBe("florist");
  });

  it.each([
    ["给个2分，等太久了", 2],
    ["rate it 4", 4],
    ["五星好评", 5],
    ["3 stars", 3],
    ["⭐⭐⭐⭐", 4],
  ])("records the rating of %j", async (text, rating) => {
    const say = chatter(testDeps(db, { now: NOW }), `rater-${rating}-${text.length}`);
    const replies = await say({ text });
    expect(texts(replies)).toContain(String(rating));
    const member = await resolveMember(db, { channel: "local", externalId: `rater-${rating}-${text.length}` });
    const row = await db.prisma.chatMessage.findFirst({ where: { memberId: member.id, direction: "feedback" } });
    expect(JSON.parse(row!.text).rating).toBe(rating);
  });

  it("help, greeting, welcome and fallback name only things of this catalog", async () => {
    const say = chatter(testDeps(db, { now: NOW }), "opt-5");
    const zh = texts([...(await say({ start: null })), ...(await say({ text: "帮助" })), ...(await say({ text: "你好" })), ...(await say({ text: "asdfgh qwerty" }))]);
    const en = texts([...(await say({ text: "help" })), ...(await say({ text: "hello" }))]);
    for (const t of [zh, en]) expect(t).not.toMatch(DEMO_WORDS);
    // a real product, brand, role and coupon of the catalog
    expect(zh).toMatch(/清瞳眼镜|暖房花艺/);
    expect(zh).toMatch(/验光|花艺/);
    expect(zh).toMatch(/QTEYE88|LENS30|BLOOM85|FLOWER20/);
    const names = (await db.prisma.product.findMany()).map((p) => p.name);
    expect(names.some((n) => zh.includes(n))).toBe(true);
  });
});

describe("an empty catalog", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("sqlite");
  });
  afterAll(async () => db.drop());

  it("speaks in neutral words and books nothing", async () => {
    const say = chatter(testDeps(db, { now: NOW }), "empty-1");
    const all = [...(await say({ start: null })), ...(await say({ text: "help" })), ...(await say({ text: "帮助" })), ...(await say({ text: "明天下午三点预约" }))];
    expect(texts(all)).not.toMatch(DEMO_WORDS);
    expect(all.some((r) => r.type === "appointment" || r.type === "error" && /INTERNAL/.test(JSON.stringify(r)))).toBe(false);
  });
});
