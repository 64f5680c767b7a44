// One turn at a time per chat. A conversation's state is read and written whole by a turn, so two updates of one
// chat handled at once would lose one's changes. In one process a promise chain per chat keeps them in arrival
// order; with several instances behind a webhook (REDIS_URL) a Redis lock per chat around the turn keeps them apart
// across processes too: SET NX PX with a random token, renewed while the turn runs, released only by its owner.
// Across instances the lock gives exclusion, not strict arrival order: two updates of one chat that reach two
// instances within the same few milliseconds run one after the other in either order (Telegram itself sends a
// chat's updates one at a time in practice; a person does not type faster than a turn).
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface ChatLock {
  run<T>(chatKey: string, turn: () => Promise<T>): Promise<T>;
}

/** In-process: runs `turn` after the previous one of the same chat finished. */
export function memoryChatLock(): ChatLock {
  const chains = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const next = (chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
      chains.set(key, next);
      void next.finally(() => chains.get(key) === next && chains.delete(key)).catch(() => undefined);
      return next;
    },
  };
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisChatLockOptions {
  prefix?: string;
  /** a lock whose holder died lapses after this long (renewed every third of it while the turn runs) */
  leaseMs?: number;
  /** give up waiting for the chat after this long (the turn then fails like any other error) */
  waitMs?: number;
  log?: Log;
}

/** Across processes: the in-process chain first (no Redis round trips between a chat's own queued updates), then Redis. */
export function redisChatLock(redis: Redis, opts: RedisChatLockOptions = {}): ChatLock {
  const local = memoryChatLock();
  const prefix = opts.prefix ?? "o2o:turn";
  const leaseMs = opts.leaseMs ?? 30_000;
  const waitMs = opts.waitMs ?? 60_000;

  async function acquire(key: string, token: string): Promise<boolean> {
    const until = Date.now() + waitMs;
    let pause = 2;
    for (;;) {
      if ((await redis.set(key, token, "PX", leaseMs, "NX")) === "OK") return true;
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 25);
    }
  }

  return {
    run<T>(chatKey: string, turn: () => Promise<T>): Promise<T> {
      return local.run(chatKey, async () => {
        const key = `${prefix}:${chatKey}`;
        const token = randomUUID();
        let held: boolean;
        try {
          held = await acquire(key, token);
        } catch (e) {
          // Redis is away: answering beats ordering (readiness reports Redis; one instance still orders its own chats)
          opts.log?.("chat lock unavailable (Redis); handling the update without the cross-instance lock", { err: String(e) });
          return turn();
        }
        if (!held) throw new Error(`chat ${chatKey} stayed busy for ${waitMs} ms`);
        const renew = setInterval(() => void redis.eval(RENEW, 1, key, token, leaseMs).catch(() => undefined), Math.max(1000, leaseMs / 3));
        try {
          return await turn();
        } finally {
          clearInterval(renew);
          await redis.eval(RELEASE, 1, key, token).catch((e) => opts.log?.("chat lock release failed (it lapses by itself)", { err: String(e) }));
        }
      });
    },
  };
}

/** Work in progress that shutdown waits for (chat turns, webhook updates). */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p)).catch(() => undefined);
    return p;
  }
  get size(): number {
    return this.running.size;
  }
  /** Resolves once everything tracked (also what starts meanwhile) has settled. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
