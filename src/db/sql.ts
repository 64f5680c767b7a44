// Portable raw SQL for hot paths (campaign audience snapshots, outbox claims, the chat turn): the same statement text on
// SQLite and PostgreSQL, with `?` placeholders numbered for PostgreSQL and instants/JSON cast where PostgreSQL needs it.
import { providerOf, type Db, type Prisma, type Tx } from "./database.ts";
import { dbInstant } from "./bulk-upsert.ts";
import type { Provider } from "./migrate.ts";
import { asyncCommitPoolOf, directExecute, directPoolOf, directQuery } from "./direct-sql.ts";

/** Collects parameters while a statement is written: `q.ts(date)`, `q.v(value)`, `q.list(values)` return placeholders. */
export class Params {
  readonly values: unknown[] = [];
  constructor(readonly provider: Provider) {}
  private next(cast = ""): string {
    return this.provider === "sqlite" ? "?" : `$${this.values.length}${cast}`;
  }
  /** a plain value (text, number) */
  v(value: unknown): string {
    this.values.push(value);
    return this.next();
  }
  /** an instant, stored the way Prisma stores DateTime on each provider */
  ts(d: Date): string {
    this.values.push(dbInstant(this.provider, d));
    return this.next("::timestamp(3)");
  }
  /** a JSON value */
  json(value: unknown): string {
    this.values.push(JSON.stringify(value));
    return this.next("::jsonb");
  }
  /** `(?, ?, …)` for an IN list; never empty (an empty list matches nothing) */
  list(values: readonly unknown[]): string {
    if (!values.length) return "(NULL)";
    return `(${values.map((x) => this.v(x)).join(", ")})`;
  }
}

/**
 * Where a statement runs: a database (its own client), or a transaction client (the transaction's connection). Reads
 * and single-statement writes that may run either way take one of these.
 */
export type SqlTarget = Db | Prisma | Tx;

const clientOf = (on: SqlTarget): Prisma | Tx => (typeof (on as Db).provider === "string" && "url" in on ? (on as Db).prisma : (on as Prisma | Tx));

/** The provider behind a database or a (transaction) client. */
export const providerOfTarget = (on: SqlTarget): Provider => providerOf(clientOf(on));

/** A statement on a database's client (on PostgreSQL straight through the driver: direct-sql.ts) or in a transaction. */
export function query<T>(on: SqlTarget, build: (p: Params) => string): Promise<T[]> {
  const client = clientOf(on);
  const pool = directPoolOf(client);
  if (!pool) return queryIn<T>(client, build);
  const p = new Params("postgresql");
  const sql = build(p);
  return directQuery<T>(pool, sql, p.values);
}

export function execute(on: SqlTarget, build: (p: Params) => string): Promise<number> {
  const client = clientOf(on);
  const pool = directPoolOf(client);
  if (!pool) return executeIn(client, build);
  const p = new Params("postgresql");
  const sql = build(p);
  return directExecute(pool, sql, p.values);
}

/**
 * A write committed asynchronously on PostgreSQL (synchronous_commit off, on connections of their own): visible to
 * everyone at once, but its commit does not wait for the WAL to reach the disk, which behind another session's bulk
 * writes (an import, a campaign's audience) takes tens of milliseconds. What a database or OS crash may then lose is
 * the last fraction of a second of such writes, never half of one and never one without those before it (the WAL
 * is written in order, and a synchronous commit flushes everything before it). For the chat turn's own writes: the
 * conversation's state and log, a quote. Outside PostgreSQL, or inside a transaction, an ordinary statement.
 */
export function executeAsyncCommit(on: SqlTarget, build: (p: Params) => string): Promise<number> {
  const pool = asyncCommitPoolOf(clientOf(on));
  if (!pool) return execute(on, build);
  const p = new Params("postgresql");
  const sql = build(p);
  return directExecute(pool, sql, p.values);
}

/** Max bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_PARAMS = 30_000;

/** A statement on a client or inside a transaction (the statement runs on the transaction's connection). */
export async function queryIn<T>(tx: Prisma | Tx, build: (p: Params) => string): Promise<T[]> {
  const p = new Params(providerOf(tx));
  const sql = build(p);
  return (await tx.$queryRawUnsafe(sql, ...p.values)) as T[];
}

/** A statement without rows, on a client or inside a transaction. */
export async function executeIn(tx: Prisma | Tx, build: (p: Params) => string): Promise<number> {
  const p = new Params(providerOf(tx));
  return tx.$executeRawUnsafe(build(p), ...p.values);
}
