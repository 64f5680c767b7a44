// Applies the committed SQL migrations (prisma/migrations/<provider>/NNNN_name.sql) in order, once each,
// recording them in _o2o_migrations. Runs before anything touches the database, on both providers.
// Concurrency: several processes may start at once; PostgreSQL serialises them with an advisory lock,
// SQLite with BEGIN IMMEDIATE. The bookkeeping table is re-read under the lock.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { projectRoot } from "../paths.ts";

export type Provider = "sqlite" | "postgresql";

export interface Migration {
  name: string;
  sql: string;
}

export function migrationsFor(provider: Provider): Migration[] {
  const dir = join(projectRoot, "prisma/migrations", provider);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ""), sql: readFileSync(join(dir, f), "utf8") }));
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_o2o_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`;

/** Returns the names of the migrations it applied (empty when the database was up to date). */
export function migrateSqlite(file: string): string[] {
  const db = new Database(file, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(BOOKKEEPING);
    const applied: string[] = [];
    db.exec("BEGIN IMMEDIATE");
    try {
      const done = new Set(db.prepare(`SELECT "name" FROM "_o2o_migrations"`).pluck().all() as string[]);
      for (const m of migrationsFor("sqlite")) {
        if (done.has(m.name)) continue;
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_o2o_migrations" ("name", "appliedAt") VALUES (?, ?)`).run(m.name, new Date().toISOString());
        applied.push(m.name);
      }
      db.exec("COMMIT");
    } catch (e) {
      db.exec("ROLLBACK");
      throw e;
    }
    return applied;
  } finally {
    db.close();
  }
}

const LOCK_KEY = 7_202_611; // arbitrary, constant: one migration lock per database

export async function migratePostgres(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await client.query(BOOKKEEPING);
      const { rows } = await client.query(`SELECT "name" FROM "_o2o_migrations"`);
      const done = new Set(rows.map((r) => r.name as string));
      const applied: string[] = [];
      for (const m of migrationsFor("postgresql")) {
        if (done.has(m.name)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(`INSERT INTO "_o2o_migrations" ("name", "appliedAt") VALUES ($1, $2)`, [m.name, new Date().toISOString()]);
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK");
          throw e;
        }
        applied.push(m.name);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
