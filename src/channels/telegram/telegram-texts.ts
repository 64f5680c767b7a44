// Words only the Telegram channel says (command menu, location button, staff side), in both languages.
import { MENU_LABELS, isMenuKey, type BotConfig, type MenuKey } from "../../bot-config.ts";
import type { Lang } from "../../conversation/replies.ts";
import { STATUS_TEXT } from "../../messages/order-texts.ts";
import type { StaffMove } from "../../app/staff.ts";

/** The language for channel-only words: the bot's fixed locale, else the Telegram client's language. */
export function langFor(bot: BotConfig, languageCode: string | undefined): Lang {
  if (bot.locale === "en") return "en";
  if (bot.locale === "zh-CN") return "zh";
  return languageCode && !languageCode.toLowerCase().startsWith("zh") ? "en" : "zh";
}

/** A reply's language, guessed from its words (the engine picks the language; the channel only labels buttons). */
export const langOfText = (text: string): Lang => (/[\u3400-\u9fff]/.test(text) ? "zh" : "en");

/** The bot's command list: /start first (Telegram's convention), then its menu in the merchant's order. */
export function menuCommands(menu: readonly string[], lang: Lang): { command: string; description: string }[] {
  const start = { command: "start", description: lang === "zh" ? "关注 / 开始" : "Follow / start" };
  return [start, ...menu.filter(isMenuKey).map((k) => ({ command: k, description: MENU_LABELS[k][lang] }))];
}

/**
 * What a menu command does in the chat: the same as a tap or a sentence the engine already understands, said in
 * the member's language (the engine follows the language of what it reads).
 */
export function menuEvent(key: MenuKey, lang: Lang): { tap: string } | { text: string } {
  switch (key) {
    case "order":
      return { text: lang === "zh" ? "我要点单" : "I want to order" };
    case "stores":
      return { text: lang === "zh" ? "附近的门店" : "stores near me" };
    case "recommend":
      return { text: lang === "zh" ? "给我推荐" : "recommend something" };
    case "unfollow":
      return { text: lang === "zh" ? "取消关注" : "unfollow" };
    default:
      return { tap: key };
  }
}

export const SHARE_LOCATION: Record<Lang, string> = { zh: "📍 发送我的位置", en: "📍 Send my location" };
export const SHARE_CONTACT: Record<Lang, string> = { zh: "📱 发送手机号", en: "📱 Send my phone number" };

export const STAFF_MOVE_LABEL: Record<StaffMove, string> = {
  accepted: "✅ 接单 Accept",
  ready: "📦 备好 Ready",
  out_for_delivery: "🛵 配送中 Out for delivery",
  shipped: "🚚 已发货 Shipped",
  completed: "🏁 完成 Completed",
};

export const T = {
  staffUsage: { zh: "用法：/staff 邀请码（向门店经理索取）", en: "Usage: /staff CODE (ask your store manager for an invite code)" },
  staffBound: {
    zh: (store: string) => `✅ 已绑定门店「${store}」。新的已支付订单会发到这里，可直接接单和更新状态；到店核销优惠券：/redeem 券码 会员 [金额(分)]`,
    en: (store: string) => `✅ You are now staff of "${store}". New paid orders will arrive here with buttons to move them along. Redeem a coupon at the till: /redeem CODE MEMBER [AMOUNT_CENTS]`,
  },
  staffStatus: {
    zh: (store: string) => `你是门店「${store}」的店员。`,
    en: (store: string) => `You are staff of "${store}".`,
  },
  redeemUsage: { zh: "用法：/redeem 券码 会员号 [消费金额(分)]", en: "Usage: /redeem CODE MEMBER [AMOUNT_CENTS]" },
  redeemed: {
    zh: (code: string, discount: string, pay: string | null) => `✅ 已核销 ${code}，优惠 ${discount}${pay ? `，应付 ${pay}` : ""}`,
    en: (code: string, discount: string, pay: string | null) => `✅ Redeemed ${code}: ${discount} off${pay ? `, to pay ${pay}` : ""}`,
  },
  notStaff: { zh: "只有该门店已绑定的店员可以操作此订单。", en: "Only bound staff of this order's store can act on it." },
  wrongStore: { zh: "这个订单属于其他门店。", en: "This order belongs to another store." },
  moved: {
    zh: (orderId: string, to: StaffMove) => `订单 ${orderId} → ${STATUS_TEXT[to].zh}`,
    en: (orderId: string, to: StaffMove) => `Order ${orderId} → ${STATUS_TEXT[to].en}`,
  },
  buttonExpired: { zh: "这个按钮已失效，请重新操作。", en: "This button has expired; please start again." },
  paidInvoice: { zh: (id: string) => `✅ 支付成功，订单 ${id} 已通知门店。`, en: (id: string) => `✅ Paid. Order ${id} has been sent to the store.` },
  invoiceRefused: { zh: "这个订单现在无法支付。", en: "This order cannot be paid now." },
  // delivery tracking (courier-location.ts)
  courierTracking: {
    zh: (orderId: string, dist: string | null, eta: number | null) => (dist ? `🛵 正在跟踪订单 ${orderId}：距顾客 ${dist}，约 ${eta} 分钟。保持共享实时位置即可。` : `🛵 正在跟踪订单 ${orderId}（顾客未共享位置，无法计算距离）。`),
    en: (orderId: string, dist: string | null, eta: number | null) => (dist ? `🛵 Tracking order ${orderId}: ${dist} from the customer, about ${eta} min. Keep sharing your live location.` : `🛵 Tracking order ${orderId} (the customer shared no location, so no distance).`),
  },
  courierArrivedCompleted: { zh: (orderId: string) => `🏁 已到达顾客位置，订单 ${orderId} 已自动完成。`, en: (orderId: string) => `🏁 You have arrived; order ${orderId} is completed.` },
  courierArrivedConfirm: { zh: (orderId: string) => `📍 已到达顾客位置。交给顾客后请点「已送达」完成订单 ${orderId}。`, en: (orderId: string) => `📍 You have arrived. Tap Delivered once order ${orderId} is handed over.` },
  courierDeliveredButton: "✅ 已送达 Delivered",
  courierWhichOrder: { zh: "门店有多个配送中的订单：请先在你要送的订单卡片上点「配送中」，再共享实时位置。", en: "Several orders are out for delivery: tap Out for delivery on the card of the one you carry, then share your live location." },
} as const;

export const INVITE_ERRORS: Record<string, Record<Lang, string>> = {
  NOT_FOUND: { zh: "邀请码无效。", en: "Unknown invite code." },
  CONFLICT: { zh: "这个邀请码已经被使用过了。", en: "This invite code was already used." },
  INVALID_INPUT: { zh: "邀请码无效或已过期。", en: "The invite code is invalid or has expired." },
  NOT_ALLOWED: { zh: "这个公众号不服务该门店的品牌，请在品牌账号里绑定。", en: "This bot does not serve that store's brand; bind through the brand's account." },
};
