// The dialogue engine as a member experiences it: languages, help, cancel anywhere, slot filling, privacy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { TIANHE, chatter, one, testDeps } from "../support/engine.ts";

describe("conversation engine", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  it.each([
    ["帮助", /我可以帮你/],
    ["help", /I can help you/],
    ["你好", /你好/],
    ["hello", /Hi!/],
  ])("answers %s in the language it was asked in", async (text, reply) => {
    const r = await chatter(testDeps(db), `lang-${text}`)({ text });
    expect(r[0].text).toMatch(reply);
  });

  it("asks only for what is missing: a size for jeans, then the location, then quotes", async () => {
    const say = chatter(testDeps(db), "slots");
    const ask = one(await say({ text: "我要一条牛仔裤" }), "choice");
    expect(ask.text).toMatch(/规格/);
    expect(ask.buttons!.map((b) => b.id)).toContain("size:31");
    const loc = one(await say({ tap: "size:31" }), "choice");
    expect(loc.request).toBe("location");
    const q = one(await say({ location: { lat: 23.1322, lng: 113.3255 } }), "quote");
    expect(q.storeId).toBe("gxg-tianhe");
  });

  it("a shared location first, then the sentence: quotes straight away", async () => {
    const say = chatter(testDeps(db), "loc-first");
    await say({ location: TIANHE });
    one(await say({ text: "a large americano please" }), "quote");
  });

  it("cancel at any point drops the draft and the quote", async () => {
    const say = chatter(testDeps(db), "cancel");
    await say({ text: "来杯拿铁" });
    const q = one(await say({ location: TIANHE }), "quote");
    const r = await say({ text: "取消" });
    expect(r[0].text).toMatch(/取消/);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: q.orderId } })).status).toBe("cancelled");
    expect(await db.prisma.consent.count({ where: { orderId: q.orderId } })).toBe(0);
    // and the next message starts fresh
    expect(one(await say({ text: "来杯拿铁" }), "choice").request).toBe("location");
  });

  it("a confirm typed as 确认 works like the button", async () => {
    const say = chatter(testDeps(db), "typed-confirm");
    await say({ text: "来杯拿铁" });
    await say({ location: TIANHE });
    one(await say({ text: "确认" }), "payment_link");
  });

  it("unsubscribe stops promotions; forget me erases personal data after confirmation", async () => {
    const say = chatter(testDeps(db), "privacy");
    await say({ location: TIANHE });
    await say({ text: "关注星巴克" });
    expect((await say({ text: "退订" }))[0].text).toMatch(/退订/);
    const m = await resolveMember(db, { channel: "local", externalId: "privacy" });
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: m.id } })).marketingOptOut).toBe(true);
    const ask = one(await say({ text: "删除我的数据" }), "choice");
    expect(ask.buttons!.map((b) => b.id)).toContain("forget:yes");
    await say({ tap: "forget:yes" });
    // the member row itself is gone (kept records belong to an anonymous tombstone: test/app/forget-me.test.ts)
    expect(await db.prisma.member.findUnique({ where: { id: m.id } })).toBeNull();
    expect(await db.prisma.memberIdentity.count({ where: { memberId: m.id } })).toBe(0);
    expect(await db.prisma.chatMessage.count({ where: { memberId: m.id } })).toBe(0);
    expect(await db.prisma.conversation.count({ where: { memberId: m.id } })).toBe(0);
  });

  it("a tap with a made-up button id is refused politely", async () => {
    const r = await chatter(testDeps(db), "forged")({ tap: "confirm:someone-elses-order" });
    expect(one(r, "error").text).toBeTruthy();
  });

  it("a brand bot only sells its own brand", async () => {
    const say = chatter(testDeps(db, { bot: "gxg" }), "brand-bot");
    const r = await say({ text: "来杯拿铁" });
    expect(r.some((x) => x.type === "quote" || (x.type === "choice" && x.request === "location"))).toBe(false);
  });
});
