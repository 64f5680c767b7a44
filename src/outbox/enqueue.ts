// The one writer of the outbox: every message the platform sends on its own initiative — a campaign push, a follow-up,
// an order update, a store staff member's card — becomes an OutboxMessage row here first, unique by dedupeKey, and the
// pipeline (pipeline/drain.ts) sends it at most once whatever the retries. Rows are written with
// INSERT … ON CONFLICT ("dedupeKey") DO NOTHING, many per statement: a second enqueue of the same key (a retry after a
// crash, a second instance, a repeated event) neither duplicates nor resets a row. `enqueue` takes rows built in the
// process; `enqueueSelected` copies rows the database selects itself (a campaign audience of millions).
import type { Prisma, Tx } from "../db/database.ts";
import { newId } from "../db/ids.ts";
import { executeIn, MAX_PARAMS, type Params } from "../db/sql.ts";
import type { Button } from "../domain/chat/button.ts";

export type OutboxSource = "campaign" | "follow_up" | "order" | "staff";

/** What a campaign's recipients see besides its text (app/campaigns/plan-campaigns.ts `campaignMessage`). */
export interface CampaignPayload {
  campaignId: string;
  buttons?: Button[];
  /** the bot's deep link parameter (`c-<campaignId>`), appended as a t.me link when the bot's username is known */
  deepLink?: string;
  couponCode?: string;
}

/** A follow-up: feedback request, unpaid reminder, appointment reminder, "your size is back". */
export interface FollowUpPayload {
  kind?: string;
  buttons?: Button[];
  [detail: string]: unknown;
}

/** An order update: the order and its new status, or a tracking step. */
export interface OrderPayload {
  orderId?: string;
  status?: string;
  buttons?: Button[];
  [detail: string]: unknown;
}

/** A staff card goes to the employee's own chat with the bot they bound with. */
export interface StaffPayload {
  telegramUserId: string;
  botId: string;
  buttons: Button[];
  [detail: string]: unknown;
}

interface Common {
  dedupeKey: string;
  text: string;
  /** not sent before this instant; default: due at once whatever the clock says (epoch: a pinned test or demo clock
   *  may lag the wall clock), which also puts it ahead of any campaign backlog */
  notBefore?: Date;
  /** default: now (wall clock) */
  createdAt?: Date;
  /** "skipped": recorded for the reach report, never sent (`error` says why) */
  status?: "queued" | "skipped";
  error?: string | null;
  orderId?: string | null;
}

export type OutboxMessage =
  | (Common & { source: "campaign"; memberId: string; campaignId: string; occurrenceId: string; payload: CampaignPayload })
  | (Common & { source: "follow_up"; memberId: string; payload: FollowUpPayload })
  | (Common & { source: "order"; memberId: string; payload?: OrderPayload })
  | (Common & { source: "staff"; staffId: string; payload: StaffPayload });

/** Due at once whatever the clock says (a pinned test or demo clock may lag the database's now()). */
export const IMMEDIATELY = new Date(0);

const COLUMNS = ["id", "dedupeKey", "memberId", "staffId", "source", "campaignId", "occurrenceId", "orderId", "text", "payload", "status", "error", "notBefore", "createdAt"];
const PER_STATEMENT = Math.floor(MAX_PARAMS / COLUMNS.length);

/** `?` for a JSON text, cast on PostgreSQL. */
export function jsonParam(p: Params, json: string): string {
  return p.provider === "sqlite" ? p.v(json) : `${p.v(json)}::jsonb`;
}

/**
 * Queues messages, on a client or inside the caller's transaction (then they are sent only if it commits). A message
 * whose dedupeKey is already in the outbox is ignored. Returns how many rows were inserted.
 */
export async function enqueue(client: Prisma | Tx, messages: OutboxMessage | OutboxMessage[]): Promise<number> {
  const all = Array.isArray(messages) ? messages : [messages];
  let inserted = 0;
  for (let i = 0; i < all.length; i += PER_STATEMENT) {
    const chunk = all.slice(i, i + PER_STATEMENT);
    const now = new Date();
    inserted += await executeIn(client, (p) => {
      // identical payloads (one campaign occurrence) are encoded once
      const jsonCache = new Map<unknown, string>();
      const tuples = chunk.map((m) => {
        const payload = m.payload ?? {};
        let json = jsonCache.get(payload);
        if (json === undefined) jsonCache.set(payload, (json = JSON.stringify(payload)));
        return `(${[
          p.v(newId()), p.v(m.dedupeKey), p.v(m.source === "staff" ? null : m.memberId), p.v(m.source === "staff" ? m.staffId : null), p.v(m.source),
          p.v(m.source === "campaign" ? m.campaignId : null), p.v(m.source === "campaign" ? m.occurrenceId : null), p.v(m.orderId ?? null),
          p.v(m.text), jsonParam(p, json), p.v(m.status ?? "queued"), p.v(m.error ?? null), p.ts(m.notBefore ?? IMMEDIATELY), p.ts(m.createdAt ?? now),
        ].join(", ")})`;
      });
      return `INSERT INTO "OutboxMessage" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")} ON CONFLICT ("dedupeKey") DO NOTHING`;
    });
  }
  return inserted;
}

/** The columns a set-based enqueue's SELECT yields, in this order. */
export const SELECTED_COLUMNS = ["id", "dedupeKey", "memberId", "source", "campaignId", "occurrenceId", "text", "payload", "status", "error", "notBefore", "createdAt"] as const;

/**
 * Rows the database selects itself, without a row passing through this process (a campaign audience of millions):
 * `select` is a SELECT yielding SELECTED_COLUMNS in order. Keys already in the outbox are skipped. Returns how many
 * rows were inserted.
 */
export function enqueueSelected(client: Prisma | Tx, select: (p: Params) => string): Promise<number> {
  // `WHERE true` tells SQLite that ON CONFLICT is the upsert clause, not a join's ON
  return executeIn(client, (p) => `INSERT INTO "OutboxMessage" (${SELECTED_COLUMNS.map((c) => `"${c}"`).join(", ")})
    SELECT * FROM (${select(p)}) s WHERE true ON CONFLICT ("dedupeKey") DO NOTHING`);
}
