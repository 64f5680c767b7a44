// Scale-out on real Redis and PostgreSQL: two `o2o campaign worker` processes take BullMQ jobs of one campaign and
// share one global rate — the Bot API never sees more than the configured rate in any second — and every
// recipient gets exactly one message. A worker killed mid-campaign and replaced sends nobody twice and loses at most
// the documented window; unsubscribed and unreachable members get nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/app/campaigns/create-campaign.ts";
import { loadOutboxConfig } from "../../src/outbox/outbox-config.ts";
import { enqueueOccurrenceJobs, openDeliveryQueue } from "../../src/outbox/redis-workers.ts";
import { runTick } from "../../src/app/campaigns/tick.ts";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { projectRoot } from "../../src/paths.ts";
import { REDIS_URL, redisUp } from "../support/redis.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";
import { addMembers, seedCatalog } from "./fixtures.ts";

const RATE = 20;
const MEMBERS = 80;

describe.skipIf(!(await redisUp()))("delivery workers on Redis (postgresql)", () => {
  let db: Db;
  let drop: () => Promise<void>;
  let api: FakeBotApi;
  const workers: ChildProcess[] = [];
  const prefix = `o2o-test-${process.pid}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl("postgresql");
    drop = fresh.drop;
    db = await openDatabase({ databaseUrl: fresh.url });
    await seedCatalog(db);
    await addMembers(db, [
      ...Array.from({ length: MEMBERS }, (_, i) => ({ id: `t${String(i).padStart(3, "0")}`, channel: "telegram" as const })),
      { id: "optout", channel: "telegram" as const, optOut: true },
      { id: "gone", channel: "telegram" as const, unreachable: true },
    ]);
    for (let i = 0; i < MEMBERS; i++) await db.prisma.memberIdentity.updateMany({ where: { memberId: `t${String(i).padStart(3, "0")}` }, data: { chatId: String(5000 + i) } });
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    await api?.close();
    await db?.close();
    await drop?.();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  });

  it("two workers share one global rate and send every recipient exactly once", async () => {
    const now = new Date("2026-06-01T04:00:00Z");
    const created = await createCampaign(db, { brandId: "b1", text: "shared limit", at: now.toISOString() }, now);
    expect(created.ok).toBe(true);
    const planned = await runTick({ db, config: loadOutboxConfig({}), sender: null }, now, { deliver: false });
    expect(planned.queued).toBe(MEMBERS);
    const { queue, close } = openDeliveryQueue(REDIS_URL, prefix);
    await enqueueOccurrenceJobs(db, queue, planned.occurrences[0].occurrenceId, planned.occurrences[0].campaignId, 5);
    await close();

    // each worker sends with its own token, so the Bot API can tell them apart
    for (const token of ["1:worker-a", "2:worker-b"]) {
      workers.push(
        spawn(process.execPath, [join(projectRoot, "bin/o2o.js"), "campaign", "worker"], {
          cwd: projectRoot,
          stdio: "ignore",
          env: {
            ...process.env, DATABASE_URL: db.url, REDIS_URL, O2O_REDIS_PREFIX: prefix, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: api.url,
            CAMPAIGN_RATE: String(RATE), O2O_NOW: now.toISOString(),
          },
        }),
      );
    }
    const deadline = Date.now() + 45_000;
    while (api.received.length < MEMBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    for (const w of workers) w.kill("SIGTERM");

    expect(api.received).toHaveLength(MEMBERS);
    expect(new Set(api.received.map((m) => m.chatId)).size).toBe(MEMBERS);
    const byWorker = new Map<string, number>();
    for (const m of api.received) byWorker.set(m.token, (byWorker.get(m.token) ?? 0) + 1);
    expect(byWorker.size).toBe(2);
    expect(api.maxPerSecond()).toBeLessThanOrEqual(RATE);
    const times = api.received.map((m) => m.at).sort((a, b) => a - b);
    const achieved = (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
    expect(achieved).toBeGreaterThan(RATE * 0.8);
  }, 60_000);
  it("a worker killed mid-campaign and replaced: nobody twice, at most the documented window lost, opted-out members never", async () => {
    const now = new Date("2026-06-02T04:00:00Z");
    const created = await createCampaign(db, { brandId: "b1", text: "killed worker", at: now.toISOString() }, now);
    if (!created.ok) throw new Error(created.error.code);
    const planned = await runTick({ db, config: loadOutboxConfig({}), sender: null }, now, { deliver: false });
    expect(planned.queued).toBe(MEMBERS);
    const { queue, close } = openDeliveryQueue(REDIS_URL, prefix);
    await enqueueOccurrenceJobs(db, queue, planned.occurrences[0].occurrenceId, planned.occurrences[0].campaignId, 5);
    await close();
    const mine = () => api.received.filter((m) => m.text.includes("killed worker"));
    const worker = (token: string) =>
      spawn(process.execPath, [join(projectRoot, "bin/o2o.js"), "campaign", "worker"], {
        cwd: projectRoot,
        stdio: "ignore",
        env: {
          ...process.env, DATABASE_URL: db.url, REDIS_URL, O2O_REDIS_PREFIX: prefix, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: api.url,
          CAMPAIGN_RATE: String(RATE), CAMPAIGN_CLAIM_LEASE_SECONDS: "5", CAMPAIGN_JOB_LOCK_SECONDS: "3", O2O_NOW: now.toISOString(),
        },
      });

    const first = worker("3:first");
    workers.push(first);
    const exited = new Promise((r) => first.once("exit", r));
    const deadline = Date.now() + 30_000;
    while (mine().length < MEMBERS / 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    first.kill("SIGKILL");
    await exited;
    expect(mine().length).toBeLessThan(MEMBERS);

    workers.push(worker("4:second"));
    // the replacement sends the rest; rows the dead worker had claimed are given up after the lease (at most once)
    const settle = Date.now() + 60_000;
    let seen = -1;
    while (Date.now() < settle) {
      await new Promise((r) => setTimeout(r, 1500));
      const queued = await db.prisma.outboxMessage.count({ where: { campaignId: created.value.campaignId, status: "queued" } });
      if (queued === 0 && mine().length === seen) break;
      seen = mine().length;
    }

    const perChat = new Map<string, number>();
    for (const m of mine()) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    expect(Math.max(...perChat.values())).toBe(1);
    expect(new Set(mine().map((m) => m.token))).toEqual(new Set(["3:first", "4:second"]));
    // the window (README): rows claimed and not yet sent when the worker died, at most two chunks of rate/10, plus in flight
    const lost = MEMBERS - mine().length;
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThanOrEqual(2 * Math.max(1, RATE / 10) + 5);
    const rows = await db.prisma.outboxMessage.findMany({ where: { campaignId: created.value.campaignId } });
    // the lost ones are the rows the dead worker left claimed (or, once the lease sweep ran, failed): never sent again
    expect(rows.filter((r) => r.status === "claimed" || r.status === "failed").length).toBeGreaterThanOrEqual(lost);
    expect(rows.filter((r) => r.memberId === "optout" || r.memberId === "gone").map((r) => r.status)).toEqual(["skipped", "skipped"]);
    // nothing is left waiting: a job the dead worker held is taken over once BullMQ sees it stalled
    expect(rows.filter((r) => r.status === "queued")).toEqual([]);
    expect(mine().some((m) => m.chatId === "chat-optout" || m.chatId === "chat-gone")).toBe(false);
    expect(api.maxPerSecond()).toBeLessThanOrEqual(RATE);
  }, 90_000);
});
