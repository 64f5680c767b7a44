// Portable raw SQL for the campaign hot paths (audience snapshot, outbox claims): the same statement text on SQLite
// and PostgreSQL, with `?` placeholders numbered for PostgreSQL and instants/JSON cast where PostgreSQL needs it.
import type { Db } from "../db/database.ts";
import { dbInstant } from "../db/bulk-upsert.ts";
import type { Provider } from "../db/migrate.ts";

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

export async function query<T>(db: Db, build: (p: Params) => string): Promise<T[]> {
  const p = new Params(db.provider);
  const sql = build(p);
  return (await db.prisma.$queryRawUnsafe(sql, ...p.values)) as T[];
}

export async function execute(db: Db, build: (p: Params) => string): Promise<number> {
  const p = new Params(db.provider);
  const sql = build(p);
  return db.prisma.$executeRawUnsafe(sql, ...p.values);
}

/** Max bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_PARAMS = 30_000;
