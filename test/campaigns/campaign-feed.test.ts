// The campaign snapshot and its feed into the outbox, on both databases: a snapshot bigger than a window reaches the
// outbox a window at a time as it is sent, every member exactly once (also with feeders racing), the reach report
// counts what is not fed yet, a cancel turns the rest into skipped rows, an erased member is never fed, and the
// frequency cap counts promotions still in a snapshot.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/app/campaigns/create-campaign.ts";
import { cancelCampaign } from "../../src/app/campaigns/cancel-campaign.ts";
import { getCampaign } from "../../src/app/campaigns/campaign-view.ts";
import { planDueCampaigns } from "../../src/app/campaigns/plan-campaigns.ts";
import { runTick } from "../../src/app/campaigns/tick.ts";
import { forgetMember } from "../../src/app/privacy.ts";
import { feedCampaigns } from "../../src/outbox/campaign-feed.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { addMembers, FakeSender, resetCrm, seedCatalog, testConfig } from "./fixtures.ts";

const NOON = new Date("2026-06-01T04:00:00Z"); // 12:00 in Shanghai

describe.each(DATABASES)("campaign snapshot and feed on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await seedCatalog(db);
  });
  afterAll(async () => db?.drop());
  beforeEach(async () => resetCrm(db));

  const telegram = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${String(i).padStart(2, "0")}`, channel: "telegram" as const }));
  const create = async (input: Partial<Parameters<typeof createCampaign>[1]> = {}) => {
    const r = await createCampaign(db, { brandId: "b1", text: "开业大促", at: NOON.toISOString(), ...input }, NOON);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.campaignId;
  };
  const outboxRows = () => db.prisma.outboxMessage.findMany({ where: { source: "campaign" }, select: { memberId: true, status: true, error: true, dedupeKey: true } });

  it("moves a snapshot bigger than a window into the outbox as it sends: every member once, the report counting the rest", async () => {
    await addMembers(db, [...telegram(12), { id: "u1", channel: "telegram", optOut: true }]);
    const campaignId = await create();
    const config = testConfig({ feedWindow: 4 });
    // snapshot blocks of 3 members at most: a window of 4 members moves two blocks
    const plan = await planDueCampaigns(db, NOON, config, { batchSize: 3 });
    expect(plan).toMatchObject({ due: 1, queued: 12, skipped: 1, deferred: 0 });
    const first = await outboxRows();
    expect(first.length).toBeGreaterThanOrEqual(4);
    expect(first.length).toBeLessThan(13);
    // the report counts members still in the snapshot as queued (or skipped, with the opted-out member)
    expect((await getCampaign(db, campaignId, NOON))?.deliveries).toEqual({ queued: 12, claimed: 0, sent: 0, failed: 0, skipped: 1 });

    const sender = new FakeSender();
    const r = await runTick({ db, config, sender }, NOON);
    expect(r.sent).toBe(12);
    expect(sender.sent.map((m) => m.chatId).sort()).toEqual(telegram(12).map((m) => `chat-${m.id}`));
    const rows = await outboxRows();
    expect(rows).toHaveLength(13);
    expect(rows.find((x) => x.memberId === "u1")).toMatchObject({ status: "skipped", error: "unsubscribed" });
    expect(await db.prisma.campaignRecipientBlock.count()).toBe(0);
    expect((await db.prisma.campaignOccurrence.findFirstOrThrow()).fedAt).not.toBeNull();
    expect((await getCampaign(db, campaignId, NOON))?.deliveries).toEqual({ queued: 0, claimed: 0, sent: 12, failed: 0, skipped: 1 });
    expect(await runTick({ db, config, sender }, NOON)).toMatchObject({ sent: 0 });
  });

  it("feeders racing move every member into the outbox exactly once", async () => {
    await addMembers(db, telegram(20));
    await create();
    await planDueCampaigns(db, NOON, testConfig({ feedWindow: 1 }), { batchSize: 2 });
    let moved = (await outboxRows()).length; // the first window
    for (;;) {
      const round = await Promise.all([1, 2, 3].map(() => feedCampaigns(db, testConfig({ feedWindow: 3 }))));
      if (round.every((n) => n === 0)) break;
      moved += round.reduce((a, b) => a + b, 0);
    }
    const rows = await outboxRows();
    expect(moved).toBe(20);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((x) => x.memberId)).size).toBe(20);
    expect(await db.prisma.campaignRecipientBlock.count()).toBe(0);
  });

  it("a cancel reaches the snapshot: recipients not yet in the outbox are never sent and count as skipped", async () => {
    await addMembers(db, telegram(10));
    const campaignId = await create();
    const config = testConfig({ feedWindow: 2 });
    await planDueCampaigns(db, NOON, config, { batchSize: 2 });
    const cancelled = await cancelCampaign(db, { campaignId });
    expect(cancelled.ok && cancelled.value.skipped).toBe(10);
    const sender = new FakeSender();
    expect(await runTick({ db, config, sender }, NOON)).toMatchObject({ sent: 0 });
    expect(sender.sent).toEqual([]);
    expect((await getCampaign(db, campaignId, NOON))?.deliveries).toEqual({ queued: 0, claimed: 0, sent: 0, failed: 0, skipped: 10 });
    // the rest of the snapshot went into the outbox as skipped rows: every recipient once, no block left behind
    const rows = await outboxRows();
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((x) => `${x.status}:${x.error}`))).toEqual(new Set(["skipped:campaign_cancelled"]));
    expect(await db.prisma.campaignRecipientBlock.count()).toBe(0);
  });

  it("a cancel drops the partial snapshot of an occurrence whose planning was interrupted", async () => {
    await addMembers(db, telegram(4));
    const campaignId = await create();
    const occ = await db.prisma.campaignOccurrence.create({ data: { campaignId, dueAt: NOON, status: "planning", plannedAt: new Date(NOON.getTime() - 3_600_000) } });
    await db.prisma.campaignRecipientBlock.create({ data: { occurrenceId: occ.id, firstMemberId: "t00", lastMemberId: "t01", notBefore: NOON, members: 2, memberIds: JSON.stringify(["t00", "t01"]) } });
    const cancelled = await cancelCampaign(db, { campaignId });
    expect(cancelled.ok && cancelled.value.skipped).toBe(2);
    expect(await db.prisma.campaignRecipientBlock.count()).toBe(0);
    expect(await db.prisma.campaignOccurrence.findUniqueOrThrow({ where: { id: occ.id } })).toMatchObject({ status: "cancelled" });
    const sender = new FakeSender();
    expect(await runTick({ db, config: testConfig(), sender, wallClock: () => NOON.getTime() }, NOON)).toMatchObject({ due: 0, sent: 0 });
  });

  it("a member erased while still in the snapshot is never fed nor sent, and leaves no row with their id", async () => {
    await addMembers(db, telegram(6));
    await create();
    const config = testConfig({ feedWindow: 2 });
    await planDueCampaigns(db, NOON, config, { batchSize: 2 });
    expect((await outboxRows()).map((x) => x.memberId).sort()).toEqual(["t00", "t01"]);
    const forgotten = await forgetMember(db, "t04", NOON);
    expect(forgotten.ok).toBe(true);
    const sender = new FakeSender();
    expect(await runTick({ db, config, sender }, NOON)).toMatchObject({ sent: 5 });
    expect(sender.sent.map((m) => m.chatId)).not.toContain("chat-t04");
    const rows = await outboxRows();
    expect(rows).toHaveLength(5);
    expect(rows.some((x) => x.memberId === "t04" || x.dedupeKey.includes("t04"))).toBe(false);
  });

  it("the frequency cap counts promotions still waiting in another occurrence's snapshot", async () => {
    await addMembers(db, [{ id: "a1" }, { id: "a2" }]);
    for (const text of ["one", "two", "three"]) await create({ text });
    // blocks of one member and windows of one: each occurrence has a2 still in its snapshot when the next is planned
    const plan = await planDueCampaigns(db, NOON, testConfig({ feedWindow: 1 }), { batchSize: 1 });
    expect(plan.occurrences.map((o) => [o.queued, o.skipped])).toEqual([[2, 0], [2, 0], [0, 2]]);
    expect(await db.prisma.campaignRecipientBlock.count({ where: { skipReason: null } })).toBe(2); // a2 of "one" and "two"
  });
});
