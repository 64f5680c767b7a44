// The NLU output: one schema for every parser (rules, LLM) and for `o2o nlu --json` (docs/chat-protocol.md).
import { z } from "zod";
import type { DescribedSize } from "./described-sizes.ts";

export const INTENTS = [
  "order", "find_store", "book_appointment", "claim_coupon", "list_coupons", "order_status", "cancel_order",
  "follow", "unfollow", "recommend", "feedback", "unsubscribe", "forget_me", "help", "greeting", "unknown",
] as const;
export const intentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof intentSchema>;

export const fulfillmentSchema = z.enum(["delivery", "pickup", "ship"]);
export type Fulfillment = z.infer<typeof fulfillmentSchema>;

export const parsedItemSchema = z.object({
  productId: z.string(),
  quantity: z.number().int().positive(),
  size: z.string().nullable(),
});
export type ParsedItem = z.infer<typeof parsedItemSchema>;

export const parseResultSchema = z.object({
  intent: intentSchema,
  brandId: z.string().nullable(),
  items: z.array(parsedItemSchema),
  fulfillment: fulfillmentSchema.nullable(),
  radiusMeters: z.number().int().positive().nullable(),
  /** ISO 8601 with offset, resolved in the bot's time zone */
  when: z.string().nullable(),
  couponCode: z.string().nullable(),
  orderId: z.string().nullable(),
  /** 1..5 */
  rating: z.number().int().min(1).max(5).nullable(),
  /** book_appointment: the staff role asked for (by title or service), from the catalog lexicon; not in the contract's output */
  role: z.string().nullable().optional(),
  confidence: z.number().min(0).max(1),
});
export type ParseResult = z.infer<typeof parseResultSchema>;

/** What a parser knows about the catalog: plain data, loaded from the database by the caller. */
export interface CatalogSnapshot {
  brands: { id: string; name: string; aliases: string[] }[];
  /** `unit`: what one of it is when sold by an amount (斤, 人, 晚), read from its description (sold-by.ts); `described`: the
   * amounts its description gives its sizes (小锅2人, 中锅3-4人; described-sizes.ts); `pairs`: its description says one of it is a
   * pair (一对装, 按对计; sold-by.ts) */
  products: { id: string; brandId: string; name: string; aliases: string[]; sizes: string[]; tags: string[]; unit?: string | null; described?: DescribedSize[]; pairs?: boolean }[];
  /** a coupon's title ("满300减50", "新人首单8折") lets a customer name it without its code */
  coupons: { code: string; brandId: string; title?: string | null }[];
  /** role ids in use by staff */
  staffRoles?: string[];
  /** the catalog's "roles" kind: words per language for each role */
  roles?: { role: string; labels?: { zh?: string[]; en?: string[] } }[];
  /** staff names and roles (a name ending in a title teaches the role's title: 张药师 → 药师), and the brand of the store
   * each works at */
  staff?: { name: string; role: string; brandId?: string }[];
  /** store names (masked as places by the intent model, intent-model.ts) */
  stores?: { name: string; brandId: string; address?: string | null }[];
}

export interface ParseContext {
  /** the instant "now" for relative dates */
  now: Date;
  /** IANA zone the bot speaks in, e.g. Asia/Shanghai */
  timezone: string;
  /** a brand bot restricts resolution to its brands; null = marketplace (every brand) */
  brandIds: string[] | null;
}

/** The port every parser implements. */
export interface IntentParser {
  parse(text: string, ctx: ParseContext): Promise<ParseResult>;
}

export function emptyResult(intent: Intent = "unknown", confidence = 0): ParseResult {
  return { intent, brandId: null, items: [], fulfillment: null, radiusMeters: null, when: null, couponCode: null, orderId: null, rating: null, confidence };
}
