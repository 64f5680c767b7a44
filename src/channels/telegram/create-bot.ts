// One brand account (a bots/*.json file) as a telegraf bot: Telegram updates become engine events, the engine's
// replies are rendered natively (render-replies.ts). Public-account model: /start follows (deep-link payloads carry
// attribution: c-<campaign>, coupon-<CODE>, store-<id>), /unfollow and 退订 stop pushes. Staff commands and taps go
// to staff-commands.ts, never to the engine, so nothing a customer types reaches a merchant action.
// A failing update is logged and answered where possible; it never stops the bot.
import { randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Telegraf, type Context } from "telegraf";
import { editedMessage, message } from "telegraf/filters";
import { MENU_KEYS, type BotConfig } from "../../bot-config.ts";
import { applyPaymentEvent } from "../../app/ordering/apply-payment-event.ts";
import { orderForPayment } from "../../app/chat-lookups.ts";
import { markReachable } from "../../app/crm/reachable.ts";
import { handleEvent, type EngineDeps, type InboundEvent } from "../../conversation/engine.ts";
import type { IdentityRef } from "../../app/members.ts";
import { loadTurnMember } from "../../app/turn-member.ts";
import { isPayable } from "../../domain/orders/order-state.ts";
import { callbackCodec, type CallbackCodec } from "./callback-data.ts";
import { onCourierLocation } from "./courier-location.ts";
import { ReplyKeyboards, renderReplies } from "./render-replies.ts";
import { CAMPAIGN_TAP_PREFIX, merchantCampaigns } from "./merchant-campaign.ts";
import { onBillCommand, onRedeemCommand, onStaffCommand, onStaffTap, type StaffDeps } from "./staff-commands.ts";
import { STAFF_TAP_PREFIX } from "./staff-taps.ts";
import { T, langFor, menuEvent } from "./telegram-texts.ts";
import { memoryChatLock, type ChatLock, type InFlight } from "../../ops/chat-lock.ts";
import { measureTurn } from "../../ops/metrics.ts";
import { addLogContext, withLogContext } from "../../ops/log-context.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface BotDeps {
  /** the engine's dependencies for this bot (db, parser, signer, clock); engine.bot is the bot's config */
  engine: EngineDeps;
  token: string;
  /** TELEGRAM_API_ROOT: another Bot API server (a local one, or an emulator in tests) */
  apiRoot?: string;
  codec?: CallbackCodec;
  /** Telegram Payments provider token (bots/*.json paymentProviderTokenEnv): payment links also go out as invoices */
  paymentProviderToken?: string;
  /** the Mini App's https URL (mini-app-buttons.ts), null or absent when the server is not reachable over https */
  miniAppUrl?: string | null;
  log?: Log;
  /** one turn at a time per chat (default in-process; several instances share a Redis one: src/ops/chat-lock.ts) */
  chatLock?: ChatLock;
  /** every update being handled is tracked here, so a shutdown can let them finish */
  inFlight?: InFlight;
}

/** What a turn is about when the parser does not say (o2o_chat_turns_total's intent label). */
function eventKind(event: InboundEvent): string {
  if ("text" in event) return "unknown";
  return Object.keys(event)[0] ?? "other";
}

export function createBot(botConfig: BotConfig, deps: BotDeps): Telegraf {
  const engine: EngineDeps = { ...deps.engine, bot: botConfig };
  const { db } = engine;
  const log: Log = deps.log ?? engine.log ?? (() => undefined);
  const codec = deps.codec ?? callbackCodec(db);
  const keyboards = new ReplyKeyboards();
  // a conversation's state is read and written whole: one turn per chat at a time, whichever instance has it
  const chatLock = deps.chatLock ?? memoryChatLock();
  const serial = <R>(key: string, fn: () => Promise<R>) => chatLock.run(key, fn);
  const staffDeps: StaffDeps = { db, bot: botConfig, clock: engine.clock, codec, log };
  // store managers' /campaign drafts (merchant-campaign.ts): their replies go there, not to the engine
  const campaigns = merchantCampaigns(staffDeps);

  const bot = new Telegraf(deps.token, {
    // replies are real API calls, so a refused one is seen and handled, also in webhook mode
    telegram: { ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}), webhookReply: false },
    handlerTimeout: 60_000,
  });

  const langOf = (ctx: Context) => langFor(botConfig, ctx.from?.language_code);

  // first: a shutdown waits for every update already being handled (polling and webhook alike)
  if (deps.inFlight) bot.use((_ctx, next) => deps.inFlight!.track(next()));
  // every log line of this update carries its id and the sender's (src/ops/log-context.ts)
  bot.use((ctx, next) => withLogContext({ updateId: ctx.update.update_id, botId: botConfig.id, telegramUserId: ctx.from ? String(ctx.from.id) : undefined }, next));

  /** One engine turn for the update's user, replies rendered into the chat. */
  async function converse(ctx: Context, event: InboundEvent): Promise<void> {
    const from = ctx.from;
    const chat = ctx.chat;
    if (!from || from.is_bot || !chat) return;
    // brand accounts talk one to one, as a WeChat public account does
    if (chat.type !== "private") return;
    const identity: IdentityRef = {
      channel: "telegram", externalId: String(from.id), chatId: String(chat.id), botId: botConfig.id,
      displayName: [from.first_name, from.last_name].filter(Boolean).join(" ") || undefined, locale: from.language_code,
    };
    await measureTurn("telegram", eventKind(event), () => serial(`${chat.id}`, async () => {
      // who is writing, before anything else: every log line of the turn carries their member id (one indexed read,
      // which the engine's turn then uses; the first contact creates the member)
      const loaded = await loadTurnMember(db, identity, botConfig.id);
      addLogContext({ memberId: loaded.member.id });
      const replies = await handleEvent(engine, identity, event, loaded);
      // someone who writes again after blocking the bot is reachable again
      if (loaded.member.unreachable) await markReachable(db, { channel: "telegram", externalId: String(from.id) });
      await renderReplies({ telegram: ctx.telegram, chatId: chat.id, codec, keyboards, log, invoiceProviderToken: deps.paymentProviderToken, miniAppUrl: deps.miniAppUrl }, replies);
    }));
  }

  bot.start((ctx) => converse(ctx, { start: ctx.payload ? ctx.payload.trim().slice(0, 64) || null : null }));
  bot.help((ctx) => converse(ctx, { tap: "help" }));
  // every menu button is a command every bot answers, whether or not its menu shows it (telegram-texts.ts)
  for (const key of MENU_KEYS.filter((k) => k !== "help")) bot.command(key, (ctx) => converse(ctx, menuEvent(key, langOf(ctx))));
  bot.command("staff", (ctx) => onStaffCommand(ctx, staffDeps, ctx.payload, langOf(ctx)));
  bot.command("redeem", (ctx) => onRedeemCommand(ctx, staffDeps, ctx.payload, langOf(ctx)));
  bot.command("bill", (ctx) => onBillCommand(ctx, staffDeps, ctx.payload, langOf(ctx)));
  bot.command("campaign", (ctx) => campaigns.onCommand(ctx, ctx.payload, langOf(ctx)));
  bot.command("campaigns", (ctx) => campaigns.onList(ctx, langOf(ctx)));

  bot.on(message("location"), async (ctx) => {
    const l = ctx.message.location;
    // a bound staff member's live location tracks the order they carry; anyone else's is a customer's location
    if (await onCourierLocation(ctx, staffDeps, { lat: l.latitude, lng: l.longitude, live: "live_period" in l && !!l.live_period, edited: false }, langOf(ctx))) return;
    return converse(ctx, { location: { lat: l.latitude, lng: l.longitude } });
  });
  // a live location moving: courier fixes, one at a time per chat, in order (customers' edits are ignored)
  bot.on(editedMessage("location"), (ctx) => {
    const l = ctx.editedMessage.location;
    return serial(`courier:${ctx.chat.id}`, () => onCourierLocation(ctx, staffDeps, { lat: l.latitude, lng: l.longitude, live: true, edited: true }, langOf(ctx)));
  });
  bot.on(message("venue"), (ctx) => converse(ctx, { location: { lat: ctx.message.venue.location.latitude, lng: ctx.message.venue.location.longitude } }));
  bot.on(message("text"), async (ctx) => {
    // a text button of the reply keyboard we showed ("取消" next to "send my location") acts as its button
    const tapped = keyboards.idFor(String(ctx.chat.id), ctx.message.text);
    if (!tapped && (await campaigns.onText(ctx, ctx.message.text, langOf(ctx)))) return;
    return converse(ctx, tapped ? { tap: tapped } : { text: ctx.message.text });
  });
  bot.on(message("voice"), (ctx) => onVoice(ctx, ctx.message.voice.file_id));
  // a shared phone contact: the engine binds it only when the contact's user_id is the sender's own (not a forwarded card)
  bot.on(message("contact"), (ctx) =>
    converse(ctx, { contact: { phone: ctx.message.contact.phone_number.slice(0, 40), userId: ctx.message.contact.user_id ? String(ctx.message.contact.user_id) : null } }),
  );

  bot.on("callback_query", async (ctx) => {
    let answered = false;
    const answer = async (text?: string, alert = false) => {
      if (answered) return;
      answered = true;
      await ctx.answerCbQuery(text?.slice(0, 200), alert ? { show_alert: true } : undefined).catch((e) => log("answerCallbackQuery failed", { err: String(e) }));
    };
    try {
      const data = "data" in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
      if (!data) return;
      const id = await codec.decode(data);
      if (!id) return await answer(T.buttonExpired[langOf(ctx)], true);
      if (id.startsWith(STAFF_TAP_PREFIX)) return await onStaffTap(ctx, staffDeps, id, langOf(ctx), answer);
      if (id.startsWith(CAMPAIGN_TAP_PREFIX)) return await campaigns.onTap(ctx, id, langOf(ctx), answer);
      // stop the button's spinner first; the engine's replies follow as messages
      await answer();
      await converse(ctx, { tap: id });
    } finally {
      // a callback query is always answered, whatever happened above
      await answer();
    }
  });

  // Telegram Payments: check the order is still payable at that amount, then pay it through the same use case
  // as the sandbox webhook (idempotent by the charge id)
  bot.on("pre_checkout_query", async (ctx) => {
    const q = ctx.preCheckoutQuery;
    const order = await orderForPayment(db, q.invoice_payload);
    const ok = !!order && isPayable(order) && order.totalCents === q.total_amount && order.currency === q.currency;
    await ctx.answerPreCheckoutQuery(ok, ok ? undefined : T.invoiceRefused[langOf(ctx)]);
  });
  bot.on(message("successful_payment"), async (ctx) => {
    const p = ctx.message.successful_payment;
    const outcome = await applyPaymentEvent(
      db,
      { id: `telegram_${p.telegram_payment_charge_id}`, provider: "telegram", type: "payment.succeeded", orderId: p.invoice_payload, amountCents: p.total_amount, currency: p.currency },
      engine.clock(),
    );
    await ctx.reply(outcome.result === "accepted" ? T.paidInvoice[langOf(ctx)](outcome.orderId) : T.invoiceRefused[langOf(ctx)]);
  });

  // stickers, photos and the like: the engine asks for words
  bot.on("message", (ctx) => converse(ctx, { text: "" }));

  async function onVoice(ctx: Context, fileId: string): Promise<void> {
    if (!engine.transcribe) return converse(ctx, { voice: { file: `telegram:${fileId}` } });
    const file = join(tmpdir(), `o2o-voice-${randomUUID()}.ogg`);
    try {
      const link = await ctx.telegram.getFileLink(fileId);
      const res = await fetch(link);
      if (!res.ok) throw new Error(`download failed: ${res.status}`);
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      await converse(ctx, { voice: { file } });
    } finally {
      await rm(file, { force: true });
    }
  }

  bot.catch(async (err, ctx) => {
    log("telegram update failed", { botId: botConfig.id, updateId: ctx.update?.update_id, err: err instanceof Error ? err.stack : String(err) });
    try {
      if (ctx.chat?.type === "private") await ctx.reply(langOf(ctx) === "zh" ? "抱歉，出了点问题，请再试一次。" : "Sorry, something went wrong; please try again.");
    } catch {
      /* the chat may be unreachable; the bot carries on */
    }
  });

  return bot;
}
