// Coupon codes and order ids. Both are read back from the original text so the user's casing survives
// where it matters (order ids); coupon codes are reported in the catalog's spelling, or uppercased.
import { MEASURE_WORDS, parseChineseInt } from "./numbers.ts";
import type { Span } from "./text.ts";

export interface CodeMatch extends Span {
  value: string;
}

const ORDER_CUE =
  /(?:订单号|订单编号|单号|订单(?:状态|进度|详情)?|退单|撤单|(?<![a-z])(?:order|oder|ordr)(?:\s*(?:id|no\.?|number|#))?|(?<![a-z])id|(?<![a-z0-9&])#)\s*[:：#]?\s*(?:是|为|is\s+)?\s*([a-z0-9][a-z0-9_-]{3,39})(?![a-z0-9_-])/g;

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
  // "55102这单发货没", "88213号订单": a number that this or that order is named by
  const named = /(?<![a-z0-9.#:-])([a-z]{0,4}\d{4,20})\s*(?:(?:这|那|的)(?:个)?(?:单|订单)|号\s*(?:订单|单子))/.exec(lower);
  if (named && !couponCodes.has(named[1].toUpperCase())) return { start: named.index, end: named.index + named[1].length, value: orig.slice(named.index, named.index + named[1].length) };
  // "order status pls 1127394": a long number in a message about an order
  // (or a prefixed id, "ord_77ab1", in a message about an order or cancelling one)
  // (a few letters and six digits or more look like an order id whatever the message says: "二胡换皮修好了吗 QJ1121007")
  const prefixed = /(?<![a-z0-9.#:_-])([a-z]{2,4}-?\d{6,20})(?![a-z0-9.:_-])/.exec(lower);
  if (prefixed && !couponCodes.has(prefixed[1].toUpperCase())) return { start: prefixed.index, end: prefixed.index + prefixed[1].length, value: orig.slice(prefixed.index, prefixed.index + prefixed[1].length) };
  if (/订单|单号|下的单|[这那的]单|单子|取消|快递|物流|包裹|(?<![a-z])(?:order|cancel|parcel|tracking)/.test(lower)) {
    const loose = /(?<![a-z0-9.#:-])((?:[a-z]{1,4}-?)?\d{6,20}(?:-\d{2,8})?|[a-z]{1,5}[_-](?=[a-z0-9]*\d)[a-z0-9]{4,20})(?![a-z0-9.:_-])/.exec(lower);
    if (loose && !/^1\d{10}$/.test(loose[1]) && !couponCodes.has(loose[1].toUpperCase())) {
      return { start: loose.index, end: loose.index + loose[1].length, value: orig.slice(loose.index, loose.index + loose[1].length) };
    }
  }
  // "cancel my booking 66120", "order status for 77342 pls", "取消 88120": four or five digits alone in a message that asks
  // after an order or cancels one (no amount: not "取消 2000元", nor the 1000 of "order 1000 cards")
  if (STATUS_OR_CANCEL.test(lower)) {
    const short = SHORT_ID.exec(lower);
    if (short && !couponCodes.has(short[1].toUpperCase())) return { start: short.index, end: short.index + short[1].length, value: orig.slice(short.index, short.index + short[1].length) };
  }
  return null;
}

const STATUS_OR_CANCEL = /取消|退掉|退单|不要了|到哪|发货|配送单|物流|快递|进度|状态|(?<![a-z])(?:cancel|status|shipped|tracking|where(?:'s| is)|arrived?)(?![a-z])/;
const SHORT_ID = new RegExp(`(?<![a-z0-9.#:_¥$￥-])(\\d{4,5})(?![\\d.a-z%_-])(?![\u4e00-\u9fff])(?!\\s*(?:[${MEASURE_WORDS}元块号年月日点分秒位人]|(?:pcs|pieces?|cups?|boxes|units?|yuan|rmb|kg|g|ml|cm|mm|km|m)(?![a-z])))`);

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

// ---- a coupon named by its title ("那个满300减50的券", "新人首单8折怎么领", "85折的券 岭风的") ----

/** a coupon's discount as said in a message, to be read as no count: 满30减5, 立减50, 减20元, 8折, 8.5折 */
export const DISCOUNT_SAID = /满\s*\d+\s*(?:元)?\s*减\s*\d+(?:元)?|(?:立减|立省|减)\s*\d+(?:元)?|\d+(?:\.\d)?\s*折/g;

/** A coupon's discount as people write it: 满300减50, 立减100, 8折 / 八折 / 85折 / 8.5折, 半价, "20% off". */
function discounts(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/满\s*(\d+)\s*(?:元)?\s*减\s*(\d+)/g)) out.push(`满${m[1]}减${m[2]}`, `减${m[2]}`);
  // (in Chinese numerals, 满一万减八百, or in English, "the 200 minus 30 coupon", "spend 300 save 50")
  for (const m of text.matchAll(ZH_SPEND_SAVE)) {
    const [spend, save] = [parseChineseInt(m[1]), parseChineseInt(m[2])];
    if (spend && save) out.push(`满${spend}减${save}`, `减${save}`);
  }
  for (const m of text.matchAll(/(?<![\d.])(\d+)\s*(?:minus|less)\s*(\d+)(?![\d%])|spend\s*(\d+)\s*(?:get|save|and save)\s*(\d+)/g)) {
    const [spend, save] = m[1] ? [m[1], m[2]] : [m[3], m[4]];
    out.push(`满${spend}减${save}`, `减${save}`);
  }
  for (const m of text.matchAll(/(?<![\d.%])(\d+)\s*(?:yuan\s*|rmb\s*)?off(?![a-z])/g)) out.push(`减${m[1]}`);
  for (const m of text.matchAll(/(?<!满\s*\d*\s*)(?:立减|立省|减|省)\s*(\d+)/g)) out.push(`减${m[1]}`);
  for (const m of text.matchAll(/(\d+(?:\.\d)?|[一二三四五六七八九]{1,2})\s*折/g)) {
    const n = /\d/.test(m[1]) ? Number(m[1]) : Number([...m[1]].map((c) => "一二三四五六七八九".indexOf(c) + 1).join(""));
    // 85折 is 8.5折
    out.push(`${n >= 10 ? n / 10 : n}折`);
  }
  for (const m of text.matchAll(/(\d{1,2})\s*%\s*off/g)) out.push(`${(100 - Number(m[1])) / 10}折`);
  if (/半价|half price/.test(text)) out.push("5折");
  return out;
}

const ZH_SPEND_SAVE = /满\s*([一二两三四五六七八九十百千万]+)\s*(?:元|块)?\s*减\s*([一二两三四五六七八九十百千万]+)/g;

/** using or claiming something: a coupon's own words said whole with it name it ("老带新礼用一下", "新人礼在哪领") */
const USE_OR_CLAIM = /用|领|抢|兑|(?<![a-z])(?:use|using|claim|redeem|apply)(?![a-z])/;
/** What makes a message about coupons, so that a title's words count */
const COUPON_TALK = /券|折|减|优惠|活动|红包|半价|(?<![a-z])(?:coupons?|vouchers?|discounts?|promo|deals?|off|half price)(?![a-z])/;

export interface CouponTitle {
  code: string;
  title: string;
}

/** A coupon's title read once: its discounts and the two-character pieces of its own words. */
export interface CouponSignature {
  code: string;
  /** the title as written, lower case */
  title: string;
  discounts: string[];
  pieces: string[];
  /** the title's own words of three characters or more, none of them a name (老带新礼, the 新人礼 of "新人礼 首单立减10元";
   * not the 生日蛋糕 of "生日蛋糕满300减30"): said whole, they name it without a word for coupons */
  whole: string[];
}

/** `names` are words that are not a coupon's own (brand names): they are left out of its pieces; neither they nor
 * `catalogWords` (the catalog's product names, tags and sizes, store names, role words) are its own words said whole. */
export function couponSignatures(coupons: CouponTitle[], names: string[] = [], catalogWords: string[] = []): CouponSignature[] {
  const notOwn = [...names, ...catalogWords].filter((n) => n.length >= 2);
  const own = (w: string) => w !== "优惠券" && !notOwn.some((n) => n.includes(w) || w.includes(n));
  return coupons.map((c) => {
    let title = c.title.normalize("NFKC").toLowerCase();
    const titleDiscounts = discounts(title);
    for (const n of names) if (n.length >= 2) title = title.split(n).join(" ");
    title = title.replace(/满\s*\d+\s*(?:元)?\s*减\s*\d+|(?:立减|立省|减|省)\s*\d+\s*元?|\d+(?:\.\d)?\s*折|[\d\s]+/g, " ");
    const pieces = new Set<string>();
    for (const run of title.match(/[\u4e00-\u9fff]{2,}/g) ?? []) for (let i = 0; i + 2 <= run.length; i++) pieces.add(run.slice(i, i + 2));
    pieces.delete("优惠");
    return { code: c.code, title: c.title.normalize("NFKC").toLowerCase(), discounts: titleDiscounts, pieces: [...pieces], whole: (title.match(/[\u4e00-\u9fff]{3,}/g) ?? []).filter(own) };
  });
}

/** a pause that ends the words a coupon is named by: punctuation or a space */
const COUPON_NAME_END = /[\s,，。;；!！?？、]/;
/** where a discount starts in a coupon's name: 满1000减100, 立减50, 8折, 八五折 */
const DISCOUNT_START = /满\s*\d|(?:立减|立省|减)\s*\d|(?:\d+(?:\.\d)?|[一二三四五六七八九]{1,2})\s*折/;

/**
 * Whether the product named at `at` in `lower` is a coupon's name rather than what is ordered: the words from it to a
 * discount, said before the next pause, are in the title of a catalog coupon that gives that discount ("雪镜头盔9折用这个"
 * of the coupon 雪镜头盔9折, "轮椅满1000减100能用吧", "用沙发套7折"). Not "钢琴课的8折券", whose 的 no title has.
 */
export function namesCoupon(lower: string, at: number, titles: { title: string; discounts: string[] }[]): boolean {
  const rest = lower.slice(at, at + 24);
  const stretch = rest.slice(0, rest.search(COUPON_NAME_END) >>> 0);
  const d = DISCOUNT_START.exec(stretch);
  if (!d || d.index === 0) return false;
  const words = stretch.slice(0, d.index);
  const offered = discounts(stretch.slice(d.index));
  return offered.length > 0 && titles.some((t) => t.title.includes(words) && t.discounts.some((x) => offered.includes(x)));
}

/**
 * The coupon a message names by its title: its discount said (满300减50, 8折), or at least three of the title's
 * two-character pieces (新人首单 of "新人首单8折"), in a message about coupons (or its own words said whole, to use or claim it: "老带新礼用一下").
 * Null unless exactly one coupon fits best.
 */
export function couponByTitle(lower: string, coupons: CouponSignature[]): string | null {
  if (!coupons.length) return null;
  // (without a word for coupons, only a coupon whose own words are said whole, to use or claim it, is looked at)
  const talk = COUPON_TALK.test(lower);
  if (!talk && !(USE_OR_CLAIM.test(lower) && coupons.some((c) => c.whole.some((w) => lower.includes(w))))) return null;
  const said = new Set(discounts(lower));
  let best: { code: string; score: number } | null = null;
  let tie = false;
  for (const c of coupons) {
    const whole = c.whole.some((w) => lower.includes(w));
    if (!talk && !whole) continue;
    // (a spend-and-save said whole beats a saving alone: 满300减50 is the coupon of 满300减50, not one of 立减50)
    let score = c.discounts.some((d) => d.startsWith("满") && said.has(d)) ? 11 : c.discounts.some((d) => said.has(d)) ? 10 : 0;
    let words = 0;
    for (const p of c.pieces) if (lower.includes(p)) words++;
    if (words >= 3 || (score && words) || whole) score += Math.max(words, 3);
    if (score < 3) continue;
    if (!best || score > best.score) {
      best = { code: c.code, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  return best && !tie ? best.code : null;
}
