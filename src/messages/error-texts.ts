// Failure codes (domain/errors.ts) in friendly words, zh-CN and en: the chat, the Mini App API and the console all
// answer a failure with these, never with a stack trace.
import type { Lang } from "./lang.ts";

const ERRORS: Record<string, { zh: string; en: string }> = {
  NOT_FOUND: { zh: "没有找到，请检查后再试。", en: "Not found; please check and try again." },
  NOT_ALLOWED: { zh: "这个操作不被允许。", en: "That isn't allowed." },
  INVALID_INPUT: { zh: "这个请求有点问题，请换个说法。", en: "Something in that request doesn't work; please rephrase." },
  OUT_OF_STOCK: { zh: "抱歉，刚刚卖完了。", en: "Sorry, that just sold out." },
  PROMISE_BROKEN: { zh: "附近的门店都无法在承诺时间内送达，可以改为到店自取。", en: "No store near you can deliver within its promised time; you can pick up instead." },
  ORDER_EXPIRED: { zh: "这笔订单已过期，请重新下单。", en: "This order has expired; please order again." },
  ORDER_NOT_PAYABLE: { zh: "这笔订单现在不能支付。", en: "This order can't be paid now." },
  ALREADY_PAID: { zh: "这笔订单已经支付过了，不会重复扣款。", en: "This order is already paid; you won't be charged twice." },
  PAYMENT_MISMATCH: { zh: "支付金额与订单不符，未扣款。", en: "The payment amount doesn't match the order; nothing was charged." },
  COUPON_NOT_FOUND: { zh: "没有这张优惠券。", en: "There is no such coupon." },
  COUPON_EXPIRED: { zh: "这张券已过期。", en: "That coupon has expired." },
  COUPON_PAUSED: { zh: "这张券暂停领取了，请稍后再试。", en: "That coupon is paused for now; please try again later." },
  COUPON_NOT_YET_VALID: { zh: "这张券还没到使用时间。", en: "That coupon isn't valid yet." },
  COUPON_MIN_SPEND: { zh: "还没达到这张券的最低消费。", en: "The order doesn't reach the coupon's minimum spend." },
  COUPON_WRONG_STORE: { zh: "这张券不能在这家门店使用。", en: "That coupon can't be used at this store." },
  COUPON_WRONG_CHANNEL: { zh: "这张券不能在这里使用。", en: "That coupon can't be used here." },
  COUPON_WRONG_BRAND: { zh: "这张券不属于这个品牌。", en: "That coupon is for another brand." },
  COUPON_LIMIT_REACHED: { zh: "这张券已经被领完/用完了。", en: "That coupon has run out." },
  COUPON_MEMBER_LIMIT: { zh: "你已经用过这张券了。", en: "You've already used this coupon." },
  COUPON_ALREADY_REDEEMED: { zh: "这张券已经核销过了。", en: "That coupon was already redeemed." },
  COUPON_NOT_CLAIMED: { zh: "还没有领取这张券。", en: "That coupon hasn't been claimed." },
  INVALID_TRANSITION: { zh: "订单当前状态不能这样操作。", en: "The order can't do that in its current state." },
  SLOT_TAKEN: { zh: "这个时间已经被约了，请换一个。", en: "That slot was just taken; please pick another." },
  CONFLICT: { zh: "操作冲突，请再试一次。", en: "That clashed with another action; please try again." },
};

export function errorText(code: string, lang: Lang): string {
  return (ERRORS[code] ?? { zh: "出了点问题，请稍后再试。", en: "Something went wrong; please try again." })[lang];
}
