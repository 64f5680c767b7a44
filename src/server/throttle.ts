// Slows guessing at a door (admin login, web sign-in) per client address: the first `free` attempts in a row pass, then
// each further one locks the key for a delay that doubles up to `maxDelayMs`. A success resets the key; a key left
// alone for `forgetAfterMs` starts over. (`free` attempts pass; the free-th failure already locks the next one.) In memory, per process: enough to make 300 guesses take hours, not seconds.
// Warning: behind a proxy every client has the proxy's address unless fastify's trustProxy is set.

export interface ThrottleOptions {
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs?: number;
  /** most keys remembered; the oldest go first */
  maxKeys?: number;
  clock?: () => number;
}

interface Entry {
  count: number;
  lockedUntil: number;
  lastAt: number;
}

export type ThrottleCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

export class Throttle {
  private readonly keys = new Map<string, Entry>();
  constructor(private readonly o: ThrottleOptions) {}

  private now(): number {
    return this.o.clock ? this.o.clock() : Date.now();
  }

  private entry(key: string): Entry | undefined {
    const e = this.keys.get(key);
    if (e && this.now() - e.lastAt > (this.o.forgetAfterMs ?? 3_600_000)) {
      this.keys.delete(key);
      return undefined;
    }
    return e;
  }

  /** May this key try now? */
  check(key: string): ThrottleCheck {
    const e = this.entry(key);
    const wait = e ? e.lockedUntil - this.now() : 0;
    return wait > 0 ? { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { ok: true };
  }

  /** Counts an attempt that did not succeed (or, for a door with no failure, any attempt). */
  fail(key: string): void {
    const now = this.now();
    const e = this.entry(key) ?? { count: 0, lockedUntil: 0, lastAt: now };
    e.count++;
    e.lastAt = now;
    if (e.count >= this.o.free) e.lockedUntil = now + Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** Math.min(30, e.count - this.o.free));
    this.keys.delete(key);
    this.keys.set(key, e);
    const max = this.o.maxKeys ?? 10_000;
    while (this.keys.size > max) this.keys.delete(this.keys.keys().next().value!);
  }

  succeed(key: string): void {
    this.keys.delete(key);
  }
}

/** The JSON a throttled request gets (429 with Retry-After). */
export function tooManyAttempts(retryAfterSeconds: number, en = true) {
  return {
    ok: false,
    error: {
      code: "TOO_MANY_ATTEMPTS",
      retryAfterSeconds,
      message: en ? `Too many attempts; try again in ${retryAfterSeconds} s.` : `尝试次数太多，请 ${retryAfterSeconds} 秒后再试。`,
    },
  };
}
