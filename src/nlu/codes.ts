// Coupon codes and order ids. Both are read back from the original text so the user's casing survives
// where it matters (order ids); coupon codes are reported in the catalog's spelling, or uppercased.
import type { Span } from "./text.ts";

export interface CodeMatch extends Span {
  value: string;
}

const ORDER_CUE =
  /(?:订单号|订单编号|单号|订单(?:状态|进度|详情)?|(?<![a-z])(?:order|oder|ordr)(?:\s*(?:id|no\.?|number|#))?|(?<![a-z])id|(?<![a-z0-9&])#)\s*[:：#]?\s*(?:是|为|is\s+)?\s*([a-z0-9][a-z0-9_-]{3,39})(?![a-z0-9_-])/g;

/**
 * An order id: a token after 订单/order/# that looks like an id, i.e. has a digit and either a letter
 * or at least six digits ("order 2 lattes" and "order 1000 cups" are not ids).
 */
export function findOrderId(lower: string, orig: string, couponCodes: Set<string>): CodeMatch | null {
  ORDER_CUE.lastIndex = 0;
  for (let m = ORDER_CUE.exec(lower); m; m = ORDER_CUE.exec(lower)) {
    const token = m[1];
    if (!/\d/.test(token)) continue;
    // after a cue that can only introduce an id (订单号, order no., #) four digits are enough
    const idCue = /单号|编号|(?:id|no\.?|number|#)\s*[:：#]?\s*(?:是|为|is\s+)?\s*[a-z0-9_-]+$/.test(m[0]);
    if (!/[a-z]/.test(token) && token.length < (idCue ? 4 : 5)) continue;
    if (couponCodes.has(token.toUpperCase())) continue;
    const start = m.index + m[0].length - token.length;
    return { start, end: start + token.length, value: orig.slice(start, start + token.length) };
  }
  // "order status pls 1127394": a long number in a message about an order
  // (or a prefixed id, "ord_77ab1", in a message about an order or cancelling one)
  if (/订单|单号|下的单|[这那]单|单子|取消|(?<![a-z])(?:order|cancel)/.test(lower)) {
    const loose = /(?<![a-z0-9.#:-])((?:[a-z]{1,4}-?)?\d{6,20}(?:-\d{2,8})?|[a-z]{1,5}[_-](?=[a-z0-9]*\d)[a-z0-9]{4,20})(?![a-z0-9.:_-])/.exec(lower);
    if (loose && !/^1\d{10}$/.test(loose[1]) && !couponCodes.has(loose[1].toUpperCase())) {
      return { start: loose.index, end: loose.index + loose[1].length, value: orig.slice(loose.index, loose.index + loose[1].length) };
    }
  }
  return null;
}

const TOKEN = /(?<![a-z0-9_-])[a-z0-9]+(?:[-_][a-z0-9]+)*(?![a-z0-9_-])/g;
const COUPON_CUE =
  /(?:优惠券|优惠码|兑换码|券码|折扣码|代金券|券|领取|领|兑换|用|使用|(?<![a-z])(?:coupons?|vouchers?|promo(?:\s*code)?|code|claim|redeem|apply|use)(?![a-z]))\s*(?:code)?\s*[:：]?\s*(?:是|为)?\s*([a-z0-9][a-z0-9_-]{2,19})(?![a-z0-9_-])/g;

/**
 * A coupon code: any token that is a catalog code (case-insensitive), else a code-looking token
 * after a coupon cue (券, coupon, code, 领取...): letters and digits, or 4+ capital letters as typed.
 * `known` maps UPPERCASE codes to their catalog spelling.
 */
export function findCouponCode(lower: string, orig: string, known: Map<string, string>, exclude: Span | null): CodeMatch | null {
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(lower); m; m = TOKEN.exec(lower)) {
    const hit = known.get(m[0].toUpperCase());
    if (hit) return { start: m.index, end: m.index + m[0].length, value: hit };
  }
  COUPON_CUE.lastIndex = 0;
  for (let m = COUPON_CUE.exec(lower); m; m = COUPON_CUE.exec(lower)) {
    const token = m[1];
    const start = m.index + m[0].length - token.length;
    if (exclude && start < exclude.end && exclude.start < start + token.length) continue;
    const typed = orig.slice(start, start + token.length);
    const mixed = /\d/.test(token) && /[a-z]/.test(token) && !/^\d+(ml|m|km|cm|kg|g|l|码|号)$/.test(token);
    const shouty = /^[A-Z]{4,}$/.test(typed);
    if (mixed || shouty) return { start, end: start + token.length, value: typed.toUpperCase() };
  }
  return null;
}
