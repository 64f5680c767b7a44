// The claim step of the outbox pipeline. A row moves queued → claimed → sent | failed | skipped, every move a
// conditional UPDATE on the current status, so two workers never send the same row; a row is claimed only just before
// its send slot. Rows a dead worker left claimed are never sent again (at most once).
import type { Db } from "../../db/database.ts";
import { execute, query } from "../../db/sql.ts";

/** Claims the rows still queued among `ids`; returns the ids this worker got (the others went to another worker). */
export async function claim(db: Db, ids: string[], wallNow: number): Promise<Set<string>> {
  const rows = await query<{ id: string }>(
    db,
    (p) => `UPDATE "OutboxMessage" SET "status" = 'claimed', "claimedAt" = ${p.ts(new Date(wallNow))}, "attempts" = "attempts" + 1
      WHERE "id" IN ${p.list(ids)} AND "status" = 'queued' RETURNING "id"`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Puts a claimed, unsent row back in the queue as it was (the attempt does not count). */
export function unclaim(db: Db, id: string): Promise<number> {
  return execute(db, (p) => `UPDATE "OutboxMessage" SET "status" = 'queued', "claimedAt" = NULL, "attempts" = "attempts" - 1 WHERE "id" = ${p.v(id)} AND "status" = 'claimed'`);
}

/** Marks rows left `claimed` past the lease as failed (unconfirmed): the at-most-once rule for crashed workers. */
export async function recoverStaleClaims(db: Db, wallNow: number, leaseMs: number): Promise<number> {
  return execute(
    db,
    (p) => `UPDATE "OutboxMessage" SET "status" = 'failed', "error" = 'unconfirmed: the worker stopped while sending; not resent (at most once)'
      WHERE "status" = 'claimed' AND "claimedAt" < ${p.ts(new Date(wallNow - leaseMs))}`,
  );
}
