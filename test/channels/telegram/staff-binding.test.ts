// Staff bind a Telegram account to a store with a one-time code; only bound staff of the order's store act on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import { bindStaff, boundStaff, createStaffInvite, staffMoveOrder } from "../../../src/app/staff.ts";
import { DATABASES, freshDb, type TestDb } from "../../support/databases.ts";
import { NOON } from "../../support/engine.ts";

describe.each(DATABASES)("staff invites and binding on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db?.drop());

  async function code(storeId: string, opts: { staffId?: string; ttlMs?: number } = {}) {
    const r = await createStaffInvite(db, { storeId, at: NOON, ...opts });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.code;
  }
  const bind = (c: string, user: string, over: Partial<Parameters<typeof bindStaff>[1]> = {}) =>
    bindStaff(db, { code: c, telegramUserId: user, botId: "starbucks", botBrandIds: ["starbucks"], displayName: "Jay", at: NOON, ...over });

  it("refuses invites for unknown stores or staff of another store", async () => {
    expect(await createStaffInvite(db, { storeId: "nope", at: NOON })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await createStaffInvite(db, { storeId: "sb-tianhe", staffId: "sb-b1", at: NOON })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("a code binds once; typed in lower case with spaces it still works", async () => {
    const c = await code("sb-zhengjia");
    const first = await bind(` ${c.slice(0, 4).toLowerCase()} ${c.slice(4)} `, "u1");
    expect(first).toMatchObject({ ok: true, value: { storeId: "sb-zhengjia", name: "Jay" } });
    expect(await bind(c, "u2")).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect((await boundStaff(db, ["sb-zhengjia"])).find((s) => s.telegramUserId === "u1")).toMatchObject({ botId: "starbucks" });
  });

  it("two people racing with one code: exactly one is bound", async () => {
    const c = await code("sb-zhengjia");
    const results = await Promise.all([bind(c, "race-a"), bind(c, "race-b")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses expired codes, unknown codes and bots of another brand", async () => {
    expect(await bind(await code("sb-zhengjia", { ttlMs: 1000 }), "u3", { at: new Date(NOON.getTime() + 2000) })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await bind("ZZZZZZZZ", "u3")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await bind(await code("sb-zhengjia"), "u3", { botId: "gxg", botBrandIds: ["gxg"] })).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
  });

  it("an invite for a named staff row binds that row; a second store's code moves the account", async () => {
    expect(await bind(await code("sb-zhengjia", { staffId: "sb-b1" }), "u4")).toMatchObject({ ok: true, value: { staffId: "sb-b1" } });
    const moved = await bind(await code("sb-tianhe"), "u4");
    expect(moved).toMatchObject({ ok: true, value: { storeId: "sb-tianhe" } });
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { id: "sb-b1" } })).telegramUserId).toBeNull();
  });

  it("only bound staff may move orders, and only their store's", async () => {
    expect(await staffMoveOrder(db, { telegramUserId: "stranger", orderId: "any", to: "accepted", at: NOON })).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
    expect(await staffMoveOrder(db, { telegramUserId: "u1", orderId: "any", to: "cancelled", at: NOON })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });
});
