// Pushes shown inline: members chatting locally (`o2o chat`, the scripted chat) get their outbox messages at their
// next turn, as `push` replies, instead of through Telegram's sender (the pipeline leaves their rows alone).
import type { Db } from "../db/database.ts";

/**
 * Claims the member's due, unsent pushes for a channel that shows them inline (the scripted chat), oldest first,
 * marking them sent in the same statement set so each is shown once.
 */
export async function takePendingPushes(db: Db, memberId: string, now: Date) {
  const due = await db.prisma.outboxMessage.findMany({
    where: { memberId, status: "queued", notBefore: { lte: now } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 50,
  });
  const shown = [];
  for (const d of due) {
    const { count } = await db.prisma.outboxMessage.updateMany({ where: { id: d.id, status: "queued" }, data: { status: "sent", sentAt: now, shownAt: now } });
    if (count === 1) shown.push(d);
  }
  return shown;
}
