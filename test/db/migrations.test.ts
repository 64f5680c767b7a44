import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { afterAll } from "vitest";
import { migratePostgres, migrateSqlite, migrationsFor } from "../../src/db/migrate.ts";
import { sqliteFile } from "../../src/db/database.ts";
import { freshDatabaseUrl } from "../support/databases.ts";

describe("migrations", () => {
  it("are committed for every change of prisma/schema.prisma (run `npm run db:migration NAME`)", () => {
    expect(readFileSync("prisma/migrations/schema.snapshot.prisma", "utf8")).toBe(readFileSync("prisma/schema.prisma", "utf8"));
    expect(migrationsFor("sqlite").map((m) => m.name)).toEqual(migrationsFor("postgresql").map((m) => m.name));
  });

  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => Promise.all(drops.map((d) => d())));

  it("apply once on SQLite, then find nothing to do", async () => {
    const { url, drop } = await freshDatabaseUrl("sqlite");
    drops.push(drop);
    expect(migrateSqlite(sqliteFile(url)).length).toBe(migrationsFor("sqlite").length);
    expect(migrateSqlite(sqliteFile(url))).toEqual([]);
  });

  it("apply exactly once on PostgreSQL when several processes start together", async () => {
    const { url, drop } = await freshDatabaseUrl("postgresql");
    drops.push(drop);
    const runs = await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)]);
    expect(runs.flat().length).toBe(migrationsFor("postgresql").length);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM "_o2o_migrations"`);
    await c.end();
    expect(rows[0].n).toBe(migrationsFor("postgresql").length);
  });
});
