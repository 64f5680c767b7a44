// The dialogue state is the step the member is in. A state saved by the version before the step existed (a flat
// bag: awaiting, search, booking, rescheduling, awaitingTillStoreId) still loads, as the step it meant, and the
// conversation carries on from it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { loadState, parseState } from "../../src/app/conversation-state.ts";
import { resolveMember } from "../../src/app/members.ts";
import { findBot } from "../../src/bot-config.ts";
import { execute } from "../../src/db/sql.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { TIANHE, chatter, one, testDeps } from "../support/engine.ts";

const DRAFT = { brandId: "starbucks", items: [{ productId: "sbx-latte", quantity: 1, size: null }], fulfillment: null, radiusMeters: null, storeId: null };

describe("reading a stored state", () => {
  it.each([
    [{ awaiting: "confirm", draft: DRAFT, quoteOrderId: "o1", location: TIANHE }, { at: "confirm" }],
    [{ awaiting: "size", draft: DRAFT }, { at: "size" }],
    [{ awaiting: "location", draft: DRAFT }, { at: "location" }],
    [{ awaiting: "forget", lang: "en" }, { at: "forget" }],
    [{ search: { brandId: null, radiusMeters: 500, service: null }, awaiting: "location" }, { at: "search", search: { brandId: null, radiusMeters: 500, service: null } }],
    [{ booking: { brandId: "spzp", when: null, radiusMeters: null, storeId: null, role: "designer" }, awaiting: "location" }, { at: "booking", booking: { brandId: "spzp", when: null, radiusMeters: null, storeId: null, role: "designer" } }],
    [{ rescheduling: "apt_1" }, { at: "reschedule", appointmentId: "apt_1" }],
    [{ awaitingTillStoreId: "gxg-tianhe" }, { at: "till_amount", storeId: "gxg-tianhe" }],
    [{ lang: "zh", campaignId: "cmp_1", source: "c-cmp_1" }, { at: "idle" }],
  ])("an old state %j is at step %j", (old, step) => {
    const state = parseState(JSON.stringify(old));
    expect(state.step).toEqual(step);
    // what outlives a step is kept; the old fields are gone
    for (const k of ["draft", "quoteOrderId", "location", "lang", "campaignId", "source"] as const) expect(state[k]).toEqual((old as Record<string, unknown>)[k]);
    for (const k of ["awaiting", "search", "booking", "rescheduling", "awaitingTillStoreId"]) expect(state).not.toHaveProperty(k);
  });

  it("reads a state saved as the step union back as it was written", () => {
    const saved = { step: { at: "booking", booking: { brandId: null, when: "2026-11-26T15:00:00+08:00", radiusMeters: null, storeId: "s1", role: null } }, draft: DRAFT, lang: "en" };
    expect(parseState(JSON.stringify(saved))).toEqual(saved);
    expect(parseState(saved)).toEqual(saved);
  });

  it.each([["not json"], [JSON.stringify({ step: { at: "dancing" } })], [JSON.stringify({ awaiting: "confirm", draft: { items: "none" } })], [null]])("resets an unusable state %j", (raw) => {
    expect(parseState(raw)).toEqual({ step: { at: "idle" } });
  });
});

describe.each(DATABASES)("a conversation saved by the old version, on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db.drop());

  /** Overwrites the member's stored state with JSON as the old version wrote it. */
  async function saveOld(user: string, old: object) {
    const bot = findBot(undefined);
    const member = await resolveMember(db, { channel: "local", externalId: user });
    await execute(db, (p) => `UPDATE "Conversation" SET "state" = ${p.json(old)} WHERE "memberId" = ${p.v(member.id)} AND "botId" = ${p.v(bot.id)}`);
    return { memberId: member.id, botId: bot.id };
  }

  it("a quote waiting for confirmation: 确认 confirms it", async () => {
    const say = chatter(testDeps(db), "old-quote");
    await say({ text: "来杯拿铁" });
    const q = one(await say({ location: TIANHE }), "quote");
    const { memberId, botId } = await saveOld("old-quote", { lang: "zh", draft: DRAFT, quoteOrderId: q.orderId, awaiting: "confirm", location: TIANHE });
    expect((await loadState(db, memberId, botId)).step).toEqual({ at: "confirm" });
    expect(one(await say({ text: "确认" }), "payment_link").orderId).toBe(q.orderId);
    // and the new state is written back in the new shape
    expect((await loadState(db, memberId, botId)).step).toEqual({ at: "idle" });
  });

  it("a store search waiting for a location: the location answers it", async () => {
    const say = chatter(testDeps(db), "old-search");
    await say({ text: "你好" });
    await saveOld("old-search", { lang: "zh", search: { brandId: null, radiusMeters: 3000, service: null }, awaiting: "location" });
    const replies = await say({ location: TIANHE });
    expect(replies.filter((r) => r.type === "store").length).toBeGreaterThan(0);
    expect(replies.some((r) => r.type === "quote")).toBe(false);
  });

  it("a forget-me waiting for its confirmation: the button erases", async () => {
    const say = chatter(testDeps(db), "old-forget");
    await say({ text: "你好" });
    const { memberId } = await saveOld("old-forget", { lang: "zh", awaiting: "forget" });
    expect((await say({ tap: "forget:yes" }))[0].text).toMatch(/已删除/);
    expect(await db.prisma.member.findUnique({ where: { id: memberId } })).toBeNull();
  });
});
