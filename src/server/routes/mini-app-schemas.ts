// What the Mini App API takes and answers, as zod schemas: fastify validates each request with them, the handlers in
// mini-app.ts are typed by them, and they make the OpenAPI document at /app/api/openapi.json. Success bodies are
// documented, not enforced (docs/http-api.md).
import { z } from "zod";
import { PAGE_DEFAULT, PAGE_MAX } from "../../domain/limits.ts";
import { apiErrorSchema } from "../openapi.ts";

// ---------- requests ----------

/** Every route takes ?lang=en (else Accept-Language, else Chinese) for its messages. */
export const langQuery = z.object({ lang: z.string().optional().describe("en: messages in English (default: Accept-Language, else Chinese)") });
const id = z.string().trim().min(1).max(100);
const cartItem = z.object({ productId: id, size: z.string().max(40).nullable().optional(), quantity: z.number().int().min(1).max(99) });
export const cartSchema = z.object({ storeId: id, items: z.array(cartItem).min(1).max(30) });
export const checkoutSchema = cartSchema.extend({
  quoteId: id.nullable().optional().describe("the quote the member saw: confirmed as it is when the cart still matches"),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).nullable().optional().describe("the same key answers the same order"),
});
export const signInSchema = z.object({ name: z.string().trim().min(1).max(60) });
export const linkSchema = z.object({ token: z.string().trim().min(1).max(200) });
export const forgetSchema = z.object({ confirm: z.literal(true) });
export const claimSchema = z.object({ code: z.string().trim().min(1).max(40) });
const coord = (min: number, max: number) => z.coerce.number().min(min).max(max);
export const storesQuery = langQuery.extend({
  brand: id.optional(), lat: coord(-90, 90).optional(), lng: coord(-180, 180).optional(), limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(50),
});
export const productsQuery = langQuery.extend({
  store: id, limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_DEFAULT), offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export const walletQuery = langQuery.extend({ brand: id.optional(), store: id.optional() });
export const orderParams = z.object({ id });

// ---------- answers ----------

const ok = z.boolean().describe("true: it worked");
const texts = z.object({ zh: z.string(), en: z.string() });
const member = z.object({ id: z.string(), displayName: z.string().nullable(), channel: z.string() });
const fulfillment = z.enum(["pickup", "delivery", "ship"]);

export const authOut = z.object({ ok, localSignIn: z.boolean(), telegramLogin: z.object({ botUsername: z.string() }).nullable(), signInLink: z.boolean() });
export const sessionOut = z.object({
  ok, token: z.string().describe("send as Authorization: Bearer <token> where cookies do not go"), method: z.enum(["local", "telegram_login", "link"]),
  expiresAt: z.string(), member,
});
export const signedOutOut = z.object({ ok });
export const forgottenOut = z.object({ ok, forgotten: z.boolean(), appointmentsCancelled: z.number().int(), ordersCancelled: z.number().int() });
export const meOut = z.object({
  ok, member, botId: z.string().describe("the bot the app was opened from"), brandIds: z.array(z.string()).nullable().describe("that bot's brands; null: every brand"),
  startParam: z.string().nullable(),
});
export const brandsOut = z.object({
  ok, brands: z.array(z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), storeCount: z.number().int(), productCount: z.number().int() })),
});
const storeCard = z.object({
  id: z.string(), brandId: z.string(), brandName: z.string(), name: z.string(), address: z.string(), lat: z.number(), lng: z.number(), openHours: z.string(),
  timezone: z.string(), services: z.array(z.string()), flagship: z.boolean(), openNow: z.boolean(), fulfillment: fulfillment.nullable(),
  distanceMeters: z.number().nullable(),
});
export const storesOut = z.object({ ok, near: z.object({ lat: z.number(), lng: z.number() }).nullable(), stores: z.array(storeCard) });
export const shelfOut = z.object({
  ok, store: storeCard,
  products: z.array(z.object({
    id: z.string(), name: z.string(), aliases: z.array(z.string()), priceCents: z.number().int(), currency: z.string(), photoUrl: z.string().nullable(),
    tags: z.array(z.string()), sizes: z.array(z.object({ size: z.string().describe("\"\" for a single-size product"), stock: z.number().int() })), inStock: z.boolean(),
  })),
  total: z.number().int(), limit: z.number().int(), offset: z.number().int(), nextOffset: z.number().int().nullable(),
});
const couponCard = {
  code: z.string(), brandId: z.string(), brandName: z.string(), currency: z.string(), title: z.string().nullable(), kind: z.string(), value: z.number(),
  minSpendCents: z.number().int(), validTo: z.string(), storeIds: z.array(z.string()),
  usableHere: z.boolean().nullable().describe("usable online at ?store (null without a store)"),
};
export const walletOut = z.object({
  ok,
  wallet: z.array(z.object({ ...couponCard, memberCouponId: z.string(), status: z.enum(["claimed", "redeemed", "expired"]) })),
  claimable: z.array(z.object({ ...couponCard, channels: z.array(z.string()) })),
});
export const claimOut = z.object({
  ok, alreadyClaimed: z.boolean(),
  coupon: z.object({
    memberCouponId: z.string(), code: z.string(), brandId: z.string(), title: z.string().nullable(), kind: z.string(), value: z.number(), minSpendCents: z.number().int(),
    validTo: z.string(), storeIds: z.array(z.string()), status: z.enum(["claimed", "redeemed", "expired"]),
  }),
});
export const quoteOut = z.object({
  ok,
  quote: z.object({
    orderId: z.string(), storeId: z.string(), storeName: z.string(), fulfillment, etaMinutes: z.number(), subtotalCents: z.number().int(),
    discountCents: z.number().int(), totalCents: z.number().int(), currency: z.string(), couponCode: z.string().nullable(), couponTitle: z.string().nullable(),
    lines: z.array(z.object({ productId: z.string(), name: z.string(), size: z.string().nullable(), quantity: z.number().int(), unitPriceCents: z.number().int() })),
  }),
});
const payment = z.object({ url: z.string(), totalCents: z.number().int(), currency: z.string(), expiresAt: z.string(), couponDropped: z.boolean() });
export const checkoutOut = z.object({
  ok, orderId: z.string(), status: z.string(),
  quote: z.object({
    subtotalCents: z.number().int(), discountCents: z.number().int(), totalCents: z.number().int(), currency: z.string(), couponCode: z.string().nullable(),
    storeId: z.string(), fulfillment: z.string(),
  }),
  payment: payment.nullable().describe("null when the order needs no payment link (already paid)"),
});
const orderCard = z.object({
  id: z.string(), status: z.string(), statusText: texts, brandId: z.string(), storeId: z.string(), storeName: z.string(), fulfillment: z.string(),
  subtotalCents: z.number().int(), discountCents: z.number().int(), totalCents: z.number().int(), currency: z.string(), couponCode: z.string().nullable(),
  createdAt: z.string(), paidAt: z.string().nullable(), expiresAt: z.string().nullable(),
  items: z.array(z.object({ productId: z.string(), name: z.string(), size: z.string(), quantity: z.number().int(), unitPriceCents: z.number().int() })),
});
export const ordersOut = z.object({ ok, orders: z.array(orderCard) });
export const orderOut = z.object({ ok, order: orderCard });
export const payOut = z.object({ ok, orderId: z.string(), payment });

// ---------- who may call, and the failures ----------

/** How a member proves who they are (the document's securitySchemes); catalog reads take one optionally. */
export const MEMBER: Record<string, string[]>[] = [{ telegramInitData: [] }, { sessionToken: [] }, { sessionCookie: [] }];
export const ANYONE = [{}, ...MEMBER];

/** A route's answers: its success body (200) and the failures it documents (400 always: every route validates). */
export function answers<T extends z.ZodType>(success: T, failures: Record<number, string> = {}) {
  const out: Record<number, typeof apiErrorSchema> = {};
  for (const [status, text] of Object.entries({ 400: "invalid input", ...failures })) out[Number(status)] = apiErrorSchema.describe(text);
  return { ...out, 200: success.describe("success") };
}

export const NOT_SIGNED_IN = { 401: "not signed in, or the credential is forged, stale or ended" };
