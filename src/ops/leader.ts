// One scheduler leader at a time among the instances: only the leader runs the minute's campaign pass. Planning is
// idempotent anyway (the unique occurrence key lets one pass plan each occurrence), so the leader only saves the
// other instances the work and the races. With REDIS_URL: a Redis key with a lease, renewed at every pass (an
// instance that dies loses it within the lease). On PostgreSQL without Redis: a session advisory lock held on a
// connection of its own (released by PostgreSQL the moment that connection goes). SQLite: one process, always leader.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";

export interface Leadership {
  /** true when this instance leads now (takes or keeps the lead) */
  check(): Promise<boolean>;
  /** gives the lead up (shutdown) so another instance takes it at its next pass */
  release(): Promise<void>;
}

export const alwaysLeader: Leadership = { check: async () => true, release: async () => undefined };

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export function redisLeader(url: string, key: string, leaseMs = 90_000): Leadership {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  redis.on("error", () => undefined); // a pass without Redis is skipped (check() throws), not a crash
  const me = randomUUID();
  return {
    check: async () => (await redis.eval(RENEW, 1, key, me, leaseMs)) === 1,
    release: async () => {
      await redis.eval(RELEASE, 1, key, me).catch(() => undefined);
      redis.disconnect();
    },
  };
}

const LEADER_LOCK = 7_202_612; // next to the migration lock (migrate.ts)

export function postgresLeader(connectionString: string): Leadership {
  let client: pg.Client | null = null;
  let held = false;
  const drop = () => {
    held = false;
    const c = client;
    client = null;
    void c?.end().catch(() => undefined);
  };
  return {
    async check() {
      if (held && client) return true;
      try {
        if (!client) {
          client = new pg.Client({ connectionString });
          client.on("error", drop); // the connection went: so did the lock
          await client.connect();
        }
        const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS ok", [LEADER_LOCK]);
        held = rows[0]?.ok === true;
        return held;
      } catch {
        drop();
        return false;
      }
    },
    async release() {
      if (client && held) await client.query("SELECT pg_advisory_unlock($1)", [LEADER_LOCK]).catch(() => undefined);
      drop();
    },
  };
}
