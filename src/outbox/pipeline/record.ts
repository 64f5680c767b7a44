// The record step of the outbox pipeline: what an answer means for the row and the rest of the queue (sent; 429:
// back to the queue and the whole sender paused; 403: failed and the member unreachable; transient: retried with a
// backoff until the attempts run out; permanent: failed), and the rules' skips and deferrals. Sent rows are written in
// batches, one UPDATE per ~100 ms instead of one per message.
import type { Db } from "../../db/database.ts";
import { execute, type Params } from "../../db/sql.ts";
import { outboxMessages } from "../../ops/metrics.ts";
import type { SendResult } from "../message-sender.ts";
import { isTransactional, retryBackoffMs } from "../send-rules.ts";
import type { Routed } from "./select.ts";
import type { DrainState, Outgoing, PipelineDeps } from "./state.ts";

/** A conditional move of one row: only from the status it is expected in. */
function setStatus(db: Db, id: string, from: string, data: string, extra: (p: Params) => string = () => "") {
  return execute(db, (p) => `UPDATE "OutboxMessage" SET ${data}${extra(p)} WHERE "id" = ${p.v(id)} AND "status" = ${p.v(from)}`);
}

/** Writes the sent rows buffered so far (claimed → sent), after any write still in progress. */
export function flushSent(deps: Pick<PipelineDeps, "db" | "clock">, state: DrainState): Promise<void> {
  if (!state.sentBuffer.length) return state.flushing;
  const ids = state.sentBuffer;
  state.sentBuffer = [];
  const at = deps.clock();
  state.flushing = state.flushing.then(async () => {
    await execute(deps.db, (p) => `UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${p.ts(at)}, "error" = NULL WHERE "id" IN ${p.list(ids)} AND "status" = 'claimed'`);
  });
  return state.flushing;
}

export async function recordResult(deps: PipelineDeps, state: DrainState, out: Outgoing, r: SendResult): Promise<void> {
  const { db, config } = deps;
  const { stats } = state;
  const wall = deps.wallClock ?? Date.now;
  const { row } = out;
  if (r.ok) {
    stats.sent++;
    outboxMessages.inc({ source: row.source, status: "sent" });
    if (row.source === "campaign") state.promoCounts.set(row.memberId!, (state.promoCounts.get(row.memberId!) ?? 0) + 1);
    state.sentBuffer.push(row.id);
    if (state.sentBuffer.length >= 200) await flushSent(deps, state);
    return;
  }
  switch (r.kind) {
    case "rate_limited": {
      stats.rateLimited++;
      outboxMessages.inc({ source: row.source, status: "429" });
      const until = wall() + Math.max(1, r.retryAfterSeconds) * 1000;
      await deps.limiter.pause(until);
      deps.log?.("429 from Telegram: pausing the sender", { retryAfterSeconds: r.retryAfterSeconds });
      // not delivered: back to the queue as it was (the attempt does not count)
      await setStatus(db, row.id, "claimed", `"status" = 'queued', "claimedAt" = NULL, "attempts" = "attempts" - 1`);
      return;
    }
    case "blocked": {
      stats.failed++;
      outboxMessages.inc({ source: row.source, status: "403" });
      await setStatus(db, row.id, "claimed", `"status" = 'failed', "error" = 'blocked: ' || `, (p) => p.v(r.error.slice(0, 200)));
      if (row.source === "staff") return; // an employee who blocked the bot: only this card fails
      await db.prisma.member.update({ where: { id: row.memberId! }, data: { unreachable: true } });
      const n = await db.prisma.outboxMessage.updateMany({ where: { memberId: row.memberId!, status: "queued", id: { not: row.id } }, data: { status: "skipped", error: "unreachable" } });
      stats.skipped += n.count; // (not in o2o_outbox_messages_total: the 403 that caused them is)
      return;
    }
    case "transient": {
      if (row.attempts + 1 >= config.maxAttempts) {
        stats.failed++;
        outboxMessages.inc({ source: row.source, status: "failed" });
        await setStatus(db, row.id, "claimed", `"status" = 'failed', "error" = `, (p) => p.v(`gave up after ${row.attempts + 1} attempts: ${r.error}`.slice(0, 300)));
      } else {
        stats.retried++;
        outboxMessages.inc({ source: row.source, status: "retried" });
        const from = isTransactional(row.source) ? Math.max(deps.clock().getTime(), wall()) : deps.clock().getTime();
        const at = new Date(from + retryBackoffMs(row.attempts + 1, row.source));
        await setStatus(db, row.id, "claimed", `"status" = 'queued', "claimedAt" = NULL, "notBefore" = `, (p) => `${p.ts(at)}, "error" = ${p.v(r.error.slice(0, 300))}`);
      }
      return;
    }
    case "permanent":
      stats.failed++;
      outboxMessages.inc({ source: row.source, status: "failed" });
      await setStatus(db, row.id, "claimed", `"status" = 'failed', "error" = `, (p) => p.v(r.error.slice(0, 300)));
      return;
  }
}

/** Writes the rules' verdicts: skipped rows with their reason, deferred rows with their new notBefore. */
export async function recordDecisions(db: Db, state: DrainState, routed: Routed, sourceOf: Map<string, string>): Promise<void> {
  const countBySource = (ids: string[], status: string) => {
    for (const id of ids) outboxMessages.inc({ source: sourceOf.get(id) ?? "any", status });
  };
  for (const [reason, ids] of routed.skips) {
    state.stats.skipped += await execute(db, (p) => `UPDATE "OutboxMessage" SET "status" = 'skipped', "error" = ${p.v(reason)} WHERE "id" IN ${p.list(ids)} AND "status" = 'queued'`);
    countBySource(ids, "skipped");
  }
  for (const [until, ids] of routed.deferrals) {
    state.stats.deferred += await execute(db, (p) => `UPDATE "OutboxMessage" SET "notBefore" = ${p.ts(new Date(until))} WHERE "id" IN ${p.list(ids)} AND "status" = 'queued'`);
    countBySource(ids, "deferred");
  }
}
