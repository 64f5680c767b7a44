// The phone binding on Telegram: "绑定手机" shows a request_contact keyboard; the shared contact binds the phone only
// when its user_id is the sender's own (a forwarded contact of someone else is refused).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { findMember } from "../../src/app/members.ts";
import type { RunningBots } from "../../src/channels/telegram/start-bots.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";
import { startTestBot } from "../support/telegram-bots.ts";
import { FakeBotApi } from "../support/telegram-emulator.ts";

const TOKEN = "400007:CONTACT-TEST";

describe("phone binding on Telegram", () => {
  let db: TestDb;
  let api: FakeBotApi;
  let bots: RunningBots;

  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    api = await FakeBotApi.start();
    bots = await startTestBot(db, api, { bot: "starbucks", token: TOKEN, loopIntervalMs: 0 });
  });
  afterAll(async () => {
    await bots?.stop();
    await api?.stop();
    await db?.drop();
  });

  it("asks with a request_contact button and binds the sender's own contact, refusing a forwarded one", async () => {
    const fan = api.user(TOKEN, { id: 1301 });
    const asked = await fan.say("绑定手机");
    const keyboard = asked.find((c) => c.body?.reply_markup?.keyboard)?.body.reply_markup.keyboard.flat();
    expect(keyboard).toEqual(expect.arrayContaining([expect.objectContaining({ request_contact: true })]));

    const bot = bots.bots.get("starbucks")!.bot;
    const from = { id: 1301, is_bot: false, first_name: "F", language_code: "zh-hans" };
    const chat = { id: 1301, type: "private", first_name: "F" };
    const before = api.lastSeq;
    await bot.handleUpdate({ update_id: 9101, message: { message_id: 1, date: 1, chat, from, contact: { phone_number: "8613511113333", first_name: "Other", user_id: 9999 } } } as never);
    expect(await findMember(db.prisma, "13511113333")).toBeNull();
    await bot.handleUpdate({ update_id: 9102, message: { message_id: 2, date: 1, chat, from, contact: { phone_number: "8613511114444", first_name: "F", user_id: 1301 } } } as never);
    const texts = api.texts(1301, before);
    expect(texts[0]).toContain("只能绑定你自己的手机号");
    expect(texts[1]).toContain("135****4444");
    const me = await findMember(db.prisma, "1301");
    expect(me?.phone).toBe("+8613511114444");
  });
});
