// Migration 0011 (campaign snapshot blocks) on a database with campaign occurrences: one already planned has its rows
// in the outbox, so it is marked fed (the feed never moves it again); one interrupted mid-snapshot stays unfed, to be
// resumed into the new table.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres, migrateSqlite } from "../../src/db/migrate.ts";
import { sqliteFile } from "../../src/db/database.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { postgresBefore, sqliteBefore } from "../support/migrated-before.ts";

const BEFORE = "0011_campaign_recipients";
const ROWS = [
  `INSERT INTO "Brand" ("id", "name", "aliases", "updatedAt") VALUES ('b1', 'B1', '[]', CURRENT_TIMESTAMP)`,
  `INSERT INTO "Campaign" ("id", "brandId", "text", "audience", "updatedAt") VALUES ('c1', 'b1', 'hello', '{}', CURRENT_TIMESTAMP)`,
  `INSERT INTO "CampaignOccurrence" ("id", "campaignId", "dueAt", "status", "recipients") VALUES ('o1', 'c1', CURRENT_TIMESTAMP, 'planned', 1)`,
  `INSERT INTO "CampaignOccurrence" ("id", "campaignId", "dueAt", "status") VALUES ('o2', 'c1', '2026-06-02 04:00:00', 'planning')`,
];
const READ = `SELECT "id", "status", "fedUpTo", "fedAt" IS NOT NULL AS "fed" FROM "CampaignOccurrence" ORDER BY "id"`;

describe("migration 0011 (campaign snapshot blocks)", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => Promise.all(drops.map((d) => d())));

  it("marks occurrences already planned as fed on SQLite", async () => {
    const { url, drop } = await freshDatabaseUrl("sqlite");
    drops.push(drop);
    sqliteBefore(url, BEFORE, ROWS);
    expect(migrateSqlite(sqliteFile(url))).toContain(BEFORE);
    const after = new Database(sqliteFile(url));
    expect(after.prepare(READ).all()).toEqual([{ id: "o1", status: "planned", fedUpTo: "", fed: 1 }, { id: "o2", status: "planning", fedUpTo: "", fed: 0 }]);
    expect(after.prepare(`SELECT COUNT(*) AS n FROM "CampaignRecipientBlock"`).get()).toEqual({ n: 0 });
    after.close();
  });

  it("marks occurrences already planned as fed on PostgreSQL", async () => {
    const { url, drop } = await freshDatabaseUrl("postgresql");
    drops.push(drop);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await postgresBefore(c, BEFORE, ROWS);
      expect(await migratePostgres(url)).toContain(BEFORE);
      expect((await c.query(READ)).rows).toEqual([{ id: "o1", status: "planned", fedUpTo: "", fed: true }, { id: "o2", status: "planning", fedUpTo: "", fed: false }]);
      const { rows: indexes } = await c.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'CampaignRecipientBlock'`);
      expect(indexes.map((r) => r.indexname)).toEqual(["CampaignRecipientBlock_pkey"]);
    } finally {
      await c.end();
    }
  });
});
