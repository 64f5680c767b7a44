// Migration 0010 renames the outbox table Delivery to OutboxMessage on a database that already has rows: every row
// survives as it was, and staff cards, which used to borrow memberId as "staff:<id>", get their staffId.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres, migrateSqlite, migrationsFor } from "../../src/db/migrate.ts";
import { sqliteFile } from "../../src/db/database.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { postgresBefore, sqliteBefore } from "../support/migrated-before.ts";

const BEFORE = "0010_outbox_message";
const ROWS = [
  `INSERT INTO "Delivery" ("id", "dedupeKey", "memberId", "source", "campaignId", "text", "payload", "status", "attempts", "sentAt") VALUES ('d1', 'campaign:o1:m1', 'm1', 'campaign', 'c1', 'hello', '{"campaignId":"c1"}', 'sent', 1, CURRENT_TIMESTAMP)`,
  `INSERT INTO "Delivery" ("id", "dedupeKey", "memberId", "source", "orderId", "text", "payload") VALUES ('d2', 'staff:o9:st7', 'staff:st7', 'staff', 'o9', 'new order', '{"telegramUserId":"77","botId":"b"}')`,
];
const READ = `SELECT "id", "dedupeKey", "memberId", "staffId", "source", "status", "attempts", "text" FROM "OutboxMessage" ORDER BY "id"`;
const EXPECTED = [
  { id: "d1", dedupeKey: "campaign:o1:m1", memberId: "m1", staffId: null, source: "campaign", status: "sent", attempts: 1, text: "hello" },
  { id: "d2", dedupeKey: "staff:o9:st7", memberId: null, staffId: "st7", source: "staff", status: "queued", attempts: 0, text: "new order" },
];

describe("migration 0010 (Delivery → OutboxMessage)", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => Promise.all(drops.map((d) => d())));

  it("keeps every row on SQLite", async () => {
    const { url, drop } = await freshDatabaseUrl("sqlite");
    drops.push(drop);
    sqliteBefore(url, BEFORE, ROWS);
    expect(migrateSqlite(sqliteFile(url))).toEqual(migrationsFor("sqlite").map((m) => m.name).filter((n) => n >= BEFORE));
    const after = new Database(sqliteFile(url));
    expect(after.prepare(READ).all()).toEqual(EXPECTED);
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE name = 'Delivery'`).all()).toEqual([]);
    after.close();
  });

  it("renames the table in place on PostgreSQL", async () => {
    const { url, drop } = await freshDatabaseUrl("postgresql");
    drops.push(drop);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await postgresBefore(c, BEFORE, ROWS);
      const { rows: [{ oid }] } = await c.query(`SELECT 'public."Delivery"'::regclass::oid AS oid`);
      expect(await migratePostgres(url)).toEqual(migrationsFor("postgresql").map((m) => m.name).filter((n) => n >= BEFORE));
      expect((await c.query(READ)).rows).toEqual(EXPECTED);
      // the same table (same oid), renamed: not a copy
      expect((await c.query(`SELECT 'public."OutboxMessage"'::regclass::oid AS oid`)).rows[0].oid).toBe(oid);
      const { rows: indexes } = await c.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'OutboxMessage' ORDER BY indexname`);
      expect(indexes.map((r) => r.indexname)).toEqual([
        "OutboxMessage_campaignId_status_sentAt_memberId_idx", "OutboxMessage_dedupeKey_key", "OutboxMessage_memberId_status_idx", "OutboxMessage_pkey", "OutboxMessage_status_notBefore_idx",
      ]);
    } finally {
      await c.end();
    }
  });
});
