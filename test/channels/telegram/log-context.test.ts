// Every log line written during a chat turn carries the update id and the member id (src/ops/log-context.ts): the
// context the server's logger adds to each line is looked at from inside the turn (the parser), for a first contact
// (the member is created by the turn) and for a member writing again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBot } from "../../../src/bot-config.ts";
import { loadConfig } from "../../../src/config.ts";
import { loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import { startBots, type RunningBots } from "../../../src/channels/telegram/start-bots.ts";
import { logContext, type LogContext } from "../../../src/ops/log-context.ts";
import { catalogParser } from "../../../src/runtime.ts";
import { freshDb, type TestDb } from "../../support/databases.ts";
import { NOON } from "../../support/engine.ts";
import { FakeBotApi } from "../../support/telegram-emulator.ts";

const TOKEN = "400004:LOG-CONTEXT-TEST";

describe("the log context of a chat turn", () => {
  let db: TestDb;
  let api: FakeBotApi;
  let bots: RunningBots;
  const seen: { text: string; ctx: LogContext }[] = [];

  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    api = await FakeBotApi.start();
    const rules = catalogParser(db, {});
    bots = await startBots({
      db,
      config: loadConfig({ TELEGRAM_API_ROOT: api.url }),
      env: { STARBUCKS_BOT_TOKEN: TOKEN },
      bots: [findBot("starbucks")],
      engine: {
        clock: () => NOON,
        parser: {
          parse: (text, ctx) => {
            seen.push({ text, ctx: { ...logContext() } });
            return rules.parse(text, ctx);
          },
        },
      },
      loopIntervalMs: 0,
    });
    await bots.ready;
  });

  afterAll(async () => {
    await bots?.stop();
    await api?.stop();
    await db?.drop();
  });

  it("carries the update id and the member id, from the first message on", async () => {
    const fan = api.user(TOKEN, { id: 5005, firstName: "Log" });
    await fan.say("来杯拿铁");
    await fan.say("我的优惠券");
    const member = await db.prisma.member.findFirstOrThrow({ where: { identities: { some: { channel: "telegram", externalId: "5005" } } } });
    expect(seen.map((s) => s.text)).toEqual(["来杯拿铁", "我的优惠券"]);
    for (const { ctx } of seen) {
      expect(ctx).toMatchObject({ botId: "starbucks", telegramUserId: "5005", memberId: member.id });
      expect(ctx.updateId).toEqual(expect.any(Number));
    }
    expect(seen[0].ctx.updateId).not.toBe(seen[1].ctx.updateId);
    // nothing of the turn leaks into the next update's context: another user's turn has their own member
    const other = api.user(TOKEN, { id: 5006 });
    await other.say("hi");
    const otherMember = await db.prisma.member.findFirstOrThrow({ where: { identities: { some: { channel: "telegram", externalId: "5006" } } } });
    expect(seen.at(-1)!.ctx).toMatchObject({ telegramUserId: "5006", memberId: otherMember.id });
  });
});
