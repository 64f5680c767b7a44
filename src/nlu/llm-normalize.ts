// Turns what the LLM answered into a ParseResult we can trust. The LLM only names an intent and
// entities; every entity is checked here against the catalog (and the bot's brand scope) or against
// the user's own text, and anything that does not check out is replaced by the rules parser's value
// for that field, or null. Nothing the LLM says can introduce a product, brand or coupon the catalog
// does not have, nor an order id the user did not type.
import { roleWords } from "./lexicon.ts";
import {
  emptyResult, intentSchema, parseResultSchema, type CatalogSnapshot, type Intent, type ParseContext,
  type ParsedItem, type ParseResult,
} from "./intent.ts";
import { sizeIndex, sizeKey } from "./sizes.ts";
import { parseWhen } from "./when.ts";
import { formatZoned, isValidTimeZone } from "../domain/time/time-zone.ts";

/** Intents for which a date-time means something (same rule as the rules parser). */
const WHEN_INTENTS = new Set<Intent>(["order", "book_appointment", "find_store"]);
/** Intents for which delivery/pickup/shipping is a choice the user is making (same rule as the rules parser). */
const FULFILLMENT_INTENTS = new Set<Intent>(["order", "find_store"]);
const FULFILLMENTS = new Set(["delivery", "pickup", "ship"]);

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$/;
/** A `when` further than this from now is a misreading, not a booking. */
const MAX_WHEN_DISTANCE_MS = 2 * 366 * 24 * 3600 * 1000;

export class CatalogIndex {
  readonly brands = new Set<string>();
  readonly products = new Map<string, { brandId: string; sizes: Map<string, string> }>();
  /** UPPERCASE code → { catalog spelling, brand } */
  readonly coupons = new Map<string, { code: string; brandId: string }>();
  readonly roles = new Set<string>();

  constructor(catalog: CatalogSnapshot) {
    for (const b of catalog.brands ?? []) this.brands.add(b.id);
    for (const p of catalog.products ?? []) this.products.set(p.id, { brandId: p.brandId, sizes: sizeIndex(p.sizes ?? []) });
    for (const c of catalog.coupons ?? []) this.coupons.set(c.code.toUpperCase(), { code: c.code, brandId: c.brandId });
    for (const r of roleWords(catalog)) this.roles.add(r.role);
  }
}

export interface NormalizeInput {
  /** the LLM's answer, already shaped by the LLM-facing schema (but re-checked here: never trusted) */
  raw: unknown;
  /** the rules parser's answer for the same utterance */
  rules: ParseResult;
  /** the normalised utterance (original casing) */
  text: string;
  /** `text` with ASCII letters lowercased (same length) */
  lower: string;
  ctx: ParseContext;
  index: CatalogIndex;
}

export interface NormalizeOutput {
  result: ParseResult;
  /** fields the LLM got wrong and that were replaced (for logs) */
  repaired: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() && Number.isFinite(Number(v)) ? Number(v) : null);

/** Returns null when the answer is unusable as a whole (not an object, no valid intent). */
export function normalizeLlmResult(input: NormalizeInput): NormalizeOutput | null {
  const { raw, rules, text, lower, ctx, index } = input;
  if (!isObject(raw)) return null;
  const intentParsed = intentSchema.safeParse(raw.intent);
  if (!intentParsed.success) return null;
  const intent = intentParsed.data;
  const repaired: string[] = [];
  const allowed = Array.isArray(ctx?.brandIds) ? new Set(ctx.brandIds) : null;
  const inScope = (brandId: string) => !allowed || allowed.has(brandId);
  const lowerText = lower;

  const confidence = clampConfidence(num(raw.confidence), rules.confidence);
  if (intent === "unknown") return { result: emptyResult("unknown", confidence), repaired };

  // --- items: known, in-scope products only; a dropped item is replaced by what the rules found.
  const items: ParsedItem[] = [];
  let dropped = false;
  const llmItems = Array.isArray(raw.items) ? raw.items : [];
  if (raw.items !== undefined && !Array.isArray(raw.items)) repaired.push("items");
  for (const it of llmItems) {
    const productId = isObject(it) ? str(it.productId) : null;
    const product = productId ? index.products.get(productId) : undefined;
    if (!productId || !product || !inScope(product.brandId)) {
      dropped = true;
      continue;
    }
    const fromRules = rules.items.find((r) => r.productId === productId);
    const q = num((it as Record<string, unknown>).quantity);
    let quantity: number;
    if (q !== null && q >= 1 && Number.isSafeInteger(Math.round(q))) quantity = Math.round(q);
    else {
      quantity = fromRules?.quantity ?? 1;
      repaired.push("items.quantity");
    }
    const size = normalizeSize(str((it as Record<string, unknown>).size), product.sizes, fromRules?.size ?? null, lowerText);
    if (size.repaired) repaired.push("items.size");
    items.push({ productId, quantity, size: size.value });
  }
  if (dropped) {
    repaired.push("items.productId");
    for (const r of rules.items) if (!items.some((i) => i.productId === r.productId)) items.push({ ...r });
  }

  // --- brand: a known, in-scope brand; else the rules' brand; else the first item's brand.
  let brandId: string | null = null;
  const llmBrand = str(raw.brandId);
  if (llmBrand && index.brands.has(llmBrand) && inScope(llmBrand)) brandId = llmBrand;
  else {
    if (llmBrand) repaired.push("brandId");
    brandId = rules.brandId;
  }
  if (!brandId && items.length) brandId = index.products.get(items[0].productId)?.brandId ?? null;

  // --- coupon: a catalog code in scope (catalog spelling), or exactly the code the rules read from
  // the user's own text. Anything else the LLM "issues" is dropped.
  let couponCode: string | null = null;
  const llmCoupon = str(raw.couponCode);
  if (llmCoupon) {
    const known = index.coupons.get(llmCoupon.toUpperCase());
    if (known && inScope(known.brandId)) couponCode = known.code;
    else if (rules.couponCode && rules.couponCode.toUpperCase() === llmCoupon.toUpperCase()) couponCode = rules.couponCode;
    else {
      repaired.push("couponCode");
      couponCode = rules.couponCode;
    }
  } else {
    // the LLM saw no code: keep one only if the rules matched a catalog code token in the text
    const known = rules.couponCode ? index.coupons.get(rules.couponCode.toUpperCase()) : undefined;
    couponCode = known && inScope(known.brandId) ? known.code : null;
  }

  // --- order id: only one the user typed (copied in the user's casing).
  let orderId: string | null = null;
  const llmOrder = str(raw.orderId)?.replace(/^#/, "") ?? null;
  if (llmOrder) {
    const at = ORDER_ID.test(llmOrder) ? lowerText.indexOf(llmOrder.toLowerCase()) : -1;
    if (at >= 0) orderId = text.slice(at, at + llmOrder.length);
    else {
      repaired.push("orderId");
      orderId = rules.orderId;
    }
  }

  // --- fulfillment, radius, rating: well-formed or the rules' value.
  let fulfillment: ParseResult["fulfillment"] = null;
  if (raw.fulfillment != null) {
    if (typeof raw.fulfillment === "string" && FULFILLMENTS.has(raw.fulfillment)) fulfillment = raw.fulfillment as ParseResult["fulfillment"];
    else {
      repaired.push("fulfillment");
      fulfillment = rules.fulfillment;
    }
  }
  if (!FULFILLMENT_INTENTS.has(intent)) fulfillment = null;

  let radiusMeters: number | null = null;
  const r = num(raw.radiusMeters);
  if (raw.radiusMeters != null) {
    if (r !== null && r >= 1 && r <= 20_000_000) radiusMeters = Math.round(r);
    else {
      repaired.push("radiusMeters");
      radiusMeters = rules.radiusMeters;
    }
  }

  let rating: number | null = null;
  const g = num(raw.rating);
  if (raw.rating != null) {
    if (g !== null && g >= 1 && g <= 5) rating = Math.round(g);
    else {
      repaired.push("rating");
      rating = rules.rating;
    }
  }
  if (intent !== "feedback") rating = null;

  // --- role: a catalog role, only for a booking; else what the rules read from the text.
  const llmRole = str(raw.role);
  let role: string | null = llmRole && index.roles.has(llmRole) ? llmRole : rules.role ?? null;
  if (llmRole && !index.roles.has(llmRole)) repaired.push("role");
  if (intent !== "book_appointment") role = null;

  // --- when: the LLM decides whether the message names a time; the date arithmetic is the rules'
  // (deterministic, and the conventions the contract documents: 周六 = next Saturday, 下午 = 15:00...)
  // whenever they can read the time; otherwise the LLM's ISO date-time, re-expressed in the bot's zone.
  let when: string | null = null;
  const w = str(raw.when);
  if (w) {
    const tz = typeof ctx?.timezone === "string" && ctx.timezone && isValidTimeZone(ctx.timezone) ? ctx.timezone : "UTC";
    const now = ctx?.now instanceof Date && !Number.isNaN(ctx.now.getTime()) ? ctx.now : new Date();
    const ruled = safeParseWhen(lower, now, tz);
    const ms = ISO_WITH_OFFSET.test(w) ? Date.parse(w) : Number.NaN;
    if (ruled) when = ruled;
    else if (Number.isFinite(ms) && Math.abs(ms - now.getTime()) <= MAX_WHEN_DISTANCE_MS) when = formatZoned(tz, ms);
    else {
      repaired.push("when");
      when = rules.when;
    }
  }
  if (!WHEN_INTENTS.has(intent)) when = null;

  const result: ParseResult = {
    intent, brandId, items, fulfillment, radiusMeters, when, couponCode, orderId, rating, role,
    // an answer that needed repairs is worth less
    confidence: repaired.length ? Math.round(confidence * 0.8 * 100) / 100 : confidence,
  };
  const checked = parseResultSchema.safeParse(result);
  return checked.success ? { result: checked.data, repaired } : null;
}

function clampConfidence(c: number | null, fallback: number): number {
  // some models answer a percentage (93 for 0.93); anything else out of range is clamped
  const v = c === null ? fallback : c > 1 && c <= 100 && Number.isInteger(c) ? c / 100 : c;
  const clamped = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  return Math.round(clamped * 100) / 100;
}

/**
 * A size the product has (catalog spelling, matched like the rules match sizes: "L码" = "L", "1米8" =
 * "1.8米"); else the rules' size for that product; else, for a size the product lacks, the LLM's words
 * only if the user actually wrote them. A product without sizes never has one.
 */
function normalizeSize(
  llm: string | null, sizes: Map<string, string>, fromRules: string | null, lowerText: string,
): { value: string | null; repaired: boolean } {
  if (sizes.size === 0) return { value: null, repaired: llm !== null };
  if (llm === null) return { value: fromRules, repaired: false };
  const hit = sizes.get(sizeKey(llm)) ?? sizes.get(llm.toLowerCase());
  if (hit) return { value: hit, repaired: false };
  if (fromRules) return { value: fromRules, repaired: true };
  if (lowerText.includes(llm.toLowerCase())) return { value: llm, repaired: false };
  return { value: null, repaired: true };
}

function safeParseWhen(lower: string, now: Date, tz: string): string | null {
  try {
    return parseWhen(lower, now, tz);
  } catch {
    return null;
  }
}
