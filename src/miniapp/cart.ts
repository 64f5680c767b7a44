// The Mini App's cart → quote → payment link, on the same use cases as the chat (quoteOrder, confirmOrder).
// A cart is checked first so a refusal names the product and size ("GXG 牛仔裤 32 is sold out here"); the use cases
// still enforce everything (stock is reserved by confirmOrder with a conditional update, not by this check).
// The quote is the member's one open quote, so the chat's "确认" confirms what was put together here.
import type { Db } from "../db/database.ts";
import { failWith, okValue, type AppError, type AppResult } from "../app/app-result.ts";
import { loadCatalogView, stockFor } from "../app/catalog-view.ts";
import { getOrCreateSetting } from "../app/settings.ts";
import { confirmOrder, type LinkSigner, type PaymentLink } from "../app/ordering/order-lifecycle.ts";
import { quoteOrder, type Quote } from "../app/ordering/quote-order.ts";
import { IDLE, ORDER_QUESTIONS, leaveStep, loadState, saveState } from "../app/conversation-state.ts";
import { isPayable } from "../domain/orders/order-state.ts";
import { isOpenAt } from "../domain/stores/open-hours.ts";
import { quantityInStock } from "../domain/stores/stock.ts";
import { fulfillmentAt } from "./storefront.ts";

export interface CartLine {
  productId: string;
  size: string | null;
  quantity: number;
}

export interface CartInput {
  memberId: string;
  botId: string;
  brandIds: string[] | null;
  storeId: string;
  items: CartLine[];
  at: Date;
}

/** Same product and size on two lines count together. */
export function mergeLines(items: CartLine[]): CartLine[] {
  const merged = new Map<string, CartLine>();
  for (const it of items) {
    const key = `${it.productId}|${it.size ?? ""}`;
    const had = merged.get(key);
    merged.set(key, had ? { ...had, quantity: had.quantity + it.quantity } : { productId: it.productId, size: it.size || null, quantity: it.quantity });
  }
  return [...merged.values()];
}

/** Why this cart cannot be ordered at this store, with the names a person needs; null when it can be quoted. */
export async function cartProblem(db: Db, input: Omit<CartInput, "memberId" | "botId">): Promise<AppError | null> {
  const view = await loadCatalogView(db);
  const store = view.stores.get(input.storeId);
  if (!store || (input.brandIds && !input.brandIds.includes(store.brandId))) return { code: "NOT_FOUND", reason: "UNKNOWN_STORE", storeId: input.storeId };
  const lines = mergeLines(input.items);
  if (lines.length === 0) return { code: "INVALID_INPUT", reason: "EMPTY_CART" };
  for (const l of lines) {
    const p = view.products.get(l.productId);
    if (!p) return { code: "NOT_FOUND", reason: "UNKNOWN_PRODUCT", productId: l.productId };
    if (p.brandId !== store.brandId) {
      return { code: "INVALID_INPUT", reason: "WRONG_BRAND", productId: p.id, productName: p.name, productBrand: view.brands.get(p.brandId)?.name ?? p.brandId, storeName: store.name };
    }
    if (p.sizes.length > 0 ? !l.size || !p.sizes.includes(l.size) : l.size) {
      return { code: "INVALID_INPUT", reason: "INVALID_SIZE", productId: p.id, productName: p.name, size: l.size, sizes: p.sizes };
    }
  }
  const stock = await stockFor(db, lines.map((l) => l.productId));
  for (const l of lines) {
    const available = quantityInStock(stock, store.id, l.productId, l.size);
    if (available < l.quantity) {
      const p = view.products.get(l.productId)!;
      return { code: "OUT_OF_STOCK", productId: p.id, productName: p.name, size: l.size ?? "", available, storeName: store.name };
    }
  }
  if (!fulfillmentAt(store)) return { code: "SERVICE_UNAVAILABLE", storeName: store.name };
  if (!isOpenAt(store.openHours, store.timezone, input.at)) return { code: "ALL_CLOSED", storeName: store.name, openHours: store.openHours };
  return null;
}

function quoteFailure(r: { error: { code: string; message?: string; reasons?: { code: string }[] } }): AppResult<never> {
  const e = r.error;
  // the matcher's first reason is the most specific one (closed, out of stock, no such service)
  const code = (e.reasons?.[0]?.code ?? e.code) as AppError["code"];
  return failWith(code, e.message);
}

/** Prices the cart at the chosen store (the best coupon in the wallet applied) as the member's open quote, shared with the chat. */
export async function quoteCart(db: Db, input: CartInput): Promise<AppResult<Quote>> {
  const problem = await cartProblem(db, input);
  if (problem) return { ok: false, error: problem };
  const view = await loadCatalogView(db);
  const store = view.stores.get(input.storeId)!;
  const items = mergeLines(input.items);
  // the member chose this store: its own position is the location, so nothing about the member's position is stored;
  // a campaign that brought the member (chat deep link, claim button or startapp link) is credited with the order
  const { campaignId } = await loadState(db, input.memberId, input.botId);
  const r = await quoteOrder(db, {
    memberId: input.memberId, botId: input.botId, botBrandIds: input.brandIds, items, fulfillment: fulfillmentAt(store)!,
    location: { lat: store.lat, lng: store.lng }, storeId: store.id, source: "miniapp", campaignId: campaignId ?? null, at: input.at,
  });
  if (!r.ok) return quoteFailure(r);
  await shareWithChat(db, input.memberId, input.botId, { brandId: store.brandId, items, storeId: store.id, fulfillment: r.value.fulfillment, orderId: r.value.orderId, awaitingConfirm: true });
  return r;
}

/** The chat's state points at the Mini App's quote, so "确认" / "confirm" in chat confirms it. */
async function shareWithChat(db: Db, memberId: string, botId: string, q: { brandId: string; items: CartLine[]; storeId: string; fulfillment: "pickup" | "delivery" | "ship"; orderId: string; awaitingConfirm: boolean }) {
  const state = await loadState(db, memberId, botId);
  state.draft = { brandId: q.brandId, items: q.items, fulfillment: q.fulfillment, radiusMeters: null, storeId: q.storeId };
  state.quoteOrderId = q.orderId;
  if (q.awaitingConfirm) state.step = { at: "confirm" };
  else leaveStep(state, ...ORDER_QUESTIONS);
  await saveState(db, memberId, botId, state);
}

export interface CheckoutInput extends CartInput {
  /** the quote the member looked at; used when it still matches the cart, so the price paid is the price shown */
  quoteId?: string | null;
  /** one per checkout attempt from the client: a repeated request (double click, retry) gets the same order */
  idempotencyKey?: string | null;
  signer: LinkSigner;
}

/** The priced order a checkout pays. */
export interface CheckoutPrice {
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  couponCode: string | null;
  storeId: string;
  fulfillment: string;
}

export interface Checkout {
  orderId: string;
  status: string;
  quote: CheckoutPrice;
  /** null when the order is already paid (a repeated checkout after paying) */
  payment: PaymentLink | null;
}

// Serializes one member's checkouts within this process, so a double click cannot quote twice; the idempotency
// record below makes a retry after a lost response (or from another process) land on the same order.
const memberLocks = new Map<string, Promise<unknown>>();
async function withMemberLock<T>(memberId: string, fn: () => Promise<T>): Promise<T> {
  const before = memberLocks.get(memberId) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.catch(() => undefined);
  memberLocks.set(memberId, tail);
  try {
    return await run;
  } finally {
    if (memberLocks.get(memberId) === tail) memberLocks.delete(memberId);
  }
}

const idempotencySetting = (memberId: string, key: string) => `miniapp.checkout.${memberId}.${key}`;

function sameLines(a: CartLine[], b: { productId: string; size: string; quantity: number }[]): boolean {
  const key = (l: { productId: string; size: string | null; quantity: number }) => `${l.productId}|${l.size ?? ""}|${l.quantity}`;
  const x = mergeLines(a).map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

/** Use case: check out the cart to a payment link. Repeating it (double click, retry) returns the same order and link. */
export async function checkoutCart(db: Db, input: CheckoutInput): Promise<AppResult<Checkout>> {
  return withMemberLock(input.memberId, async () => {
    const settingKey = input.idempotencyKey ? idempotencySetting(input.memberId, input.idempotencyKey) : null;
    const earlier = settingKey ? await db.prisma.setting.findUnique({ where: { key: settingKey } }) : null;
    let orderId = earlier?.value ?? null;

    if (!orderId) {
      const problem = await cartProblem(db, input);
      if (problem) return { ok: false, error: problem };
      if (input.quoteId) {
        const shown = await db.prisma.order.findUnique({ where: { id: input.quoteId }, include: { items: true } });
        const usable = shown && shown.memberId === input.memberId && shown.storeId === input.storeId && isPayable(shown) && sameLines(input.items, shown.items);
        if (usable) orderId = shown.id;
      }
      if (!orderId) {
        const q = await quoteCart(db, input);
        if (!q.ok) return q;
        orderId = q.value.orderId;
      }
      // the first writer of the key wins; a concurrent request elsewhere with the same key then uses its order
      if (settingKey) orderId = await getOrCreateSetting(db, settingKey, () => orderId!);
    }

    const order = await db.prisma.order.findUnique({ where: { id: orderId } });
    if (!order || order.memberId !== input.memberId) return failWith("NOT_FOUND", "no such order");
    const summary = (o: typeof order): CheckoutPrice => ({
      subtotalCents: o.subtotalCents, discountCents: o.discountCents, totalCents: o.totalCents, currency: o.currency, couponCode: o.couponCode, storeId: o.storeId, fulfillment: o.fulfillment,
    });
    if (!isPayable(order)) {
      if (order.status === "cancelled") return failWith("ORDER_NOT_PAYABLE", "this checkout was cancelled; check out again", { status: order.status, orderId });
      return okValue({ orderId, status: order.status, quote: summary(order), payment: null });
    }
    const link = await confirmOrder(db, { memberId: input.memberId, orderId, at: input.at, signer: input.signer });
    if (!link.ok) return link;
    const fresh = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const chat = await loadState(db, input.memberId, input.botId);
    if (chat.quoteOrderId === orderId && chat.step.at === "confirm") {
      chat.step = IDLE;
      await saveState(db, input.memberId, input.botId, chat);
    }
    return okValue({ orderId, status: fresh.status, quote: summary(fresh), payment: link.value });
  });
}

