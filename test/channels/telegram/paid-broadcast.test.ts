// Telegram paid broadcasts are opt-in per bot (bots/*.json allowPaidBroadcast): that bot's campaign and follow-up
// messages carry allow_paid_broadcast; its order updates and other bots' messages never do (each paid message costs
// Stars). CAMPAIGN_RATE goes up to 1000/s, Telegram's paid ceiling, and no further.
import { Telegram } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botConfigSchema, loadBots } from "../../../src/bot-config.ts";
import { loadOutboxConfig } from "../../../src/outbox/outbox-config.ts";
import { callbackCodec } from "../../../src/channels/telegram/callback-data.ts";
import { telegramSender } from "../../../src/channels/telegram/telegram-sender.ts";
import { startFakeBotApi, type FakeBotApi } from "../../campaigns/fake-bot-api.ts";

describe("paid broadcasts", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(() => api?.close());

  it("only the opted-in bot's bulk messages are sent as paid broadcasts", async () => {
    const client = (token: string) => new Telegram(token, { apiRoot: api.url, webhookReply: false });
    const sender = telegramSender(new Map([["paid", client("1:paid")], ["free", client("2:free")]]), callbackCodec(), new Set(["paid"]));
    expect((await sender.send({ botId: "paid", chatId: "10", text: "campaign", broadcast: true })).ok).toBe(true);
    expect((await sender.send({ botId: "paid", chatId: "11", text: "order update", broadcast: false })).ok).toBe(true);
    expect((await sender.send({ botId: "free", chatId: "12", text: "campaign", broadcast: true })).ok).toBe(true);
    expect(api.received.map((m) => [m.chatId, m.paidBroadcast])).toEqual([["10", true], ["11", false], ["12", false]]);
  });

  it("is off unless a bot file opts in; the rate goes up to 1000/s and no further", () => {
    expect(loadBots().every((b) => b.allowPaidBroadcast === false)).toBe(true);
    const base = { id: "x", name: "x", brands: "*", tokenEnv: "X", welcome: { zh: "", en: "" } };
    expect(botConfigSchema.parse({ ...base, allowPaidBroadcast: true }).allowPaidBroadcast).toBe(true);
    expect(loadOutboxConfig({ CAMPAIGN_RATE: "1000" }).ratePerSecond).toBe(1000);
    expect(() => loadOutboxConfig({ CAMPAIGN_RATE: "1001" })).toThrow(/CAMPAIGN_RATE/);
  });
});
