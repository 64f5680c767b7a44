// The schema the LLM answers in (sent as a strict json_schema response_format). Strict structured
// output requires every property to be present, so "absent" is spelled null, never optional. It is
// deliberately looser than `parseResultSchema` (plain numbers, any strings): a slightly-off answer
// (quantity 0, rating 4.5, an unknown product id) is repaired field by field by `normalizeLlmResult`
// instead of failing the whole parse.
import { z } from "zod";
import { INTENTS } from "./intent.ts";

export const llmItemSchema = z.object({
  productId: z.string().describe("a product id from the catalog candidates"),
  quantity: z.number().describe("positive integer; 1 when not stated"),
  size: z.string().nullable().describe("one of the product's sizes as listed, or null"),
});

export const llmResultSchema = z.object({
  intent: z.enum(INTENTS),
  brandId: z.string().nullable().describe("a brand id from the catalog candidates, or null"),
  items: z.array(llmItemSchema),
  fulfillment: z.enum(["delivery", "pickup", "ship"]).nullable(),
  radiusMeters: z.number().nullable().describe("distance limit in meters, or null"),
  when: z.string().nullable().describe("ISO 8601 date-time with offset, or null"),
  couponCode: z.string().nullable().describe("a catalog coupon code or one the customer typed, or null"),
  orderId: z.string().nullable().describe("an order id the customer typed, or null"),
  rating: z.number().nullable().describe("1..5 for feedback, or null"),
  role: z.string().nullable().describe("book_appointment: a role id from ROLES the customer asks for (by title or service), or null"),
  confidence: z.number().describe("0..1"),
});
export type LlmResult = z.infer<typeof llmResultSchema>;

/** The name of the structured output (json_schema.name / function name). */
export const LLM_SCHEMA_NAME = "parse_result";
