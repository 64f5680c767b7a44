// Bulk writes to the delivery outbox: many rows per statement, INSERT … ON CONFLICT ("dedupeKey") DO NOTHING,
// so re-planning an occurrence (a retry after a crash, a second instance) never duplicates nor resets a row.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/database.ts";
import { execute, MAX_PARAMS } from "../db/sql.ts";

export interface OutboxRow {
  dedupeKey: string;
  memberId: string;
  source: "campaign" | "follow_up" | "order";
  campaignId?: string | null;
  occurrenceId?: string | null;
  orderId?: string | null;
  text: string;
  payload: Record<string, unknown>;
  /** "queued", or "skipped" (recorded for the audit, never sent) */
  status?: "queued" | "skipped";
  error?: string | null;
  notBefore: Date;
  createdAt: Date;
}

const COLUMNS = ["id", "dedupeKey", "memberId", "source", "campaignId", "occurrenceId", "orderId", "text", "payload", "status", "error", "notBefore", "createdAt"];
const PER_STATEMENT = Math.floor(MAX_PARAMS / COLUMNS.length);

/** Inserts the rows whose dedupeKey is new; returns how many were inserted. */
export async function insertOutboxRows(db: Db, rows: OutboxRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += PER_STATEMENT) {
    const chunk = rows.slice(i, i + PER_STATEMENT);
    inserted += await execute(db, (p) => {
      // identical JSON payloads (one campaign occurrence) are encoded once
      const jsonCache = new Map<unknown, string>();
      const tuples = chunk.map((r) => {
        let json = jsonCache.get(r.payload);
        if (json === undefined) jsonCache.set(r.payload, (json = JSON.stringify(r.payload)));
        return `(${[
          p.v(randomUUID()), p.v(r.dedupeKey), p.v(r.memberId), p.v(r.source), p.v(r.campaignId ?? null), p.v(r.occurrenceId ?? null), p.v(r.orderId ?? null),
          p.v(r.text), db.provider === "sqlite" ? p.v(json) : `${p.v(json)}::jsonb`, p.v(r.status ?? "queued"), p.v(r.error ?? null), p.ts(r.notBefore), p.ts(r.createdAt),
        ].join(", ")})`;
      });
      return `INSERT INTO "OutboxMessage" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")} ON CONFLICT ("dedupeKey") DO NOTHING`;
    });
  }
  return inserted;
}
