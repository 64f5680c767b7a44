// The CLI as an operator uses it, against a local fake Bot API: create refuses bad input with one line and a
// non-zero exit; a tick process killed mid-campaign and run again delivers every recipient at most once, all but
// the documented window exactly once; local chat members see the push in `o2o chat`.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { projectRoot } from "../../src/paths.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { o2o } from "../support/processes.ts";
import { forbidden, startFakeBotApi, type FakeBotApi } from "./fake-bot-api.ts";
import { addMembers, seedCatalog } from "./fixtures.ts";

const NOON = "2026-06-01T12:00:00+08:00";
const O2O = join(projectRoot, "bin/o2o.js");

/** `o2o …` without blocking this process's event loop (the fake Bot API answers from it). */
function o2oAsync(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [O2O, ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
const TELEGRAM_MEMBERS = 120;

describe("o2o campaign (sqlite, real processes)", () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Db;
  let api: FakeBotApi;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl("sqlite"));
    db = await openDatabase({ databaseUrl: url });
    await seedCatalog(db);
    await addMembers(db, [
      ...Array.from({ length: TELEGRAM_MEMBERS }, (_, i) => ({ id: `t${i}`, channel: "telegram" as const })),
      { id: "l1" },
      { id: "l2", optOut: true },
    ]);
    // Telegram chat ids are numbers
    for (let i = 0; i < TELEGRAM_MEMBERS; i++) await db.prisma.memberIdentity.updateMany({ where: { memberId: `t${i}` }, data: { chatId: String(1000 + i) } });
    api = await startFakeBotApi();
    env = { DATABASE_URL: url, TELEGRAM_BOT_TOKEN: "123:test", TELEGRAM_API_ROOT: api.url, CAMPAIGN_RATE: "100", CAMPAIGN_PER_CHAT_MS: "1000" };
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
    await drop?.();
  });

  it("refuses bad input with a one-line error and a non-zero exit", () => {
    const r = o2o(["campaign", "create", "--brand", "b1", "--text", "hi", "--coupon", "C2", "--at", NOON], { env });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/coupon C2 belongs to brand b2, not b1/);
  });

  it("survives a kill mid-campaign without sending anyone twice", async () => {
    const created = o2o(["campaign", "create", "--brand", "b1", "--text", "GXG 天河店今天开业", "--coupon", "C1", "--at", NOON], { env });
    expect(created.code, created.stderr).toBe(0);
    const { campaignId } = JSON.parse(created.stdout);
    api.respond = (m) => (m.chatId === "1000" ? forbidden() : null); // t0: among the first sent

    // first worker: killed once about a third of the messages went out
    const child = spawn(process.execPath, [O2O, "campaign", "tick", "--now", NOON], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: "pipe" });
    const exited = new Promise((r) => child.once("exit", r));
    const deadline = Date.now() + 30_000;
    while (api.received.length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await exited;
    const beforeRestart = api.received.length;
    expect(beforeRestart).toBeLessThan(TELEGRAM_MEMBERS - 1);

    const again = await o2oAsync(["campaign", "tick", "--now", NOON], env);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result).toMatchObject({ due: 0, queued: 0 });

    const perChat = new Map<string, number>();
    for (const m of api.received) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    expect(Math.max(...perChat.values())).toBe(1);
    expect(perChat.has("1000")).toBe(false);
    // the documented window: rows claimed but not sent when the process died (≤ two chunks of rate/10, plus in flight)
    const lost = TELEGRAM_MEMBERS - 1 - api.received.length;
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThanOrEqual(2 * 10 + 5);
    expect(await db.prisma.outboxMessage.count({ where: { status: "claimed" } })).toBeGreaterThanOrEqual(lost);
    expect(await db.prisma.member.findUnique({ where: { id: "t0" } })).toMatchObject({ unreachable: true });
    expect(await db.prisma.outboxMessage.findFirst({ where: { memberId: "t0" } })).toMatchObject({ status: "failed" });
    expect(api.received[0].buttons[0]).toMatchObject({ callback_data: `claim:C1:${campaignId}` });
    expect(api.maxPerSecond()).toBeLessThanOrEqual(100);

    // the local member sees the push once in the scripted chat; the unsubscribed one does not
    const chat = o2o(["chat", "--json", "--user", "local-l1"], { env, input: '{"text":"hi"}\n' });
    const first = JSON.parse(chat.stdout.split("\n")[0]);
    expect(first).toMatchObject({ type: "push", source: "campaign", campaignId, buttons: [{ id: `claim:C1:${campaignId}` }] });
    expect(await db.prisma.outboxMessage.findMany({ where: { memberId: "l2" }, select: { status: true, error: true } })).toEqual([{ status: "skipped", error: "unsubscribed" }]);
  }, 60_000);
});
