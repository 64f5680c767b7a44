// The delivery pipeline: the one path by which the outbox reaches Telegram, for every source — campaign pushes,
// follow-ups, members' order status updates and store staff's order cards. It sends under one global rate
// (RateLimiter), at most one message per chat per second (ChatGate), and per-source rules (delivery-rules.ts):
// promotions and follow-ups obey the frequency cap, quiet hours (deferral by notBefore) and a fresh consent check;
// order updates and staff cards are transactional — never capped, deferred or stopped by an unsubscribe — and are
// due by the wall clock too (a pinned business clock never holds them back). They are queued with notBefore = epoch
// (outbox.ts), so the selection, ordered by notBefore, puts them ahead of any campaign backlog: a running worker
// sends them within one selection (≈ 0.2 s of traffic) of their commit, or one idle poll when nothing else is due.
// Rows of local (`o2o chat`) members are not touched: the scripted chat shows them itself (takePendingPushes).
//
// WARNING (exactly-once): a row moves queued → claimed → sent | failed | skipped, every move a conditional UPDATE
// on the current status, so two workers never send the same row. A row is claimed only just before its send
// slot: the producer keeps at most one chunk (rate/10 rows, ≥ 1: about 0.1 s of traffic) claimed ahead of the
// sender, plus the chunk it is claiming. The guarantee is AT MOST ONCE: a row found still `claimed` after the lease
// (CAMPAIGN_CLAIM_LEASE_SECONDS, wall clock) belonged to a worker that died between claiming and recording the
// answer; Telegram may or may not have delivered it, so it is marked `failed` ("unconfirmed") and never sent again.
// The loss window of a crash is the rows claimed and not yet sent at that moment — at most two chunks (2 × rate/10,
// about 0.2 s of traffic) plus the requests awaiting Telegram's answer. Answers received but not yet written
// (flushed every 100 ms) also stay `claimed`, but those messages did arrive. Nothing is ever sent twice.
import type { Db } from "../../db/database.ts";
import { DEFAULT_BOT_ID } from "../../bot-config.ts";
import type { Button } from "../../conversation/replies.ts";
import type { OutboxConfig } from "../outbox-config.ts";
import { decideDelivery, isTransactional, retryBackoffMs, TRANSACTIONAL_SOURCES, type DeliveryAction } from "../send-rules.ts";
import type { MessageSender, SendResult } from "../message-sender.ts";
import { preciseNow, sleep, type ChatGate, type RateLimiter, type SendPermit } from "../rate-limiter.ts";
import { execute, query } from "../../db/sql.ts";
import { outboxMessages, rateLimitWaits } from "../../ops/metrics.ts";

export interface PipelineDeps {
  db: Db;
  sender: MessageSender;
  limiter: RateLimiter;
  chatGate: ChatGate;
  config: OutboxConfig;
  /** the logical clock: notBefore, quiet hours and the frequency cap are judged at this instant (transactional rows:
   *  at the later of it and the wall clock) */
  clock: () => Date;
  /** the physical clock: rate slots, claim leases (defaults to Date.now) */
  wallClock?: () => number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** the bots the sender can send through (a row waits while none of its member's bots runs); default: any */
  botIds?: () => string[];
  /** which outbox sources this pipeline sends (default all: campaign, follow_up, order, staff) */
  sources?: string[];
  /**
   * Outbox producers run before a selection, at most once per poll period (e.g. staff cards for newly paid orders,
   * queued by the Telegram channel): they only queue rows, which this pipeline then sends like any other.
   */
  producers?: (() => Promise<unknown>)[];
}

export interface DrainStats {
  sent: number;
  failed: number;
  skipped: number;
  deferred: number;
  /** 429 answers (the row went back to the queue, the sender paused) */
  rateLimited: number;
  /** transient failures put back with a backoff */
  retried: number;
}

export interface DrainOptions {
  /** "stop": return when nothing is due (a tick); "wait": poll until the signal aborts (a worker) */
  idle?: "stop" | "wait";
  signal?: AbortSignal;
  /** only these rows (a BullMQ job's batch) */
  onlyIds?: string[];
  /** idle "wait": how often to look for new rows when nothing is due (default 200 ms: transactional latency) */
  pollMs?: number;
  /** rows read per selection */
  selectLimit?: number;
  maxInFlight?: number;
}

interface Candidate {
  id: string;
  memberId: string;
  source: string;
  campaignId: string | null;
  campaignStatus: string | null;
  text: string;
  payload: unknown;
  attempts: number;
  /** null for staff rows (no member: the chat and bot are in the payload) */
  externalId: string | null;
  chatId: string | null;
  identityBotId: string | null;
  followBotId: string | null;
  orderBotId: string | null;
  timezone: string | null;
  marketingOptOut: boolean | number;
  unreachable: boolean | number;
  erased: boolean | number;
  audience: unknown;
  following: boolean | number;
}

interface Outgoing {
  row: Candidate;
  botId: string;
  chatId: string;
  chatKey: string;
}

/** Wakes whoever waits, once per fire. */
class Signal {
  private waiters: (() => void)[] = [];
  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      // the abort listener goes with the wake-up: a long-running worker waits thousands of times
      const done = () => {
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }
  fire(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }
}

export const emptyStats = (): DrainStats => ({ sent: 0, failed: 0, skipped: 0, deferred: 0, rateLimited: 0, retried: 0 });

/** Marks rows left `claimed` past the lease as failed (unconfirmed): the at-most-once rule for crashed workers. */
export async function recoverStaleClaims(db: Db, wallNow: number, leaseMs: number): Promise<number> {
  return execute(
    db,
    (p) => `UPDATE "OutboxMessage" SET "status" = 'failed', "error" = 'unconfirmed: the worker stopped while sending; not resent (at most once)'
      WHERE "status" = 'claimed' AND "claimedAt" < ${p.ts(new Date(wallNow - leaseMs))}`,
  );
}

/**
 * Due: queued, notBefore reached by the logical clock — or, for transactional rows, by the wall clock — and sendable
 * here: a Telegram member (local members' rows wait for `o2o chat`) or a staff card, through a running bot.
 */
function selectDue(db: Db, now: Date, wallNow: Date, limit: number, onlyIds: string[] | undefined, bots: string[] | null, sources: string[] | undefined, passed: Set<string>): Promise<Candidate[]> {
  const latest = now.getTime() >= wallNow.getTime() ? now : wallNow;
  return query<Candidate>(
    db,
    (p) => `SELECT d."id", d."memberId", d."source", d."campaignId", d."text", d."payload", d."attempts",
        i."externalId", i."chatId", i."botId" AS "identityBotId", f."botId" AS "followBotId", o."botId" AS "orderBotId",
        m."timezone", m."marketingOptOut", m."unreachable", (m."erasedAt" IS NOT NULL) AS "erased",
        c."audience", c."status" AS "campaignStatus", (f."memberId" IS NOT NULL AND f."unfollowedAt" IS NULL) AS "following"
      FROM "OutboxMessage" d
      LEFT JOIN "MemberIdentity" i ON i."memberId" = d."memberId" AND i."channel" = 'telegram'
      LEFT JOIN "Member" m ON m."id" = d."memberId"
      LEFT JOIN "Campaign" c ON c."id" = d."campaignId"
      LEFT JOIN "Follow" f ON f."memberId" = d."memberId" AND f."brandId" = c."brandId"
      LEFT JOIN "Order" o ON o."id" = d."orderId"
      WHERE d."status" = 'queued' AND d."notBefore" <= ${p.ts(latest)}
        AND (d."notBefore" <= ${p.ts(now)} OR d."source" IN ${p.list(TRANSACTIONAL_SOURCES)})
        AND ((i."memberId" IS NOT NULL AND m."id" IS NOT NULL) OR d."source" = 'staff')${onlyIds ? ` AND d."id" IN ${p.list(onlyIds)}` : ""}${
        sources ? ` AND d."source" IN ${p.list(sources)}` : ""}${passed.size ? ` AND d."id" NOT IN ${p.list([...passed])}` : ""}${
        bots ? ` AND (d."source" = 'staff' OR f."botId" IN ${p.list(bots)} OR o."botId" IN ${p.list(bots)} OR i."botId" IN ${p.list(bots)}${
          bots.includes(DEFAULT_BOT_ID) ? ` OR (f."botId" IS NULL AND o."botId" IS NULL AND i."botId" IS NULL)` : ""})` : ""}
      ORDER BY d."notBefore" LIMIT ${p.v(limit)}`,
  );
}

/** A staff card's addressee, from its payload (staff-notifier.ts): the employee's Telegram chat and the bot they bound with. */
function staffTarget(payload: unknown): { chatId: string; botId: string } | null {
  const p = payload as { telegramUserId?: unknown; botId?: unknown } | null;
  return typeof p?.telegramUserId === "string" && typeof p.botId === "string" ? { chatId: p.telegramUserId, botId: p.botId } : null;
}

async function promotionsSince(db: Db, memberIds: string[], since: Date): Promise<Map<string, number>> {
  if (!memberIds.length) return new Map();
  const rows = await query<{ memberId: string; n: number | bigint }>(
    db,
    (p) => `SELECT "memberId", COUNT(*) AS "n" FROM "OutboxMessage" WHERE "memberId" IN ${p.list(memberIds)} AND "source" = 'campaign'
      AND "status" = 'sent' AND "sentAt" > ${p.ts(since)} GROUP BY "memberId"`,
  );
  return new Map(rows.map((r) => [r.memberId, Number(r.n)]));
}

function buttonsOf(payload: unknown): Button[] | undefined {
  const b = (payload as { buttons?: Button[] } | null)?.buttons;
  return Array.isArray(b) && b.length ? b.filter((x) => typeof x?.id === "string" && typeof x?.label === "string") : undefined;
}

/**
 * Sends what is due. With idle "stop" it returns once no sendable row is due (rows waiting for their chat's turn
 * are waited for); with "wait" it keeps polling until the signal aborts.
 */
export async function drainOutbox(deps: PipelineDeps, opts: DrainOptions = {}): Promise<DrainStats> {
  const { db, config } = deps;
  const wall = deps.wallClock ?? Date.now;
  const stats = emptyStats();
  const chunkSize = Math.max(1, Math.min(100, Math.ceil(config.ratePerSecond / 10)));
  // about 0.2 s of traffic per selection: a transactional row queued behind a campaign backlog is picked up by the
  // next one; small selections also keep each synchronous stall (SQLite) short
  const selectLimit = opts.selectLimit ?? Math.min(500, Math.max(2 * chunkSize, Math.ceil(config.ratePerSecond / 5)));
  const maxInFlight = opts.maxInFlight ?? Math.max(16, Math.ceil(config.ratePerSecond * 2));
  const inFlight = new Set<Promise<void>>();
  const usernames = new Map((await db.prisma.botAccount.findMany({ where: { username: { not: null } }, select: { id: true, username: true } })).map((b) => [b.id, b.username!]));
  const promoCounts = new Map<string, number>();
  // chats with a message awaiting Telegram's answer: nothing more goes to them until it is known (a 403 stops the rest)
  const busyChats = new Set<string>();
  // staff cards for a bot that runs in another process: left to that process's worker, not selected again here
  const passed = new Set<string>();

  // answers are recorded in batches: one UPDATE per ~100 ms instead of one per message
  let sentBuffer: string[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flushSent = () => {
    if (!sentBuffer.length) return flushing;
    const ids = sentBuffer;
    sentBuffer = [];
    const at = deps.clock();
    flushing = flushing.then(async () => {
      await execute(db, (p) => `UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${p.ts(at)}, "error" = NULL WHERE "id" IN ${p.list(ids)} AND "status" = 'claimed'`);
    });
    return flushing;
  };
  const flushTimer = setInterval(() => void flushSent().catch((e) => deps.log?.("recording sent rows failed", { err: String(e) })), 100);

  const setStatus = (id: string, from: string, data: string, extra: (p: import("../../db/sql.ts").Params) => string = () => "") =>
    execute(db, (p) => `UPDATE "OutboxMessage" SET ${data}${extra(p)} WHERE "id" = ${p.v(id)} AND "status" = ${p.v(from)}`);

  async function onResult(out: Outgoing, r: SendResult): Promise<void> {
    const { row } = out;
    if (r.ok) {
      stats.sent++;
      outboxMessages.inc({ source: row.source, status: "sent" });
      if (row.source === "campaign") promoCounts.set(row.memberId, (promoCounts.get(row.memberId) ?? 0) + 1);
      sentBuffer.push(row.id);
      if (sentBuffer.length >= 200) await flushSent();
      return;
    }
    switch (r.kind) {
      case "rate_limited": {
        stats.rateLimited++;
        outboxMessages.inc({ source: row.source, status: "429" });
        const until = wall() + Math.max(1, r.retryAfterSeconds) * 1000;
        await deps.limiter.pause(until);
        deps.log?.("429 from Telegram: pausing the sender", { retryAfterSeconds: r.retryAfterSeconds });
        // not delivered: back to the queue as it was (the attempt does not count)
        await setStatus(row.id, "claimed", `"status" = 'queued', "claimedAt" = NULL, "attempts" = "attempts" - 1`);
        return;
      }
      case "blocked": {
        stats.failed++;
        outboxMessages.inc({ source: row.source, status: "403" });
        await setStatus(row.id, "claimed", `"status" = 'failed', "error" = 'blocked: ' || `, (p) => p.v(r.error.slice(0, 200)));
        if (row.source === "staff") return; // an employee who blocked the bot: only this card fails
        await db.prisma.member.update({ where: { id: row.memberId }, data: { unreachable: true } });
        const n = await db.prisma.outboxMessage.updateMany({ where: { memberId: row.memberId, status: "queued", id: { not: row.id } }, data: { status: "skipped", error: "unreachable" } });
        stats.skipped += n.count; // (not in o2o_outbox_messages_total: the 403 that caused them is)
        return;
      }
      case "transient": {
        if (row.attempts + 1 >= config.maxAttempts) {
          stats.failed++;
          outboxMessages.inc({ source: row.source, status: "failed" });
          await setStatus(row.id, "claimed", `"status" = 'failed', "error" = `, (p) => p.v(`gave up after ${row.attempts + 1} attempts: ${r.error}`.slice(0, 300)));
        } else {
          stats.retried++;
          outboxMessages.inc({ source: row.source, status: "retried" });
          const from = isTransactional(row.source) ? Math.max(deps.clock().getTime(), wall()) : deps.clock().getTime();
          const at = new Date(from + retryBackoffMs(row.attempts + 1, row.source));
          await setStatus(row.id, "claimed", `"status" = 'queued', "claimedAt" = NULL, "notBefore" = `, (p) => `${p.ts(at)}, "error" = ${p.v(r.error.slice(0, 300))}`);
        }
        return;
      }
      case "permanent":
        stats.failed++;
        outboxMessages.inc({ source: row.source, status: "failed" });
        await setStatus(row.id, "claimed", `"status" = 'failed', "error" = `, (p) => p.v(r.error.slice(0, 300)));
        return;
    }
  }

  async function dispatch(out: Outgoing, permit: SendPermit): Promise<void> {
    let result: SendResult;
    try {
      const username = usernames.get(out.botId);
      const deepLink = (out.row.payload as { deepLink?: string } | null)?.deepLink;
      const text = username && deepLink ? `${out.row.text}\n\nhttps://t.me/${username}?start=${deepLink}` : out.row.text;
      result = await deps.sender.send({ botId: out.botId, chatId: out.chatId, text, buttons: buttonsOf(out.row.payload), broadcast: !isTransactional(out.row.source) });
    } catch (e) {
      result = { ok: false, kind: "transient", error: `sender threw: ${(e as Error).message ?? e}` };
    }
    // the message has reached the Bot API by now, if it ever will: the hard rate cap and the chat gap count from here
    permit.done();
    await deps.chatGate.settle(out.chatKey, preciseNow());
    await onResult(out, result);
  }

  async function applyDecisions(decided: { row: Candidate; action: DeliveryAction }[]): Promise<Outgoing[]> {
    const sendable: Outgoing[] = [];
    const byReason = new Map<string, string[]>();
    const deferrals = new Map<number, string[]>();
    for (const { row, action } of decided) {
      if (action.kind === "skip") byReason.set(action.reason, [...(byReason.get(action.reason) ?? []), row.id]);
      else if (action.kind === "defer") deferrals.set(action.until.getTime(), [...(deferrals.get(action.until.getTime()) ?? []), row.id]);
      else if (row.source === "staff") {
        const target = staffTarget(row.payload);
        const running = deps.botIds?.();
        if (!target) byReason.set("no addressee", [...(byReason.get("no addressee") ?? []), row.id]);
        else if (!running || running.includes(target.botId)) sendable.push({ row, ...target, chatKey: `${target.botId}:${target.chatId}` });
        else if (passed.size < 500) passed.add(row.id); // the employee's bot runs elsewhere: its worker sends the card
      } else {
        // the member's chat with the bot they followed the brand through, else the order's, else the one they first used
        const choices = [row.followBotId, row.orderBotId, row.identityBotId].filter((b): b is string => !!b);
        const running = deps.botIds?.();
        const botId = (running ? choices.find((b) => running.includes(b)) : choices[0]) ?? DEFAULT_BOT_ID;
        const chatId = row.chatId ?? row.externalId!;
        sendable.push({ row, botId, chatId, chatKey: `${botId}:${chatId}` });
      }
    }
    const sourceOf = new Map(decided.map((d) => [d.row.id, d.row.source]));
    const countBySource = (ids: string[], status: string) => {
      for (const id of ids) outboxMessages.inc({ source: sourceOf.get(id) ?? "any", status });
    };
    for (const [reason, ids] of byReason) {
      stats.skipped += await execute(db, (p) => `UPDATE "OutboxMessage" SET "status" = 'skipped', "error" = ${p.v(reason)} WHERE "id" IN ${p.list(ids)} AND "status" = 'queued'`);
      countBySource(ids, "skipped");
    }
    for (const [until, ids] of deferrals) {
      stats.deferred += await execute(db, (p) => `UPDATE "OutboxMessage" SET "notBefore" = ${p.ts(new Date(until))} WHERE "id" IN ${p.list(ids)} AND "status" = 'queued'`);
      countBySource(ids, "deferred");
    }
    return sendable;
  }

  // A producer reads, decides and claims rows into a short queue (one chunk, about 0.1 s of traffic) while a
  // consumer sends them under the limiter: the database work never holds up a send slot.
  const queue: Outgoing[] = [];
  const queuedChats = new Set<string>();
  const capacity = chunkSize;
  const filled = new Signal();
  const drained = new Signal();
  let producing = true;
  const unclaim = (id: string) => setStatus(id, "claimed", `"status" = 'queued', "claimedAt" = NULL, "attempts" = "attempts" - 1`);

  const pollMs = opts.pollMs ?? 200;
  let producedAt = -Infinity;
  async function runProducers(): Promise<void> {
    if (!deps.producers?.length || opts.onlyIds || wall() - producedAt < pollMs) return;
    producedAt = wall();
    for (const p of deps.producers) await p().catch((e) => deps.log?.("an outbox producer failed", { err: String(e) }));
  }

  async function produce(): Promise<void> {
    while (!opts.signal?.aborted) {
      if (queue.length >= capacity) {
        await drained.wait(opts.signal);
        continue;
      }
      await runProducers();
      const now = deps.clock();
      const bots = deps.botIds ? deps.botIds() : null;
      const raw = await selectDue(db, now, new Date(wall()), selectLimit, opts.onlyIds, bots, deps.sources, passed);
      const candidates = raw.map((c) => (typeof c.payload === "string" ? { ...c, payload: JSON.parse(c.payload) as unknown } : c));
      if (!candidates.length) {
        if (queue.length || inFlight.size) await Promise.race([...inFlight, drained.wait(opts.signal)]); // answers may requeue rows
        else if (opts.idle === "wait") {
          passed.clear(); // a bot may have started here meanwhile
          await sleep(pollMs, opts.signal);
        } else return;
        continue;
      }
      const campaignMembers = [...new Set(candidates.filter((c) => c.source === "campaign").map((c) => c.memberId))];
      const fromDb = await promotionsSince(db, campaignMembers.filter((m) => !promoCounts.has(m)), new Date(now.getTime() - 86_400_000));
      for (const [m, n] of fromDb) promoCounts.set(m, n);
      const seen = new Set<string>();
      const pending = new Map<string, number>(); // promotions this selection is about to send, per member
      const decided = candidates
        .filter((c) => !seen.has(c.id) && seen.add(c.id))
        .map((row) => {
          const audienceKind = (row.audience as { kind?: string } | null)?.kind;
          const action = decideDelivery(
            {
              source: row.source,
              marketingOptOut: Boolean(row.marketingOptOut),
              unreachable: Boolean(row.unreachable),
              erased: Boolean(row.erased),
              stillFollowing: row.source === "campaign" && (audienceKind ?? "followers") === "followers" ? Boolean(row.following) : null,
              campaignCancelled: row.campaignStatus === "cancelled",
              timezone: row.timezone,
              promotionsSentToday: (promoCounts.get(row.memberId) ?? 0) + (pending.get(row.memberId) ?? 0),
            },
            now,
            config,
          );
          if (action.kind === "send" && row.source === "campaign") pending.set(row.memberId, (pending.get(row.memberId) ?? 0) + 1);
          return { row, action };
        });
      const sendable = await applyDecisions(decided);

      // one message per chat at a time, and none to a chat still inside its per-chat gap
      const chats = new Set<string>();
      const ready: Outgoing[] = [];
      let nextChatFree = Infinity;
      let busy = 0;
      for (const o of sendable) {
        if (chats.has(o.chatKey)) continue;
        chats.add(o.chatKey);
        if (busyChats.has(o.chatKey) || queuedChats.has(o.chatKey)) {
          busy++;
          continue;
        }
        const free = await deps.chatGate.freeAt(o.chatKey);
        if (free > preciseNow()) nextChatFree = Math.min(nextChatFree, free);
        else ready.push(o);
      }
      if (!ready.length) {
        if (busy) await Promise.race([...inFlight, drained.wait(opts.signal)]);
        else if (nextChatFree < Infinity) await sleep(nextChatFree - preciseNow(), opts.signal);
        continue;
      }
      for (let i = 0; i < ready.length && !opts.signal?.aborted; i += chunkSize) {
        while (queue.length >= capacity && !opts.signal?.aborted) await drained.wait(opts.signal);
        if (opts.signal?.aborted) break;
        const chunk = ready.slice(i, i + chunkSize);
        const claimedIds = new Set(
          (await query<{ id: string }>(
            db,
            (p) => `UPDATE "OutboxMessage" SET "status" = 'claimed', "claimedAt" = ${p.ts(new Date(wall()))}, "attempts" = "attempts" + 1
              WHERE "id" IN ${p.list(chunk.map((o) => o.row.id))} AND "status" = 'queued' RETURNING "id"`,
          )).map((r) => r.id),
        );
        for (const out of chunk) {
          if (!claimedIds.has(out.row.id)) continue; // another worker has it
          queue.push(out);
          queuedChats.add(out.chatKey);
        }
        filled.fire();
      }
    }
  }

  async function consume(): Promise<void> {
    for (;;) {
      const out = queue.shift();
      if (!out) {
        if (!producing) return;
        await filled.wait();
        continue;
      }
      queuedChats.delete(out.chatKey);
      drained.fire();
      if (opts.signal?.aborted || !(await deps.chatGate.tryTake(out.chatKey, preciseNow()))) {
        await unclaim(out.row.id);
        // stopping (a deploy): claimed but not sent goes back to the queue for the next worker, never to failed
        if (opts.signal?.aborted) outboxMessages.inc({ source: out.row.source, status: "released" });
        continue;
      }
      // a 429 seen meanwhile holds every acquire until its retry_after
      const waited = rateLimitWaits.startTimer();
      const permit = await deps.limiter.acquire(opts.signal);
      waited();
      if (!permit) {
        await unclaim(out.row.id);
        outboxMessages.inc({ source: out.row.source, status: "released" });
        continue;
      }
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      busyChats.add(out.chatKey);
      const p: Promise<void> = dispatch(out, permit)
        .catch((e) => deps.log?.("recording a delivery failed", { id: out.row.id, err: String(e) }))
        .finally(() => {
          inFlight.delete(p);
          busyChats.delete(out.chatKey);
          drained.fire();
        });
      inFlight.add(p);
    }
  }

  try {
    const consumer = consume();
    try {
      await produce();
    } finally {
      producing = false;
      filled.fire();
      await consumer;
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(flushTimer);
    await Promise.all(inFlight);
    await flushSent();
  }
  return stats;
}
