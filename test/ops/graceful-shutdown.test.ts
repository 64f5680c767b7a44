// A deploy in the middle of a campaign on PostgreSQL: SIGTERM stops the server gracefully (exit 0, well within
// SHUTDOWN_TIMEOUT_SECONDS) and the pushes it had claimed but not sent go back to the queue; the next start sends
// the rest. Every member gets the push exactly once: none lost, none twice, none left failed or claimed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/app/campaigns/create-campaign.ts";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { startApp, type AppProcess } from "../support/app-process.ts";
import { startFakeBotApi, type FakeBotApi } from "../campaigns/fake-bot-api.ts";
import { addMembers, seedCatalog } from "../campaigns/fixtures.ts";

const MEMBERS = 60;
const RATE = 20;
const NOW = "2026-06-01T04:00:00Z"; // noon in Shanghai: outside quiet hours

describe("SIGTERM in the middle of a campaign (postgresql)", { timeout: 120_000 }, () => {
  let db: Db;
  let drop: () => Promise<void>;
  let api: FakeBotApi;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl("postgresql");
    drop = fresh.drop;
    db = await openDatabase({ databaseUrl: fresh.url });
    await seedCatalog(db);
    await addMembers(db, Array.from({ length: MEMBERS }, (_, i) => ({ id: `m${String(i).padStart(3, "0")}`, channel: "telegram" as const })));
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    for (const a of apps) await a.stop("SIGKILL");
    await api?.close();
    await db?.close();
    await drop?.();
  });

  it("releases what it claimed, exits 0, and the restarted server sends every member the push exactly once", async () => {
    const created = await createCampaign(db, { brandId: "b1", text: "deploy-day sale", at: NOW }, new Date(NOW));
    expect(created.ok).toBe(true);
    const env = {
      DATABASE_URL: db.url, TELEGRAM_BOT_TOKEN: "555:DEPLOY", TELEGRAM_API_ROOT: api.url, PUBLIC_URL: "https://shop.example",
      O2O_NOW: NOW, CAMPAIGN_RATE: String(RATE), REDIS_URL: "", SHUTDOWN_TIMEOUT_SECONDS: "20",
    };
    const mine = () => api.received.filter((m) => m.text.startsWith("deploy-day sale"));

    const first = await startApp(env);
    apps.push(first);
    const end = Date.now() + 30_000;
    while (mine().length < 10 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(mine().length).toBeGreaterThanOrEqual(10);
    const stoppedAt = Date.now();
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(first.output()).toMatch(/shutting down gracefully/);

    // between the two processes: nothing claimed, nothing failed; what was not sent is queued again
    const byStatus = Object.fromEntries((await db.prisma.outboxMessage.groupBy({ by: ["status"], _count: true })).map((g) => [g.status, g._count]));
    expect(byStatus.claimed ?? 0).toBe(0);
    expect(byStatus.failed ?? 0).toBe(0);
    const sentBefore = mine().length;
    expect(byStatus.sent).toBe(sentBefore);
    expect(byStatus.queued).toBe(MEMBERS - sentBefore);
    expect(sentBefore).toBeLessThan(MEMBERS); // the stop really came mid-campaign

    const second = await startApp(env);
    apps.push(second);
    const end2 = Date.now() + 30_000;
    while (mine().length < MEMBERS && Date.now() < end2) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // nothing more arrives
    expect(await second.stop("SIGTERM")).toBe(0);

    const perChat = new Map<string, number>();
    for (const m of mine()) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    expect(perChat.size).toBe(MEMBERS);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(await db.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(MEMBERS);
  });
});
