// The real bots against a Bot API emulator on loopback (telegram-test-api behind a recording proxy): a fan follows
// through a campaign deep link, orders a latte with a shared location, pays, bound staff move the order to
// completion, and the fan hears about every step. Strangers and other stores' staff cannot touch the order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import { applyPaymentEvent } from "../../../src/app/ordering/apply-payment-event.ts";
import { createStaffInvite } from "../../../src/app/staff.ts";
import { updateBotSettings } from "../../../src/app/bot-settings.ts";
import type { RunningBots } from "../../../src/channels/telegram/start-bots.ts";
import { freshDb, type TestDb } from "../../support/databases.ts";
import { NOON, TIANHE } from "../../support/engine.ts";
import { startTestBot } from "../../support/telegram-bots.ts";
import { BAD_REQUEST, BLOCKED, FakeBotApi, TOO_MANY_REQUESTS, TestUser, inlineButtons, type BotApiCall } from "../../support/telegram-emulator.ts";

const TOKEN = "100001:STARBUCKS-TEST";

describe("a Starbucks brand account on Telegram", () => {
  let db: TestDb;
  let api: FakeBotApi;
  let bots: RunningBots;

  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    await db.prisma.campaign.create({ data: { id: "XYZ", brandId: "starbucks", text: "拿铁8折", couponCode: "LATTE8", audience: { kind: "followers" }, status: "done" } });
    api = await FakeBotApi.start();
    bots = await startTestBot(db, api, { bot: "starbucks", token: TOKEN });
  });

  afterAll(async () => {
    await bots?.stop();
    await api?.stop();
    await db?.drop();
  });

  const member = (telegramId: number) => db.prisma.member.findFirstOrThrow({ where: { identities: { some: { channel: "telegram", externalId: String(telegramId) } } } });
  const withText = (calls: BotApiCall[], re: RegExp) => calls.find((c) => re.test(String(c.body.text ?? c.body.title ?? "")));

  it("starts in polling mode and sets its command menu (/start, then the bot's menu) in Chinese and English", () => {
    expect(bots.mode).toBe("polling");
    const langs = api.calls.filter((c) => c.method === "setMyCommands").map((c) => c.body.language_code ?? "default");
    expect(langs).toEqual(expect.arrayContaining(["zh", "en", "default"]));
    const zh = api.calls.find((c) => c.method === "setMyCommands" && c.body.language_code === "zh")!;
    expect(zh.body.commands.map((c: { command: string }) => c.command)).toEqual(["start", "order", "stores", "coupons", "orders", "help"]);
  });

  it("scenario 1 end to end: campaign deep link → latte + location → quote → pay → staff accept…complete → every update reaches the fan", async () => {
    const fan = api.user(TOKEN, { id: 1001, firstName: "Fan" });
    const staff = api.user(TOKEN, { id: 2002, firstName: "阿杰" });
    const stranger = api.user(TOKEN, { id: 3003 });
    const otherStoreStaff = api.user(TOKEN, { id: 4004 });

    // follow through the campaign's deep link: welcome, and the campaign's coupon claimed into the wallet
    const start = await fan.say("/start c-XYZ");
    expect(withText(start, /欢迎关注星巴克/)).toBeDefined();
    expect(withText(start, /已领取/)).toBeDefined();
    const m = await member(1001);
    expect(await db.prisma.follow.findUnique({ where: { memberId_brandId: { memberId: m.id, brandId: "starbucks" } } })).toMatchObject({ source: "c-XYZ", unfollowedAt: null });
    expect(await db.prisma.memberCoupon.findFirst({ where: { memberId: m.id, couponCode: "LATTE8" } })).toMatchObject({ campaignId: "XYZ" });

    // one sentence: the bot asks for the location with a request_location keyboard
    const ask = await fan.say("来杯拿铁");
    const keyboardMsg = ask.find((c) => c.body.reply_markup?.keyboard);
    expect(keyboardMsg?.body.reply_markup.keyboard[0][0]).toMatchObject({ request_location: true });

    // the location: the store as a venue (which also takes the keyboard away), then the quote with buttons
    const quoted = await fan.shareLocation(TIANHE);
    const venue = quoted.find((c) => c.method === "sendVenue");
    expect(venue?.body).toMatchObject({ latitude: expect.any(Number), longitude: expect.any(Number), address: expect.any(String) });
    expect(venue?.body.reply_markup).toEqual({ remove_keyboard: true });
    const quote = quoted.find((c) => c.method === "sendMessage" && inlineButtons(c).some((b) => b.callback_data?.startsWith("confirm:")))!;
    expect(quote.body.text).toMatch(/拿铁/);
    const confirmData = inlineButtons(quote).find((b) => b.callback_data?.startsWith("confirm:"))!.callback_data!;
    const orderId = confirmData.slice("confirm:".length);
    const order = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order).toMatchObject({ brandId: "starbucks", botId: "starbucks", campaignId: "XYZ", couponCode: "LATTE8", status: "quote" });

    // staff of the serving store bind with an invite code; staff of another store bind elsewhere
    const invite = await createStaffInvite(db, { storeId: order.storeId, at: NOON });
    if (!invite.ok) throw new Error(invite.error.code);
    expect(withText(await staff.say(`/staff ${invite.value.code}`), /已绑定门店/)).toBeDefined();
    expect(withText(await stranger.say(`/staff ${invite.value.code}`), /已经被使用/)).toBeDefined();
    const elsewhere = await createStaffInvite(db, { storeId: "sb-tianhe", at: NOON });
    if (!elsewhere.ok) throw new Error(elsewhere.error.code);
    await otherStoreStaff.say(`/staff ${elsewhere.value.code}`);
    expect((await db.prisma.staff.findUniqueOrThrow({ where: { telegramUserId: "2002" } })).storeId).toBe(order.storeId);

    // confirm: the callback is answered and the payment link comes as a URL button
    const beforeTap = api.lastSeq;
    const link = await fan.tap(confirmData);
    expect(TestUser.answers(api, beforeTap).length).toBeGreaterThanOrEqual(1);
    const pay = link.find((c) => inlineButtons(c).some((b) => b.url));
    expect(inlineButtons(pay).find((b) => b.url)!.url).toMatch(/^http:\/\/pay\.test\/pay\//);

    // the sandbox webhook pays it
    const fresh = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const paid = await applyPaymentEvent(db, { id: "evt_tg_1", provider: "sandbox", type: "payment.succeeded", orderId, amountCents: fresh.totalCents, currency: fresh.currency }, NOON, { notifyMember: true });
    expect(paid.result).toBe("accepted");
    await api.waitFor(() => withText(api.sent(1001), /支付成功/), 10_000, "the fan's payment push");

    // the bound staff member gets the new order card with its step buttons; the other store's staff does not
    const card = await api.waitFor(() => api.sent(2002).find((c) => String(c.body.text).includes(orderId)), 10_000, "the staff order card");
    expect(inlineButtons(card).map((b) => b.callback_data)).toEqual(["accepted", "ready", "out_for_delivery", "completed"].map((s) => `staff:${s}:${orderId}`));
    expect(api.sent(4004).some((c) => String(c.body.text).includes(orderId))).toBe(false);

    // a stranger and another store's staff tap Accept: refused, the order does not move
    for (const intruder of [stranger, otherStoreStaff]) {
      const before = api.lastSeq;
      await intruder.tap(`staff:accepted:${orderId}`);
      const answer = TestUser.answers(api, before)[0];
      expect(answer.body).toMatchObject({ show_alert: true });
      expect(answer.body.text).toMatch(/店员|其他门店|staff|another store/);
    }
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("paid");

    // the staff member walks the order through; the fan hears about each step
    const steps: [string, RegExp][] = [
      ["accepted", /已接单/],
      ["ready", /已备好/],
      ["out_for_delivery", /配送中/],
      ["completed", /已完成/],
    ];
    for (const [to, words] of steps) {
      const replies = await staff.tap(`staff:${to}:${orderId}`, card.seq);
      expect(withText(replies, new RegExp(orderId))).toBeDefined();
      expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(to);
      await api.waitFor(() => api.sent(1001).find((c) => new RegExp(`${orderId}.*${words.source}`).test(String(c.body.text))), 10_000, `the fan's "${to}" push`);
    }
    // the card kept only the steps still ahead, and the shared location was dropped with completion
    expect(api.calls.some((c) => c.method === "editMessageReplyMarkup" && String(c.body.chat_id) === "2002")).toBe(true);
    expect(await db.prisma.consent.count({ where: { orderId } })).toBe(0);
    // the last push is marked sent just after Telegram accepted it: wait for that row, do not race it
    const pushes = await api.waitFor(async () => {
      const rows = await db.prisma.outboxMessage.findMany({ where: { memberId: m.id, source: "order" } });
      return rows.length === 5 && rows.every((d) => d.status === "sent") && rows;
    }, 10_000, "every order push marked sent");
    expect(pushes.map((d) => (d.payload as { status: string }).status).sort()).toEqual(["accepted", "completed", "out_for_delivery", "paid", "ready"]);
    // exactly one card per order and staff member
    expect(await db.prisma.outboxMessage.count({ where: { dedupeKey: `staff:${orderId}:${(await db.prisma.staff.findUniqueOrThrow({ where: { telegramUserId: "2002" } })).id}` } })).toBe(1);
  }, 60_000);

  it("staff redeem a claimed coupon at the till from the chat; customers cannot", async () => {
    const fan = api.user(TOKEN, { id: 1101 });
    await fan.say("/start");
    await fan.say("领取COFFEE5");
    const staff = api.user(TOKEN, { id: 1102 });
    const invite = await createStaffInvite(db, { storeId: "sb-zhengjia", at: NOON });
    if (!invite.ok) throw new Error(invite.error.code);
    await staff.say(`/staff ${invite.value.code}`);

    expect(withText(await fan.say("/redeem COFFEE5 1101 3200"), /只有该门店已绑定的店员/)).toBeDefined();
    expect(withText(await staff.say("/redeem COFFEE5 1101 3200"), /已核销 COFFEE5/)).toBeDefined();
    expect(withText(await staff.say("/redeem COFFEE5 1101 3200"), /./)).toBeDefined();
    expect(await db.prisma.redemption.count({ where: { couponCode: "COFFEE5", storeId: "sb-zhengjia", channel: "offline" } })).toBe(1);
  }, 30_000);

  it("/unfollow stops following the brand; 退订 stops promotions", async () => {
    const fan = api.user(TOKEN, { id: 5005 });
    await fan.say("/start");
    const bye = await fan.say("/unfollow");
    expect(withText(bye, /取消关注/)).toBeDefined();
    const m = await member(5005);
    expect((await db.prisma.follow.findUniqueOrThrow({ where: { memberId_brandId: { memberId: m.id, brandId: "starbucks" } } })).unfollowedAt).not.toBeNull();
    expect(withText(await fan.say("退订"), /退订/)).toBeDefined();
    expect((await member(5005)).marketingOptOut).toBe(true);
  }, 30_000);

  it("a user who blocked the bot (403) becomes unreachable, and reachable again when they write", async () => {
    const fan = api.user(TOKEN, { id: 6006 });
    await fan.say("/start");
    const m = await member(6006);
    api.inject({ method: "sendMessage", chatId: 6006, ...BLOCKED });
    await db.prisma.outboxMessage.create({ data: { dedupeKey: "test:blocked:6006", memberId: m.id, source: "order", text: "订单更新 / order update", payload: {} } });
    await api.waitFor(async () => (await member(6006)).unreachable, 10_000, "the member to be marked unreachable");
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "test:blocked:6006" } })).toMatchObject({ status: "failed" });
    // while unreachable, further pushes are skipped rather than sent
    await db.prisma.outboxMessage.create({ data: { dedupeKey: "test:blocked:6006:2", memberId: m.id, source: "order", text: "again", payload: {} } });
    await api.waitFor(async () => (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "test:blocked:6006:2" } })).status === "skipped", 10_000, "the skip");
    await fan.say("你好");
    expect((await member(6006)).unreachable).toBe(false);
  }, 30_000);

  it("a 429 parks the bot for retry_after, then the push goes out", async () => {
    const fan = api.user(TOKEN, { id: 7007 });
    await fan.say("/start");
    const m = await member(7007);
    api.inject({ method: "sendMessage", chatId: 7007, ...TOO_MANY_REQUESTS(1) });
    await db.prisma.outboxMessage.create({ data: { dedupeKey: "test:429:7007", memberId: m.id, source: "order", text: "订单已接单 / order accepted", payload: {} } });
    await api.waitFor(async () => (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: "test:429:7007" } })).status === "sent", 15_000, "the push after the pause");
    const tries = api.calls.filter((c) => c.method === "sendMessage" && String(c.body.chat_id) === "7007" && c.body.text === "订单已接单 / order accepted");
    expect(tries.map((t) => t.status)).toEqual([429, 200]);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1000);
  }, 30_000);

  it("a reply that hits a short 429 waits retry_after and still goes out", async () => {
    const fan = api.user(TOKEN, { id: 7107 });
    api.inject({ method: "sendMessage", chatId: 7107, ...TOO_MANY_REQUESTS(1) });
    await fan.say("/help");
    const tries = api.calls.filter((c) => c.method === "sendMessage" && String(c.body.chat_id) === "7107");
    expect(tries.map((t) => t.status)).toEqual([429, 200]);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1000);
  }, 30_000);

  it("a store whose venue message is refused still arrives, as text", async () => {
    const fan = api.user(TOKEN, { id: 8008 });
    await fan.say("来杯美式");
    api.inject({ method: "sendVenue", chatId: 8008, ...BAD_REQUEST });
    const replies = await fan.shareLocation(TIANHE);
    expect(replies.some((c) => c.method === "sendMessage" && /星巴克/.test(c.body.text))).toBe(true);
    expect(replies.some((c) => inlineButtons(c).some((b) => b.callback_data?.startsWith("confirm:")))).toBe(true);
  }, 30_000);

  it("a reply the API refuses is logged and the bot keeps serving", async () => {
    const fan = api.user(TOKEN, { id: 9009 });
    // the first reply is refused by the API: the rest of the conversation still works
    api.inject({ method: "sendMessage", chatId: 9009, ...BAD_REQUEST });
    await fan.say("/start");
    const again = await fan.say("/help");
    expect(again.some((c) => c.method === "sendMessage" && c.status === 200)).toBe(true);
  }, 30_000);

  it("a welcome and menu edited in the console: the command menu is set again, /start welcomes with the new text, /stores finds stores", async () => {
    const saved = await updateBotSettings(db, {
      botId: "starbucks", actor: { brandId: "starbucks" }, by: "brand manager (starbucks)", at: NOON,
      settings: { welcome: { zh: "冬日暖饮上新，欢迎光临！", en: "Winter drinks are here, welcome!" }, menu: ["stores", "order", "help"], expectedVersion: 0 },
    });
    expect(saved.ok).toBe(true);
    const before = api.calls.length;
    await bots.refreshMenu("starbucks");
    const zh = api.calls.slice(before).find((c) => c.method === "setMyCommands" && c.body.language_code === "zh")!;
    expect(zh.body.commands).toEqual([{ command: "start", description: "关注 / 开始" }, { command: "stores", description: "附近门店" }, { command: "order", description: "点单" }, { command: "help", description: "帮助" }]);
    const fan = api.user(TOKEN, { id: 9119 });
    expect(withText(await fan.say("/start"), /冬日暖饮上新/)).toBeDefined();
    const stores = await fan.say("/stores");
    expect(stores.some((c) => c.method === "sendMessage" && c.status === 200)).toBe(true);
  }, 30_000);
});
