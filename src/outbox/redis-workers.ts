// Scale-out delivery (REDIS_URL): BullMQ carries the fan-out — each planned occurrence becomes jobs of up to 500
// delivery row ids, plus one sweep job per minute for everything else due (deferred rows, retries, follow-ups) —
// and every worker process sends under ONE global rate: the limiter's slot rule (rate-limiter.ts) runs as a Lua
// script on Redis, with Redis's clock, so N workers together never exceed CAMPAIGN_RATE. A 429 seen by any worker
// pauses all of them; the per-chat gap is a Redis key per chat (SET NX PX).
// Transactional rows (order updates, staff cards) cannot wait for the minute sweep: each process also runs the same
// pipeline continuously for those sources only (idle poll 200 ms), under the same shared limiter and chat gate.
// The database stays the source of truth: jobs only say which rows to look at, rows are claimed with the same
// conditional UPDATE as in-process, so a job run twice (BullMQ retries a stalled job) sends nothing twice.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Db } from "../db/database.ts";
import type { OutboxConfig } from "./outbox-config.ts";
import { drainOutbox } from "./pipeline/drain.ts";
import { TRANSACTIONAL_SOURCES } from "./send-rules.ts";
import type { MessageSender } from "./message-sender.ts";
import { CREDIT_MS, IN_FLIGHT_POLL_MS, MAX_IN_FLIGHT_MS, sleep, windowOf, type ChatGate, type RateLimiter, type SendPermit } from "./rate-limiter.ts";
import type { PlannedWork, Workers } from "./workers.ts";
import { query } from "../db/sql.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export const QUEUE_NAME = "o2o-deliveries";
const JOB_ROWS = 500;

// KEYS: sent list (ids, oldest first), times hash (id -> "sent" or "sent|done"), pause key, tat key, id counter,
// fastest round trip.
// ARGV: rate, guard ms, window size, credit ms, max in-flight ms, in-flight poll ms.
// Returns {"0", id} after recording a send at Redis's now, else {wait ms}. Mirrors waitMs/recordSend (rate-limiter.ts).
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate = tonumber(ARGV[1])
local w = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[4]) or '0')
local wait = math.max(0, tonumber(redis.call('GET', KEYS[3]) or '0') - now, tat - tonumber(ARGV[4]) - now)
if redis.call('LLEN', KEYS[1]) >= w then
  local id = redis.call('LINDEX', KEYS[1], -w)
  local v = redis.call('HGET', KEYS[2], id) or ''
  local sep = string.find(v, '|', 1, true)
  local sent = tonumber(sep and string.sub(v, 1, sep - 1) or v) or 0
  local done = sep and tonumber(string.sub(v, sep + 1)) or nil
  if not done and now - sent >= tonumber(ARGV[5]) then done = sent + tonumber(ARGV[5]) end
  if done then
    local late = math.max(0, done - sent - tonumber(redis.call('GET', KEYS[6]) or '0'))
    wait = math.max(wait, sent + late + 1000 + tonumber(ARGV[2]) - now)
  else wait = math.max(wait, tonumber(ARGV[6])) end
end
if wait > 0 then return {string.format('%.3f', wait)} end
local id = tostring(redis.call('INCR', KEYS[5]))
redis.call('SET', KEYS[4], string.format('%.3f', math.max(tat, now) + 1000 / rate), 'PX', 120000)
redis.call('RPUSH', KEYS[1], id)
redis.call('HSET', KEYS[2], id, string.format('%.3f', now))
while redis.call('LLEN', KEYS[1]) > w do redis.call('HDEL', KEYS[2], redis.call('LPOP', KEYS[1])) end
redis.call('PEXPIRE', KEYS[1], 120000)
redis.call('PEXPIRE', KEYS[2], 120000)
return {'0', id}
`;

// KEYS: times hash, fastest round trip. ARGV: id. Marks the send answered at Redis's now.
const DONE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v and not string.find(v, '|', 1, true) then
  redis.call('HSET', KEYS[1], ARGV[1], v .. '|' .. string.format('%.3f', now))
  local rtt = now - tonumber(v)
  local min = tonumber(redis.call('GET', KEYS[2]) or '')
  if not min or rtt < min then redis.call('SET', KEYS[2], string.format('%.3f', rtt), 'PX', 3600000) end
end
return 1
`;

// KEYS: pause key. ARGV: pause length ms. Extends the pause, never shortens it.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local untilMs = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > cur then redis.call('SET', KEYS[1], string.format('%.3f', untilMs), 'PX', math.ceil(tonumber(ARGV[1])) + 1000) end
return 1
`;

// KEYS: pause key. Returns the pause's remaining ms (0 when none).
const REMAINING = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
return string.format('%.3f', math.max(0, cur - now))
`;

/** The global limiter on Redis: one budget for every process sharing `prefix`, judged on Redis's clock. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis, private readonly rate: number, private readonly guardMs = 2, private readonly prefix = "o2o:rate") {}
  async acquire(signal?: AbortSignal): Promise<SendPermit | null> {
    const k = this.prefix;
    for (;;) {
      if (signal?.aborted) return null;
      const [wait, id] = (await this.redis.eval(
        ACQUIRE, 6, `${k}:sent`, `${k}:times`, `${k}:pause`, `${k}:tat`, `${k}:seq`, `${k}:minrtt`,
        this.rate, this.guardMs, windowOf(this.rate), CREDIT_MS, MAX_IN_FLIGHT_MS, IN_FLIGHT_POLL_MS,
      )) as [string, string?];
      if (Number(wait) <= 0 && id) {
        return { done: () => void this.redis.eval(DONE, 2, `${k}:times`, `${k}:minrtt`, id).catch(() => undefined) };
      }
      // every process polls the same budget: wake at the earliest moment it may open
      await sleep(Math.max(1, Number(wait)), signal);
    }
  }
  async pause(untilEpochMs: number): Promise<void> {
    await this.redis.eval(PAUSE, 1, `${this.prefix}:pause`, Math.max(0, untilEpochMs - Date.now()));
  }
  async pausedUntil(): Promise<number> {
    const remaining = Number(await this.redis.eval(REMAINING, 1, `${this.prefix}:pause`));
    return remaining > 0 ? Date.now() + remaining : 0;
  }
}

export class RedisChatGate implements ChatGate {
  constructor(private readonly redis: Redis, private readonly gapMs: number, private readonly prefix = "o2o:chat") {}
  async tryTake(chatKey: string): Promise<boolean> {
    if (this.gapMs <= 0) return true;
    return (await this.redis.set(`${this.prefix}:${chatKey}`, "1", "PX", this.gapMs, "NX")) === "OK";
  }
  async freeAt(chatKey: string): Promise<number> {
    const ttl = await this.redis.pttl(`${this.prefix}:${chatKey}`);
    return ttl > 0 ? Date.now() + ttl : 0;
  }
  async settle(chatKey: string): Promise<void> {
    if (this.gapMs > 0) await this.redis.set(`${this.prefix}:${chatKey}`, "1", "PX", this.gapMs);
  }
}

export interface JobData {
  ids?: string[];
  sweep?: boolean;
}

export interface RedisWorkerDeps {
  db: Db;
  sender: MessageSender;
  botIds?: () => string[];
  clock: () => Date;
  config: OutboxConfig;
  redisUrl: string;
  sources?: string[];
  producers?: (() => Promise<unknown>)[];
  pollMs?: number;
  log?: Log;
  /** parallel jobs per process (each drains its own rows under the shared limit) */
  concurrency?: number;
  /** key prefix for the limiter, the chat gate and the queue (tests isolate runs with it) */
  prefix?: string;
}

export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** The delivery queue (producers: the scheduler pass; consumers: startRedisWorkers). Close it after use. */
export function openDeliveryQueue(redisUrl: string, prefix = "o2o"): { queue: Queue<JobData>; close(): Promise<void> } {
  const connection = redisConnection(redisUrl);
  const queue = new Queue<JobData>(QUEUE_NAME, { connection, prefix: `${prefix}:bull`, defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3 } });
  return { queue, close: async () => (await queue.close(), connection.disconnect()) };
}

/**
 * Enqueues a planned occurrence's rows as jobs (idempotent: job ids derive from the occurrence and page): the rows in
 * the outbox, i.e. its snapshot's first window (campaign-feed.ts). The rest is moved into the outbox and sent by the
 * sweep jobs, whose pipeline runs feed the snapshot as they send.
 */
export async function enqueueOccurrenceJobs(db: Db, queue: Queue, occurrenceId: string, campaignId: string, rowsPerJob = JOB_ROWS): Promise<number> {
  let after = "";
  let page = 0;
  for (;;) {
    const rows = await query<{ id: string }>(
      db,
      (p) => `SELECT "id" FROM "OutboxMessage" WHERE "campaignId" = ${p.v(campaignId)} AND "occurrenceId" = ${p.v(occurrenceId)} AND "status" = 'queued' AND "id" > ${p.v(after)} ORDER BY "id" LIMIT ${p.v(rowsPerJob * 20)}`,
    );
    if (!rows.length) return page;
    after = rows[rows.length - 1].id;
    const jobs = [];
    for (let i = 0; i < rows.length; i += rowsPerJob) {
      jobs.push({ name: "rows", data: { ids: rows.slice(i, i + rowsPerJob).map((r) => r.id) } satisfies JobData, opts: { jobId: `occ-${occurrenceId}-${page++}` } });
    }
    await queue.addBulk(jobs);
  }
}

const JOB_LOCK_MS = Math.max(2, Number(process.env.CAMPAIGN_JOB_LOCK_SECONDS) || 30) * 1000;

export async function startRedisWorkers(deps: RedisWorkerDeps): Promise<Workers> {
  const prefix = deps.prefix ?? process.env.O2O_REDIS_PREFIX ?? "o2o";
  const connection = redisConnection(deps.redisUrl);
  const workerConnection = redisConnection(deps.redisUrl);
  const { queue, close: closeQueue } = openDeliveryQueue(deps.redisUrl, prefix);
  const limiter = new RedisRateLimiter(connection, deps.config.ratePerSecond, deps.config.windowGuardMs, `${prefix}:rate`);
  const chatGate = new RedisChatGate(connection, deps.config.perChatMs, `${prefix}:chat`);
  const pipeline = { db: deps.db, sender: deps.sender, botIds: deps.botIds, sources: deps.sources, config: deps.config, clock: deps.clock, log: deps.log, limiter, chatGate };
  const abort = new AbortController();
  const worker = new Worker<JobData>(
    QUEUE_NAME,
    async (job) => {
      const stats = await drainOutbox(pipeline, { idle: "stop", onlyIds: job.data.sweep ? undefined : job.data.ids, signal: abort.signal });
      // stopped mid-job (a deploy): its unsent rows went back to queued; failing the job hands it to another
      // worker now (BullMQ retries it) rather than at the next minute's sweep
      if (abort.signal.aborted && !job.data.sweep) throw new Error("worker stopping: unsent rows released to the queue");
      return stats;
    },
    // a job held by a worker that died is handed to another one once its lock lapses (BullMQ's stalled check):
    // CAMPAIGN_JOB_LOCK_SECONDS, default 30
    { connection: workerConnection, prefix: `${prefix}:bull`, concurrency: deps.concurrency ?? 2, lockDuration: JOB_LOCK_MS, stalledInterval: JOB_LOCK_MS },
  );
  worker.on("failed", (job, err) => deps.log?.("delivery job failed", { jobId: job?.id, err: String(err) }));

  // the transactional lane: order updates and staff cards within a poll period, not at the next sweep
  const fast = deps.sources ? TRANSACTIONAL_SOURCES.filter((x) => deps.sources!.includes(x)) : [...TRANSACTIONAL_SOURCES];
  const lane = fast.length
    ? drainOutbox({ ...pipeline, sources: fast, producers: deps.producers }, { idle: "wait", signal: abort.signal, pollMs: deps.pollMs ?? 200 })
      .catch((e) => deps.log?.("transactional delivery lane stopped on an error", { err: String(e) }))
    : Promise.resolve();

  // the sweep: once a minute, whoever adds it first (the job id is the minute)
  const sweep = async () => {
    const minute = Math.floor(Date.now() / 60_000);
    await queue.add("sweep", { sweep: true }, { jobId: `sweep-${minute}` });
  };
  await sweep();
  const timer = setInterval(() => void sweep().catch((e) => deps.log?.("sweep enqueue failed", { err: String(e) })), 60_000);

  return {
    async announce(result: PlannedWork) {
      for (const o of result.occurrences) await enqueueOccurrenceJobs(deps.db, queue, o.occurrenceId, o.campaignId);
      if (result.queued) await sweep();
    },
    async stop() {
      clearInterval(timer);
      abort.abort();
      await lane;
      await worker.close();
      await closeQueue();
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
}
