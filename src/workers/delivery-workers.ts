// The delivery workers: the one outbox pipeline (src/outbox/pipeline/), for every source — campaigns, follow-ups,
// order updates, staff cards — sending continuously under the rate limits. One process by default (an in-process
// loop, limiter and chat gate); with REDIS_URL, BullMQ carries the fan-out and every worker process shares one Redis
// rate limiter (outbox/redis-workers.ts, loaded only then).
import type { Db } from "../db/database.ts";
import { loadOutboxConfig, type OutboxConfig } from "../outbox/outbox-config.ts";
import { drainOutbox } from "../outbox/pipeline/drain.ts";
import type { MessageSender } from "../outbox/message-sender.ts";
import { MemoryChatGate, MemoryRateLimiter } from "../outbox/rate-limiter.ts";
import type { Workers } from "../outbox/workers.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface WorkerDeps {
  db: Db;
  sender: MessageSender;
  botIds?: () => string[];
  clock: () => Date;
  config?: OutboxConfig;
  redisUrl?: string;
  sources?: string[];
  /** outbox producers the pipeline runs before its selections (the Telegram channel's staff cards) */
  producers?: (() => Promise<unknown>)[];
  /** idle poll period (default 200 ms: order updates and staff cards go out well within a second) */
  pollMs?: number;
  log?: Log;
}

/** Delivery workers: an in-process polling loop, or BullMQ workers sharing a Redis rate limit when redisUrl is set. */
export async function startDeliveryWorkers(deps: WorkerDeps): Promise<Workers> {
  const config = deps.config ?? loadOutboxConfig();
  const redisUrl = deps.redisUrl ?? process.env.REDIS_URL;
  if (redisUrl) {
    const { startRedisWorkers } = await import("../outbox/redis-workers.ts");
    return startRedisWorkers({ ...deps, config, redisUrl });
  }
  const abort = new AbortController();
  const loop = drainOutbox(
    {
      db: deps.db, sender: deps.sender, botIds: deps.botIds, sources: deps.sources, producers: deps.producers, config, clock: deps.clock, log: deps.log,
      limiter: new MemoryRateLimiter(config.ratePerSecond, config.windowGuardMs),
      chatGate: new MemoryChatGate(config.perChatMs),
    },
    { idle: "wait", signal: abort.signal, pollMs: deps.pollMs ?? 200 },
  ).catch((e) => deps.log?.("delivery worker stopped on an error", { err: String(e) }));
  return {
    announce: async () => undefined,
    stop: async () => {
      abort.abort();
      await loop;
    },
  };
}
