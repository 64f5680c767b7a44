// One delivery pipeline for every outbox source, on both databases: order updates and staff cards are transactional
// (sent at night, to unsubscribed and capped members, ahead of a campaign backlog), while promotions and follow-ups
// keep their quiet hours, frequency cap and unsubscribe.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/app/campaigns/create-campaign.ts";
import { enqueue } from "../../src/outbox/enqueue.ts";
import { retryBackoffMs } from "../../src/outbox/send-rules.ts";
import { startDeliveryWorkers } from "../../src/workers/delivery-workers.ts";
import { runTick } from "../../src/app/campaigns/tick.ts";
import { writeTx } from "../../src/db/write-transaction.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { addMembers, FakeSender, resetCrm, seedCatalog, testConfig } from "./fixtures.ts";

const NOON = new Date("2026-06-01T04:00:00Z"); // 12:00 in Shanghai
const NIGHT = new Date("2026-06-01T15:00:00Z"); // 23:00 in Shanghai

describe.each(DATABASES)("transactional and promotional pushes through one pipeline on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await seedCatalog(db);
  });
  afterAll(async () => db?.drop());
  beforeEach(async () => resetCrm(db));

  const push = (p: { memberId: string; source: "order" | "follow_up"; dedupeKey: string; text?: string }) => writeTx(db, (tx) => enqueue(tx, { text: `${p.source} ${p.dedupeKey}`, payload: {}, ...p }));
  const statusOf = async (dedupeKey: string) => (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey } })).status;

  it("at night, to an unsubscribed and a capped member: order updates and staff cards go out, promotions and follow-ups wait or stop", async () => {
    await addMembers(db, [{ id: "optout", channel: "telegram", optOut: true }, { id: "capped", channel: "telegram" }]);
    // two promotions already sent to "capped" today
    for (const i of [1, 2]) {
      await db.prisma.outboxMessage.create({ data: { dedupeKey: `earlier:${i}`, memberId: "capped", source: "campaign", text: "earlier", payload: {}, status: "sent", sentAt: new Date(NIGHT.getTime() - 3_600_000) } });
    }
    await push({ memberId: "optout", source: "order", dedupeKey: "order:o1:paid" });
    await push({ memberId: "capped", source: "order", dedupeKey: "order:o2:ready" });
    await push({ memberId: "capped", source: "follow_up", dedupeKey: "feedback:o0" });
    await db.prisma.outboxMessage.create({
      data: { dedupeKey: "staff:o2:st1", staffId: "st1", source: "staff", orderId: "o2", text: "🆕 新订单 o2", payload: { staffId: "st1", telegramUserId: "777", botId: "marketplace", buttons: [{ id: "staff:accepted:o2", label: "Accept" }] }, notBefore: new Date(0) },
    });
    const created = await createCampaign(db, { brandId: "b1", text: "夜间促销", at: NIGHT.toISOString() }, NIGHT);
    expect(created.ok).toBe(true);

    const sender = new FakeSender();
    const r = await runTick({ db, config: testConfig(), sender }, NIGHT);
    expect(sender.sent.map((m) => m.chatId).sort()).toEqual(["777", "chat-capped", "chat-optout"]);
    expect(sender.sent.find((m) => m.chatId === "777")).toMatchObject({ botId: "marketplace", text: "🆕 新订单 o2", buttons: [{ id: "staff:accepted:o2" }] });
    expect(r.sent).toBe(3);
    for (const key of ["order:o1:paid", "order:o2:ready", "staff:o2:st1"]) expect(await statusOf(key)).toBe("sent");
    // the follow-up waits for the morning; the campaign: skipped for the unsubscribed member at planning, capped for the other
    const followUp = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "feedback:o0" } });
    expect(followUp).toMatchObject({ status: "queued" });
    expect(followUp.notBefore.getTime()).toBe(new Date("2026-06-02T00:00:00Z").getTime());
    expect(await db.prisma.outboxMessage.count({ where: { source: "campaign", text: "夜间促销", status: "sent" } })).toBe(0);
    expect(await db.prisma.outboxMessage.count({ where: { memberId: "optout", source: "campaign", status: { in: ["queued", "claimed", "sent"] } } })).toBe(0);
  });

  it("a member who blocked the bot gets no order update; a staff member who blocked it fails only that card", async () => {
    await addMembers(db, [{ id: "gone", channel: "telegram", unreachable: true }]);
    await push({ memberId: "gone", source: "order", dedupeKey: "order:o3:paid" });
    await db.prisma.outboxMessage.create({ data: { dedupeKey: "staff:o3:st2", staffId: "st2", source: "staff", orderId: "o3", text: "card", payload: { telegramUserId: "888", botId: "marketplace" }, notBefore: new Date(0) } });
    const sender = new FakeSender((m) => (m.chatId === "888" ? { ok: false, kind: "blocked", error: "Forbidden: bot was blocked by the user" } : { ok: true }));
    const r = await runTick({ db, config: testConfig(), sender }, NOON);
    expect(r).toMatchObject({ sent: 0, failed: 1, skipped: 1 });
    expect(await statusOf("order:o3:paid")).toBe("skipped");
    expect(await statusOf("staff:o3:st2")).toBe("failed");
  });

  it("an order update queued behind a campaign backlog is sent ahead of it", async () => {
    const fans = Array.from({ length: 40 }, (_, i) => ({ id: `fan${String(i).padStart(2, "0")}`, channel: "telegram" as const }));
    await addMembers(db, [...fans, { id: "buyer", channel: "telegram", follows: [] }]);
    await createCampaign(db, { brandId: "b1", text: "backlog", at: NOON.toISOString() }, NOON);
    const config = testConfig({ ratePerSecond: 20 });
    await runTick({ db, config, sender: null }, NOON); // plan: 40 rows, two seconds of traffic at 20/s
    let ordered = -1;
    const sender = new FakeSender();
    const workers = await startDeliveryWorkers({ db, sender, clock: () => NOON, config, redisUrl: "" });
    try {
      while (sender.sent.length < 3) await new Promise((r) => setTimeout(r, 10));
      await push({ memberId: "buyer", source: "order", dedupeKey: "order:o4:paid" });
      while (ordered < 0) {
        ordered = sender.sent.findIndex((m) => m.chatId === "chat-buyer");
        await new Promise((r) => setTimeout(r, 10));
      }
      // it did not wait for the campaign: most of the backlog was still to come
      expect(await db.prisma.outboxMessage.count({ where: { source: "campaign", status: "queued" } })).toBeGreaterThan(15);
      while (sender.sent.length < 41) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await workers.stop();
    }
    expect(new Set(sender.sent.map((m) => m.chatId)).size).toBe(41);
  }, 20_000);

  it.each([
    ["order", 1, 2_000],
    ["order", 4, 16_000],
    ["order", 20, 300_000],
    ["staff", 2, 4_000],
    ["campaign", 1, 30_000],
    ["follow_up", 2, 120_000],
  ])("retries a transient %s failure (attempt %i) after %i ms", (source, attempts, ms) => {
    expect(retryBackoffMs(attempts, source)).toBe(ms);
  });
});
