// Per-member, per-bot dialogue state, persisted in the Conversation table and validated with zod on the way in
// (a state from an older version that no longer parses is simply reset).
import { z } from "zod";
import type { Db } from "../db/database.ts";

const draftItem = z.object({ productId: z.string(), quantity: z.number().int().positive(), size: z.string().nullable() });

export const stateSchema = z.object({
  lang: z.enum(["zh", "en"]).optional(),
  /** the order being put together */
  draft: z
    .object({
      brandId: z.string().nullable(),
      items: z.array(draftItem),
      fulfillment: z.enum(["delivery", "pickup", "ship"]).nullable(),
      radiusMeters: z.number().nullable(),
      storeId: z.string().nullable(),
    })
    .optional(),
  /** a store search waiting for a location */
  search: z.object({ brandId: z.string().nullable(), radiusMeters: z.number().nullable(), service: z.string().nullable() }).optional(),
  /** a booking being put together */
  booking: z.object({ brandId: z.string().nullable(), when: z.string().nullable(), radiusMeters: z.number().nullable(), storeId: z.string().nullable(), role: z.string().nullable() }).optional(),
  awaiting: z.enum(["location", "size", "confirm", "forget"]).optional(),
  quoteOrderId: z.string().optional(),
  /** the location shared for the flow in progress; the durable record is the order's consent row */
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  campaignId: z.string().optional(),
  source: z.string().optional(),
});
export type ConversationState = z.infer<typeof stateSchema>;

export async function loadState(db: Db, memberId: string, botId: string): Promise<ConversationState> {
  const row = await db.prisma.conversation.findUnique({ where: { memberId_botId: { memberId, botId } } });
  const parsed = stateSchema.safeParse(row?.state ?? {});
  return parsed.success ? parsed.data : {};
}

export async function saveState(db: Db, memberId: string, botId: string, state: ConversationState): Promise<void> {
  const json = JSON.parse(JSON.stringify(state));
  await db.prisma.conversation.upsert({
    where: { memberId_botId: { memberId, botId } },
    create: { memberId, botId, state: json },
    update: { state: json },
  });
}
