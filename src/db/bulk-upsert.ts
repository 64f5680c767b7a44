// Multi-row INSERT … ON CONFLICT DO UPDATE, the same statement on SQLite (≥ 3.24) and PostgreSQL.
// Used where Prisma's row-at-a-time upsert is too slow (catalog import of 100k stores / 1M stock rows).
import type { Provider } from "./migrate.ts";

export type ColumnType = "text" | "int" | "float" | "bool" | "json" | "datetime";

export interface TableSpec {
  table: string;
  columns: Record<string, ColumnType>;
  key: string[];
  /** Columns set to the current time on insert (createdAt) and on every write (updatedAt). */
  stamps?: { created?: string; updated?: string };
}

interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const MAX_PARAMS = 30_000; // under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters

/** Datetime as Prisma stores it: ISO text with +00:00 on SQLite, UTC timestamp(3) on PostgreSQL. */
export function dbInstant(provider: Provider, d: Date): string {
  return provider === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d.toISOString();
}

function encode(provider: Provider, type: ColumnType, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  switch (type) {
    case "json":
      return JSON.stringify(v);
    case "bool":
      return provider === "sqlite" ? (v ? 1 : 0) : Boolean(v);
    case "datetime":
      return dbInstant(provider, v instanceof Date ? v : new Date(String(v)));
    default:
      return v;
  }
}

function placeholder(provider: Provider, n: number, type: ColumnType): string {
  if (provider === "sqlite") return "?";
  const cast = type === "json" ? "::jsonb" : type === "datetime" ? "::timestamp(3)" : "";
  return `$${n}${cast}`;
}

export async function bulkUpsert(db: RawExecutor, provider: Provider, spec: TableSpec, rows: Record<string, unknown>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const cols = Object.keys(spec.columns);
  const now = new Date();
  const { created, updated } = spec.stamps ?? {};
  const allCols = [...cols, ...(created ? [created] : []), ...(updated ? [updated] : [])];
  const types: ColumnType[] = [...cols.map((c) => spec.columns[c]), ...(created ? ["datetime" as const] : []), ...(updated ? ["datetime" as const] : [])];
  const perRow = allCols.length;
  const batch = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  const q = (c: string) => `"${c}"`;
  const updates = [...cols.filter((c) => !spec.key.includes(c)), ...(updated ? [updated] : [])].map((c) => `${q(c)} = excluded.${q(c)}`);
  const onConflict = `ON CONFLICT (${spec.key.map(q).join(", ")}) DO ${updates.length ? `UPDATE SET ${updates.join(", ")}` : "NOTHING"}`;
  let written = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const ph: string[] = [];
      allCols.forEach((c, j) => {
        const v = c === created || c === updated ? now : row[c];
        values.push(encode(provider, types[j], v));
        ph.push(placeholder(provider, values.length, types[j]));
      });
      return `(${ph.join(", ")})`;
    });
    const sql = `INSERT INTO ${q(spec.table)} (${allCols.map(q).join(", ")}) VALUES ${tuples.join(", ")} ${onConflict}`;
    written += await db.$executeRawUnsafe(sql, ...values);
  }
  return written;
}
