// Opening the Mini App from the bot: the chat's menu button, and a web_app button under quotes ("see it in the
// shop") and store cards ("browse this store"). Telegram only opens Web Apps over https, so with a plain-http
// PUBLIC_URL (the embedded default) none of this is shown and the bot works as before.
import type { Telegram } from "telegraf";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import type { Reply } from "../../conversation/replies.ts";
import { QUOTE } from "../../domain/orders/order-state.ts";
import { langOfText } from "./telegram-texts.ts";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

/** The Mini App's URL for this server, or null when Telegram would refuse it (not https). */
export function miniAppUrlFor(publicUrl: string): string | null {
  return publicUrl.startsWith("https://") ? `${publicUrl.replace(/\/+$/, "")}/app/` : null;
}

const LABEL = {
  quote: { zh: "🛍 在小程序中查看", en: "🛍 Open in the shop" },
  store: { zh: "🛍 逛逛这家店", en: "🛍 Browse this store" },
  menu: { zh: "商城", en: "Shop" },
};

/** The web_app button a reply gets, if any: quotes and store cards open the Mini App at their store. */
export function miniAppButtonFor(r: Reply, miniAppUrl: string | null | undefined): InlineKeyboardButton | null {
  if (!miniAppUrl || (r.type !== QUOTE && r.type !== "store")) return null;
  const lang = langOfText(r.text);
  return { text: LABEL[r.type][lang], web_app: { url: `${miniAppUrl}?store=${encodeURIComponent(r.storeId)}` } };
}

/** Adds the button as a row of its own under the keyboard (or as the whole keyboard). */
export function withButtonRow(markup: InlineKeyboardMarkup | undefined, button: InlineKeyboardButton | null): InlineKeyboardMarkup | undefined {
  if (!button) return markup;
  return { inline_keyboard: [...(markup?.inline_keyboard ?? []), [button]] };
}

/** The chat menu button opens the Mini App; a refusal (an old Bot API server, an emulator) is only logged. */
export async function setMiniAppMenuButton(tg: Telegram, miniAppUrl: string | null, locale: string, log: Log): Promise<void> {
  if (!miniAppUrl) return;
  try {
    await tg.setChatMenuButton({ menuButton: { type: "web_app", text: LABEL.menu[locale === "en" ? "en" : "zh"], web_app: { url: miniAppUrl } } });
  } catch (e) {
    log("setChatMenuButton failed (the bot works without the Mini App menu button)", { err: e instanceof Error ? e.message : String(e) });
  }
}
