// The channel-agnostic dialogue engine: one inbound event (text, location, tap, pay, voice) in, typed replies out.
// It understands the message (NLU), fills what is missing from the conversation state, and calls the app layer's
// use cases, the only way state changes. User text is data: nothing a member types can run a merchant command.
import { z } from "zod";
import type { IdentityRef } from "../app/members.ts";
import { emptyResult, type ParseResult } from "../nlu/intent.ts";
import { VoiceTooLarge } from "../nlu/transcriber.ts";
import { askForget, claim, claimFromCampaign, confirmsForget, feedback, webSignIn, follow, followBrand, forget, forgetTap, orders, stopPromotions, unfollow, wallet } from "./account-flow.ts";
import { MESSAGES, detectLang, errorText } from "./messages.ts";
import { catalogExamples, renderWelcome } from "./examples.ts";
import { cancel, confirm, continueDraft, handleOrderIntent, payInSandbox, setSize } from "./order-flow.ts";
import { errorReply, type Lang, type Reply } from "./replies.ts";
import { saveState, type ConversationState } from "../app/conversation-state.ts";
import { botWithSettings } from "../app/bot-settings.ts";
import { loadTurnMember, logMessage } from "./turn-member.ts";
import { findStores } from "./store-flow.ts";
import type { EngineDeps, Turn } from "./turn.ts";
import { loadCatalogView } from "../app/catalog-view.ts";
import { cancelAppointment } from "../app/appointments.ts";
import { creditedStoreIn } from "../domain/stores/dealer-credit.ts";
import { recordMemberArea } from "../app/crm/member-area.ts";
import { recordTouch } from "../app/touches.ts";
import { book, continueBooking, noteHeard, offerNewSlots, recommendReplies, rescheduleCommand, rescheduleTo, rescheduleToSlot, startBooking } from "./booking-flow.ts";
import { normalizeText } from "../nlu/text.ts";
import { parseWhen } from "../nlu/when.ts";
import { account, askPhone, identityCommand, onContact } from "./identity-flow.ts";
import { confirmWithHold, payBillInSandbox, startBill, storeQrPrompt, tillTap, tillText } from "./till-flow.ts";

export type { EngineDeps } from "./turn.ts";

/** What a channel hands the engine (the scripted chat events of docs/chat-protocol.md, plus channel extras). */
export const inboundEventSchema = z.union([
  z.object({ text: z.string() }),
  z.object({ location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }) }),
  z.object({ tap: z.string().min(1).max(200) }),
  z.object({ pay: z.object({ orderId: z.string().min(1).max(100) }) }),
  z.object({ voice: z.object({ file: z.string().min(1) }) }),
  z.object({ start: z.string().max(64).nullable() }),
  /** a shared phone contact (extension: Telegram's request_contact); userId = the contact's owner, checked against the sender */
  z.object({ contact: z.object({ phone: z.string().min(3).max(40), userId: z.string().max(40).nullable().optional() }) }),
]);
export type InboundEvent = z.infer<typeof inboundEventSchema>;

export const MAX_TEXT = 2000;

const CANCEL_WORDS = /^(取消|不要了|算了|重来|重新开始|cancel|stop it|never ?mind|start over|restart)[。.!！]?$/i;
/** a time said on its own ("明天下午4点", "周六上午", "tomorrow 4pm", "Saturday 10am") while a booking is being moved */
const WHEN_LIKE = /(今天|明天|后天|大后天|周[一二三四五六日天]|星期|礼拜|上午|下午|晚上|中午|早上|\d{1,2}[:点：]|\d{1,2}\s*(am|pm)|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|noon)/i;
const YES_WORDS = /^(确认|确定|好的?|可以|是的?|对|下单|支付|付款|ok|okay|yes|yep|sure|confirm|pay|go ahead)[。.!！]?$/i;

export async function handleEvent(deps: EngineDeps, identity: IdentityRef, event: InboundEvent): Promise<Reply[]> {
  const { member, state } = await loadTurnMember(deps.db, identity, deps.bot.id);
  const lang0: Lang = deps.bot.locale === "en" ? "en" : deps.bot.locale === "zh-CN" ? "zh" : state.lang ?? (member.locale?.startsWith("en") ? "en" : "zh");
  const turn: Turn = {
    deps, memberId: member.id, state, lang: lang0, now: deps.clock(), identity,
    scope: deps.bot.brands === "*" ? null : deps.bot.brands, m: MESSAGES[lang0],
  };
  let replies: Reply[];
  try {
    replies = await dispatch(turn, event);
  } catch (e) {
    deps.log?.("conversation turn failed", { err: e instanceof Error ? e.stack : String(e) });
    replies = [errorReply(turn.lang === "zh" ? "抱歉，出了点问题，请再试一次。" : "Sorry, something went wrong; please try again.", "INTERNAL")];
  }
  if (turn.state.lang !== turn.lang && deps.bot.locale === "auto") turn.state.lang = turn.lang;
  // pushes (order updates, reminders) are written in the member's last language
  const locale = turn.lang === "zh" ? "zh-CN" : "en";
  // (a single UPDATE: updateMany would wrap it in a transaction of its own)
  if (member.locale !== locale) await deps.db.prisma.$executeRaw`UPDATE "Member" SET "locale" = ${locale} WHERE "id" = ${member.id} AND "erasedAt" IS NULL`;
  // forget-me deletes the conversation; do not write it back
  if (!turn.forgotten) await saveState(deps.db, member.id, deps.bot.id, turn.state);
  // the turn's own message log is written without waiting; make sure it does not outlive the erasure
  else await deps.db.prisma.chatMessage.deleteMany({ where: { memberId: member.id } });
  return replies;
}

function setLang(turn: Turn, text: string) {
  if (turn.deps.bot.locale !== "auto") return;
  turn.lang = detectLang(text, turn.state.lang);
  turn.m = MESSAGES[turn.lang];
}

async function dispatch(turn: Turn, event: InboundEvent): Promise<Reply[]> {
  if ("text" in event) return onText(turn, event.text);
  if ("location" in event) return onLocation(turn, event.location);
  if ("tap" in event) return onTap(turn, event.tap);
  // (till-flow) a bill id pays the bill; anything else is an order
  if ("pay" in event) return (await payBillInSandbox(turn, event.pay.orderId)) ?? payInSandbox(turn, event.pay.orderId);
  if ("voice" in event) return onVoice(turn, event.voice.file);
  if ("contact" in event) return onContact(turn, event.contact);
  return onStart(turn, event.start);
}

async function onVoice(turn: Turn, file: string): Promise<Reply[]> {
  if (!turn.deps.transcribe) return [errorReply(turn.m.voiceNoKey(await examples(turn)), "VOICE_UNAVAILABLE")];
  let transcript: string;
  try {
    transcript = (await turn.deps.transcribe(file)).trim();
  } catch (e) {
    turn.deps.log?.("transcription failed", { err: String(e) });
    if (e instanceof VoiceTooLarge) return [errorReply(turn.lang === "zh" ? "语音太长了，请说短一点或直接打字。" : "That voice message is too long; please keep it short or type it.", "VOICE_TOO_LARGE")];
    return [errorReply(turn.m.voiceNoKey(await examples(turn)), "VOICE_FAILED")];
  }
  if (!transcript) return [errorReply(turn.m.voiceNoKey(await examples(turn)), "VOICE_FAILED")];
  const replies = await onText(turn, transcript);
  return [{ type: "text", text: turn.lang === "zh" ? `🎤「${transcript}」` : `🎤 "${transcript}"` }, ...replies];
}

/** /start with a deep-link payload: follow the brand, and remember where the member came from (campaign, coupon, store QR). */
async function onStart(turn: Turn, payload: string | null): Promise<Reply[]> {
  // (till-flow) a scanned bill QR goes straight to the bill: the till is waiting
  const bill = await startBill(turn, payload);
  if (bill) return bill;
  const replies: Reply[] = [];
  const p = payload ?? "";
  const [kind, arg] = p.split(/[-_](.*)/s);
  if (kind === "c" && arg) turn.state.campaignId = arg;
  if (p) turn.state.source = p.slice(0, 64);
  const scope = turn.scope ?? [];
  for (const b of scope) await followBrand(turn, b, p || "start");
  // the welcome as the merchant last edited it in the console (else the bot file's)
  const { welcome } = await botWithSettings(turn.deps.db, turn.deps.bot);
  replies.push({ type: "text", text: renderWelcome(welcome[turn.lang], await examples(turn), turn.lang), buttons: helpButtons(turn) });
  if (kind === "coupon" && arg) replies.push(...(await claim(turn, arg, "deep_link")));
  if (kind === "c" && arg) {
    const campaign = await turn.deps.db.prisma.campaign.findUnique({ where: { id: arg } });
    if (campaign?.couponCode) replies.push(...(await claim(turn, campaign.couponCode, "campaign")));
  }
  // the "opened" step of the funnel: a campaign or coupon deep link, or a store's QR code
  if (arg && (kind === "c" || kind === "coupon" || kind === "store")) {
    await recordTouch(turn.deps.db, {
      memberId: turn.memberId, kind: kind === "store" ? "store_qr" : "deep_link", source: p,
      campaignId: kind === "c" ? arg : null, storeId: kind === "store" ? arg : null, couponCode: kind === "coupon" ? arg : null, at: turn.now,
    });
  }
  // (till-flow) a store's static QR at the till also opens an amount entry
  if (kind === "store" && arg) {
    const store = await turn.deps.db.prisma.store.findUnique({ where: { id: arg }, select: { id: true, name: true } });
    if (store) replies.push(storeQrPrompt(turn, store.id, store.name));
  }
  return replies;
}

/** Example sentences for this bot's texts, from the loaded catalog (examples.ts). */
async function examples(turn: Turn) {
  return catalogExamples(await loadCatalogView(turn.deps.db), turn.scope);
}

function helpButtons(turn: Turn) {
  const zh = turn.lang === "zh";
  return [
    { id: "coupons", label: zh ? "我的优惠券" : "My coupons" },
    { id: "orders", label: zh ? "我的订单" : "My orders" },
    { id: "claim", label: zh ? "领券" : "Get coupons" },
  ];
}

async function onText(turn: Turn, raw: string): Promise<Reply[]> {
  const text = raw.replace(/\s+/g, " ").trim();
  if (!text) return [errorReply(turn.m.empty, "EMPTY", helpButtons(turn))];
  setLang(turn, text);
  const notes: Reply[] = text.length > MAX_TEXT ? [{ type: "text", text: turn.m.tooLong }] : [];
  const input = text.slice(0, MAX_TEXT);
  logMessage(turn.deps.db, turn.memberId, turn.deps.bot.id, input.slice(0, 500));

  if (CANCEL_WORDS.test(input)) {
    turn.state.awaitingTillStoreId = undefined;
    return [...notes, ...(await cancel(turn))];
  }
  // (till-flow) the password-free pay phrases, and an amount after a store's till QR
  const till = await tillText(turn, input);
  if (till) return [...notes, ...till];
  const bound = await identityCommand(turn, input);
  if (bound) return [...notes, ...bound];
  const moving = await rescheduleCommand(turn, input);
  if (moving) return [...notes, ...moving];
  if (turn.state.rescheduling && WHEN_LIKE.test(input)) return [...notes, ...(await rescheduleTo(turn, input))];
  if (turn.state.awaiting === "confirm" && YES_WORDS.test(input)) return [...notes, ...((await confirmWithHold(turn, undefined)) ?? (await confirm(turn, undefined)))];
  if (confirmsForget(turn, input)) return [...notes, ...(await forget(turn))];
  const link = await webSignIn(turn, input);
  if (link) return [...notes, ...link];

  let parsed: ParseResult;
  try {
    parsed = await turn.deps.parser.parse(input, { now: turn.now, timezone: turn.deps.bot.timezone, brandIds: turn.scope });
  } catch (e) {
    turn.deps.log?.("parser failed", { err: String(e) });
    parsed = emptyResult();
  }
  return [...notes, ...(await onIntent(turn, parsed, input))];
}

async function onIntent(turn: Turn, parsed: ParseResult, text: string): Promise<Reply[]> {
  const draftOpen = !!turn.state.draft?.items.length;
  if (parsed.intent === "unknown" || parsed.intent === "find_store") {
    // a time or a role said outside a booking: while one is in progress it refines it ("明天下午三点" after "约验光师");
    // otherwise it is kept for a booking that may follow (a misread first message, a store search then "预约")
    const { when, role } = await timeAndRoleIn(turn, parsed, text);
    if (turn.state.booking && parsed.intent === "unknown" && (when || role)) {
      return startBooking(turn, { brandId: null, when, role, radiusMeters: null });
    }
    noteHeard(turn, when, role);
  }
  switch (parsed.intent) {
    case "order":
      return handleOrderIntent(turn, parsed, text);
    case "book_appointment":
      return startBooking(turn, { brandId: parsed.brandId, when: parsed.when, role: parsed.role ?? null, radiusMeters: parsed.radiusMeters });
    case "find_store": {
      const service = parsed.fulfillment === "pickup" ? "pickup" : null;
      const search = { brandId: parsed.brandId, radiusMeters: parsed.radiusMeters, service };
      if (!turn.state.location) {
        turn.state.search = search;
        turn.state.awaiting = "location";
        return [{ type: "choice", text: turn.m.askLocationSearch, request: "location", buttons: [{ id: "cancel", label: turn.m.cancelLabel }] }];
      }
      return findStores(turn, search, turn.state.location);
    }
    case "claim_coupon":
      return claim(turn, parsed.couponCode);
    case "list_coupons":
      return wallet(turn);
    case "order_status":
      return orders(turn, parsed.orderId);
    case "cancel_order":
      return cancel(turn, parsed.orderId ?? undefined);
    case "follow":
      return follow(turn, parsed);
    case "unfollow":
      return unfollow(turn, parsed);
    case "unsubscribe":
      return stopPromotions(turn);
    case "forget_me":
      return askForget(turn);
    case "feedback":
      return feedback(turn, parsed, text);
    case "recommend":
      return recommend(turn, parsed);
    case "help":
      return [{ type: "text", text: turn.m.help(await examples(turn)), buttons: helpButtons(turn) }];
    case "greeting":
      return [{ type: "text", text: turn.m.greeting(await examples(turn)), buttons: helpButtons(turn) }];
    default:
      // a bare size or fulfilment while an order is open is a correction of that order
      if (draftOpen && (parsed.fulfillment || parsed.items.length === 0)) {
        if (parsed.fulfillment) turn.state.draft!.fulfillment = parsed.fulfillment;
        const before = JSON.stringify(turn.state.draft);
        const r = await handleOrderIntent(turn, { ...parsed, intent: "order" }, text);
        if (parsed.fulfillment || JSON.stringify(turn.state.draft) !== before) return r;
      }
      return [{ type: "text", text: turn.m.unknown(await examples(turn)), buttons: helpButtons(turn) }];
  }
}

/** The time and the staff role a message names, whatever its intent (the parser reports them only for some). */
async function timeAndRoleIn(turn: Turn, parsed: ParseResult, text: string): Promise<{ when: string | null; role: string | null }> {
  const { lower } = normalizeText(text);
  const view = await loadCatalogView(turn.deps.db);
  const when = parsed.when ?? parseWhen(lower, turn.now, turn.deps.bot.timezone);
  return { when, role: view.lexicon.rolesIn(lower)[0]?.id ?? null };
}

async function recommend(turn: Turn, parsed: ParseResult): Promise<Reply[]> {
  const brandId = parsed.brandId ?? (turn.scope?.length === 1 ? turn.scope[0] : null);
  const replies = await recommendReplies(turn, brandId ? [brandId] : turn.scope, null);
  return replies.length ? replies : [{ type: "text", text: turn.m.unknown(await examples(turn)) }];
}

async function onLocation(turn: Turn, loc: { lat: number; lng: number }): Promise<Reply[]> {
  turn.state.location = loc;
  await rememberArea(turn, loc);
  if (turn.state.booking) return continueBooking(turn);
  if (turn.state.search && (!turn.state.draft?.items.length || turn.state.awaiting !== "size")) {
    const search = turn.state.search;
    turn.state.search = undefined;
    turn.state.awaiting = undefined;
    return findStores(turn, search, loc);
  }
  if (turn.state.draft?.items.length) return continueDraft(turn);
  // a location with nothing in progress: show what is around, the member can order from there
  return findStores(turn, { brandId: null, radiusMeters: null, service: null }, loc);
}

/**
 * The member's last consented area, coarsened to about 1 km: used for "followers near a store" audiences and to
 * credit stores in reports. The exact location stays on the order's consent and is deleted with it.
 */
async function rememberArea(turn: Turn, loc: { lat: number; lng: number }) {
  const view = await loadCatalogView(turn.deps.db);
  await recordMemberArea(turn.deps.db.prisma, turn.memberId, loc, creditedStoreIn(view.index, loc, turn.scope)?.store.id ?? null);
}

const tapSchema = z.string().regex(/^[a-z_]+(:[^\s]{0,180})?$/);

async function onTap(turn: Turn, tap: string): Promise<Reply[]> {
  if (!tapSchema.safeParse(tap).success) return [errorReply(turn.m.unknown(await examples(turn)), "INVALID_INPUT")];
  const i = tap.indexOf(":");
  const action = i < 0 ? tap : tap.slice(0, i);
  const arg = i < 0 ? "" : tap.slice(i + 1);
  switch (action) {
    case "confirm":
      // (till-flow) password-free pay holds a delivery order's total instead of sending a link
      return (await confirmWithHold(turn, arg || undefined)) ?? confirm(turn, arg || undefined);
    case "cancel":
      turn.state.awaitingTillStoreId = undefined;
      return cancel(turn, arg || undefined);
    case "bill_pay":
    case "bill_nocoupon":
    case "bill_open":
    case "one_tap_on":
      return (await tillTap(turn, action, arg)) ?? [];
    case "size":
      return setSize(turn, arg);
    case "fulfil":
      if (!turn.state.draft || !["delivery", "pickup", "ship"].includes(arg)) return [errorReply(turn.m.unknown(await examples(turn)), "INVALID_INPUT")];
      turn.state.draft.fulfillment = arg as "delivery" | "pickup" | "ship";
      turn.state.draft.storeId = null;
      return continueDraft(turn);
    case "store": {
      const [storeId, fulfilment] = arg.split(":");
      if (!turn.state.draft) return [errorReply(turn.m.unknown(await examples(turn)), "INVALID_INPUT")];
      turn.state.draft.storeId = storeId;
      if (fulfilment === "delivery" || fulfilment === "pickup" || fulfilment === "ship") turn.state.draft.fulfillment = fulfilment;
      return continueDraft(turn);
    }
    case "product": {
      const view = await loadCatalogView(turn.deps.db);
      // product:<id> or product:<id>:<size> (a "your size is back" push names the size)
      const [productId, size] = [arg.split(":")[0], arg.split(":").slice(1).join(":") || null];
      const p = view.products.get(productId);
      if (!p || (turn.scope && !turn.scope.includes(p.brandId))) return [errorReply(turn.m.unknown(await examples(turn)), "NOT_FOUND")];
      return handleOrderIntent(turn, { ...emptyResult("order", 1), brandId: p.brandId, items: [{ productId: p.id, quantity: 1, size: size && p.sizes.includes(size) ? size : null }] }, "");
    }
    case "claim": {
      // claim:<CODE>, or claim:<CODE>:<campaignId> from a campaign push (credited to the campaign)
      const [code, campaignId] = arg.split(":");
      if (code && campaignId) return claimFromCampaign(turn, code, campaignId);
      return claim(turn, code || null, turn.state.campaignId ? "campaign" : "chat");
    }
    case "coupons":
      return wallet(turn);
    case "orders":
      return orders(turn, null);
    case "follow":
      return follow(turn, { ...emptyResult("follow", 1), brandId: arg || null });
    case "forget":
      return forgetTap(turn, arg);
    case "bind_phone":
      return askPhone(turn);
    case "account":
      return account(turn);
    case "help":
      return [{ type: "text", text: turn.m.help(await examples(turn)), buttons: helpButtons(turn) }];
    case "book":
      // a store card's "Book" keeps what the member already asked for (a time, a role)
      return startBooking(turn, { brandId: null, when: null, role: null, radiusMeters: null, storeId: arg || null });
    case "slot": {
      const [staffId, ms] = arg.split(":");
      const staff = await turn.deps.db.prisma.staff.findUnique({ where: { id: staffId } });
      if (!staff || !/^\d+$/.test(ms ?? "")) return [errorReply(turn.m.unknown(await examples(turn)), "INVALID_INPUT")];
      return book(turn, staff.storeId, staff.id, new Date(Number(ms)));
    }
    case "rebook":
      return offerNewSlots(turn, arg);
    case "reslot": {
      const [appointmentId, staffId, ms] = arg.split(":");
      if (!appointmentId || !staffId || !/^\d+$/.test(ms ?? "")) return [errorReply(turn.m.unknown(await examples(turn)), "INVALID_INPUT")];
      return rescheduleToSlot(turn, appointmentId, staffId, Number(ms));
    }
    case "unbook": {
      turn.state.rescheduling = undefined;
      const r = await cancelAppointment(turn.deps.db, { memberId: turn.memberId, appointmentId: arg });
      return r.ok ? [{ type: "text", text: turn.lang === "zh" ? "预约已取消。" : "Booking cancelled." }] : [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
    }
    default:
      return [errorReply(turn.m.unknown(await examples(turn)), "INVALID_INPUT")];
  }
}

export type { ConversationState };
