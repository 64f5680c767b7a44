// The send-rate port and its in-process implementation. A limiter hands out send slots (epoch ms): slots are evenly
// spaced at 1/rate, and any `rate` consecutive slots span at least one second plus a small guard, so no one-second
// window — measured anywhere, by Telegram or a test server — ever holds more than `rate` messages, while the
// allowed rate is used almost fully (guard 5 ms: 99.5%). A 429 pauses every slot until its retry_after.
// The Redis implementation (redis-rate-limiter.ts) runs the same algorithm in one Lua script shared by all workers.

export interface RateLimiter {
  /** Reserves the next send slot and returns it (epoch ms, on this process's clock): send no earlier. */
  reserve(): Promise<number>;
  /** Nothing is sent before `untilEpochMs` (a 429's retry_after), by any user of this limiter. */
  pause(untilEpochMs: number): Promise<void>;
  /** The end of the current pause (0 when none). */
  pausedUntil(): Promise<number>;
  close?(): Promise<void>;
}

/** Per-chat spacing: at most one message per chat per `gapMs`. */
export interface ChatGate {
  /** Takes the chat's turn at `atMs` when it is free; false when the chat had a message less than gapMs before. */
  tryTake(chatKey: string, atMs: number): Promise<boolean>;
  /** Earliest time the chat is free again (for candidates the pipeline postpones). */
  freeAt(chatKey: string): Promise<number>;
}

/** The slot rule, shared by both implementations (the Lua script mirrors it). */
export function nextSlot(now: number, last: number | null, windowStart: number | null, pausedUntil: number, rate: number, guardMs: number): number {
  const interval = 1000 / rate;
  let slot = Math.max(now, pausedUntil);
  if (last !== null) slot = Math.max(slot, last + interval);
  if (windowStart !== null) slot = Math.max(slot, windowStart + 1000 + guardMs);
  return slot;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly history: number[] = [];
  private paused = 0;
  private readonly window: number;
  constructor(private readonly rate: number, private readonly guardMs = 5, private readonly clock: () => number = Date.now) {
    this.window = Math.max(1, Math.floor(rate));
  }
  async reserve(): Promise<number> {
    const h = this.history;
    const last = h.length ? h[h.length - 1] : null;
    const windowStart = h.length >= this.window ? h[h.length - this.window] : null;
    const slot = nextSlot(this.clock(), last, windowStart, this.paused, this.rate, this.guardMs);
    h.push(slot);
    if (h.length > this.window * 2) h.splice(0, h.length - this.window);
    return slot;
  }
  async pause(untilEpochMs: number): Promise<void> {
    this.paused = Math.max(this.paused, untilEpochMs);
    // slots handed out before the pause are re-checked by the pipeline right before sending
  }
  async pausedUntil(): Promise<number> {
    return this.paused;
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
