// Rich replies on Telegram: product cards with their photo, and the Mini App opened from quotes and store cards.
import { Telegram } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackCodec } from "../../../src/channels/telegram/callback-data.ts";
import { miniAppUrlFor } from "../../../src/channels/telegram/mini-app-buttons.ts";
import { ReplyKeyboards, renderReplies } from "../../../src/channels/telegram/render-replies.ts";
import type { Reply } from "../../../src/conversation/replies.ts";
import { BAD_REQUEST, FakeBotApi, inlineButtons } from "../../support/telegram-emulator.ts";

const TOKEN = "300003:CARD-TEST";
const PHOTO = "https://img.example.com/latte.jpg";
const APP = "https://shop.example.com/app/";

const quote = (text = "拿铁 大杯 ×1  ¥32.00\n合计 ¥32.00"): Reply => ({
  type: "quote", text, photoUrl: PHOTO, orderId: "o1", storeId: "sb-tianhe", subtotalCents: 3200, discountCents: 0, totalCents: 3200, currency: "CNY",
  couponCode: null, fulfillment: "delivery", buttons: [{ id: "confirm:o1", label: "确认下单 ¥32.00" }, { id: "cancel:o1", label: "取消" }],
});

describe("product cards and Mini App buttons", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await FakeBotApi.start();
  });
  afterAll(async () => api?.stop());

  const render = (chatId: number, replies: Reply[], miniAppUrl: string | null = APP) =>
    renderReplies({ telegram: new Telegram(TOKEN, { apiRoot: api.url }), chatId, codec: callbackCodec(), keyboards: new ReplyKeyboards(), miniAppUrl }, replies);

  it("sends a quote with a photo as one card: photo, caption, its buttons and a button into the Mini App at that store", async () => {
    await render(61, [quote()]);
    const [card] = api.sent(61);
    expect(card.method).toBe("sendPhoto");
    expect(card.body).toMatchObject({ photo: PHOTO, caption: expect.stringContaining("合计 ¥32.00") });
    const buttons = inlineButtons(card);
    expect(buttons.map((b) => b.callback_data).filter(Boolean)).toEqual(["confirm:o1", "cancel:o1"]);
    expect(buttons.at(-1)).toEqual({ text: "🛍 在小程序中查看", web_app: { url: `${APP}?store=sb-tianhe` } });
  });

  it("falls back to the text with its buttons when Telegram refuses the photo", async () => {
    api.inject({ method: "sendPhoto", chatId: 62, ...BAD_REQUEST });
    await render(62, [quote()]);
    const sent = api.sent(62);
    expect(sent.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(sent[0].body.text).toContain("合计 ¥32.00");
    expect(inlineButtons(sent[0]).map((b) => b.callback_data).filter(Boolean)).toEqual(["confirm:o1", "cancel:o1"]);
  });

  it("sends a text too long for a caption after the photo, with the buttons", async () => {
    await render(63, [quote(`很长的说明 ${"咖啡".repeat(600)}`)]);
    const [photo, text] = api.sent(63);
    expect(photo.method).toBe("sendPhoto");
    expect(photo.body.caption).toBeUndefined();
    expect(text.method).toBe("sendMessage");
    expect(inlineButtons(text).map((b) => b.callback_data).filter(Boolean)).toEqual(["confirm:o1", "cancel:o1"]);
  });

  it("gives store cards a 'browse this store' button, and shows no Mini App buttons without https", async () => {
    const store: Reply = { type: "store", text: "Starbucks Tianhe (300 m away)", storeId: "sb-tianhe", name: "Starbucks Tianhe", distanceMeters: 300, address: "Tianhe Rd 208", lat: 23.13, lng: 113.32 };
    await render(64, [store]);
    expect(inlineButtons(api.sent(64)[0])).toEqual([{ text: "🛍 Browse this store", web_app: { url: `${APP}?store=sb-tianhe` } }]);

    await render(65, [store, { ...quote(), photoUrl: undefined }], miniAppUrlFor("http://localhost:3000"));
    for (const call of api.sent(65)) expect(inlineButtons(call).some((b) => "web_app" in b)).toBe(false);
  });

  it("only serves the Mini App over https", () => {
    expect(miniAppUrlFor("https://shop.example.com/")).toBe("https://shop.example.com/app/");
    expect(miniAppUrlFor("http://localhost:3000")).toBeNull();
  });
});
