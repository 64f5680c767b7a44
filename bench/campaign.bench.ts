// Campaign figures: planning an occurrence for 1,000,000 followers (its audience snapshot) on SQLite and
// PostgreSQL, and sending 10,000 messages to a local fake Bot API (on its own thread) through the real Telegram
// sender under the configured rate (BENCH_CAMPAIGN_RATE, else CAMPAIGN_RATE, else 100/s — Telegram's free limit of
// 30/s would make the run last 5.5 minutes), on both databases (BENCH_CAMPAIGN_SEND_DB picks one), reporting the
// achieved rate, the busiest one-second window seen, and how long order updates committed meanwhile took to arrive
// (the same pipeline sends them, ahead of the backlog).
import { randomUUID } from "node:crypto";
import { Telegram } from "telegraf";
import { createCampaign } from "../src/app/campaigns/create-campaign.ts";
import { loadOutboxConfig } from "../src/outbox/outbox-config.ts";
import { drainOutbox } from "../src/outbox/pipeline/drain.ts";
import { planDueCampaigns } from "../src/app/campaigns/plan-campaigns.ts";
import { MemoryChatGate, MemoryRateLimiter, preciseNow } from "../src/outbox/rate-limiter.ts";
import { enqueue } from "../src/outbox/enqueue.ts";
import { writeTx } from "../src/db/write-transaction.ts";
import { callbackCodec } from "../src/channels/telegram/callback-data.ts";
import { telegramSender } from "../src/channels/telegram/telegram-sender.ts";
import { bulkUpsert } from "../src/db/bulk-upsert.ts";
import type { Db } from "../src/db/database.ts";
import { freshDb } from "../test/support/databases.ts";
import { maxInAnySecond, startFakeBotApiThread } from "../test/campaigns/fake-bot-api.ts";
import type { Figure } from "./figure.ts";
import { audienceFrom, audienceSchema, nextBoundary } from "../src/app/campaigns/audience.ts";
import { feedCampaigns } from "../src/outbox/campaign-feed.ts";
import { enqueueSelected, jsonParam } from "../src/outbox/enqueue.ts";
import { query, type Params } from "../src/db/sql.ts";

const NOON = new Date("2026-06-01T04:00:00Z");

/**
 * A server that has been answering chats has its connections to the Bot API open and its HTTP code compiled; a
 * fresh process opens one connection per message of the first burst (round trips near a second for the first
 * thousand here, which the hard cap then charges). Warmed as a running server is: a few waves of calls.
 */
async function warmUp(tg: Telegram): Promise<void> {
  for (let wave = 0; wave < 5; wave++) await Promise.all(Array.from({ length: 100 }, () => tg.getMe()));
}

const achievedRate = (sorted: number[]) => (sorted.length - 1) / ((sorted[sorted.length - 1] - sorted[0]) / 1000);

/**
 * The baseline for the send figures: the same limiter, Telegram client and fake Bot API thread, without the outbox
 * (no database): the rate this machine can hold right now.
 */
async function sendWithoutOutbox(messages: number, rate: number, paid: boolean): Promise<{ achieved: number; maxSecond: number; cpuMs: number }> {
  const api = await startFakeBotApiThread();
  try {
    const tg = new Telegram("1:bench", { apiRoot: api.url, webhookReply: false });
    const sender = telegramSender(new Map([["marketplace", tg]]), callbackCodec(), new Set(paid ? ["marketplace"] : []));
    await warmUp(tg);
    const limiter = new MemoryRateLimiter(rate, loadOutboxConfig({}).windowGuardMs);
    const cpu0 = process.cpuUsage();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < messages; i++) {
      const permit = (await limiter.acquire())!;
      const p: Promise<void> = sender.send({ botId: "marketplace", chatId: String(100_000 + i), text: "benchmark promotion", broadcast: true }).then(() => {
        permit.done();
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    const cpu = process.cpuUsage(cpu0);
    const times = [...(await api.stats()).times].sort((a, b) => a - b);
    return { achieved: achievedRate(times), maxSecond: maxInAnySecond(times), cpuMs: (cpu.user + cpu.system) / 1000 / messages };
  } finally {
    await api.close();
  }
}

async function seedFollowers(db: Db, n: number, telegram: boolean): Promise<void> {
  await db.prisma.brand.create({ data: { id: "bench", name: "Bench", aliases: [] } });
  const chunk = 50_000;
  for (let i = 0; i < n; i += chunk) {
    const ids = Array.from({ length: Math.min(chunk, n - i) }, (_, k) => `m${String(i + k).padStart(8, "0")}`);
    await bulkUpsert(db.prisma, db.provider, { table: "Member", columns: { id: "text" }, key: ["id"], stamps: { created: "createdAt", updated: "updatedAt" } }, ids.map((id) => ({ id })));
    await bulkUpsert(db.prisma, db.provider, { table: "Follow", columns: { memberId: "text", brandId: "text", followedAt: "datetime" }, key: ["memberId", "brandId"] }, ids.map((memberId) => ({ memberId, brandId: "bench", followedAt: NOON })));
    if (telegram) {
      await bulkUpsert(
        db.prisma, db.provider,
        { table: "MemberIdentity", columns: { id: "text", memberId: "text", channel: "text", externalId: "text", chatId: "text", botId: "text" }, key: ["id"], stamps: { created: "createdAt" } },
        ids.map((memberId, k) => ({ id: randomUUID(), memberId, channel: "telegram", externalId: String(100_000 + i + k), chatId: String(100_000 + i + k), botId: "marketplace" })),
      );
    }
  }
  // planner statistics as autovacuum keeps them a minute after a bulk load: measured on a fresh database without
  // them, PostgreSQL guesses a few dozen identities and scans all of them for every due row (≈ 0.4 s a selection)
  if (db.provider === "postgresql") await db.prisma.$executeRawUnsafe(`ANALYZE "Member", "Follow", "MemberIdentity"`);
}

/** Followers generated inside PostgreSQL (generate_series): ten million in well under a minute, no round trips. */
async function seedFollowersPg(db: Db, n: number): Promise<void> {
  await db.prisma.brand.create({ data: { id: "bench", name: "Bench", aliases: [] } });
  const chunk = 1_000_000;
  for (let i = 0; i < n; i += chunk) {
    const [from, to] = [i, Math.min(n, i + chunk) - 1];
    await db.prisma.$executeRawUnsafe(`INSERT INTO "Member" ("id", "createdAt", "updatedAt") SELECT 'm' || lpad(g::text, 8, '0'), now(), now() FROM generate_series(${from}, ${to}) g`);
    await db.prisma.$executeRawUnsafe(`INSERT INTO "Follow" ("memberId", "brandId", "followedAt") SELECT 'm' || lpad(g::text, 8, '0'), 'bench', $1 FROM generate_series(${from}, ${to}) g`, NOON);
  }
  await db.prisma.$executeRawUnsafe(`ANALYZE "Member"`);
  await db.prisma.$executeRawUnsafe(`ANALYZE "Follow"`);
}

async function planFigure(kind: "sqlite" | "postgresql", followers: number): Promise<Figure> {
  const db = await freshDb(kind);
  try {
    await seedFollowers(db, followers, false);
    const config = loadOutboxConfig({});
    const created = await createCampaign(db, { brandId: "bench", text: "GXG 天河店今天开业，全场3折，先在线领券再到店提货", at: NOON.toISOString() }, NOON);
    if (!created.ok) throw new Error(created.error.message);
    const t0 = performance.now();
    const r = await planDueCampaigns(db, NOON, config);
    const s = (performance.now() - t0) / 1000;
    if (r.queued !== followers) throw new Error(`planned ${r.queued} of ${followers}`);
    return { name: `campaign: plan ${followers.toLocaleString("en")} followers (${kind})`, value: Number(s.toFixed(1)), unit: "s", note: `${Math.round(followers / s).toLocaleString("en")} rows/s; goal < 60 s` };
  } finally {
    await db.drop();
  }
}

/** Members outside the campaign's audience who get an order update while it is being sent. */
const ORDER_PUSHES = 5;

export async function benchCampaignSend(messages: number, rate: number, kind: "sqlite" | "postgresql" = "sqlite", opts: { paidBroadcast?: boolean } = {}): Promise<Figure[]> {
  const db = await freshDb(kind);
  const api = await startFakeBotApiThread();
  try {
    await seedFollowers(db, messages, true);
    const buyers = Array.from({ length: ORDER_PUSHES }, (_, k) => ({ id: `buyer${k}`, chat: String(900_000 + k) }));
    await db.prisma.member.createMany({ data: buyers.map((b) => ({ id: b.id })) });
    await db.prisma.memberIdentity.createMany({ data: buyers.map((b) => ({ memberId: b.id, channel: "telegram", externalId: b.chat, chatId: b.chat, botId: "marketplace" })) });
    const config = loadOutboxConfig({}, { ratePerSecond: rate });
    const created = await createCampaign(db, { brandId: "bench", text: "benchmark promotion", at: NOON.toISOString() }, NOON);
    if (!created.ok) throw new Error(created.error.message);
    await planDueCampaigns(db, NOON, config);
    const tg = new Telegram("1:bench", { apiRoot: api.url, webhookReply: false });
    const sender = telegramSender(new Map([["marketplace", tg]]), callbackCodec(), new Set(opts.paidBroadcast ? ["marketplace"] : []));
    await warmUp(tg);
    // order updates committed one per second from the second second on, while the campaign backlog is being sent
    const queuedAt = new Map<string, number>();
    const orders = (async () => {
      for (const b of buyers) {
        await new Promise((r) => setTimeout(r, 1000));
        await writeTx(db, (tx) => enqueue(tx, { memberId: b.id, source: "order", dedupeKey: `order:bench-${b.id}:paid`, text: "订单支付成功 / payment received" }));
        queuedAt.set(b.chat, preciseNow());
      }
    })();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const stats = await drainOutbox(
      { db, config, sender, clock: () => NOON, limiter: new MemoryRateLimiter(rate, config.windowGuardMs), chatGate: new MemoryChatGate(config.perChatMs) },
      { idle: "stop" },
    );
    const s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await orders;
    const { times: arrivals, perChat, firstAt } = await api.stats();
    const times = [...arrivals].sort((a, b) => a - b);
    const achieved = achievedRate(times);
    const maxSecond = maxInAnySecond(times);
    const total = messages + ORDER_PUSHES;
    if (times.length !== total || [...perChat.values()].some((n) => n !== 1)) throw new Error(`the Bot API got ${times.length} messages for ${perChat.size} chats`);
    const latencies = buyers.map((b) => firstAt.get(b.chat)! - queuedAt.get(b.chat)!);
    const label = opts.paidBroadcast ? "paid broadcast: send" : "campaign: send";
    return [
      { name: `${label} ${messages.toLocaleString("en")} to a fake Bot API (${kind}), achieved rate`, value: Math.round(achieved * 10) / 10, unit: "msg/s", note: `configured ${rate}/s = ${((achieved / rate) * 100).toFixed(1)}%${opts.paidBroadcast ? ", goal ≥ 99%" : ""}; ${stats.sent} sent in ${s.toFixed(1)} s; CPU ${(((cpu.user + cpu.system) / 1000) / stats.sent).toFixed(2)} ms per message (whole process)` },
      { name: `campaign: busiest one-second window seen by the Bot API (${kind})`, value: maxSecond, unit: "msg", note: `limit ${rate}; ${maxSecond > rate ? "ABOVE the limit" : "never above"}` },
      { name: `campaign: order update latency during the campaign (${kind}), worst`, value: Math.round(Math.max(...latencies)), unit: "ms", note: `${ORDER_PUSHES} updates, commit → Bot API; mean ${Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length)} ms; goal < 1000 ms` },
    ];
  } finally {
    await api.close();
    await db.drop();
  }
}

export async function benchCampaign(opts = { followers: Number(process.env.BENCH_CAMPAIGN_FOLLOWERS ?? 1_000_000), messages: 10_000, rate: Number(process.env.BENCH_CAMPAIGN_RATE ?? process.env.CAMPAIGN_RATE ?? 100) }): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const kind of ["sqlite", "postgresql"] as const) figures.push(await planFigure(kind, opts.followers));
  const sendOn = process.env.BENCH_CAMPAIGN_SEND_DB ? [process.env.BENCH_CAMPAIGN_SEND_DB as "sqlite" | "postgresql"] : (["sqlite", "postgresql"] as const);
  for (const kind of sendOn) figures.push(...(await benchCampaignSend(opts.messages, opts.rate, kind)));
  return figures;
}

/**
 * The previous planning path, as the baseline: the same members written straight into the outbox as full rows (two
 * ~45-character keys, text and JSON payload, five indexes), INSERT … SELECT per 50,000-member keyset batch with the
 * frequency-cap join, synchronous_commit off, after an ANALYZE — what plan-campaigns.ts did before the snapshot blocks.
 */
async function previousPath(db: Db, campaignId: string, members: number): Promise<number> {
  const occurrenceId = "baseline-occurrence-0000000";
  const prefix = `campaign:${occurrenceId}:`;
  const audience = audienceSchema.parse({});
  const since = new Date(NOON.getTime() - 86_400_000);
  let after = "";
  let written = 0;
  const t0 = performance.now();
  // as the previous path began: statistics of the tables it joins (the outbox has grown by the feed's windows)
  await db.prisma.$executeRawUnsafe(`ANALYZE "Follow", "Member", "MemberTag", "OutboxMessage"`);
  while (written < members) {
    const boundary = await nextBoundary(db, "bench", audience, after, Math.min(50_000, members - written));
    written += await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL synchronous_commit = off");
      return enqueueSelected(tx, (p) => {
        const head = `SELECT ${p.v(prefix)} || m."id", ${p.v(prefix)} || m."id", m."id", 'campaign', ${p.v(campaignId)}, ${p.v(occurrenceId)}, ${p.v("GXG 天河店今天开业，全场3折，先在线领券再到店提货")},
          ${jsonParam(p, JSON.stringify({ campaignId }))}, CASE WHEN COALESCE(r."n", 0) >= 2 THEN 'skipped' ELSE 'queued' END, NULL, ${p.ts(NOON)}, ${p.ts(NOON)}`;
        const recent = (q: Params) => `LEFT JOIN (SELECT d."memberId", COUNT(*) AS "n" FROM "OutboxMessage" d WHERE d."memberId" > ${q.v(after)}${boundary === null ? "" : ` AND d."memberId" <= ${q.v(boundary)}`}
          AND d."status" IN ('queued', 'claimed', 'sent') AND d."source" = 'campaign' AND d."createdAt" > ${q.ts(since)} GROUP BY d."memberId") r ON r."memberId" = m."id"`;
        return `${head} ${audienceFrom(p, "bench", audience, null, after, boundary, recent).from}`;
      });
    }, { timeout: 600_000 });
    if (boundary === null) break;
    after = boundary;
  }
  return (performance.now() - t0) / 1000;
}

/**
 * 10 million followers planned on PostgreSQL (BENCH_PLAN_FOLLOWERS to change it): goal < 60 s. In the same run, on
 * the same database: the audience SELECT alone (the join the snapshot cannot avoid), how fast the feed moves the
 * snapshot into the outbox (it must stay far ahead of 1000 messages/s), and the previous path on the first
 * BENCH_PLAN_BASELINE members (default 1,000,000) as the baseline.
 */
export async function benchPlanTenMillion(followers = Number(process.env.BENCH_PLAN_FOLLOWERS ?? 10_000_000), baselineMembers = Number(process.env.BENCH_PLAN_BASELINE ?? 1_000_000)): Promise<Figure[]> {
  const db = await freshDb("postgresql");
  try {
    await seedFollowersPg(db, followers);
    const config = loadOutboxConfig({});
    const created = await createCampaign(db, { brandId: "bench", text: "GXG 天河店今天开业，全场3折，先在线领券再到店提货", at: NOON.toISOString() }, NOON);
    if (!created.ok) throw new Error(created.error.message);
    const audience = audienceSchema.parse({});

    let t0 = performance.now();
    const counted = await query<{ n: bigint | number }>(db, (p) => `SELECT COUNT(*) AS "n" ${audienceFrom(p, "bench", audience, null, "").from} AND m."marketingOptOut" = false AND m."unreachable" = false`);
    const selectS = (performance.now() - t0) / 1000;
    if (Number(counted[0].n) !== followers) throw new Error(`the audience counts ${counted[0].n} of ${followers}`);

    t0 = performance.now();
    const r = await planDueCampaigns(db, NOON, config);
    const planS = (performance.now() - t0) / 1000;
    if (r.queued !== followers) throw new Error(`planned ${r.queued} of ${followers}`);
    const blocks = await db.prisma.campaignRecipientBlock.count();

    // the feed at the paid-broadcast rate: a window is a minute of sending at 1000/s
    const paid = loadOutboxConfig({}, { ratePerSecond: 1000 });
    t0 = performance.now();
    let fed = 0;
    for (let i = 0; i < 5; i++) fed += await feedCampaigns(db, paid);
    const feedS = (performance.now() - t0) / 1000;

    const base = Math.min(baselineMembers, followers);
    const baseS = await previousPath(db, created.value.campaignId, base);
    const rate = followers / planS;
    const baseRate = base / baseS;
    return [
      { name: `campaign: plan ${followers.toLocaleString("en")} followers (postgresql)`, value: Number(planS.toFixed(1)), unit: "s", note: `${Math.round(rate).toLocaleString("en")} rows/s, the first window fed; ${blocks.toLocaleString("en")} blocks left; goal < 60 s` },
      { name: `campaign: the audience SELECT alone, ${followers.toLocaleString("en")} followers`, value: Number(selectS.toFixed(1)), unit: "s", note: "Follow ⋈ Member with the consent filter, COUNT(*)" },
      { name: "campaign: feed, snapshot → outbox at 1000/s windows", value: Math.round(fed / feedS), unit: "rows/s", note: `${fed.toLocaleString("en")} rows in ${feedS.toFixed(1)} s; sending needs 1,000/s` },
      { name: `baseline: the previous path (full outbox rows), ${base.toLocaleString("en")} of the same followers`, value: Number(baseS.toFixed(1)), unit: "s", note: `${Math.round(baseRate).toLocaleString("en")} rows/s; ${followers.toLocaleString("en")} would take ≈ ${Math.round(followers / baseRate)} s` },
      { name: "plan rows/s ÷ previous path rows/s", value: Math.round((rate / baseRate) * 10) / 10, unit: "×" },
    ];
  } finally {
    await db.drop();
  }
}

/** Paid broadcast: 1000 messages/s (BENCH_PAID_RATE) through the real sender, on PostgreSQL: ≥ 99 % of the rate, never above. */
export async function benchPaidBroadcast(rate = Number(process.env.BENCH_PAID_RATE ?? 1000), messages = Number(process.env.BENCH_PAID_MESSAGES ?? 20_000)): Promise<Figure[]> {
  const figures = await benchCampaignSend(messages, rate, "postgresql", { paidBroadcast: true });
  const base = await sendWithoutOutbox(messages, rate, true); // second: it finds the code compiled, not the outbox run
  return [
    ...figures,
    { name: "baseline: the same limiter and sender without the outbox, achieved rate", value: Math.round(base.achieved * 10) / 10, unit: "msg/s", note: `${((base.achieved / rate) * 100).toFixed(1)}% of ${rate}/s; busiest second ${base.maxSecond}; CPU ${base.cpuMs.toFixed(2)} ms per message` },
    { name: "paid broadcast achieved rate / baseline", value: Math.round((figures[0].value / base.achieved) * 1000) / 1000, unit: "×" },
  ];
}
