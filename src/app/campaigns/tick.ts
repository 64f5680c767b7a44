// One scheduler pass (`o2o campaign tick --now ISO`, and every minute under `npm start`): recover rows a dead
// worker left claimed, plan the campaign occurrences due at `now` (each snapshot's first window goes into the outbox),
// queue follow-ups, then send what is due (the pipeline moves the snapshots' next windows as it goes).
// Deterministic in `now`: a second pass at the same instant finds every occurrence planned and every follow-up
// queued (unique keys), so it plans, queues and sends nothing new.
import type { Db } from "../../db/database.ts";
import type { OutboxConfig } from "../../outbox/outbox-config.ts";
import { recoverStaleClaims } from "../../outbox/pipeline/claim.ts";
import { keepCampaignsFed } from "../../outbox/campaign-feed.ts";
import { drainOutbox } from "../../outbox/pipeline/drain.ts";
import { emptyStats, type DrainStats } from "../../outbox/pipeline/state.ts";
import { queueFeedbackRequests, queueUnpaidReminders } from "../follow-ups.ts";
import type { MessageSender } from "../../outbox/message-sender.ts";
import { planDueCampaigns, type PlannedOccurrence } from "./plan-campaigns.ts";
import { MemoryChatGate, MemoryRateLimiter, type ChatGate, type RateLimiter } from "../../outbox/rate-limiter.ts";
import { execute } from "../../db/sql.ts";

export interface TickDeps {
  db: Db;
  config: OutboxConfig;
  /** null: no bot can send here; Telegram members' rows stay queued */
  sender: MessageSender | null;
  botIds?: () => string[];
  limiter?: RateLimiter;
  chatGate?: ChatGate;
  wallClock?: () => number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** outbox sources the pass sends (default all) */
  sources?: string[];
}

export interface TickResult {
  /** campaign occurrences that became due and were planned by this pass */
  due: number;
  /** outbox rows this pass queued: campaign recipients and follow-ups (local chat members' rows wait for `o2o chat`) */
  queued: number;
  /** rows delivered through the sender by this pass */
  sent: number;
  /** members matched but not messaged (unsubscribed, unreachable, frequency cap), and rows dropped at send time */
  skipped: number;
  failed: number;
  /** rows held back by quiet hours */
  deferred: number;
  occurrences: PlannedOccurrence[];
}

export interface TickOptions {
  /** false: plan and queue only (the server's minute trigger, whose delivery worker runs on its own) */
  deliver?: boolean;
}

/**
 * Rows due at `now` but stamped later than the wall clock are restamped to it: a pass driven with a future `--now`
 * makes its due rows visible to channels that run on the real clock (the scripted chat).
 */
async function releaseDue(db: Db, now: Date, wallNow: number): Promise<void> {
  if (now.getTime() <= wallNow) return;
  await execute(db, (p) => `UPDATE "OutboxMessage" SET "notBefore" = ${p.ts(new Date(wallNow))} WHERE "status" = 'queued' AND "notBefore" <= ${p.ts(now)} AND "notBefore" > ${p.ts(new Date(wallNow))}`);
}

export async function runTick(deps: TickDeps, now: Date, opts: TickOptions = {}): Promise<TickResult> {
  const { db, config } = deps;
  const wall = deps.wallClock ?? Date.now;
  const recovered = await recoverStaleClaims(db, wall(), config.claimLeaseMs);
  if (recovered) deps.log?.("marked rows left claimed by a stopped worker as failed (never resent)", { rows: recovered });
  await releaseDue(db, now, wall());
  const plan = await planDueCampaigns(db, now, config, { wallClock: wall, log: deps.log });
  const feedback = await queueFeedbackRequests(db, now, config, wall());
  const unpaid = await queueUnpaidReminders(db, now, config, wall());
  let drained: DrainStats = emptyStats();
  // a pass that sends nothing still moves the next window of a campaign's snapshot when the outbox runs short of it
  // (local chat members' pushes, or the server's delivery worker being behind); the pipeline does it as it sends
  if (opts.deliver === false || !deps.sender) await keepCampaignsFed(db, config, now, wall());
  if (opts.deliver !== false && deps.sender) {
    drained = await drainOutbox(
      {
        db, config, sender: deps.sender, botIds: deps.botIds, sources: deps.sources, log: deps.log, wallClock: deps.wallClock,
        limiter: deps.limiter ?? new MemoryRateLimiter(config.ratePerSecond, config.windowGuardMs),
        chatGate: deps.chatGate ?? new MemoryChatGate(config.perChatMs),
        clock: () => now,
      },
      { idle: "stop" },
    );
  }
  return {
    due: plan.due,
    queued: plan.queued + feedback.queued + unpaid.queued,
    sent: drained.sent,
    skipped: plan.skipped + feedback.skipped + unpaid.skipped + drained.skipped,
    failed: drained.failed + recovered,
    deferred: plan.deferred + drained.deferred,
    occurrences: plan.occurrences,
  };
}
