// Telegram Payments next to the sandbox link: a bot with a provider token also sends an invoice; the pre-checkout
// check and the successful_payment update pay the order through the same use case as the sandbox webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import type { RunningBots } from "../../../src/channels/telegram/start-bots.ts";
import { freshDb, type TestDb } from "../../support/databases.ts";
import { NOON, TIANHE } from "../../support/engine.ts";
import { startTestBot } from "../../support/telegram-bots.ts";
import { FakeBotApi, inlineButtons } from "../../support/telegram-emulator.ts";

const TOKEN = "400004:INVOICE-TEST";

describe("Telegram invoices", () => {
  let db: TestDb;
  let api: FakeBotApi;
  let bots: RunningBots;

  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    api = await FakeBotApi.start();
    bots = await startTestBot(db, api, { bot: "starbucks", token: TOKEN, loopIntervalMs: 0, env: { STARBUCKS_PAYMENT_PROVIDER_TOKEN: "provider:TEST" } });
  });
  afterAll(async () => {
    await bots?.stop();
    await api?.stop();
    await db?.drop();
  });

  it("sends an invoice with the payment link and pays the order on successful_payment", async () => {
    const fan = api.user(TOKEN, { id: 1201 });
    await fan.say("来杯拿铁");
    const quoted = await fan.shareLocation(TIANHE);
    const confirm = quoted.flatMap(inlineButtons).find((b) => b.callback_data?.startsWith("confirm:"))!.callback_data!;
    const orderId = confirm.slice("confirm:".length);
    const linked = await fan.tap(confirm);
    const invoice = linked.find((c) => c.method === "sendInvoice")!;
    const order = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(invoice.body).toMatchObject({ payload: orderId, provider_token: "provider:TEST", currency: order.currency, prices: [{ amount: order.totalCents }] });

    const bot = bots.bots.get("starbucks")!.bot;
    const from = { id: 1201, is_bot: false, first_name: "F", language_code: "zh-hans" };
    const before = api.lastSeq;
    await bot.handleUpdate({ update_id: 9001, pre_checkout_query: { id: "pcq-bad", from, currency: order.currency, total_amount: order.totalCents + 1, invoice_payload: orderId } } as never);
    await bot.handleUpdate({ update_id: 9002, pre_checkout_query: { id: "pcq-ok", from, currency: order.currency, total_amount: order.totalCents, invoice_payload: orderId } } as never);
    const answers = api.calls.filter((c) => c.seq > before && c.method === "answerPreCheckoutQuery").map((c) => [c.body.pre_checkout_query_id, c.body.ok]);
    expect(answers).toEqual([["pcq-bad", false], ["pcq-ok", true]]);

    const paid = { message_id: 77, date: 1, chat: { id: 1201, type: "private", first_name: "F" }, from, successful_payment: { currency: order.currency, total_amount: order.totalCents, invoice_payload: orderId, telegram_payment_charge_id: "tg-charge-1", provider_payment_charge_id: "p-1" } };
    await bot.handleUpdate({ update_id: 9003, message: paid } as never);
    await bot.handleUpdate({ update_id: 9004, message: paid } as never);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("paid");
    expect(await db.prisma.paymentEvent.count({ where: { id: "telegram_tg-charge-1" } })).toBe(1);
    expect(api.texts(1201).filter((t) => t.includes("支付成功")).length).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
