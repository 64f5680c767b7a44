// Renders the engine's typed replies natively on Telegram: inline keyboards for buttons (URL buttons for `url:` ids),
// a request_location reply keyboard when the engine asks for a location (removed once it is no longer needed),
// venue messages for stores, and a Telegram invoice next to the payment link when the bot has a provider token.
// Anything richer that fails falls back to plain text: a reply is never lost because a fancy method was refused.
import type { Telegram } from "telegraf";
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "telegraf/types";
import type { Button, Reply } from "../../conversation/replies.ts";
import type { CallbackCodec } from "./callback-data.ts";
import { isApiError } from "./telegram-errors.ts";
import { SHARE_CONTACT, SHARE_LOCATION, langOfText } from "./telegram-texts.ts";
import { miniAppButtonFor, withButtonRow } from "./mini-app-buttons.ts";

export const MAX_TEXT = 4096;
/** Telegram's limit for a photo caption */
export const MAX_CAPTION = 1024;
type Log = (msg: string, extra?: Record<string, unknown>) => void;
type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

/** Telegram refuses empty and over-long texts. */
export function fitText(text: string): string {
  const t = text.trim() ? text : "…";
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}

/**
 * Reply keyboards shown per chat (in memory): the label → button id of each text button, so tapping "取消" on a
 * location keyboard acts as the cancel button. Lost on restart, which only means the label arrives as plain text.
 */
export class ReplyKeyboards {
  private shown = new Map<string, Map<string, string>>();
  show(chat: string, labels: Map<string, string>) {
    this.shown.set(chat, labels);
  }
  active(chat: string): boolean {
    return this.shown.has(chat);
  }
  /** the button id for a typed label on the chat's keyboard */
  idFor(chat: string, text: string): string | undefined {
    return this.shown.get(chat)?.get(text.trim());
  }
  clear(chat: string) {
    this.shown.delete(chat);
  }
}

/** Inline keyboard rows: `url:` ids become URL buttons on their own row; short labels pair up two per row. */
export async function inlineKeyboard(buttons: Button[], codec: CallbackCodec, opts: { urls?: boolean } = {}): Promise<InlineKeyboardMarkup | undefined> {
  const rows: InlineKeyboardButton[][] = [];
  // a row holding one short button, waiting for a short partner
  let half: InlineKeyboardButton[] | null = null;
  for (const b of buttons) {
    const label = b.label.slice(0, 64) || "·";
    if (b.id.startsWith("url:")) {
      if (opts.urls === false) continue;
      rows.push([{ text: label, url: b.id.slice(4) }]);
      half = null;
      continue;
    }
    const btn: InlineKeyboardButton = { text: label, callback_data: await codec.encode(b.id) };
    if ([...label].length > 14) {
      rows.push([btn]);
      half = null;
    } else if (half) {
      half.push(btn);
      half = null;
    } else {
      half = [btn];
      rows.push(half);
    }
  }
  return rows.length ? { inline_keyboard: rows } : undefined;
}

const hasUrlButton = (buttons?: Button[]) => !!buttons?.some((b) => b.id.startsWith("url:"));

/**
 * sendMessage with an inline keyboard; when Telegram refuses the keyboard (a URL it will not accept, such as an
 * http://localhost payment link) the message goes again without URL buttons, their URLs written into the text.
 */
export async function sendTextWithButtons(tg: Telegram, chatId: string | number, text: string, buttons: Button[] | undefined, codec: CallbackCodec, extraMarkup?: Markup, appButton: InlineKeyboardButton | null = null, paidBroadcast = false) {
  const markup = buttons?.length || appButton ? withButtonRow(buttons?.length ? await inlineKeyboard(buttons, codec) : undefined, appButton) : extraMarkup;
  // Bot API allow_paid_broadcast (newer than telegraf's types, passed through as is)
  const paid: object = paidBroadcast ? { allow_paid_broadcast: true } : {};
  try {
    return await tg.sendMessage(chatId, fitText(text), markup ? { reply_markup: markup, link_preview_options: { is_disabled: true }, ...paid } : { link_preview_options: { is_disabled: true }, ...paid });
  } catch (e) {
    if (!(isApiError(e, 400) && hasUrlButton(buttons))) throw e;
    const urls = buttons!.filter((b) => b.id.startsWith("url:")).map((b) => b.id.slice(4)).filter((u) => !text.includes(u));
    const plain = await inlineKeyboard(buttons!, codec, { urls: false });
    return tg.sendMessage(chatId, fitText([text, ...urls].join("\n")), plain ? { reply_markup: plain, ...paid } : paid);
  }
}

export interface RenderOptions {
  telegram: Telegram;
  chatId: number;
  codec: CallbackCodec;
  keyboards: ReplyKeyboards;
  log?: Log;
  /** a Telegram Payments provider token: payment links also go out as invoices */
  invoiceProviderToken?: string;
  /** the Mini App's https URL: quotes and store cards get a button that opens it (mini-app-buttons.ts) */
  miniAppUrl?: string | null;
}

/** Sends the replies in order. A reply that cannot be sent is logged and the rest still go out. */
export async function renderReplies(opts: RenderOptions, replies: Reply[]): Promise<void> {
  const { telegram: tg, chatId, codec, keyboards } = opts;
  const chat = String(chatId);
  // a reply keyboard shown earlier (asking for a location) goes away with the first reply that can carry the removal
  let removeKeyboard = keyboards.active(chat);
  const removal = (): ReplyKeyboardRemove | undefined => {
    if (!removeKeyboard) return undefined;
    removeKeyboard = false;
    keyboards.clear(chat);
    return { remove_keyboard: true };
  };

  for (const r of replies) {
    try {
      await retryShortRateLimit(() => renderOne(r));
    } catch (e) {
      opts.log?.("telegram reply failed", { chatId, type: r.type, err: e instanceof Error ? e.message : String(e) });
    }
  }

  async function renderOne(r: Reply): Promise<void> {
    if (r.type === "choice" && r.request) {
      const lang = langOfText(r.text);
      const labels = new Map<string, string>();
      const rows: ReplyKeyboardMarkup["keyboard"] = [[r.request === "location" ? { text: SHARE_LOCATION[lang], request_location: true } : { text: SHARE_CONTACT[lang], request_contact: true }]];
      for (const b of r.buttons ?? []) {
        if (b.id.startsWith("url:")) continue;
        labels.set(b.label, b.id);
        rows.push([{ text: b.label }]);
      }
      await tg.sendMessage(chatId, fitText(r.text), { reply_markup: { keyboard: rows, resize_keyboard: true, one_time_keyboard: true, input_field_placeholder: r.text.slice(0, 64) } });
      keyboards.show(chat, labels);
      removeKeyboard = false;
      return;
    }
    if (r.type === "store" && typeof r.lat === "number" && typeof r.lng === "number") {
      await sendStore(opts, r as Extract<Reply, { type: "store" }> & { lat: number; lng: number }, removal);
      return;
    }
    const appButton = miniAppButtonFor(r, opts.miniAppUrl);
    if (r.photoUrl && (await sendProductCard(opts, r, appButton))) return;
    const markup = r.buttons?.length ? undefined : removal();
    await sendTextWithButtons(tg, chatId, r.text, r.buttons, codec, markup, appButton);
    if (r.type === "payment_link" && opts.invoiceProviderToken) await sendInvoice(opts, r);
  }
}

/**
 * A reply in a live conversation that hits a short 429 (a burst in one chat) waits retry_after once and goes out;
 * a long one is given up (and logged): a conversation must not hang, the outbox loops handle long waits.
 */
async function retryShortRateLimit(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (e) {
    const wait = isApiError(e, 429) ? Number(e.parameters?.retry_after ?? 0) : 0;
    if (!(wait > 0 && wait <= 5)) throw e;
    await new Promise((r) => setTimeout(r, wait * 1000));
    await send();
  }
}

/**
 * A product card: the photo with the text as its caption and the buttons under it (a text too long for a caption
 * follows as its own message with the buttons). False when Telegram refuses the photo (a dead link, a format it
 * will not fetch): the caller then sends the plain text, so the reply is never lost.
 */
async function sendProductCard(opts: RenderOptions, r: Reply, appButton: InlineKeyboardButton | null): Promise<boolean> {
  const { telegram: tg, chatId, codec } = opts;
  const markup = withButtonRow(r.buttons?.length ? await inlineKeyboard(r.buttons, codec) : undefined, appButton);
  const fits = r.text.length <= MAX_CAPTION;
  try {
    await tg.sendPhoto(chatId, r.photoUrl!, { ...(fits ? { caption: r.text } : {}), ...(fits && markup ? { reply_markup: markup } : {}) });
  } catch (e) {
    if (isApiError(e, 429)) throw e;
    opts.log?.("product photo refused, sending the text alone", { chatId, photoUrl: r.photoUrl, err: e instanceof Error ? e.message : String(e) });
    return false;
  }
  if (!fits) await sendTextWithButtons(tg, chatId, r.text, r.buttons, codec, undefined, appButton);
  return true;
}

async function sendStore(opts: RenderOptions, r: Extract<Reply, { type: "store" }> & { lat: number; lng: number }, removal: () => ReplyKeyboardRemove | undefined) {
  const { telegram: tg, chatId, codec } = opts;
  const inline = withButtonRow(r.buttons?.length ? await inlineKeyboard(r.buttons, codec) : undefined, miniAppButtonFor(r, opts.miniAppUrl));
  const markup = inline ?? removal();
  try {
    if (r.address) {
      await tg.sendVenue(chatId, r.lat, r.lng, r.text.slice(0, 256) || r.name, r.address, markup ? { reply_markup: markup } : {});
    } else {
      await tg.sendLocation(chatId, r.lat, r.lng, markup ? { reply_markup: markup } : {});
      await tg.sendMessage(chatId, fitText(r.text));
    }
  } catch (e) {
    opts.log?.("venue failed, sending the store as text", { chatId, err: e instanceof Error ? e.message : String(e) });
    await sendTextWithButtons(tg, chatId, [r.text, r.address].filter(Boolean).join("\n"), r.buttons, codec, markup && !inline ? markup : undefined, miniAppButtonFor(r, opts.miniAppUrl));
  }
}

/** Telegram Payments: the invoice's payload is the order id; the successful_payment update pays the order. */
async function sendInvoice(opts: RenderOptions, r: Extract<Reply, { type: "payment_link" }>) {
  try {
    await opts.telegram.sendInvoice(opts.chatId, {
      title: `Order ${r.orderId}`.slice(0, 32),
      description: r.text.replace(/https?:\/\/\S+/g, "").trim().slice(0, 255) || `Order ${r.orderId}`,
      payload: r.orderId,
      provider_token: opts.invoiceProviderToken!,
      currency: r.currency,
      prices: [{ label: r.orderId.slice(0, 32), amount: r.totalCents }],
    });
  } catch (e) {
    opts.log?.("invoice failed; the payment link stays", { chatId: opts.chatId, err: e instanceof Error ? e.message : String(e) });
  }
}
