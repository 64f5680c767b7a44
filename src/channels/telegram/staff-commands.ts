// The staff side of a brand account: `/staff CODE` binds a Telegram account to a store, `/redeem CODE MEMBER
// [AMOUNT]` redeems a coupon at the till, and the step buttons on new-order cards move orders along. Every action
// is authorized by src/app/staff.ts (bound, active staff of the order's own store); customers get a polite no.
import type { Context } from "telegraf";
import type { BotConfig } from "../../bot-config.ts";
import { botBrandIds } from "../../bot-config.ts";
import { CAMPAIGN_ROLES, bindStaff, staffForTelegramUser, staffMoveOrder, staffRedeem } from "../../app/staff.ts";
import { errorText, money } from "../../conversation/messages.ts";
import type { Lang } from "../../conversation/replies.ts";
import type { Db } from "../../db/database.ts";
import { orderForStaffCard, redemptionCurrency, storeSummary } from "../../app/chat-lookups.ts";
import type { CallbackCodec } from "./callback-data.ts";
import { CAMPAIGN_TEXTS } from "./merchant-campaign.ts";
import { billLinks, staffCreateBill, staffVoidBill } from "../../app/till/bills.ts";
import { parseTillAmount } from "../../domain/till/bill.ts";
import { inlineKeyboard } from "./render-replies.ts";
import { staffButtons } from "./staff-notifier.ts";
import { readStaffTap } from "./staff-taps.ts";
import { INVITE_ERRORS, T } from "./telegram-texts.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface StaffDeps {
  db: Db;
  bot: BotConfig;
  clock: () => Date;
  codec: CallbackCodec;
  log?: Log;
}

/** `/staff CODE`: bind; `/staff` alone: say which store the account is bound to. */
export async function onStaffCommand(ctx: Context, deps: StaffDeps, args: string, lang: Lang): Promise<void> {
  const from = ctx.from!;
  const code = args.trim().split(/\s+/)[0] ?? "";
  if (!code) {
    const staff = await staffForTelegramUser(deps.db, String(from.id));
    const store = staff ? await storeSummary(deps.db, staff.storeId) : null;
    await ctx.reply(store ? `${T.staffStatus[lang](store.name)}\n${T.staffUsage[lang]}` : T.staffUsage[lang]);
    return;
  }
  const r = await bindStaff(deps.db, {
    code, telegramUserId: String(from.id), botId: deps.bot.id, botBrandIds: botBrandIds(deps.bot),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(" "), at: deps.clock(),
  });
  if (!r.ok) {
    await ctx.reply((INVITE_ERRORS[r.error.code] ?? INVITE_ERRORS.INVALID_INPUT)[lang]);
    return;
  }
  deps.log?.("staff bound", { staffId: r.value.staffId, storeId: r.value.storeId, botId: deps.bot.id });
  await ctx.reply(T.staffBound[lang](r.value.storeName) + (CAMPAIGN_ROLES.includes(r.value.role) ? `\n${CAMPAIGN_TEXTS.managerHint[lang]}` : ""));
}

/** `/redeem CODE MEMBER [AMOUNT]`: AMOUNT in cents (3200), or with a decimal point in yuan (32.00). */
export async function onRedeemCommand(ctx: Context, deps: StaffDeps, args: string, lang: Lang): Promise<void> {
  const [code, member, amount] = args.trim().split(/\s+/).filter(Boolean);
  if (!code || !member) {
    await ctx.reply(T.redeemUsage[lang]);
    return;
  }
  let amountCents: number | null = null;
  if (amount !== undefined) {
    const m = /^[¥￥]?(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
    if (!m) {
      await ctx.reply(T.redeemUsage[lang]);
      return;
    }
    amountCents = m[2] !== undefined ? Number(m[1]) * 100 + Number(m[2].padEnd(2, "0")) : Number(m[1]);
  }
  const r = await staffRedeem(deps.db, { telegramUserId: String(ctx.from!.id), code, memberRef: member, amountCents, at: deps.clock() });
  if (!r.ok) {
    await ctx.reply(r.error.code === "NOT_ALLOWED" ? T.notStaff[lang] : `${errorText(r.error.code, lang)}${r.error.message ? ` (${r.error.message})` : ""}`);
    return;
  }
  const v = r.value;
  const currency = await redemptionCurrency(deps.db, { code: v.code, storeId: v.storeId });
  await ctx.reply(T.redeemed[lang](v.code, money(v.discountCents, currency, lang), v.payCents != null ? money(v.payCents, currency, lang) : null));
}

/** A tap on a step button of a new-order card: `staff:<status>:<orderId>`. */
export async function onStaffTap(ctx: Context, deps: StaffDeps, id: string, lang: Lang, answer: (text?: string, alert?: boolean) => Promise<void>): Promise<void> {
  const tap = readStaffTap(id);
  if (!tap) {
    await answer(T.buttonExpired[lang], true);
    return;
  }
  const { to, orderId } = tap;
  const r = await staffMoveOrder(deps.db, { telegramUserId: String(ctx.from!.id), orderId, to, at: deps.clock() });
  if (!r.ok) {
    const text = r.error.code === "NOT_ALLOWED" ? (r.error.message?.includes("another store") ? T.wrongStore[lang] : T.notStaff[lang]) : r.error.code === "NOT_FOUND" ? errorText("NOT_FOUND", lang) : errorText(r.error.code, lang);
    await answer(text, true);
    if (r.error.code === "NOT_ALLOWED") await ctx.reply(text);
    deps.log?.("staff action refused", { from: ctx.from?.id, orderId, to, code: r.error.code });
    return;
  }
  await answer(T.moved[lang](orderId, to));
  // the card keeps only the steps still ahead
  const order = await orderForStaffCard(deps.db, orderId);
  const msg = ctx.callbackQuery?.message;
  if (order && msg) {
    const markup = await inlineKeyboard(staffButtons(order.id, order.fulfillment, order.status), deps.codec);
    await ctx.telegram.editMessageReplyMarkup(msg.chat.id, msg.message_id, undefined, markup).catch((e) => deps.log?.("could not update the order card", { err: String(e) }));
  }
  await ctx.reply(T.moved[lang](orderId, to));
}

const BILL_USAGE = { zh: "用法：/bill 金额（元，如 /bill 399 或 /bill 39.90）；作废未付账单：/bill void 账单号", en: "Usage: /bill AMOUNT (in yuan: /bill 399 or /bill 39.90); void an unpaid bill: /bill void BILL_ID" };

/**
 * `/bill 399`: a bound staff member opens a bill at their store; the reply is the QR the customer scans (a t.me deep
 * link to this bot). When the customer pays, this chat hears "paid ¥X, coupon Y" through the outbox. `/bill void ID`.
 */
export async function onBillCommand(ctx: Context, deps: StaffDeps, args: string, lang: Lang): Promise<void> {
  const [first, second] = args.trim().split(/\s+/).filter(Boolean);
  const zh = lang === "zh";
  if (first === "void" || first === "作废") {
    if (!second) return void (await ctx.reply(BILL_USAGE[lang]));
    const r = await staffVoidBill(deps.db, { telegramUserId: String(ctx.from!.id), billId: second, at: deps.clock() });
    if (!r.ok) return void (await ctx.reply(r.error.code === "NOT_ALLOWED" ? T.notStaff[lang] : r.error.code === "BILL_PAID" ? (zh ? "这张账单已支付，不能作废。" : "That bill is paid; it can't be voided.") : errorText(r.error.code, lang)));
    return void (await ctx.reply(zh ? `账单 ${r.value.billId} 已作废。` : `Bill ${r.value.billId} voided.`));
  }
  const cents = first ? parseTillAmount(first) : null;
  if (cents === null || cents <= 0) return void (await ctx.reply(BILL_USAGE[lang]));
  const r = await staffCreateBill(deps.db, { telegramUserId: String(ctx.from!.id), amountCents: cents, at: deps.clock() });
  if (!r.ok) return void (await ctx.reply(r.error.code === "NOT_ALLOWED" ? T.notStaff[lang] : `${errorText(r.error.code, lang)}${r.error.message ? ` (${r.error.message})` : ""}`));
  const v = r.value;
  const { url } = billLinks(ctx.botInfo?.username ?? deps.bot.id, v.payload);
  const mins = Math.round((v.expiresAt.getTime() - deps.clock().getTime()) / 60_000);
  const caption = zh
    ? `🧾 账单 ${v.billId}：${money(v.subtotalCents, v.currency, lang)}（${v.storeName}）\n请顾客扫码支付，${mins} 分钟内有效；已领的优惠券会自动抵扣。\n${url}\n作废：/bill void ${v.billId}`
    : `🧾 Bill ${v.billId}: ${money(v.subtotalCents, v.currency, lang)} (${v.storeName})\nLet the customer scan to pay within ${mins} min; their claimed coupon is applied.\n${url}\nVoid: /bill void ${v.billId}`;
  try {
    const qrcode = (await import("qrcode")).default;
    await ctx.replyWithPhoto({ source: await qrcode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 512 }) }, { caption });
  } catch (e) {
    deps.log?.("bill QR could not be sent; sending the link", { err: String(e) });
    await ctx.reply(caption);
  }
}
