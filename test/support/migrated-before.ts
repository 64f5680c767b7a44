// A database migrated up to (not including) one migration, with some rows written by hand: the state a real database
// is in when that migration reaches it. For tests of a migration that has to keep or transform existing rows.
import Database from "better-sqlite3";
import pg from "pg";
import { migrationsFor } from "../../src/db/migrate.ts";
import { sqliteFile } from "../../src/db/database.ts";

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_o2o_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`;

/** Applies every SQLite migration before `before`, records them as applied, then runs `rows`. */
export function sqliteBefore(url: string, before: string, rows: string[]): void {
  const db = new Database(sqliteFile(url));
  try {
    db.exec(BOOKKEEPING);
    for (const m of migrationsFor("sqlite").filter((m) => m.name < before)) {
      db.exec(m.sql);
      db.prepare(`INSERT INTO "_o2o_migrations" ("name", "appliedAt") VALUES (?, ?)`).run(m.name, new Date().toISOString());
    }
    for (const sql of rows) db.exec(sql);
  } finally {
    db.close();
  }
}

/** The same on PostgreSQL, through a connected client the test keeps using. */
export async function postgresBefore(c: pg.Client, before: string, rows: string[]): Promise<void> {
  await c.query(BOOKKEEPING);
  for (const m of migrationsFor("postgresql").filter((m) => m.name < before)) {
    await c.query(m.sql);
    await c.query(`INSERT INTO "_o2o_migrations" ("name", "appliedAt") VALUES ($1, $2)`, [m.name, new Date().toISOString()]);
  }
  for (const sql of rows) await c.query(sql);
}
