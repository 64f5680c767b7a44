// The send-rate port and its in-process implementation. `acquire()` waits until one more message may go out and
// records the moment it does. Two rules, judged on those actual moments:
//  - pacing (GCRA): one message per 1/rate, with a little catch-up credit after the sender was held up;
//  - the hard cap: any `rate` consecutive sends span at least one second plus a small guard, so no one-second
//    window — measured anywhere, by Telegram or a test server — holds more than `rate` messages, while the allowed
//    rate is still used almost fully (guard 5 ms: 99.5%).
// A 429 pauses every acquire until its retry_after. redis-delivery.ts runs the same rules in one Lua script shared
// by every worker process.

export interface RateLimiter {
  /** Resolves when one message may be sent now (and counts it); false when the signal aborted the wait. */
  acquire(signal?: AbortSignal): Promise<boolean>;
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
}

export interface LimiterState {
  /** theoretical arrival time of the next message (GCRA) */
  tat: number;
  /** actual send times, oldest first, at most `window` of them */
  history: number[];
  pausedUntil: number;
}

export interface LimiterRules {
  rate: number;
  guardMs: number;
}

/** How long to wait before one more message may go at `now` (0 = now). The Lua script mirrors this. */
export function waitMs(s: LimiterState, now: number, r: LimiterRules): number {
  const interval = 1000 / r.rate;
  const credit = Math.max(2 * interval, 25);
  const window = Math.max(1, Math.floor(r.rate));
  let wait = Math.max(0, s.pausedUntil - now, s.tat - credit - now);
  if (s.history.length >= window) wait = Math.max(wait, s.history[s.history.length - window] + 1000 + r.guardMs - now);
  return wait;
}

/** Records a send at `now` (call only when waitMs was 0). */
export function recordSend(s: LimiterState, now: number, r: LimiterRules): void {
  s.tat = Math.max(s.tat, now) + 1000 / r.rate;
  s.history.push(now);
  const window = Math.max(1, Math.floor(r.rate));
  if (s.history.length > window) s.history.splice(0, s.history.length - window);
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

export class MemoryRateLimiter implements RateLimiter {
  private readonly state: LimiterState = { tat: 0, history: [], pausedUntil: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly rate: number, private readonly guardMs = 5, private readonly clock: () => number = Date.now) {}
  acquire(signal?: AbortSignal): Promise<boolean> {
    // one waiter at a time, in arrival order
    const turn = this.queue.then(async () => {
      const rules = { rate: this.rate, guardMs: this.guardMs };
      for (;;) {
        if (signal?.aborted) return false;
        const w = waitMs(this.state, this.clock(), rules);
        if (w <= 0) {
          recordSend(this.state, this.clock(), rules);
          return true;
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
}
