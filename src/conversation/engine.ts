// The channel-agnostic dialogue engine: one inbound event (text, location, tap, pay, voice) in, typed replies out.
// It understands the message (NLU), fills what is missing from the conversation state, and calls the app layer's
// use cases, the only way state changes. User text is data: nothing a member types can run a merchant command.
import { z } from "zod";
import type { IdentityRef } from "../app/members.ts";
import { emptyResult, type ParseResult } from "../nlu/intent.ts";
import { VoiceTooLarge } from "../nlu/transcriber.ts";
import { askForget, claim, confirmsForget, feedback, webSignIn, follow, forget, orders, stopPromotions, unfollow, wallet } from "./account-flow.ts";
import { MESSAGES, detectLang } from "./messages.ts";
import { renderWelcome } from "./examples.ts";
import { cancel, confirm, continueDraft, handleOrderIntent, payInSandbox } from "./order-flow.ts";
import { errorReply, type Lang, type Reply } from "./replies.ts";
import { IDLE, leaveStep, type ConversationState } from "../app/conversation-state.ts";
import { botWithSettings } from "../app/bot-settings.ts";
import { loadTurnMember, saveTurn, type LoadedTurn } from "../app/turn-member.ts";
import { campaignCoupon, storeSummary } from "../app/chat-lookups.ts";
import { followBrand } from "../app/crm/follows.ts";
import { findStores } from "./store-flow.ts";
import type { EngineDeps, Turn } from "./turn.ts";
import { loadCatalogView } from "../app/catalog-view.ts";
import { creditedStoreIn } from "../domain/stores/dealer-credit.ts";
import { tapId } from "../domain/chat/taps.ts";
import { memberArea } from "../app/crm/member-area.ts";
import { recordTouch } from "../app/touches.ts";
import { bookingInProgress, continueBooking, noteHeard, recommendReplies, rescheduleCommand, rescheduleTo, startBooking } from "./booking-flow.ts";
import { normalizeText } from "../nlu/text.ts";
import { parseWhen } from "../nlu/when.ts";
import { identityCommand, onContact } from "./identity-flow.ts";
import { confirmWithHold, payBillInSandbox, startBill, storeQrPrompt, tillText } from "./till-flow.ts";
import { examples, helpButtons, helpReply } from "./help-replies.ts";
import { onTap } from "./tap-handlers.ts";

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

/**
 * One turn. `loaded`: the member and state the channel already read for this identity and bot (loadTurnMember, in
 * the same per-chat lock), so the turn does not read them twice.
 */
export async function handleEvent(deps: EngineDeps, identity: IdentityRef, event: InboundEvent, loaded?: LoadedTurn): Promise<Reply[]> {
  const { member, state } = loaded ?? (await loadTurnMember(deps.db, identity, deps.bot.id));
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
  // forget-me deleted the member and the conversation: nothing is written back, not even what they just said
  if (!turn.forgotten) {
    await saveTurn(deps.db, { memberId: member.id, botId: deps.bot.id, state: turn.state, locale: member.locale !== locale ? locale : null, area: turn.area, said: turn.said });
  }
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
  for (const b of scope) await followBrand(turn.deps.db, { memberId: turn.memberId, brandId: b, botId: turn.deps.bot.id, source: p || "start", at: turn.now });
  // the welcome as the merchant last edited it in the console (else the bot file's)
  const { welcome } = await botWithSettings(turn.deps.db, turn.deps.bot);
  replies.push({ type: "text", text: renderWelcome(welcome[turn.lang], await examples(turn), turn.lang), buttons: helpButtons(turn) });
  if (kind === "coupon" && arg) replies.push(...(await claim(turn, arg, "deep_link")));
  if (kind === "c" && arg) {
    const campaign = await campaignCoupon(turn.deps.db, arg);
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
    const store = await storeSummary(turn.deps.db, arg);
    if (store) replies.push(storeQrPrompt(turn, store.id, store.name));
  }
  return replies;
}

async function onText(turn: Turn, raw: string): Promise<Reply[]> {
  const text = raw.replace(/\s+/g, " ").trim();
  if (!text) return [errorReply(turn.m.empty, "EMPTY", helpButtons(turn))];
  setLang(turn, text);
  const notes: Reply[] = text.length > MAX_TEXT ? [{ type: "text", text: turn.m.tooLong }] : [];
  const input = text.slice(0, MAX_TEXT);
  // kept in the member's message log with the turn's state (saveTurn)
  turn.said = { text: input.slice(0, 500), at: new Date() };

  if (CANCEL_WORDS.test(input)) {
    leaveStep(turn.state, "till_amount");
    return [...notes, ...(await cancel(turn))];
  }
  // (till-flow) the password-free pay phrases, and an amount after a store's till QR
  const till = await tillText(turn, input);
  if (till) return [...notes, ...till];
  const bound = await identityCommand(turn, input);
  if (bound) return [...notes, ...bound];
  const moving = await rescheduleCommand(turn, input);
  if (moving) return [...notes, ...moving];
  const step = turn.state.step;
  if (step.at === "reschedule" && WHEN_LIKE.test(input)) return [...notes, ...(await rescheduleTo(turn, step.appointmentId, input))];
  if (step.at === "confirm" && YES_WORDS.test(input)) return [...notes, ...((await confirmWithHold(turn, undefined)) ?? (await confirm(turn, undefined)))];
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
    if (bookingInProgress(turn) && parsed.intent === "unknown" && (when || role)) {
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
        turn.state.step = { at: "search", search };
        return [{ type: "choice", text: turn.m.askLocationSearch, request: "location", buttons: [{ id: tapId("cancel", { orderId: null }), label: turn.m.cancelLabel }] }];
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
      return [await helpReply(turn)];
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
  const step = turn.state.step;
  if (step.at === "booking") return continueBooking(turn, step.booking);
  if (step.at === "search") {
    turn.state.step = IDLE;
    return findStores(turn, step.search, loc);
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
  // written with the rest of the turn (saveTurn): nothing in the turn reads it back
  turn.area = memberArea(loc, creditedStoreIn(view.index, loc, turn.scope)?.store.id ?? null);
}

export type { ConversationState };
