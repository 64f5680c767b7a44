// The campaign scheduler under `npm start`: node-cron fires every minute and runs the same pass as
// `o2o campaign tick` (app/campaigns/tick.ts: plan due occurrences, queue follow-ups), while the delivery workers
// (delivery-workers.ts) send the outbox continuously under the rate limits. Any number of instances may run the
// minute trigger: one leader runs the pass, and the unique occurrence key lets exactly one of them plan each occurrence.
import cron from "node-cron";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Db } from "../db/database.ts";
import { loadOutboxConfig } from "../outbox/outbox-config.ts";
import type { MessageSender } from "../outbox/message-sender.ts";
import { runTick, type TickResult } from "../app/campaigns/tick.ts";
import type { Workers } from "../outbox/workers.ts";
import { startDeliveryWorkers } from "./delivery-workers.ts";
import { alwaysLeader, postgresLeader, redisLeader, type Leadership } from "../ops/leader.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface SchedulerOptions {
  db: Db;
  config: Config;
  logger?: Logger;
  clock: () => Date;
  /**
   * What the workers this scheduler starts send through, when `workers` is not given (`npm start` without running
   * bots passes the bot tokens' sender, channels/telegram/telegram-env-sender.ts); none: rows stay queued.
   */
  sender?: MessageSender | null;
  botIds?: () => string[];
  /** outbox sources the workers send (default all) */
  sources?: string[];
  /**
   * Delivery workers already running in this process (the Telegram bots' own, startBots): the scheduler then only
   * plans and announces, and starts no second pipeline. Default: start workers on `sender`.
   */
  workers?: Workers | null;
  /** who runs the minute's pass among several instances (default: Redis with REDIS_URL, else a PostgreSQL lock, else this one) */
  leader?: Leadership;
}

export interface Scheduler {
  /** one pass now (also what the minute trigger runs) */
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
}

/** Starts the minute trigger and the delivery workers; returns a handle to stop them. */
export async function startCampaignScheduler(opts: SchedulerOptions): Promise<Scheduler> {
  const log: Log = (msg, extra) => opts.logger?.info({ component: "campaigns", ...extra }, msg);
  const warn: Log = (msg, extra) => opts.logger?.warn({ component: "campaigns", ...extra }, msg);
  const config = loadOutboxConfig();
  const given = opts.workers ?? null;
  const sender = given ? null : opts.sender ?? null;
  const own = sender
    ? await startDeliveryWorkers({ db: opts.db, sender, botIds: opts.botIds, clock: opts.clock, config, redisUrl: opts.config.REDIS_URL, sources: opts.sources, log: warn })
    : null;
  const workers = given ?? own;
  if (!workers) log("no bot token set: campaign messages to Telegram members stay queued; local chat members see theirs in `o2o chat`");

  const tick = async (): Promise<TickResult> => {
    const r = await runTick({ db: opts.db, config, sender: null, log: warn }, opts.clock(), { deliver: false });
    if (workers) await workers.announce(r);
    if (r.due || r.queued) log("campaign pass", { due: r.due, queued: r.queued, skipped: r.skipped, deferred: r.deferred });
    return r;
  };
  const leader = opts.leader
    ?? (opts.config.REDIS_URL ? redisLeader(opts.config.REDIS_URL, `${process.env.O2O_REDIS_PREFIX ?? "o2o"}:scheduler-leader`)
      : opts.db.provider === "postgresql" ? postgresLeader(opts.db.url) : alwaysLeader);
  let leading = false;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const guarded = () => {
    if (stopped) return running;
    running = (async () => {
      const lead = await leader.check().catch(() => false);
      if (lead !== leading) log(lead ? "this instance now runs the campaign passes" : "another instance runs the campaign passes");
      leading = lead;
      if (lead) await tick();
    })().catch((e) => warn("campaign pass failed", { err: String(e) }));
    return running;
  };
  const task = cron.schedule("* * * * *", guarded, { name: "o2o-campaign-tick", noOverlap: true });
  void guarded(); // catch up at start rather than wait for the first minute
  return {
    tick,
    stop: async () => {
      stopped = true;
      await task.stop();
      await task.destroy();
      await running; // a pass in progress finishes (planning is transactional; it is never cut in half)
      await leader.release();
      await own?.stop();
    },
  };
}
