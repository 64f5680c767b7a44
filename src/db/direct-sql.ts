// Raw SQL on PostgreSQL straight through the driver's pool, outside any transaction. Prisma runs even a raw
// statement through its query compiler (WebAssembly) and result mapping: measured at about 0.5 ms of CPU per
// statement against 0.1 ms for the driver alone, several times per chat turn. The pool is the one the Prisma
// adapter uses (one set of connections), and rows come back as Prisma's raw queries return them — BigInt for int8,
// Decimal for numeric, Date for timestamps (stored as UTC), parsed JSON — so callers cannot tell the two apart.
// Registered per Prisma client: a transaction client is never registered, so statements inside a transaction
// keep running on the transaction's connection.
import pg from "pg";
import { Prisma as PgNamespace } from "./generated/postgresql/client.ts";

const pools = new WeakMap<object, { pool: pg.Pool; asyncCommit?: pg.Pool }>();

/**
 * Statements on `client` (a Prisma client) may go straight to `pool` when they are not in a transaction, and the
 * writes that may commit asynchronously (sql.ts executeAsyncCommit) to `asyncCommit`, whose sessions run with
 * synchronous_commit off.
 */
export function registerDirectPool(client: object, pool: pg.Pool, asyncCommit?: pg.Pool): void {
  pools.set(client, { pool, asyncCommit });
}

export function directPoolOf(client: object): pg.Pool | undefined {
  return pools.get(client)?.pool;
}

export function asyncCommitPoolOf(client: object): pg.Pool | undefined {
  return pools.get(client)?.asyncCommit;
}

const { builtins } = pg.types;
/** `timestamp` text ("2026-06-01 04:00:00.123") is UTC, as Prisma writes it */
const utcTimestamp = (v: string) => new Date(`${v.replace(" ", "T")}Z`);
const parsers: Record<number, (v: string) => unknown> = {
  [builtins.INT8]: (v) => BigInt(v),
  [builtins.NUMERIC]: (v) => new PgNamespace.Decimal(v),
  [builtins.TIMESTAMP]: utcTimestamp,
  [builtins.TIMESTAMPTZ]: (v) => new Date(v),
  [builtins.DATE]: (v) => new Date(`${v}T00:00:00Z`),
};
const types = {
  getTypeParser: (oid: number, format?: string) => (format !== "binary" && parsers[oid]) || pg.types.getTypeParser(oid, format as "text"),
};

/** Values as Prisma's adapter sends them: instants in UTC (the driver would format a Date in the local zone). */
function toDriver(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return v.toString();
  return v;
}

export async function directQuery<T>(pool: pg.Pool, text: string, values: unknown[]): Promise<T[]> {
  const r = await pool.query({ text, values: values.map(toDriver), types } as pg.QueryConfig);
  return r.rows as T[];
}

export async function directExecute(pool: pg.Pool, text: string, values: unknown[]): Promise<number> {
  const r = await pool.query({ text, values: values.map(toDriver), types } as pg.QueryConfig);
  return r.rowCount ?? 0;
}
