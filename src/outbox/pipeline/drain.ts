// The outbox pipeline: the one path by which the outbox reaches Telegram, for every source — campaign pushes,
// follow-ups, members' order status updates and store staff's order cards. It sends under one global rate
// (RateLimiter), at most one message per chat per second (ChatGate), and per-source rules (send-rules.ts):
// promotions and follow-ups obey the frequency cap, quiet hours (deferral by notBefore) and a fresh consent check;
// order updates and staff cards are transactional — never capped, deferred or stopped by an unsubscribe — and are
// due by the wall clock too (a pinned business clock never holds them back). They are queued with notBefore = epoch
// (enqueue.ts), so the selection, ordered by notBefore, puts them ahead of any campaign backlog: a running worker
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
//
// One run (drainOutbox) is a producer and a consumer over an explicit state (state.ts): the producer selects due rows
// and applies the rules (select.ts), records skips and deferrals (record.ts) and claims rows into a short queue
// (claim.ts); the consumer takes a chat-gap and rate permit per row, sends it (send.ts) and records the answer
// (record.ts). The database work never holds up a send slot.
import { rateLimitWaits, outboxMessages } from "../../ops/metrics.ts";
import { feedCampaigns, keepCampaignsFed } from "../campaign-feed.ts";
import { preciseNow, sleep, type SendPermit } from "../rate-limiter.ts";
import { claim, unclaim } from "./claim.ts";
import { flushSent, recordDecisions, recordResult } from "./record.ts";
import { decide, route, selectCandidates } from "./select.ts";
import { send } from "./send.ts";
import { newDrainState, type DrainOptions, type DrainState, type DrainStats, type Outgoing, type PipelineDeps } from "./state.ts";

/**
 * Sends what is due. With idle "stop" it returns once no sendable row is due (rows waiting for their chat's turn
 * are waited for); with "wait" it keeps polling until the signal aborts.
 */
export async function drainOutbox(deps: PipelineDeps, opts: DrainOptions = {}): Promise<DrainStats> {
  const { db, config } = deps;
  const chunkSize = Math.max(1, Math.min(100, Math.ceil(config.ratePerSecond / 10)));
  // about 0.2 s of traffic per selection: a transactional row queued behind a campaign backlog is picked up by the
  // next one; small selections also keep each synchronous stall (SQLite) short
  const selectLimit = opts.selectLimit ?? Math.min(500, Math.max(2 * chunkSize, Math.ceil(config.ratePerSecond / 5)));
  const maxInFlight = opts.maxInFlight ?? Math.max(16, Math.ceil(config.ratePerSecond * 2));
  const pollMs = opts.pollMs ?? 200;
  const usernames = new Map((await db.prisma.botAccount.findMany({ where: { username: { not: null } }, select: { id: true, username: true } })).map((b) => [b.id, b.username!]));
  const state = newDrainState(usernames);
  const flushTimer = setInterval(() => void flushSent(deps, state).catch((e) => deps.log?.("recording sent rows failed", { err: String(e) })), 100);
  try {
    const consumer = consume(deps, state, opts, maxInFlight);
    try {
      await produce(deps, state, opts, { chunkSize, selectLimit, pollMs });
    } finally {
      state.producing = false;
      state.filled.fire();
      await consumer;
    }
    await Promise.all(state.inFlight);
  } finally {
    clearInterval(flushTimer);
    await state.feeding; // a window being moved alongside ends with the run
    await Promise.all(state.inFlight);
    await flushSent(deps, state);
  }
  return state.stats;
}

/** The producers (staff cards) at most once per poll period, never for a job's fixed batch. */
async function runProducers(deps: PipelineDeps, state: DrainState, opts: DrainOptions, pollMs: number): Promise<void> {
  const wall = deps.wallClock ?? Date.now;
  if (!deps.producers?.length || opts.onlyIds || wall() - state.producedAt < pollMs) return;
  state.producedAt = wall();
  for (const p of deps.producers) await p().catch((e) => deps.log?.("an outbox producer failed", { err: String(e) }));
}

/** How often a run looks whether the campaign snapshots need moving into the outbox. */
const FEED_CHECK_MS = 1000;

/**
 * Campaign recipients reach the outbox a window at a time (campaign-feed.ts). A run that sends campaigns looks once a
 * second whether the outbox needs the next window and moves it alongside, without holding up the selections (a
 * window is a minute of sending; moving it takes well under a second on PostgreSQL); before going idle it waits for
 * that move and moves what is left of a snapshot. Never for a job's fixed batch. Returns the members moved.
 */
async function feed(deps: PipelineDeps, state: DrainState, opts: DrainOptions, idle: boolean): Promise<number> {
  const wall = deps.wallClock ?? Date.now;
  if (opts.onlyIds || (deps.sources && !deps.sources.includes("campaign"))) return 0;
  const failed = (e: unknown) => {
    deps.log?.("feeding campaign recipients into the outbox failed", { err: String(e) });
    return 0;
  };
  if (!idle) {
    if (state.feeding || wall() - state.fedAt < FEED_CHECK_MS) return 0;
    state.fedAt = wall();
    state.feeding = keepCampaignsFed(deps.db, deps.config, deps.clock(), wall()).catch(failed).finally(() => (state.feeding = null));
    return 0;
  }
  const alongside = (await state.feeding) ?? 0;
  // an idle worker polls every pollMs: after a look that found nothing to move, the next one waits a second
  if (!alongside && state.idleFeedEmpty && wall() - state.fedAt < FEED_CHECK_MS) return 0;
  state.fedAt = wall();
  const moved = alongside + (await feedCampaigns(deps.db, deps.config, { wallNow: wall() }).catch(failed));
  state.idleFeedEmpty = moved === 0;
  return moved;
}

/** Selects, decides, routes and claims rows into the queue (one chunk ahead of the sender) until nothing is due. */
async function produce(deps: PipelineDeps, state: DrainState, opts: DrainOptions, sizes: { chunkSize: number; selectLimit: number; pollMs: number }): Promise<void> {
  const { db, config } = deps;
  const wall = deps.wallClock ?? Date.now;
  const capacity = sizes.chunkSize;
  while (!opts.signal?.aborted) {
    if (state.queue.length >= capacity) {
      await state.drained.wait(opts.signal);
      continue;
    }
    await runProducers(deps, state, opts, sizes.pollMs);
    void feed(deps, state, opts, false);
    const now = deps.clock();
    const candidates = await selectCandidates(deps, state, now, new Date(wall()), sizes.selectLimit, opts.onlyIds);
    if (!candidates.length) {
      if (await feed(deps, state, opts, true)) continue; // more of a campaign's snapshot: look again
      if (state.queue.length || state.inFlight.size) await Promise.race([...state.inFlight, state.drained.wait(opts.signal)]); // answers may requeue rows
      else if (opts.idle === "wait") {
        state.passed.clear(); // a bot may have started here meanwhile
        await sleep(sizes.pollMs, opts.signal);
      } else return;
      continue;
    }
    const decided = await decide(db, state, candidates, now, config);
    const routed = route(decided, state, deps.botIds?.());
    await recordDecisions(db, state, routed, new Map(decided.map((d) => [d.row.id, d.row.source])));

    // one message per chat at a time, and none to a chat still inside its per-chat gap
    const chats = new Set<string>();
    const ready: Outgoing[] = [];
    let nextChatFree = Infinity;
    let busy = 0;
    for (const o of routed.sendable) {
      if (chats.has(o.chatKey)) continue;
      chats.add(o.chatKey);
      if (state.busyChats.has(o.chatKey) || state.queuedChats.has(o.chatKey)) {
        busy++;
        continue;
      }
      const free = await deps.chatGate.freeAt(o.chatKey);
      if (free > preciseNow()) nextChatFree = Math.min(nextChatFree, free);
      else ready.push(o);
    }
    if (!ready.length) {
      if (busy) await Promise.race([...state.inFlight, state.drained.wait(opts.signal)]);
      else if (nextChatFree < Infinity) await sleep(nextChatFree - preciseNow(), opts.signal);
      continue;
    }
    for (let i = 0; i < ready.length && !opts.signal?.aborted; i += sizes.chunkSize) {
      while (state.queue.length >= capacity && !opts.signal?.aborted) await state.drained.wait(opts.signal);
      if (opts.signal?.aborted) break;
      const chunk = ready.slice(i, i + sizes.chunkSize);
      const claimedIds = await claim(db, chunk.map((o) => o.row.id), wall());
      for (const out of chunk) {
        if (!claimedIds.has(out.row.id)) continue; // another worker has it
        state.queue.push(out);
        state.queuedChats.add(out.chatKey);
      }
      state.filled.fire();
    }
  }
}

/** Takes rows off the queue, each under the chat gap and a rate permit, and sends them, at most maxInFlight at once. */
async function consume(deps: PipelineDeps, state: DrainState, opts: DrainOptions, maxInFlight: number): Promise<void> {
  const { db } = deps;
  for (;;) {
    const out = state.queue.shift();
    if (!out) {
      if (!state.producing) return;
      await state.filled.wait();
      continue;
    }
    // the chat counts as busy from here, not only once the send starts: between the two the producer would see it
    // free and claim a second row for it, which a 403 on this one would then not skip (it skips queued rows)
    state.busyChats.add(out.chatKey);
    state.queuedChats.delete(out.chatKey);
    state.drained.fire();
    const release = () => {
      state.busyChats.delete(out.chatKey);
      state.drained.fire();
    };
    if (opts.signal?.aborted || !(await deps.chatGate.tryTake(out.chatKey, preciseNow()))) {
      await unclaim(db, out.row.id).finally(release);
      // stopping (a deploy): claimed but not sent goes back to the queue for the next worker, never to failed
      if (opts.signal?.aborted) outboxMessages.inc({ source: out.row.source, status: "released" });
      continue;
    }
    // a 429 seen meanwhile holds every acquire until its retry_after
    const waited = rateLimitWaits.startTimer();
    const permit = await deps.limiter.acquire(opts.signal);
    waited();
    if (!permit) {
      await unclaim(db, out.row.id).finally(release);
      outboxMessages.inc({ source: out.row.source, status: "released" });
      continue;
    }
    while (state.inFlight.size >= maxInFlight) await Promise.race(state.inFlight);
    const p: Promise<void> = dispatch(deps, state, out, permit)
      .catch((e) => deps.log?.("recording a delivery failed", { id: out.row.id, err: String(e) }))
      .finally(() => {
        state.inFlight.delete(p);
        state.busyChats.delete(out.chatKey);
        state.drained.fire();
      });
    state.inFlight.add(p);
  }
}

async function dispatch(deps: PipelineDeps, state: DrainState, out: Outgoing, permit: SendPermit): Promise<void> {
  await recordResult(deps, state, out, await send(deps, state, out, permit));
}
