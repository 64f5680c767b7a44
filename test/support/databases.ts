// Fresh databases for tests: a temporary SQLite file, and a new PostgreSQL database per call (dropped after).
// Repository and use-case tests run the same assertions on both via `describe.each(DATABASES)`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Db } from "../../src/db/database.ts";

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const DATABASES = ["sqlite", "postgresql"] as const;
export type TestDbKind = (typeof DATABASES)[number];

export interface TestDb extends Db {
  drop(): Promise<void>;
}

function pgUrlFor(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function freshDatabaseUrl(kind: TestDbKind): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "o2o-test-"));
    return { url: `file:${join(dir, "o2o.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `o2o_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: pgUrlFor(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freshDb(kind: TestDbKind): Promise<TestDb> {
  const { url, drop } = await freshDatabaseUrl(kind);
  const db = await openDatabase({ databaseUrl: url });
  return {
    ...db,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}
