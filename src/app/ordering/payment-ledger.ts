// The payment event ledger: every provider event's outcome is stored under its id (the PaymentEvent primary key), so
// a replay, or the same event delivered twice at once, gets the first outcome back and nothing happens twice.

import type { Db } from "../../db/database.ts";
import { isUniqueViolation } from "../../db/write-transaction.ts";

/**
 * When writing an event's outcome failed because another delivery of the same event stored one first (the
 * primary-key race), that stored outcome; null when the failure was something else (the caller rethrows).
 */
export async function outcomeOfWinner(db: Db, eventId: string, error: unknown): Promise<string | null> {
  if (!isUniqueViolation(error)) return null;
  return (await db.prisma.paymentEvent.findUnique({ where: { id: eventId } }))?.result ?? null;
}
