// GET /readyz: may this instance take traffic? Each part is checked on every call, with a short timeout, so a load
// balancer stops sending here while the database is away and resumes when it is back: the database answers, every
// committed migration is applied, Redis answers (when REDIS_URL is set), the bots started, and the process is not
// shutting down. /healthz stays liveness (the process is up and finished starting).
import { Redis } from "ioredis";
import type { Db } from "../db/database.ts";
import { migrationsFor } from "../db/migrate.ts";
import { query } from "../db/sql.ts";

export interface ReadinessReport {
  ready: boolean;
  /** every part: "ok", or why not */
  checks: Record<string, string>;
  /** the parts that are not ok */
  failing: string[];
}

export interface ReadinessDeps {
  db: Db;
  redisUrl?: string;
  /** "ok", or why the bots are not up yet */
  bots: () => string;
  /** true once shutdown began */
  stopping: () => boolean;
  timeoutMs?: number;
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);

export interface Readiness {
  check(): Promise<ReadinessReport>;
  close(): void;
}

export function readiness(deps: ReadinessDeps): Readiness {
  const timeoutMs = deps.timeoutMs ?? 2000;
  const expected = migrationsFor(deps.db.provider).map((m) => m.name);
  // one connection for the checks, failing fast while Redis is away instead of queueing the PING
  const redis = deps.redisUrl ? new Redis(deps.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: timeoutMs }) : null;
  redis?.on("error", () => undefined); // reported by the check, not as an unhandled error

  async function database(): Promise<Record<string, string>> {
    try {
      const rows = await within(timeoutMs, query<{ name: string }>(deps.db, () => `SELECT "name" FROM "_o2o_migrations"`));
      const applied = new Set(rows.map((r) => r.name));
      const missing = expected.filter((m) => !applied.has(m));
      return { database: "ok", migrations: missing.length ? `not applied: ${missing.join(", ")}` : "ok" };
    } catch (e) {
      return { database: `unreachable: ${reason(e)}`, migrations: "unknown (database unreachable)" };
    }
  }

  async function redisCheck(): Promise<Record<string, string>> {
    if (!redis) return {};
    try {
      if (redis.status === "wait" || redis.status === "end") await within(timeoutMs, redis.connect());
      const pong = await within(timeoutMs, redis.ping());
      return { redis: pong === "PONG" ? "ok" : `unexpected answer ${pong}` };
    } catch (e) {
      return { redis: `unreachable: ${reason(e)}` };
    }
  }

  return {
    async check() {
      const checks: Record<string, string> = {
        ...(await database()),
        ...(await redisCheck()),
        bots: deps.bots(),
        ...(deps.stopping() ? { shutdown: "shutting down" } : {}),
      };
      const failing = Object.entries(checks).filter(([, v]) => v !== "ok").map(([k]) => k);
      return { ready: !failing.length, checks, failing };
    },
    close() {
      redis?.disconnect();
    },
  };
}
