// The delivery outbox: every message the platform sends a member on its own initiative (order updates, follow-ups,
// campaign pushes) is a Delivery row first, unique by dedupeKey, so it is sent at most once whatever the retries.
// Channels deliver rows: Telegram's sender, or the scripted chat which prints a member's pending rows as `push` replies.
import type { Db, Tx } from "../db/database.ts";

/** Due at once whatever the clock says (a pinned test or demo clock may lag the database's now()). */
const IMMEDIATELY = new Date(0);

export type PushSource = "campaign" | "follow_up" | "order";

export interface PushInput {
  memberId: string;
  source: PushSource;
  text: string;
  dedupeKey: string;
  campaignId?: string | null;
  occurrenceId?: string | null;
  orderId?: string | null;
  payload?: Record<string, unknown>;
  notBefore?: Date;
}

/** Queues a push inside the caller's transaction; a second push with the same dedupeKey is ignored. */
export async function enqueuePush(tx: Tx, p: PushInput): Promise<void> {
  await tx.outboxMessage.upsert({
    where: { dedupeKey: p.dedupeKey },
    create: {
      dedupeKey: p.dedupeKey, memberId: p.memberId, source: p.source, text: p.text, campaignId: p.campaignId ?? null,
      occurrenceId: p.occurrenceId ?? null, orderId: p.orderId ?? null, payload: (p.payload ?? {}) as never, notBefore: p.notBefore ?? IMMEDIATELY,
    },
    update: {},
  });
}

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
