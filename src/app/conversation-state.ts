// Per-member, per-bot dialogue state, persisted in the Conversation table and validated with zod on the way in
// (a state from an older version that no longer parses is simply reset). The chat (src/conversation) and the Mini App
// (src/miniapp: a cart quote the chat can confirm, the campaign a launch credits) both read and write it, so it sits
// in the app layer below both.
import { z } from "zod";
import type { Db } from "../db/database.ts";
import { execute, query } from "../db/sql.ts";

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
  /** a time or role said in a message that did not start a booking, kept for a booking that follows (30 min) */
  heard: z.object({ when: z.string().nullable(), role: z.string().nullable(), at: z.string() }).optional(),
  /** the appointment being moved to another time (a tap on "Reschedule" or "改约"); a time said next moves it */
  rescheduling: z.string().optional(),
  quoteOrderId: z.string().optional(),
  /** the location shared for the flow in progress; the durable record is the order's consent row */
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  campaignId: z.string().optional(),
  /** a store's static till QR was scanned: the next amount typed opens a bill there (till-flow.ts) */
  awaitingTillStoreId: z.string().optional(),
  source: z.string().optional(),
});
export type ConversationState = z.infer<typeof stateSchema>;

// Read and written on every message, so in portable SQL (src/db/sql.ts): a Prisma model query costs several times
// the statement itself here (measured ~0.8 ms against ~0.2 ms on SQLite).

/** A stored state as the driver returns it: JSON text on SQLite, already parsed on PostgreSQL; anything unusable is reset. */
export function parseState(raw: unknown): ConversationState {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      value = {};
    }
  }
  const parsed = stateSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

export async function loadState(db: Db, memberId: string, botId: string): Promise<ConversationState> {
  const [row] = await query<{ state: unknown }>(db, (p) => `SELECT "state" FROM "Conversation" WHERE "memberId" = ${p.v(memberId)} AND "botId" = ${p.v(botId)}`);
  return parseState(row?.state);
}

export async function saveState(db: Db, memberId: string, botId: string, state: ConversationState): Promise<void> {
  await execute(db, (p) => `INSERT INTO "Conversation" ("memberId", "botId", "state", "updatedAt") VALUES (${p.v(memberId)}, ${p.v(botId)}, ${p.json(state)}, ${p.ts(new Date())})
    ON CONFLICT ("memberId", "botId") DO UPDATE SET "state" = excluded."state", "updatedAt" = excluded."updatedAt"`);
}
