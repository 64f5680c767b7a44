// The send-rate port and its in-process implementation. `acquire()` waits until one more message may go out, counts
// it, and hands back a permit whose `done()` the sender calls once the Bot API answered. Two rules:
//  - pacing (GCRA): one message per 1/rate, with 50 ms of catch-up credit after the sender was held up;
//  - the hard cap: each earlier message has certainly reached the Bot API by its answer minus the fastest round
//    trip seen (messages travel at least that fast); a message may start once fewer than `rate` earlier messages
//    can have arrived within the last second (plus a 2 ms guard). Whatever the network and scheduling jitter, no
//    one-second window at the receiver holds more than `rate` messages. It costs the jitter, not the latency, and
//    each late answer only once (its 100 ms round trip to Telegram itself costs nothing).
// Waits end to within microseconds (preciseSleep): at the limit, every millisecond a timer oversleeps is lost.
// A 429 pauses every acquire until its retry_after. redis-delivery.ts runs the same pacing in Lua, on Redis's clock,
// for every worker process together, with a simpler cap keyed to the message `rate` places before.

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

/**
 * What the rules remember. Kept so that deciding one more send costs O(1) at any rate (1000/s asks it 1000 times a
 * second): answered sends only as their answer times, ascending; sends in flight in the order they left.
 */
export interface LimiterState {
  /** theoretical arrival time of the next message (GCRA) */
  tat: number;
  /** answer times of the answered sends that may still share a receiver window with a new one, ascending */
  answered: number[];
  /** where `answered` starts (entries before it have left every window; dropped in batches) */
  head: number;
  /** sends awaiting their answer, oldest first */
  inFlight: Set<SentEntry>;
  pausedUntil: number;
  /** the fastest round trip seen so far (Infinity before the first answer) */
  minRtt: number;
}

export const newLimiterState = (): LimiterState => ({ tat: 0, answered: [], head: 0, inFlight: new Set(), pausedUntil: 0, minRtt: Infinity });

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

/** Inserts t into the ascending answer times (answers mostly come in order: almost always an append). */
function insertAnswer(s: LimiterState, t: number): void {
  const a = s.answered;
  let i = a.length;
  while (i > s.head && a[i - 1] > t) i--;
  if (i === a.length) a.push(t);
  else a.splice(i, 0, t);
}

/** Sends unanswered for MAX_IN_FLIGHT_MS count as answered then (oldest first: only the front can have expired). */
function expireInFlight(s: LimiterState, now: number): void {
  for (const e of s.inFlight) {
    if (now - e.sent < MAX_IN_FLIGHT_MS) break;
    s.inFlight.delete(e);
    e.done = e.sent + MAX_IN_FLIGHT_MS;
    insertAnswer(s, e.done);
  }
}

/**
 * How long to wait before one more message may go at `now` (0 = now). The hard cap counts: a message sent now
 * arrives after now, so it may go once fewer than `rate` earlier messages can still have arrived within the last
 * second (+ guard). Each earlier message has arrived by its answer minus the fastest round trip seen (messages travel
 * at least that fast), or may still arrive while in flight; so the new one waits for the rate-th latest of those
 * instants + 1 s + guard. A late answer thus costs only while that one message may still be in the receiver's
 * window — it does not push back every message a second later, as a rule keyed to the message `rate` places before
 * would (each chain of such delays adds up).
 */
export function waitMs(s: LimiterState, now: number, r: LimiterRules): number {
  expireInFlight(s, now);
  let wait = Math.max(0, s.pausedUntil - now, s.tat - CREDIT_MS - now);
  const w = windowOf(r.rate);
  const flying = s.inFlight.size;
  if (flying >= w) return Math.max(wait, IN_FLIGHT_POLL_MS); // the rate-th latest may still arrive any moment
  const answeredCount = s.answered.length - s.head;
  if (flying + answeredCount >= w) {
    // in flight count as latest; then the answered ones, latest first
    const nth = s.answered[s.answered.length - (w - flying)] - (Number.isFinite(s.minRtt) ? s.minRtt : 0);
    wait = Math.max(wait, nth + 1000 + r.guardMs - now);
  }
  return wait;
}

/** Marks a send answered at `at`. */
export function recordDone(s: LimiterState, e: SentEntry, at: number): void {
  if (e.done !== null) return;
  e.done = at;
  s.inFlight.delete(e);
  s.minRtt = Math.min(s.minRtt, at - e.sent);
  insertAnswer(s, at);
}

/** Records a send at `now` (call only when waitMs was 0); returns its entry, to be marked done. */
export function recordSend(s: LimiterState, now: number, r: LimiterRules): SentEntry {
  s.tat = Math.max(s.tat, now) + 1000 / r.rate;
  const entry: SentEntry = { sent: now, done: null };
  s.inFlight.add(entry);
  // forget answers more than a second (+ guard) old: those messages arrived before that, so nothing sent from now on
  // can share a receiver window with them, whatever the fastest round trip turns out to be
  const horizon = now - 1000 - r.guardMs;
  while (s.head < s.answered.length && s.answered[s.head] < horizon) s.head++;
  if (s.head > 1024 && s.head * 2 > s.answered.length) {
    s.answered = s.answered.slice(s.head);
    s.head = 0;
  }
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

/** The last stretch of a precise wait is spent yielding turns (setImmediate) rather than on a timer. */
export const SPIN_MS = 1;

/**
 * Waits `ms` to within a few microseconds, or until `wake` is called, or the signal aborts. A timer alone wakes up
 * to a millisecond or more late, and at the rate limit every such delay is a send slot lost for good (the hard cap
 * counts from the previous sends): timers cover all but the last SPIN_MS, then the wait yields turns of the event
 * loop (I/O keeps flowing) until the instant.
 */
export function preciseSleep(ms: number, signal?: AbortSignal): { done: Promise<void>; wake(): void } {
  const deadline = preciseNow() + ms;
  let wake!: () => void;
  const done = new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      resolve();
    };
    wake = finish;
    if (signal?.aborted) return finish();
    signal?.addEventListener("abort", finish, { once: true });
    const step = () => {
      if (settled) return;
      const left = deadline - preciseNow();
      if (left <= 0) finish();
      else if (left > SPIN_MS) timer = setTimeout(step, left - SPIN_MS);
      else setImmediate(step);
    };
    step();
  });
  return { done, wake };
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly state: LimiterState = newLimiterState();
  private queue: Promise<unknown> = Promise.resolve();
  /** ends the current wait early (one waiter at a time: acquires are served in order) */
  private waking: (() => void) | null = null;
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
          return {
            done: () => {
              recordDone(this.state, entry, this.clock());
              this.waking?.(); // the answer the cap waited for: look again now, not at the next poll
            },
          };
        }
        const nap = preciseSleep(w, signal);
        this.waking = nap.wake;
        await nap.done;
        this.waking = null;
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
