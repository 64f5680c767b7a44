// Raw statements outside a transaction run on PostgreSQL straight through the driver (src/db/direct-sql.ts): they
// must return exactly what Prisma's raw queries return, take parameters the same way, and stay off the direct path
// inside a transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directPoolOf } from "../../src/db/direct-sql.ts";
import { execute, executeAsyncCommit, query, queryIn } from "../../src/db/sql.ts";
import { writeTx } from "../../src/db/write-transaction.ts";
import { freshDb, type TestDb } from "../support/databases.ts";

describe("direct raw SQL on PostgreSQL", () => {
  let db: TestDb;
  const zone = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = "Asia/Shanghai"; // instants must not depend on the server's zone
    db = await freshDb("postgresql");
    await db.prisma.member.create({ data: { id: "m1", displayName: "Ann", locale: "zh" } });
    await db.prisma.conversation.create({ data: { memberId: "m1", botId: "b1", state: { draft: { items: [1, "two"] }, at: null } } });
  });
  afterAll(async () => {
    process.env.TZ = zone;
    await db.drop();
  });

  it("is in use for the database's own client", () => {
    expect(directPoolOf(db.prisma)).toBeDefined();
  });

  it("returns every column type as Prisma's raw query does", async () => {
    const at = new Date("2026-06-01T04:00:00.123Z");
    const build = (p: import("../../src/db/sql.ts").Params) => `SELECT 1::int AS "i4", COUNT(*) AS "count", SUM(x) AS "sum", AVG(x) AS "avg",
        1.5::float8 AS "f", true AS "b", ${p.v("text ✓")}::text AS "t", NULL AS "none", ${p.ts(at)} AS "ts", '2026-06-01'::date AS "d",
        ${p.json({ a: [1, "b"], c: null })} AS "j", ARRAY['a', 'b']::text[] AS "arr", 12345678901::bigint AS "big", 2.50::numeric(10,2) AS "num",
        (SELECT "state" FROM "Conversation" WHERE "memberId" = ${p.v("m1")}) AS "state", (SELECT "createdAt" FROM "Member" WHERE "id" = 'm1') AS "created"
      FROM (VALUES (1), (2)) v(x)`;
    const [direct] = await query<Record<string, unknown>>(db, build);
    const [viaPrisma] = await queryIn<Record<string, unknown>>(db.prisma, build);
    expect(direct).toEqual(viaPrisma);
    expect(direct.ts).toEqual(at);
    expect(direct.count).toBe(2n);
    expect(String(direct.num)).toBe("2.5");
    expect(direct.state).toEqual({ draft: { items: [1, "two"] }, at: null });
  });

  it("writes instants given as Date in UTC and counts affected rows", async () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    const n = await execute(db, (p) => `UPDATE "Member" SET "updatedAt" = ${p.v(at)}::timestamp(3) WHERE "id" IN ${p.list(["m1", "nobody"])}`);
    expect(n).toBe(1);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: "m1" } })).updatedAt).toEqual(at);
  });

  it("reports a unique violation with the driver's code", async () => {
    const err = await execute(db, (p) => `INSERT INTO "Member" ("id", "updatedAt") VALUES (${p.v("m1")}, now())`).catch((e) => e);
    expect((err as { code?: string }).code).toBe("23505");
  });

  it("commits asynchronously only the writes that ask for it, and sees them at once", async () => {
    // each statement records the synchronous_commit its own session commits with
    const record = (key: string) => (p: import("../../src/db/sql.ts").Params) =>
      `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${p.v(key)}, current_setting('synchronous_commit'), now())`;
    await executeAsyncCommit(db, record("async"));
    await execute(db, record("plain"));
    await writeTx(db, (tx) => executeAsyncCommit(tx, record("in-transaction")));
    const rows = await query<{ key: string; value: string }>(db, () => `SELECT "key", "value" FROM "Setting" WHERE "key" IN ('async', 'plain', 'in-transaction') ORDER BY "key"`);
    expect(rows).toEqual([{ key: "async", value: "off" }, { key: "in-transaction", value: "on" }, { key: "plain", value: "on" }]);
  });

  it("keeps statements inside a transaction on the transaction's connection", async () => {
    await expect(
      writeTx(db, async (tx) => {
        await queryIn(tx, (p) => `UPDATE "Member" SET "displayName" = ${p.v("inside")} WHERE "id" = 'm1' RETURNING "id"`);
        // another connection does not see the uncommitted change; the transaction's own statement does
        const [outside] = await query<{ displayName: string }>(db, () => `SELECT "displayName" FROM "Member" WHERE "id" = 'm1'`);
        const [inside] = await queryIn<{ displayName: string }>(tx, () => `SELECT "displayName" FROM "Member" WHERE "id" = 'm1'`);
        expect([outside.displayName, inside.displayName]).toEqual(["Ann", "inside"]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const [after] = await query<{ displayName: string }>(db, () => `SELECT "displayName" FROM "Member" WHERE "id" = 'm1'`);
    expect(after.displayName).toBe("Ann");
  });
});
