// The MessageSender port over telegraf: what each Bot API failure becomes for the delivery pipeline.
import { Telegram } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackCodec } from "../../../src/channels/telegram/callback-data.ts";
import { telegramSender } from "../../../src/channels/telegram/telegram-sender.ts";
import { BAD_REQUEST, BLOCKED, FakeBotApi, TOO_MANY_REQUESTS, freePort, inlineButtons } from "../../support/telegram-emulator.ts";

const TOKEN = "200002:SENDER-TEST";

describe("telegramSender", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await FakeBotApi.start();
  });
  afterAll(async () => api?.stop());

  const sender = () => telegramSender(new Map([["starbucks", new Telegram(TOKEN, { apiRoot: api.url })]]), callbackCodec());

  it("sends text with inline buttons and returns the message id", async () => {
    const r = await sender().send({ botId: "starbucks", chatId: "42", text: "订单已接单", buttons: [{ id: "orders", label: "我的订单" }] });
    expect(r).toMatchObject({ ok: true, messageId: expect.any(String) });
    const call = api.sent(42).at(-1)!;
    expect(call.body.text).toBe("订单已接单");
    expect(inlineButtons(call)).toEqual([{ text: "我的订单", callback_data: "orders" }]);
  });

  it.each([
    ["429 → rate_limited with retry_after", TOO_MANY_REQUESTS(7), { ok: false, kind: "rate_limited", retryAfterSeconds: 7 }],
    ["403 → blocked", BLOCKED, { ok: false, kind: "blocked" }],
    ["400 → permanent", BAD_REQUEST, { ok: false, kind: "permanent" }],
    ["500 → transient", { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } }, { ok: false, kind: "transient" }],
  ])("%s", async (_name, failure, expected) => {
    api.inject({ method: "sendMessage", chatId: 43, ...failure });
    expect(await sender().send({ botId: "starbucks", chatId: "43", text: "hi" })).toMatchObject(expected);
  });

  it("a network failure is transient", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const s = telegramSender(new Map([["starbucks", new Telegram(TOKEN, { apiRoot: dead })]]), callbackCodec());
    expect(await s.send({ botId: "starbucks", chatId: "1", text: "hi" })).toMatchObject({ ok: false, kind: "transient" });
  });

  it("a bot not running here is a permanent failure, not a crash", async () => {
    expect(await sender().send({ botId: "nope", chatId: "1", text: "hi" })).toMatchObject({ ok: false, kind: "permanent" });
  });

  it("a refused URL button (e.g. a localhost payment link) falls back to the link in the text", async () => {
    api.inject({ method: "sendMessage", chatId: 44, ...BAD_REQUEST });
    const r = await sender().send({ botId: "starbucks", chatId: "44", text: "请支付", buttons: [{ id: "url:http://localhost:3000/pay/x", label: "支付" }, { id: "orders", label: "我的订单" }] });
    expect(r.ok).toBe(true);
    const last = api.sent(44).at(-1)!;
    expect(last.body.text).toContain("http://localhost:3000/pay/x");
    expect(inlineButtons(last)).toEqual([{ text: "我的订单", callback_data: "orders" }]);
  });
});
