// The member's identity in chat: their phone (shared as a contact: Telegram's request_contact button) and a
// merchant's member card ("绑定会员卡 12345678"), so the online wallet, the till and the card are one member
// (src/app/crm/bind-identity.ts merges records that turn out to be the same person).
// A contact proves a phone only when it is the sender's own: Telegram puts the owner's user_id on a shared contact,
// and a contact forwarded from someone else (another user_id, or none) is refused.
import { bindMemberCode, bindPhone, type BindResult } from "../app/crm/bind-identity.ts";
import { memberAccount } from "../app/chat-lookups.ts";
import { tapId } from "../domain/chat/taps.ts";
import { errorText } from "./messages.ts";
import { errorReply, type Reply } from "./replies.ts";
import type { Turn } from "./turn.ts";

const CARD = /^(?:绑定会员卡|绑定会员|会员卡绑定|绑卡|关联会员卡|(?:link|bind|add)\s+(?:my\s+)?(?:member(?:ship)?\s+)?card)\s*(?:号|号码|number|no\.?)?\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9-]{3,31})?[。.!！]?$/i;
const PHONE = /^(?:绑定手机号?|绑定电话|绑手机|关联手机号?|(?:bind|link|add|share)\s+(?:my\s+)?(?:phone|mobile)(?:\s+number)?)[。.!！]?$/i;
const ACCOUNT = /^(?:我的账户|我的会员|会员信息|账户|my account|account|membership)[。.!！?？]?$/i;

const mask = (phone: string) => (phone.length > 7 ? `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}` : phone);

/** A binding or account command typed in chat, handled before the NLU; null when the text is something else. */
export async function identityCommand(turn: Turn, text: string): Promise<Reply[] | null> {
  const card = CARD.exec(text);
  if (card) return card[1] ? bindCard(turn, card[1]) : [{ type: "text", text: turn.lang === "zh" ? "请发送「绑定会员卡 卡号」，例如：绑定会员卡 12345678" : 'Send "link member card" and the number, e.g. link member card 12345678' }];
  if (PHONE.test(text)) return askPhone(turn);
  if (ACCOUNT.test(text)) return account(turn);
  return null;
}

/** Asks for the member's phone with the channel's share-contact button (Telegram: request_contact). */
export function askPhone(turn: Turn): Reply[] {
  const zh = turn.lang === "zh";
  return [{
    type: "choice", request: "contact",
    text: zh ? "点下面的按钮发送你的手机号，门店会员卡、线下消费和线上券包就合在一起了。" : "Tap the button below to share your phone number: your store card, in-store purchases and online wallet become one.",
    buttons: [{ id: tapId("cancel", { orderId: null }), label: turn.m.cancelLabel }],
  }];
}

/** The member's account: phone and card bound or not, with the buttons to bind them. */
export async function account(turn: Turn): Promise<Reply[]> {
  const zh = turn.lang === "zh";
  const me = await memberAccount(turn.deps.db, turn.memberId);
  const phone = me?.phone ? mask(me.phone) : zh ? "未绑定" : "not linked";
  const card = me?.memberCode ?? (zh ? "未绑定（发送「绑定会员卡 卡号」）" : 'not linked (send "link member card NUMBER")');
  return [{
    type: "text",
    text: zh ? `我的账户\n手机：${phone}\n会员卡：${card}` : `My account\nPhone: ${phone}\nMember card: ${card}`,
    buttons: [...(me?.phone ? [] : [{ id: tapId("bind_phone", {}), label: zh ? "📱 绑定手机" : "📱 Link my phone" }]), { id: tapId("coupons", {}), label: zh ? "我的优惠券" : "My coupons" }, { id: tapId("orders", {}), label: zh ? "我的订单" : "My orders" }],
  }];
}

function mergedNote(turn: Turn, r: BindResult): string {
  if (!r.merged) return "";
  const { orders, coupons } = r.merged;
  return turn.lang === "zh" ? `\n已合并你之前的会员记录（${orders} 笔订单，${coupons} 张优惠券）。` : `\nYour earlier member record was merged in (${orders} order(s), ${coupons} coupon(s)).`;
}

/** {"contact": {"phone", "userId"?}}: the member shared a phone number. */
export async function onContact(turn: Turn, contact: { phone: string; userId?: string | null }): Promise<Reply[]> {
  const zh = turn.lang === "zh";
  const me = turn.identity;
  // only the sender's own contact proves the phone; on Telegram the contact must carry the sender's user_id
  const ownerOk = contact.userId ? !me || contact.userId === me.externalId : me?.channel !== "telegram";
  if (!ownerOk) {
    return [errorReply(zh ? "只能绑定你自己的手机号：请点「发送手机号」按钮，不要转发别人的名片。" : "Only your own number can be linked: tap the share-phone button rather than forwarding someone else's contact.", "NOT_ALLOWED")];
  }
  const r = await bindPhone(turn.deps.db, { memberId: turn.memberId, phone: contact.phone, at: turn.now });
  if (!r.ok) return [errorReply(r.error.code === "INVALID_INPUT" ? (zh ? "这不是有效的手机号。" : "That is not a valid phone number.") : errorText(r.error.code, turn.lang), r.error.code)];
  const v = r.value;
  const text = v.alreadyBound ? (zh ? `手机 ${mask(v.phone!)} 已经绑定在你的账户上了。` : `${mask(v.phone!)} is already linked to your account.`) : (zh ? `已绑定手机 ${mask(v.phone!)}，门店和线上的会员权益通用。` : `Linked ${mask(v.phone!)}: your membership now works in store and online.`);
  return [{ type: "text", text: text + mergedNote(turn, v), buttons: [{ id: tapId("coupons", {}), label: zh ? "我的优惠券" : "My coupons" }] }];
}

async function bindCard(turn: Turn, code: string): Promise<Reply[]> {
  const zh = turn.lang === "zh";
  const r = await bindMemberCode(turn.deps.db, { memberId: turn.memberId, code, at: turn.now });
  if (!r.ok) {
    const reason = r.error.reason;
    const t =
      r.error.code === "INVALID_INPUT" ? (zh ? "会员卡号格式不对，请检查后再发一次。" : "That doesn't look like a member card number; please check it.")
      : reason === "CARD_TAKEN" ? (zh ? "这张会员卡已绑定在另一个账户上，请到门店核实身份后办理。" : "This card is linked to another account; please ask the store to verify it.")
      : reason === "HAS_CARD" ? (zh ? `你的账户已绑定会员卡 ${String(r.error.memberCode)}。` : `Your account already has card ${String(r.error.memberCode)}.`)
      : errorText(r.error.code, turn.lang);
    return [errorReply(t, r.error.code)];
  }
  const v = r.value;
  const text = v.alreadyBound ? (zh ? `会员卡 ${v.memberCode} 已经绑定在你的账户上了。` : `Card ${v.memberCode} is already linked to your account.`) : (zh ? `已绑定会员卡 ${v.memberCode}，到店出示卡号或手机号即可使用券包里的优惠券。` : `Linked member card ${v.memberCode}: show the card or your phone in store to use your wallet's coupons.`);
  return [{ type: "text", text: text + mergedNote(turn, v), buttons: [{ id: tapId("coupons", {}), label: zh ? "我的优惠券" : "My coupons" }] }];
}
