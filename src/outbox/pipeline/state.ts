// What one run of the outbox pipeline works with: its dependencies, its options, and the explicit state the select,
// claim, send and record steps share (drain.ts creates it; nothing outside a run sees it).
import type { Db } from "../../db/database.ts";
import type { MessageSender } from "../message-sender.ts";
import type { OutboxConfig } from "../outbox-config.ts";
import type { ChatGate, RateLimiter } from "../rate-limiter.ts";

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

export const emptyStats = (): DrainStats => ({ sent: 0, failed: 0, skipped: 0, deferred: 0, rateLimited: 0, retried: 0 });

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

/** A due row as selected, with what the rules and the routing need (select.ts). */
export interface Candidate {
  id: string;
  /** null for staff rows (staffId; the chat and bot are in the payload) */
  memberId: string | null;
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

/** A claimed row on its way out: through which bot, to which chat. */
export interface Outgoing {
  row: Candidate;
  botId: string;
  chatId: string;
  /** `<botId>:<chatId>`: the per-chat gap and the one-message-at-a-time rule are per key */
  chatKey: string;
}

/** Wakes whoever waits, once per fire. */
export class Signal {
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

/** The state of one drain: counters, the claimed queue, chats in use, and the answers not yet written. */
export interface DrainState {
  stats: DrainStats;
  /** bot id → username, for campaign deep links */
  usernames: Map<string, string>;
  /** promotions each member was sent in the last 24 h: read once per member, then counted here */
  promoCounts: Map<string, number>;
  /** chats with a message awaiting Telegram's answer: nothing more goes to them until it is known (a 403 stops the rest) */
  busyChats: Set<string>;
  /** chats with a row in the claimed queue */
  queuedChats: Set<string>;
  /** staff cards for a bot that runs in another process: left to that process's worker, not selected again here */
  passed: Set<string>;
  /** claimed rows waiting for a send slot (at most one chunk) */
  queue: Outgoing[];
  /** fired when the queue gets rows / loses rows or a send ends */
  filled: Signal;
  drained: Signal;
  /** sends awaiting their answer */
  inFlight: Set<Promise<void>>;
  /** ids sent and not yet recorded (one UPDATE per ~100 ms) */
  sentBuffer: string[];
  flushing: Promise<void>;
  /** false once the producer stopped: the consumer ends when the queue is empty */
  producing: boolean;
  /** wall-clock ms of the last producers' run */
  producedAt: number;
  /** wall-clock ms of the last look at whether campaign snapshots need feeding into the outbox (campaign-feed.ts) */
  fedAt: number;
  /** that window's move, while it runs alongside the selections */
  feeding: Promise<number> | null;
  /** the last look before going idle found nothing to move */
  idleFeedEmpty: boolean;
}

export function newDrainState(usernames: Map<string, string>): DrainState {
  return {
    stats: emptyStats(),
    usernames,
    promoCounts: new Map(),
    busyChats: new Set(),
    queuedChats: new Set(),
    passed: new Set(),
    queue: [],
    filled: new Signal(),
    drained: new Signal(),
    inFlight: new Set(),
    sentBuffer: [],
    flushing: Promise.resolve(),
    producing: true,
    producedAt: -Infinity,
    fedAt: -Infinity,
    feeding: null,
    idleFeedEmpty: false,
  };
}
