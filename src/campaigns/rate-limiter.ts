// The send-rate port and its in-process implementation. `acquire()` waits until one more message may go out, counts
// it, and hands back a permit whose `done()` the sender calls once the Bot API answered. Two rules:
//  - pacing (GCRA): one message per 1/rate, with 50 ms of catch-up credit after the sender was held up;
//  - the hard cap: a message may start only one second (plus a 2 ms guard) after the message `rate` places before
//    it, plus however much longer than the fastest round trip seen that message's round trip took. Messages travel
//    at least as fast as the fastest round trip allows, so that excess bounds how much later than its companions a
//    message can have arrived: whatever the network and scheduling jitter, no one-second window at the receiver
//    holds more than `rate` messages. It costs the jitter, not the latency (a few ms a second locally, and about
//    as much against Telegram: its 100 ms round trip itself costs nothing).
// A 429 pauses every acquire until its retry_after. redis-delivery.ts runs the same rules in Lua, on Redis's clock,
// for every worker process together.

export interface SendPermit {
  /** the API answered (or the call failed): the moment the message is known to have arrived, if it did */
  done(): void;
}

export interface RateLimiter {
  /** Resolves when one message may be sent now (and counts it); null when the signal aborted the wait. */
  acquire(signal?: AbortSignal): Promise<SendPermit | null>;
  /** Nothing is sent before `untilEpochMs` (a 429's retry_after), by any user of this limiter. */
  pause(untilEpochMs: number): Promise<void>;
  /** The end of the current pause (0 when none). */
  pausedUntil(): Promise<number>;
}

/** Per-chat spacing: at most one message per chat per `gapMs`. */
export interface ChatGate {
  /** Takes the chat's turn at `atMs` when it is free; false when the chat had a message less than gapMs before. */
  tryTake(chatKey: string, atMs: number): Promise<boolean>;
  /** Earliest time the chat is free again (for candidates the pipeline postpones). */
  freeAt(chatKey: string): Promise<number>;
  /** The message taken at tryTake was answered at `atMs`: the gap counts from here (it arrived before). */
  settle(chatKey: string, atMs: number): Promise<void>;
}

export interface SentEntry {
  sent: number;
  /** when the answer came back; null while in flight */
  done: number | null;
}

export interface LimiterState {
  /** theoretical arrival time of the next message (GCRA) */
  tat: number;
  /** the last `window` sends, oldest first */
  history: SentEntry[];
  pausedUntil: number;
  /** the fastest round trip seen so far (Infinity before the first answer) */
  minRtt: number;
}

export interface LimiterRules {
  rate: number;
  guardMs: number;
}

/**
 * Catch-up credit: after the sender was held up (a slow query, a GC pause) it may send this much of the missed
 * traffic at once. Kept small: bursts make round trips longer, and the hard cap charges long round trips.
 */
export const CREDIT_MS = 50;
/** A message unanswered this long is taken as answered this long after it left (a worker died holding it). */
export const MAX_IN_FLIGHT_MS = 10_000;
/** How often to look again while the message the cap depends on is still in flight. */
export const IN_FLIGHT_POLL_MS = 2;

export const windowOf = (rate: number) => Math.max(1, Math.floor(rate));

/** How long to wait before one more message may go at `now` (0 = now). The Lua script mirrors this. */
export function waitMs(s: LimiterState, now: number, r: LimiterRules): number {
  let wait = Math.max(0, s.pausedUntil - now, s.tat - CREDIT_MS - now);
  const w = windowOf(r.rate);
  if (s.history.length >= w) {
    const e = s.history[s.history.length - w];
    const done = e.done ?? (now - e.sent >= MAX_IN_FLIGHT_MS ? e.sent + MAX_IN_FLIGHT_MS : null);
    // the extra time this message took over the fastest trip: how late it may have arrived
    const late = done === null ? 0 : Math.max(0, done - e.sent - (Number.isFinite(s.minRtt) ? s.minRtt : 0));
    wait = Math.max(wait, done === null ? IN_FLIGHT_POLL_MS : e.sent + late + 1000 + r.guardMs - now);
  }
  return wait;
}

/** Marks a send answered at `at`. */
export function recordDone(s: LimiterState, e: SentEntry, at: number): void {
  if (e.done !== null) return;
  e.done = at;
  s.minRtt = Math.min(s.minRtt, at - e.sent);
}

/** Records a send at `now` (call only when waitMs was 0); returns its entry, to be marked done. */
export function recordSend(s: LimiterState, now: number, r: LimiterRules): SentEntry {
  s.tat = Math.max(s.tat, now) + 1000 / r.rate;
  const entry: SentEntry = { sent: now, done: null };
  s.history.push(entry);
  const w = windowOf(r.rate);
  if (s.history.length > w) s.history.splice(0, s.history.length - w);
  return entry;
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/** Sub-millisecond wall clock (epoch ms). */
export const preciseNow = () => performance.timeOrigin + performance.now();

export class MemoryRateLimiter implements RateLimiter {
  private readonly state: LimiterState = { tat: 0, history: [], pausedUntil: 0, minRtt: Infinity };
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly rate: number, private readonly guardMs = 2, private readonly clock: () => number = preciseNow) {}
  acquire(signal?: AbortSignal): Promise<SendPermit | null> {
    // one waiter at a time, in arrival order
    const turn = this.queue.then(async (): Promise<SendPermit | null> => {
      const rules = { rate: this.rate, guardMs: this.guardMs };
      for (;;) {
        if (signal?.aborted) return null;
        const w = waitMs(this.state, this.clock(), rules);
        if (w <= 0) {
          const entry = recordSend(this.state, this.clock(), rules);
          return { done: () => recordDone(this.state, entry, this.clock()) };
        }
        await sleep(w, signal);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
  async pause(untilEpochMs: number): Promise<void> {
    this.state.pausedUntil = Math.max(this.state.pausedUntil, untilEpochMs);
  }
  async pausedUntil(): Promise<number> {
    return this.state.pausedUntil;
  }
}

export class MemoryChatGate implements ChatGate {
  private readonly last = new Map<string, number>();
  constructor(private readonly gapMs: number) {}
  async tryTake(chatKey: string, atMs: number): Promise<boolean> {
    const prev = this.last.get(chatKey);
    if (prev !== undefined && atMs - prev < this.gapMs) return false;
    this.last.set(chatKey, atMs);
    if (this.last.size > 100_000) for (const [k, t] of this.last) if (atMs - t >= this.gapMs) this.last.delete(k);
    return true;
  }
  async freeAt(chatKey: string): Promise<number> {
    const prev = this.last.get(chatKey);
    return prev === undefined ? 0 : prev + this.gapMs;
  }
  async settle(chatKey: string, atMs: number): Promise<void> {
    this.last.set(chatKey, Math.max(this.last.get(chatKey) ?? 0, atMs));
  }
}
