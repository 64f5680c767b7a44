// Friendly words for the Mini App API's failures, in the member's language, with the HTTP status each one gets.
// Codes are the app layer's (app-result.ts) plus the cart check's reasons; the chat's texts are reused where they fit.
import { errorText } from "../messages/error-texts.ts";
import type { AppError } from "../app/app-result.ts";

import type { Lang } from "../messages/lang.ts";

export type { Lang };

/** zh unless the client asks for English (Accept-Language or ?lang=en). */
export function langOf(acceptLanguage: string | undefined, override?: string): Lang {
  const pick = override ?? acceptLanguage ?? "";
  return /^\s*en/i.test(pick) ? "en" : "zh";
}

export const AUTH_TEXT: Record<string, { zh: string; en: string }> = {
  NO_CREDENTIALS: { zh: "请先登录。", en: "Please sign in first." },
  BAD_INIT_DATA: { zh: "无法验证 Telegram 登录信息，请从机器人重新打开小程序。", en: "Your Telegram sign-in could not be verified; please reopen the app from the bot." },
  STALE_INIT_DATA: { zh: "登录已过期，请从机器人重新打开小程序。", en: "Your sign-in has expired; please reopen the app from the bot." },
  BAD_SESSION: { zh: "登录已失效，请重新登录。", en: "Your session has expired; please sign in again." },
};

const sizeLabel = (s: unknown) => (s ? ` ${String(s)}` : "");

/** The message a person reads for an app-layer failure. */
export function appErrorText(e: AppError, lang: Lang): string {
  const zh = lang === "zh";
  switch (e.reason ?? e.code) {
    case "UNKNOWN_STORE":
      return zh ? "没有找到这家门店。" : "That store was not found.";
    case "UNKNOWN_PRODUCT":
      return zh ? `没有找到商品 ${e.productId}。` : `There is no product ${e.productId}.`;
    case "EMPTY_CART":
      return zh ? "购物车是空的。" : "Your cart is empty.";
    case "WRONG_BRAND":
      return zh
        ? `「${e.productName}」是${e.productBrand}的商品，不能在${e.storeName}下单。一次只能买一个品牌的商品。`
        : `"${e.productName}" is a ${e.productBrand} product and can't be ordered at ${e.storeName}; one order is for one brand.`;
    case "INVALID_SIZE":
      return zh
        ? `请为「${e.productName}」选择尺码：${(e.sizes as string[]).join(" / ")}。`
        : `Please pick a size for "${e.productName}": ${(e.sizes as string[]).join(" / ")}.`;
    case "MIXED_BRANDS":
      return zh ? "一次只能买一个品牌的商品。" : "One order is for one brand.";
    case "OUT_OF_STOCK":
      if (e.productName) {
        const n = Number(e.available ?? 0);
        return zh
          ? `${e.storeName}的「${e.productName}」${sizeLabel(e.size)}${n > 0 ? `只剩 ${n} 件` : "已售罄"}，请换个尺码或门店。`
          : `"${e.productName}"${sizeLabel(e.size)} at ${e.storeName} is ${n > 0 ? `down to ${n}` : "sold out"}; please pick another size or store.`;
      }
      return errorText("OUT_OF_STOCK", lang);
    case "ALL_CLOSED":
      return e.storeName
        ? zh ? `${e.storeName}现在不营业（营业时间 ${e.openHours}）。` : `${e.storeName} is closed now (open ${e.openHours}).`
        : zh ? "门店现在不营业。" : "The store is closed now.";
    case "SERVICE_UNAVAILABLE":
      return zh ? "这家门店暂不支持线上下单。" : "This store doesn't take online orders.";
    case "PROMISE_BROKEN":
      return zh ? "附近的门店都无法在承诺时间内送达，可以改为到店自取。" : "No store near you can deliver within its promised time; you can pick up instead.";
    case "NO_STORE_NEARBY":
    case "OUT_OF_RADIUS":
      return zh ? "附近没有能接这单的门店。" : "No store nearby can take this order.";
    case "ORDER_NOT_PAYABLE":
      return zh ? "这笔订单现在不能支付（可能已取消或过期），请重新结算。" : "This order can't be paid now (cancelled or expired); please check out again.";
    default:
      return errorText(e.code, lang);
  }
}

/** HTTP status for a failure code: 404 for anything not found (or not yours), 409 for state and stock, else 400. */
export function statusFor(e: AppError): number {
  if (e.code === "NOT_FOUND" || e.code === "COUPON_NOT_FOUND") return 404;
  if (["OUT_OF_STOCK", "ALL_CLOSED", "ORDER_NOT_PAYABLE", "ORDER_EXPIRED", "ALREADY_PAID", "CONFLICT", "INVALID_TRANSITION", "COUPON_LIMIT_REACHED", "COUPON_MEMBER_LIMIT", "COUPON_ALREADY_REDEEMED"].includes(e.code)) return 409;
  return 400;
}
