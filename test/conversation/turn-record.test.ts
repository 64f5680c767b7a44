// What a chat turn leaves behind (src/app/turn-member.ts saveTurn): the conversation state, the member's language and
// area, and what the member said in their message log — on both databases (one statement on PostgreSQL, several on SQLite).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { TIANHE, chatter, one, testDeps } from "../support/engine.ts";

describe.each(DATABASES)("what a chat turn leaves behind, on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it("keeps what the member said, the language they last wrote in, and where the conversation stands", async () => {
    const say = chatter(testDeps(db), "record-1");
    await say({ text: "hello" });
    const member = await resolveMember(db, { channel: "local", externalId: "record-1" });
    expect(member.locale).toBe("en");
    one(await say({ text: "来杯拿铁" }), "choice");
    one(await say({ location: TIANHE }), "quote");

    const logged = await db.prisma.chatMessage.findMany({ where: { memberId: member.id }, orderBy: { createdAt: "asc" } });
    // a location is not words: only the two messages are kept
    expect(logged.map((m) => [m.direction, m.text])).toEqual([["in", "hello"], ["in", "来杯拿铁"]]);
    // the language of the last message, and the shared location only as the coarse cell (about 1 km) and its store
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ locale: "zh-CN", areaLat: 23.13, areaLng: 113.33, areaStoreId: expect.any(String) });
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { memberId: member.id } });
    expect(conversation.state).toMatchObject({ lang: "zh", step: { at: "confirm" }, draft: { items: [{ productId: "sb-latte" }] } });
  });

  it("writes nothing back after forget-me, not even the confirming message", async () => {
    const say = chatter(testDeps(db), "record-2");
    await say({ text: "我的优惠券" });
    const member = await resolveMember(db, { channel: "local", externalId: "record-2" });
    one(await say({ text: "删除我的数据" }), "choice");
    await say({ text: "确认" });
    expect(await db.prisma.member.findUnique({ where: { id: member.id } })).toBeNull();
    expect(await db.prisma.chatMessage.count({ where: { memberId: member.id } })).toBe(0);
    expect(await db.prisma.conversation.count({ where: { memberId: member.id } })).toBe(0);
  });
});
