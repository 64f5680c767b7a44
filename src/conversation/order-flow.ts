// Ordering in chat: one sentence + a location → quote at the nearest store with stock and the best coupon →
// confirm → payment link → paid. Asks only for what is missing (location, size), accepts corrections.
import { loadCatalogView, type ProductInfo } from "../app/catalog-view.ts";
import { applyPaymentEvent } from "../app/ordering/apply-payment-event.ts";
import { confirmOrder, moveOrder } from "../app/ordering/order-lifecycle.ts";
import { quoteOrder, type Quote } from "../app/ordering/quote-order.ts";
import { QUOTE } from "../domain/orders/order-state.ts";
import type { MatchReason } from "../domain/stores/store-matcher.ts";
import { formatLocalTime } from "../domain/time/time-zone.ts";
import type { ParseResult } from "../nlu/intent.ts";
import { distanceText, errorText, money } from "./messages.ts";
import { errorReply, type Button, type Reply } from "./replies.ts";
import { ORDER_QUESTIONS, endOrder, leaveStep, type Draft } from "../app/conversation-state.ts";
import { tapId } from "../domain/chat/taps.ts";
import { latestPayableOrderId, latestSandboxPayment, orderForPayment } from "../app/chat-lookups.ts";
import type { Turn } from "./turn.ts";

// Cup sizes, in the words of any menu (中杯, large cup, tall, grande): the measure word decides, not the product.
const CUP_SIZES = /杯|^(tall|grande|venti|short|small|medium|large|regular|小|中|大|超大)$/i;

/**
 * A product sold in cup sizes takes any size unless the member says otherwise: the quote takes the nearest store
 * with any size in stock (the catalog's first size preferred). Every other size (shoes, clothes, pack sizes) is asked.
 */
export function sizeIsFlexible(p: ProductInfo): boolean {
  return p.sizes.length > 0 && p.sizes.every((s) => CUP_SIZES.test(s));
}

/** A size named in free text for this product ("不要大杯，中杯" → 中杯): the last one mentioned that is not negated. */
export function sizeFromText(text: string, p: ProductInfo): string | null {
  const found: { size: string; at: number; negated: boolean }[] = [];
  const lower = text.toLowerCase();
  for (const s of p.sizes) {
    let i = lower.indexOf(s.toLowerCase());
    while (i >= 0) {
      // a longer size containing this one ("超大杯" contains "大杯") wins at the same place
      const shadowed = p.sizes.some((o) => o !== s && o.length > s.length && o.toLowerCase().includes(s.toLowerCase()) && lower.slice(Math.max(0, i - (o.length - s.length)), i + s.length).includes(o.toLowerCase()));
      if (!shadowed) found.push({ size: s, at: i, negated: /(不要|不是|别|no|not|don't)\s*$/i.test(lower.slice(Math.max(0, i - 6), i)) });
      i = lower.indexOf(s.toLowerCase(), i + 1);
    }
  }
  const ok = found.filter((f) => !f.negated).sort((a, b) => a.at - b.at);
  return ok.length ? ok[ok.length - 1].size : null;
}

function sizeButtons(p: ProductInfo): Button[] {
  return p.sizes.map((s) => ({ id: tapId("size", { size: s }), label: s }));
}

/** Starts or updates the draft from a parse, then asks for what is missing or quotes. */
export async function handleOrderIntent(turn: Turn, parsed: ParseResult, text: string): Promise<Reply[]> {
  const view = await loadCatalogView(turn.deps.db);
  const prev = turn.state.draft;
  let items = parsed.items.map((i) => ({ ...i }));
  // "不要大杯，中杯": a correction with no product names the draft's product
  if (items.length === 0 && prev?.items.length) {
    items = prev.items.map((i) => ({ ...i }));
    const p = view.products.get(items[0].productId);
    const s = p ? sizeFromText(text, p) : null;
    if (s) items[0].size = s;
  }
  if (items.length === 0) {
    const brandId = parsed.brandId ?? (turn.scope?.length === 1 ? turn.scope[0] : null);
    const picks = [...view.products.values()].filter((p) => (brandId ? p.brandId === brandId : !turn.scope || turn.scope.includes(p.brandId))).slice(0, 8);
    turn.state.draft = { brandId, items: [], fulfillment: parsed.fulfillment, radiusMeters: parsed.radiusMeters, storeId: null };
    return [{ type: "choice", text: turn.m.askWhat, buttons: picks.map((p) => ({ id: tapId("product", { productId: p.id, size: null }), label: p.name })) }];
  }
  for (const it of items) {
    const p = view.products.get(it.productId);
    if (!p) continue;
    if (it.size && p.sizes.length && !p.sizes.includes(it.size)) {
      return [errorReply(turn.m.sizeUnknown(p.name, p.sizes.join(" / ")), "INVALID_INPUT", sizeButtons(p))];
    }
    if (!it.size) it.size = sizeFromText(text, p) ?? prev?.items.find((x) => x.productId === p.id)?.size ?? null;
  }
  const draft: Draft = {
    brandId: view.products.get(items[0].productId)?.brandId ?? parsed.brandId,
    items,
    fulfillment: parsed.fulfillment ?? prev?.fulfillment ?? null,
    radiusMeters: parsed.radiusMeters ?? prev?.radiusMeters ?? null,
    storeId: prev?.storeId ?? null,
  };
  turn.state.draft = draft;
  return continueDraft(turn);
}

/** Asks for the next missing slot, or quotes when nothing is missing. */
export async function continueDraft(turn: Turn): Promise<Reply[]> {
  const draft = turn.state.draft;
  if (!draft || draft.items.length === 0) return [{ type: "text", text: turn.m.askWhat }];
  const view = await loadCatalogView(turn.deps.db);
  for (const it of draft.items) {
    const p = view.products.get(it.productId);
    if (p && p.sizes.length && !it.size && !sizeIsFlexible(p)) {
      turn.state.step = { at: "size" };
      return [{ type: "choice", text: turn.m.askSize(p.name), buttons: sizeButtons(p) }];
    }
  }
  if (!turn.state.location) {
    turn.state.step = { at: "location" };
    return [{ type: "choice", text: turn.m.askLocation, request: "location", buttons: [{ id: tapId("cancel", { orderId: null }), label: turn.m.cancelLabel }] }];
  }
  return quote(turn);
}

/** A tapped or typed size for the draft's product. */
export async function setSize(turn: Turn, size: string): Promise<Reply[]> {
  const draft = turn.state.draft;
  if (!draft?.items.length) return [{ type: "text", text: turn.m.askWhat }];
  const view = await loadCatalogView(turn.deps.db);
  const target = draft.items.find((i) => view.products.get(i.productId)?.sizes.includes(size));
  if (!target) {
    const p = view.products.get(draft.items[0].productId)!;
    return [errorReply(turn.m.sizeUnknown(p.name, p.sizes.join(" / ")), "INVALID_INPUT", sizeButtons(p))];
  }
  target.size = size;
  return continueDraft(turn);
}

function reasonText(turn: Turn, reasons: MatchReason[], view: Awaited<ReturnType<typeof loadCatalogView>>): string {
  const zh = turn.lang === "zh";
  const lines = reasons.map((r) => {
    switch (r.code) {
      case "ALL_CLOSED": {
        const s = view.stores.get(r.storeId);
        const at = r.reopensAt && s ? formatLocalTime(r.reopensAt, s.timezone) : null;
        return zh ? `附近的门店现在都已打烊${at ? `，${s?.name} ${at} 开门` : ""}。` : `The stores near you are closed now${at ? `; ${s?.name} opens at ${at}` : ""}.`;
      }
      case "OUT_OF_STOCK": {
        const what = r.items.map((i) => `${view.products.get(i.productId)?.name ?? i.productId}${i.size ? ` ${i.size}` : ""}`).join("、");
        return zh ? `附近的门店没有 ${what} 的库存了。` : `No store near you has ${what} in stock.`;
      }
      case "OUT_OF_RADIUS": {
        const s = view.stores.get(r.storeId);
        return zh ? `${s?.name ?? "最近的门店"}距离你${distanceText(r.distanceMeters, "zh")}，超出了它的配送范围（${distanceText(r.deliveryRadiusMeters, "zh")}）。` : `${s?.name ?? "The nearest store"} is ${distanceText(r.distanceMeters, "en")} away, beyond its delivery range (${distanceText(r.deliveryRadiusMeters, "en")}).`;
      }
      case "PROMISE_BROKEN":
        return turn.m.promiseBroken(view.stores.get(r.storeId)?.name ?? (zh ? "最近的门店" : "The nearest store"), r.etaMinutes, r.promiseMinutes);
      case "SERVICE_UNAVAILABLE":
        return zh ? "附近的门店不提供这种服务方式。" : "The stores near you don't offer that service.";
      case "NO_STORE_NEARBY": {
        const n = r.nearest ? view.stores.get(r.nearest.storeId) : null;
        return n && r.nearest ? (zh ? `附近没有门店，最近的是 ${n.name}（${distanceText(r.nearest.distanceMeters, "zh")}）。` : `No store nearby; the nearest is ${n.name} (${distanceText(r.nearest.distanceMeters, "en")}).`) : zh ? "附近没有这个品牌的门店。" : "There is no store of this brand near you.";
      }
    }
  });
  return [...new Set(lines)].slice(0, 2).join("\n");
}

async function quote(turn: Turn): Promise<Reply[]> {
  const draft = turn.state.draft!;
  const { db } = turn.deps;
  const fulfillment = draft.fulfillment ?? "delivery";
  const r = await quoteOrder(db, {
    memberId: turn.memberId, botId: turn.deps.bot.id, botBrandIds: turn.scope, items: draft.items, fulfillment,
    location: turn.state.location!, storeId: draft.storeId, radiusMeters: draft.radiusMeters, campaignId: turn.state.campaignId ?? null,
    source: turn.state.source ?? null, at: turn.now,
  });
  leaveStep(turn.state, ...ORDER_QUESTIONS);
  if (!r.ok) {
    const view = await loadCatalogView(db);
    const e = r.error as { code: string; reasons?: MatchReason[]; alternatives?: { kind: string; store: { id: string; name: string }; distanceMeters: number; fulfillment: string }[] };
    if (!e.reasons) return [errorReply(errorText(e.code, turn.lang), e.code)];
    const buttons: Button[] = [];
    const [pickup, ship] = [tapId("fulfil", { fulfillment: "pickup" }), tapId("fulfil", { fulfillment: "ship" })];
    for (const a of e.alternatives ?? []) {
      if (a.kind === "PICKUP_INSTEAD" && !buttons.some((b) => b.id === pickup)) buttons.push({ id: pickup, label: `${turn.m.pickupInstead}（${a.store.name} ${distanceText(a.distanceMeters, turn.lang)}）` });
      if (a.kind === "SHIP_FROM_FLAGSHIP" && !buttons.some((b) => b.id === ship)) buttons.push({ id: ship, label: turn.m.shipInstead });
      if (a.kind === "FARTHER_STORE" && buttons.length < 4) buttons.push({ id: storeTap(a.store.id, a.fulfillment), label: turn.m.changeStore(`${a.store.name} ${distanceText(a.distanceMeters, turn.lang)}`) });
    }
    buttons.push({ id: tapId("cancel", { orderId: null }), label: turn.m.cancelLabel });
    return [errorReply(reasonText(turn, e.reasons, view), e.code, buttons)];
  }
  const q = r.value;
  turn.state.quoteOrderId = q.orderId;
  turn.state.step = { at: "confirm" };
  return [storeReply(turn, q), quoteReply(turn, q)];
}

/** `store:<id>:<fulfilment>`: a store the quote could come from instead. */
function storeTap(storeId: string, fulfillment: string): string {
  const how = fulfillment === "delivery" || fulfillment === "pickup" || fulfillment === "ship" ? fulfillment : null;
  return tapId("store", { storeId, fulfillment: how });
}

function storeReply(turn: Turn, q: Quote): Reply {
  const zh = turn.lang === "zh";
  const how = q.fulfillment === "delivery" ? turn.m.deliveryEta(q.etaMinutes) : q.fulfillment === "pickup" ? (zh ? `到店自取，约${q.etaMinutes}分钟备好` : `pickup, ready in about ${q.etaMinutes} min`) : zh ? "快递到家" : "shipped to your home";
  const dist = q.fulfillment === "ship" ? "" : zh ? `距你${distanceText(q.distanceMeters, "zh")}，` : `${distanceText(q.distanceMeters, "en")} away, `;
  return { type: "store", text: `${q.store.name}（${dist}${how}）`, storeId: q.store.id, name: q.store.name, distanceMeters: q.distanceMeters, address: q.store.address, lat: q.store.lat, lng: q.store.lng, openHours: q.store.openHours };
}

function quoteReply(turn: Turn, q: Quote): Reply {
  const zh = turn.lang === "zh";
  const lines = q.lines.map((l) => `${l.product.name}${l.size ? ` ${l.size}` : ""} ×${l.quantity}  ${money(l.unitPriceCents * l.quantity, q.currency, turn.lang)}`);
  if (q.couponCode) lines.push(`${zh ? "优惠券" : "Coupon"} ${q.couponTitle ?? q.couponCode}  -${money(q.discountCents, q.currency, turn.lang)}`);
  lines.push(`${zh ? "合计" : "Total"} ${money(q.totalCents, q.currency, turn.lang)}`);
  if (q.fulfillment === "delivery") lines.push(turn.m.deliveryEta(q.etaMinutes));
  if (q.creditedStoreId !== q.store.id) lines.push(zh ? "（由旗舰店发货，业绩计入你附近的门店）" : "(shipped by the flagship; credited to your local store)");
  lines.push(turn.m.quoteConsent);
  const buttons: Button[] = [{ id: tapId("confirm", { orderId: q.orderId }), label: `${turn.m.confirmLabel} ${money(q.totalCents, q.currency, turn.lang)}` }];
  const p = q.lines[0].product;
  for (const s of p.sizes.filter((s) => s !== q.lines[0].size).slice(0, 3)) buttons.push({ id: tapId("size", { size: s }), label: s });
  for (const o of q.others.slice(0, 2)) buttons.push({ id: storeTap(o.store.id, q.fulfillment), label: turn.m.changeStore(`${o.store.name} ${distanceText(o.distanceMeters, turn.lang)}`) });
  if (q.fulfillment === "delivery") buttons.push({ id: tapId("fulfil", { fulfillment: "pickup" }), label: turn.m.pickupInstead });
  buttons.push({ id: tapId("cancel", { orderId: q.orderId }), label: turn.m.cancelLabel });
  return {
    ...(p.photoUrl ? { photoUrl: p.photoUrl } : {}),
    type: QUOTE, text: lines.join("\n"), buttons, orderId: q.orderId, storeId: q.store.id, subtotalCents: q.subtotalCents, discountCents: q.discountCents,
    totalCents: q.totalCents, currency: q.currency, couponCode: q.couponCode, fulfillment: q.fulfillment, creditedStoreId: q.creditedStoreId,
    etaMinutes: q.etaMinutes,
  };
}

/** The member confirms the quote: a payment link (the same link again on a double tap). */
export async function confirm(turn: Turn, orderId: string | undefined): Promise<Reply[]> {
  const id = orderId ?? turn.state.quoteOrderId;
  if (!id) return [{ type: "text", text: turn.m.nothingToCancel }];
  const r = await confirmOrder(turn.deps.db, { memberId: turn.memberId, orderId: id, at: turn.now, signer: turn.deps.signer });
  if (!r.ok) return [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
  const link = r.value;
  leaveStep(turn.state, ...ORDER_QUESTIONS);
  const mins = Math.max(1, Math.round((link.expiresAt.getTime() - turn.now.getTime()) / 60_000));
  const replies: Reply[] = [];
  if (link.couponDropped) replies.push({ type: "text", text: turn.m.couponDropped });
  replies.push({
    type: "payment_link", text: `${turn.m.linkText(money(link.totalCents, link.currency, turn.lang), mins)} ${link.url}`,
    buttons: [{ id: `url:${link.url}`, label: turn.m.payLabel }], orderId: link.orderId, url: link.url, totalCents: link.totalCents,
    currency: link.currency, expiresAt: link.expiresAt.toISOString(),
  });
  return replies;
}

/** {"pay": {"orderId"}}: the member pays in the sandbox — the same event the hosted page and webhook produce. */
export async function payInSandbox(turn: Turn, orderId: string): Promise<Reply[]> {
  const { db } = turn.deps;
  const order = await orderForPayment(db, orderId);
  if (!order || order.memberId !== turn.memberId) return [errorReply(errorText("NOT_FOUND", turn.lang), "NOT_FOUND")];
  const payment = await latestSandboxPayment(db, orderId);
  const outcome = await applyPaymentEvent(
    db,
    { id: `sandbox_${payment?.id ?? order.id}`, provider: "sandbox", type: "payment.succeeded", orderId, amountCents: order.totalCents, currency: order.currency },
    turn.now,
  );
  const fresh = (await orderForPayment(db, orderId))!;
  if (outcome.result === "accepted") {
    endOrder(turn.state);
    const text = outcome.duplicate ? turn.m.alreadyPaid : turn.m.paid(orderId);
    return [{ type: "order", text, orderId, status: fresh.status as never, storeId: fresh.storeId }];
  }
  if (fresh.status === "paid" || outcome.code === "ALREADY_PAID") return [{ type: "order", text: turn.m.alreadyPaid, orderId, status: fresh.status as never, storeId: fresh.storeId }];
  return [errorReply(errorText(outcome.code, turn.lang), outcome.code)];
}

/** Cancel the quote or order in progress (or a named one). */
export async function cancel(turn: Turn, orderId?: string): Promise<Reply[]> {
  const { db } = turn.deps;
  const id =
    orderId ??
    turn.state.quoteOrderId ??
    (await latestPayableOrderId(db, turn.memberId));
  endOrder(turn.state);
  if (!id) return [{ type: "text", text: turn.m.cancelled }];
  const r = await moveOrder(db, { orderId: id, to: "cancelled", actor: "member", at: turn.now, memberId: turn.memberId, notify: false });
  if (!r.ok) return [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
  return [{ type: "order", text: turn.m.cancelled, orderId: id, status: "cancelled", storeId: r.value.storeId }];
}
