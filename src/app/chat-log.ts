// What members say to the bots, kept in ChatMessage (erased by forget-me, src/app/privacy.ts): the text of each turn,
// and feedback with its rating.
import type { Db } from "../db/database.ts";
import { newId } from "../db/ids.ts";
import type { Params } from "../db/sql.ts";
import { bumpTags } from "./crm/behaviour-tags.ts";

/**
 * The statement that keeps what the member said in a turn (written with the turn's state: turn-member.ts saveTurn).
 * `at`: when the message came in.
 */
export const insertChatMessage = (p: Params, memberId: string, botId: string, text: string, at: Date) =>
  `INSERT INTO "ChatMessage" ("id", "memberId", "botId", "direction", "text", "createdAt") VALUES (${p.v(newId())}, ${p.v(memberId)}, ${p.v(botId)}, 'in', ${p.v(text)}, ${p.ts(at)})`;

const SERVED = ["completed", "paid", "accepted", "ready", "out_for_delivery", "shipped"];

/** Use case: feedback in chat ("咖啡很好喝，5星"): kept with the member's last served order; a rating tags the member. */
export async function recordFeedback(db: Db, input: { memberId: string; botId: string; rating: number | null; text: string }): Promise<void> {
  const { memberId } = input;
  const last = await db.prisma.order.findFirst({ where: { memberId, status: { in: SERVED } }, orderBy: { createdAt: "desc" } });
  const text = JSON.stringify({ rating: input.rating, orderId: last?.id ?? null, text: input.text.slice(0, 500) });
  await db.prisma.chatMessage.create({ data: { memberId, botId: input.botId, direction: "feedback", text } });
  if (input.rating !== null) await bumpTags(db.prisma, memberId, [`rating:${input.rating}`]);
}
