// Coupons, follows, orders, feedback, privacy: the member's own account in chat.
import { loadCatalogView } from "../app/catalog-view.ts";
import { claimCoupon, listWallet } from "../app/coupons/coupon-use-cases.ts";
import { recordFeedback } from "../app/chat-log.ts";
import { campaignCoupon, couponsOnOffer, recentOrders } from "../app/chat-lookups.ts";
import { followBrand, unfollowBrands } from "../app/crm/follows.ts";
import { forgetMember, unsubscribe } from "../app/privacy.ts";
import { createSignInLink } from "../app/sessions.ts";
import { recordTouch } from "../app/touches.ts";
import type { ConfirmedStatus } from "../domain/orders/order-state.ts";
import { tapId } from "../domain/chat/taps.ts";
import { leaveStep, newState } from "../app/conversation-state.ts";
import type { ParseResult } from "../nlu/intent.ts";
import { errorText, money } from "./messages.ts";
import { errorReply, type Reply } from "./replies.ts";
import type { Turn } from "./turn.ts";

function couponTitle(c: { title: string | null; code: string }) {
  return c.title ? `${c.title} (${c.code})` : c.code;
}

export async function claim(turn: Turn, code: string | null, source = "chat"): Promise<Reply[]> {
  const { db } = turn.deps;
  if (!code) {
    const available = await couponsOnOffer(db, turn.now, turn.scope);
    if (!available.length) return [{ type: "text", text: turn.m.noCoupons }];
    return [{ type: "choice", text: turn.m.whichCoupon, buttons: available.map((c) => ({ id: tapId("claim", { code: c.code, campaignId: null }), label: couponTitle(c) })) }];
  }
  const r = await claimCoupon(db, { memberId: turn.memberId, code, botBrandIds: turn.scope, source, campaignId: turn.state.campaignId ?? null, at: turn.now });
  if (!r.ok) return [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
  const { item, alreadyClaimed } = r.value;
  const t = couponTitle(item);
  return [{ type: "coupon", text: alreadyClaimed ? turn.m.alreadyClaimed(t) : turn.m.claimed(t), code: item.code, brandId: item.brandId, validTo: item.validTo.toISOString(), status: item.status }];
}

/**
 * A campaign push's claim button (`claim:<CODE>:<campaignId>`): records the tap as a touch, remembers the campaign
 * in the conversation (the claimed coupon and a following order carry it), then claims. The campaign id comes
 * from a button, i.e. user input: one that does not exist or does not carry this coupon credits nothing.
 */
export async function claimFromCampaign(turn: Turn, code: string, campaignId: string): Promise<Reply[]> {
  const campaign = await campaignCoupon(turn.deps.db, campaignId);
  if (!campaign || campaign.couponCode?.toUpperCase() !== code.toUpperCase()) return claim(turn, code, turn.state.campaignId ? "campaign" : "chat");
  turn.state.campaignId = campaign.id;
  await recordTouch(turn.deps.db, { memberId: turn.memberId, kind: "button", campaignId: campaign.id, source: `claim:${code}`, at: turn.now });
  return claim(turn, code, "campaign");
}

export async function wallet(turn: Turn): Promise<Reply[]> {
  const items = await listWallet(turn.deps.db, turn.memberId, turn.now, turn.scope);
  if (!items.length) return [{ type: "text", text: turn.m.walletEmpty, buttons: [{ id: tapId("claim", { code: null, campaignId: null }), label: turn.lang === "zh" ? "领券" : "Coupons" }] }];
  const zh = turn.lang === "zh";
  return items.map((c) => ({
    type: "coupon" as const,
    text: `${couponTitle(c)} · ${c.status === "claimed" ? (zh ? "可使用" : "ready to use") : c.status === "redeemed" ? (zh ? "已使用" : "used") : zh ? "已过期" : "expired"} · ${zh ? "有效期至" : "valid to"} ${c.validTo.toISOString().slice(0, 10)}`,
    code: c.code, brandId: c.brandId, validTo: c.validTo.toISOString(), status: c.status,
  }));
}

export async function orders(turn: Turn, orderId: string | null): Promise<Reply[]> {
  const rows = await recentOrders(turn.deps.db, turn.memberId, orderId);
  const list = rows.filter((o) => !(o.status === "cancelled" && !o.paidAt && rows.length > 1));
  if (!list.length) return [{ type: "text", text: turn.m.noOrders }];
  return list.map((o) => ({
    type: "order" as const,
    text: turn.m.orderLine(o.id, o.status, money(o.totalCents, o.currency, turn.lang)),
    orderId: o.id, status: o.status as ConfirmedStatus, storeId: o.storeId,
    ...(o.status === "pending_payment" ? { buttons: [{ id: tapId("confirm", { orderId: o.id }), label: turn.m.payLabel }, { id: tapId("cancel", { orderId: o.id }), label: turn.m.cancelLabel }] } : {}),
  }));
}

async function brandFor(turn: Turn, parsed: ParseResult) {
  const view = await loadCatalogView(turn.deps.db);
  const id = parsed.brandId ?? (turn.scope?.length === 1 ? turn.scope[0] : null);
  return id ? view.brands.get(id) ?? null : null;
}

export async function follow(turn: Turn, parsed: ParseResult, source = "chat"): Promise<Reply[]> {
  const brand = await brandFor(turn, parsed);
  if (!brand) {
    const view = await loadCatalogView(turn.deps.db);
    return [{ type: "choice", text: turn.lang === "zh" ? "想关注哪个品牌？" : "Which brand would you like to follow?", buttons: [...view.brands.values()].filter((b) => !turn.scope || turn.scope.includes(b.id)).map((b) => ({ id: tapId("follow", { brandId: b.id }), label: b.name })) }];
  }
  await followBrand(turn.deps.db, { memberId: turn.memberId, brandId: brand.id, botId: turn.deps.bot.id, source, at: turn.now });
  return [{ type: "text", text: turn.m.followed(brand.name) }];
}

export async function unfollow(turn: Turn, parsed: ParseResult): Promise<Reply[]> {
  const brand = await brandFor(turn, parsed);
  await unfollowBrands(turn.deps.db, { memberId: turn.memberId, brandIds: brand ? [brand.id] : turn.scope, at: turn.now });
  return [{ type: "text", text: turn.m.unfollowed(brand?.name ?? (turn.lang === "zh" ? "全部品牌" : "all brands")) }];
}

export async function stopPromotions(turn: Turn): Promise<Reply[]> {
  await unsubscribe(turn.deps.db, turn.memberId, turn.now);
  return [{ type: "text", text: turn.m.unsubscribed }];
}

export function askForget(turn: Turn): Reply[] {
  turn.state.step = { at: "forget" };
  return [{ type: "choice", text: turn.m.forgetAsk, buttons: [{ id: tapId("forget", { answer: "yes" }), label: turn.m.forgetConfirm }, { id: tapId("cancel", { orderId: null }), label: turn.m.cancelLabel }] }];
}

/** "open in browser": the words that ask the bot for a one-time sign-in link to the shop on the web */
const WEB_SIGN_IN = /^(\/web|在浏览器(里|中)?打开|浏览器打开|网页登录|电脑登录|open in (the )?browser|web (login|sign[- ]?in))[。.!！]?$/i;

/** The one-time web sign-in link (src/app/sessions.ts), when `text` asks for it; null otherwise. */
export async function webSignIn(turn: Turn, text: string): Promise<Reply[] | null> {
  if (!WEB_SIGN_IN.test(text.trim())) return null;
  const { url } = await createSignInLink(turn.deps.db, { memberId: turn.memberId, publicUrl: turn.deps.signer.publicUrl, at: turn.now });
  const text2 = turn.lang === "zh"
    ? `在浏览器里打开这个链接即可登录商城（10 分钟内有效，只能用一次，请勿转发）：\n${url}`
    : `Open this link in a browser to sign in to the shop (works once, for 10 minutes; don't share it):\n${url}`;
  return [{ type: "text", text: text2 }];
}

/** typed confirmations of a pending forget-me, in both languages (besides the general yes words) */
const FORGET_YES = /^(确认删除|确定删除|删除吧|确认|确定|是的?|yes,?\s*delete( it| my data)?|delete( it| my data)?|yes|confirm)[。.!！]?$/i;

/** True when `text` confirms a forget-me that is waiting for confirmation. */
export function confirmsForget(turn: Turn, text: string): boolean {
  return turn.state.step.at === "forget" && FORGET_YES.test(text.trim());
}

/** The `forget:<answer>` button: "yes" erases only while a confirmation is pending (an old or forged tap asks again). */
export async function forgetTap(turn: Turn, answer: string): Promise<Reply[]> {
  if (answer !== "yes") {
    leaveStep(turn.state, "forget");
    return [{ type: "text", text: turn.m.cancelled }];
  }
  if (turn.state.step.at !== "forget") return askForget(turn);
  return forget(turn);
}

export async function forget(turn: Turn): Promise<Reply[]> {
  await forgetMember(turn.deps.db, turn.memberId, turn.now);
  turn.forgotten = true;
  turn.state = newState();
  return [{ type: "text", text: turn.m.forgotten }];
}

export async function feedback(turn: Turn, parsed: ParseResult, text: string): Promise<Reply[]> {
  await recordFeedback(turn.deps.db, { memberId: turn.memberId, botId: turn.deps.bot.id, rating: parsed.rating, text });
  return [{ type: "text", text: turn.m.feedbackThanks(parsed.rating) }];
}
