// Paying at the till in chat: a scanned bill QR (start payload "bill-<id>") shows the bill with the member's best
// coupon applied, a pay button and "don't use the coupon"; paying is one tap with password-free pay (免密支付),
// otherwise a sandbox payment link (the second tap). A store's static QR (start payload "store-<id>") asks for the
// amount instead. Password-free pay is switched on (with a confirmation) and off by fixed phrases, before the NLU.
import { openBill, payBill, createBill, type BillView } from "../app/till/bills.ts";
import { authorizeOrder } from "../app/ordering/order-hold.ts";
import { disableOneTap, enableOneTap, oneTapSettings } from "../app/till/one-tap-pay.ts";
import { billIdFromPayload, parseTillAmount } from "../domain/till/bill.ts";
import { linkToken } from "../payments/signing.ts";
import { endOrder, leaveStep } from "../app/conversation-state.ts";
import { billCouponCode } from "../app/chat-lookups.ts";
import { tapId } from "../domain/chat/taps.ts";
import { errorText, money } from "./messages.ts";
import { errorReply, type Button, type Lang, type Reply } from "./replies.ts";
import type { Turn } from "./turn.ts";

export const ONE_TAP_ON_WORDS = /^(开通免密支付|开启免密支付|打开免密支付|enable one[- ]tap pay(ment)?|turn on one[- ]tap pay(ment)?)[。.!！]?$/i;
export const ONE_TAP_OFF_WORDS = /^(关闭免密支付|取消免密支付|disable one[- ]tap pay(ment)?|turn off one[- ]tap pay(ment)?)[。.!！]?$/i;

const T = {
  BILL_EXPIRED: { zh: "这张账单已过期，请让店员重新出示二维码。", en: "This bill has expired; ask the staff for a new QR code." },
  BILL_TAKEN: { zh: "这张账单正在由另一位顾客支付，请让店员为你另开一张。", en: "Another customer is paying this bill; ask the staff for a new one." },
  BILL_VOID: { zh: "门店已取消这张账单。", en: "The store cancelled this bill." },
  BILL_PAID_MINE: { zh: "这张账单你已经付过了，不会重复扣款。", en: "You already paid this bill; you won't be charged twice." },
  BILL_PAID: { zh: "这张账单已经付过了。", en: "This bill is already paid." },
  NOT_FOUND: { zh: "没有找到这张账单，请重新扫码。", en: "That bill wasn't found; please scan again." },
} as const;

function billError(turn: Turn, e: { code: string; mine?: unknown }): Reply {
  const key = e.code === "BILL_PAID" && e.mine ? "BILL_PAID_MINE" : e.code;
  const t = (T as Record<string, { zh: string; en: string }>)[key];
  return errorReply(t ? t[turn.lang] : errorText(e.code, turn.lang), e.code);
}

function billReply(turn: Turn, b: BillView, text: string, buttons: Button[]): Reply {
  return {
    type: "bill", text, buttons, billId: b.billId, storeId: b.storeId, subtotalCents: b.subtotalCents, discountCents: b.discountCents,
    totalCents: b.totalCents, currency: b.currency, couponCode: b.couponCode, status: b.status,
  };
}

/** The bill as the member sees it after the scan: amount, coupon, total, and the buttons. */
async function showOpenBill(turn: Turn, b: BillView, usingCoupon: boolean): Promise<Reply[]> {
  const zh = turn.lang === "zh";
  const m = (c: number) => money(c, b.currency, turn.lang);
  const lines = [zh ? `🧾 ${b.storeName} 账单` : `🧾 Bill at ${b.storeName}`, `${zh ? "金额" : "Amount"} ${m(b.subtotalCents)}`];
  if (b.couponCode) lines.push(`${zh ? "优惠券" : "Coupon"} ${b.couponTitle ?? b.couponCode}  -${m(b.discountCents)}`);
  lines.push(`${zh ? "应付" : "To pay"} ${m(b.totalCents)}`);
  const oneTap = await oneTapSettings(turn.deps.db, turn.memberId);
  const quick = oneTap.enabled && b.totalCents <= oneTap.limitCents;
  const buttons: Button[] = [{ id: tapId("bill_pay", { billId: b.billId, useCoupon: usingCoupon }), label: `${quick ? (zh ? "免密支付" : "One-tap pay") : zh ? "支付" : "Pay"} ${m(b.totalCents)}` }];
  if (b.couponCode) buttons.push({ id: tapId("bill_nocoupon", { billId: b.billId }), label: zh ? "不使用优惠券" : "Don't use the coupon" });
  else if (!usingCoupon) buttons.push({ id: tapId("bill_open", { billId: b.billId }), label: zh ? "使用优惠券" : "Use my coupon" });
  return [billReply(turn, b, lines.join("\n"), buttons)];
}

/** {"start": "bill-…"}: the member scanned a bill's QR. null when the payload is not a bill. */
export async function startBill(turn: Turn, payload: string | null): Promise<Reply[] | null> {
  const billId = payload ? billIdFromPayload(payload) : null;
  if (!billId) return null;
  return showBill(turn, billId, true);
}

/** The bill with the member's best coupon (useCoupon) or without: after the scan, and the bill_open / bill_nocoupon taps. */
export async function showBill(turn: Turn, billId: string, useCoupon: boolean): Promise<Reply[]> {
  if (!billId) return [billError(turn, { code: "NOT_FOUND" })];
  const r = await openBill(turn.deps.db, { billId, memberId: turn.memberId, useCoupon, at: turn.now });
  if (!r.ok) return [billError(turn, r.error)];
  leaveStep(turn.state, "till_amount");
  return showOpenBill(turn, r.value, useCoupon);
}

/** The words after a store's static QR: it opens an amount entry (the member types what the till shows). */
export function storeQrPrompt(turn: Turn, storeId: string, storeName: string): Reply {
  turn.state.step = { at: "till_amount", storeId };
  const zh = turn.lang === "zh";
  return { type: "choice", text: zh ? `在 ${storeName} 付款？请输入金额（例如 399）。` : `Paying at ${storeName}? Type the amount (e.g. 399).`, buttons: [{ id: tapId("cancel", { orderId: null }), label: zh ? "取消" : "Cancel" }] };
}

function paidText(turn: Turn, b: BillView): string {
  const zh = turn.lang === "zh";
  const total = money(b.totalCents, b.currency, turn.lang);
  const coupon = b.couponCode ? (zh ? `，优惠券 ${b.couponCode} 已核销（-${money(b.discountCents, b.currency, turn.lang)}）` : `; coupon ${b.couponCode} redeemed (-${money(b.discountCents, b.currency, turn.lang)})`) : "";
  return zh ? `✅ 已支付 ${total}${coupon}。谢谢光临 ${b.storeName}！` : `✅ Paid ${total}${coupon}. Thank you for visiting ${b.storeName}!`;
}

/** A sandbox payment link for a bill: the provider's page, where the second tap pays. */
function billLink(turn: Turn, b: BillView): Reply {
  const url = `${turn.deps.signer.publicUrl}/pay/bill/${b.billId}?token=${linkToken(turn.deps.signer.secret, b.billId, b.expiresAt.getTime())}`;
  const mins = Math.max(1, Math.round((b.expiresAt.getTime() - turn.now.getTime()) / 60_000));
  return {
    type: "payment_link", text: `${turn.m.linkText(money(b.totalCents, b.currency, turn.lang), mins)} ${url}`, buttons: [{ id: `url:${url}`, label: turn.m.payLabel }],
    orderId: b.billId, url, totalCents: b.totalCents, currency: b.currency, expiresAt: b.expiresAt.toISOString(),
  };
}

/** Pay tap: one tap with password-free pay under its limit and cap; otherwise the sandbox link (fallback with a word why). */
export async function payBillTap(turn: Turn, billId: string, useCoupon: boolean): Promise<Reply[]> {
  if (!billId) return [billError(turn, { code: "NOT_FOUND" })];
  const zh = turn.lang === "zh";
  const oneTap = await oneTapSettings(turn.deps.db, turn.memberId);
  let note: string | null = null;
  if (oneTap.enabled) {
    const r = await payBill(turn.deps.db, { billId, memberId: turn.memberId, useCoupon, via: "one_tap", at: turn.now });
    if (r.ok) return [billReply(turn, r.value, paidText(turn, r.value), [])];
    if (r.error.code === "ONE_TAP_LIMIT") note = zh ? `超过免密支付单笔限额（${money(oneTap.limitCents, "CNY", "zh")}），请确认支付：` : `Above your one-tap limit (${money(oneTap.limitCents, "CNY", "en")}); please confirm the payment:`;
    else if (r.error.code === "ONE_TAP_DAILY_CAP") note = zh ? `已达今日免密支付额度（${money(oneTap.dailyCapCents, "CNY", "zh")}），请确认支付：` : `Today's one-tap cap (${money(oneTap.dailyCapCents, "CNY", "en")}) is reached; please confirm the payment:`;
    else if (r.error.code !== "ONE_TAP_OFF") return [billError(turn, r.error)];
  }
  // fix the choice (with or without the coupon) on the bill, then the provider's page takes the payment
  const opened = await openBill(turn.deps.db, { billId, memberId: turn.memberId, useCoupon, at: turn.now });
  if (!opened.ok) return [billError(turn, opened.error)];
  return [...(note ? [{ type: "text" as const, text: note }] : []), billLink(turn, opened.value)];
}

/** {"pay": {"orderId": BILL_ID}}: the member pays a bill on the sandbox page. null when the id is not a bill. */
export async function payBillInSandbox(turn: Turn, id: string): Promise<Reply[] | null> {
  const bill = await billCouponCode(turn.deps.db, id);
  if (!bill) return null;
  const r = await payBill(turn.deps.db, { billId: id, memberId: turn.memberId, useCoupon: bill.couponCode !== null, via: "sandbox", at: turn.now });
  if (!r.ok) return [billError(turn, r.error)];
  return [billReply(turn, r.value, paidText(turn, r.value), [])];
}

/** The one_tap_on tap: the member confirmed switching password-free pay on. */
export async function confirmOneTap(turn: Turn): Promise<Reply[]> {
  const r = await enableOneTap(turn.deps.db, { memberId: turn.memberId, at: turn.now });
  if (!r.ok) return [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
  const zh = turn.lang === "zh";
  const [limit, cap] = [money(r.value.limitCents, "CNY", turn.lang), money(r.value.dailyCapCents, "CNY", turn.lang)];
  return [{ type: "text", text: zh ? `免密支付已开通：单笔 ${limit} 以内、每天 ${cap} 以内一键支付，外送订单在送达时扣款。说"关闭免密支付"即可关闭。` : `One-tap pay is on: up to ${limit} a payment and ${cap} a day in one tap; delivery orders are charged when the courier arrives. Say "disable one-tap pay" to turn it off.` }];
}

/** Text this flow answers before the NLU: the password-free phrases, and an amount after a store's static QR. */
export async function tillText(turn: Turn, text: string): Promise<Reply[] | null> {
  const zh = turn.lang === "zh";
  if (ONE_TAP_ON_WORDS.test(text)) {
    const s = await oneTapSettings(turn.deps.db, turn.memberId);
    const [limit, cap] = [money(s.limitCents, "CNY", turn.lang), money(s.dailyCapCents, "CNY", turn.lang)];
    return [{
      type: "choice",
      text: zh ? `开通免密支付后，单笔 ${limit} 以内、每天累计 ${cap} 以内无需确认即可支付；外送订单先冻结金额，送达时扣款。随时可以说"关闭免密支付"。确认开通？` : `With one-tap pay, payments up to ${limit} each and ${cap} a day go through without a confirmation; delivery orders are held and charged on arrival. Say "disable one-tap pay" at any time. Turn it on?`,
      buttons: [{ id: tapId("one_tap_on", {}), label: zh ? "确认开通" : "Turn it on" }, { id: tapId("cancel", { orderId: null }), label: turn.m.cancelLabel }],
    }];
  }
  if (ONE_TAP_OFF_WORDS.test(text)) {
    const r = await disableOneTap(turn.deps.db, { memberId: turn.memberId, at: turn.now });
    const was = r.ok && r.value.wasEnabled;
    return [{ type: "text", text: zh ? (was ? "免密支付已关闭，之后每笔付款都会先请你确认。" : "你没有开通免密支付。") : was ? "One-tap pay is off; every payment will ask you to confirm." : "One-tap pay wasn't on." }];
  }
  const step = turn.state.step;
  if (step.at === "till_amount") {
    const storeId = step.storeId;
    const cents = parseTillAmount(text);
    if (cents === null) return null;
    const r = await createBill(turn.deps.db, { storeId, amountCents: cents, createdBy: `member:${turn.memberId}`, at: turn.now });
    if (!r.ok) return [errorReply(zh ? "这个金额不对，请输入例如 399 或 39.90。" : "That amount doesn't work; type e.g. 399 or 39.90.", r.error.code)];
    return showBill(turn, r.value.billId, true);
  }
  return null;
}

/**
 * Confirming a delivery quote with password-free pay on: the total is held (order status authorized) and charged
 * when the courier arrives. null when it does not apply (not opted in, above the limit or cap, not a delivery):
 * the caller confirms as usual with a payment link.
 */
export async function confirmWithHold(turn: Turn, orderId: string | undefined): Promise<Reply[] | null> {
  const id = orderId ?? turn.state.quoteOrderId;
  if (!id || !(await oneTapSettings(turn.deps.db, turn.memberId)).enabled) return null;
  const r = await authorizeOrder(turn.deps.db, { memberId: turn.memberId, orderId: id, at: turn.now });
  if (!r.ok) return null;
  // the quote's id stays: "取消" right after still finds this order (cancelling voids the hold)
  endOrder(turn.state, { keepQuote: true });
  const zh = turn.lang === "zh";
  const total = money(r.value.totalCents, r.value.currency, turn.lang);
  return [
    ...(r.value.couponDropped ? [{ type: "text" as const, text: turn.m.couponDropped }] : []),
    { type: "order", orderId: r.value.orderId, status: "authorized", storeId: r.value.storeId, text: zh ? `免密支付：已冻结 ${total}，门店开始准备；骑手送到你身边时自动扣款，位置授权随即删除。` : `One-tap pay: ${total} is held and the store is on it; you're charged when the courier reaches you, and your location is deleted then.` },
  ];
}

export type { Lang };
