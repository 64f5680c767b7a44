// The campaign feed: moves a planned occurrence's audience snapshot (CampaignRecipientBlock rows, written by
// app/campaigns/plan-campaigns.ts) into the outbox just ahead of sending, in member order, a window at a time. Ten
// million recipients are planned in well under a minute because the snapshot is a few rows per 10,000 members; they
// are sent at ≤ 1000/s, which takes hours, so their full outbox rows (text, payload, five indexes) are written at the
// sending pace instead. The first window moves as soon as the snapshot is complete; the pipeline moves the next one
// when fewer than half a window is left to send, and the rest before it goes idle (pipeline/drain.ts).
//
// WARNING (exactly-once): a window moves in ONE transaction that (1) advances the occurrence's cursor fedUpTo, on
// the condition that it still holds the value this feeder read, (2) copies the window's members into the outbox
// through the one writer (enqueueSelected: ON CONFLICT (dedupeKey) DO NOTHING, with the keys and ids planning always
// used, `campaign:<occurrenceId>:<memberId>`) and (3) deletes the window's blocks. Two feeders racing: the second
// one's conditional update matches nothing and it writes nothing. A crash mid-window rolls all three back. So every
// recipient reaches the outbox once, and from there the pipeline's conditional claims send it at most once.
//
// What the snapshot decided travels with the row: planning's skips (unsubscribed, unreachable, frequency_cap) become
// skipped outbox rows with that reason, so the reach report reads the outbox as before (plus the blocks not yet fed:
// app/campaigns/campaign-view.ts). A member erased since the snapshot is left out (the feed joins Member); one merged
// away is fed to the record that absorbed them, as a merge moves queued rows. A cancelled campaign's blocks are moved
// all the same, as skipped rows ("campaign_cancelled", the pipeline's reason for it): the outbox ends up with every
// recipient and its fate, as before the snapshot, and no block is left behind.
import type { Db } from "../db/database.ts";
import { executeIn, query, type Params } from "../db/sql.ts";
import { enqueueSelected, jsonParam } from "./enqueue.ts";
import type { OutboxConfig } from "./outbox-config.ts";

/** Rows moved at a time: config.feedWindow, else a minute of sending at the configured rate, at least 10,000. */
export function feedWindow(config: Pick<OutboxConfig, "ratePerSecond" | "feedWindow">): number {
  return config.feedWindow ?? Math.max(10_000, Math.ceil(config.ratePerSecond * 60));
}

/** The outbox dedupeKey (and id) of a campaign recipient's row is this prefix and the member id. */
export const recipientKeyPrefix = (occurrenceId: string) => `campaign:${occurrenceId}:`;

/**
 * The members of block `b` as rows `e."value"`: a FROM item to put after the block's table (the ids are a JSON array).
 */
export function blockMembers(p: Params, b: string): string {
  return p.provider === "sqlite" ? `CROSS JOIN json_each(${b}."memberIds") e` : `CROSS JOIN LATERAL json_array_elements_text(${b}."memberIds"::json) AS e("value")`;
}

interface Feeding {
  id: string;
  campaignId: string;
  fedUpTo: string;
  text: string | null;
  payload: unknown;
  queuedAt: Date | string | null;
  campaignStatus: string;
}

/** Occurrences planned and not yet wholly in the outbox, oldest first (optionally only some). */
function feeding(db: Db, only?: string[]): Promise<Feeding[]> {
  return query<Feeding>(
    db,
    (p) => `SELECT o."id", o."campaignId", o."fedUpTo", o."text", o."payload", o."queuedAt", c."status" AS "campaignStatus"
      FROM "CampaignOccurrence" o JOIN "Campaign" c ON c."id" = o."campaignId"
      WHERE o."status" = 'planned' AND o."fedAt" IS NULL${only ? ` AND o."id" IN ${p.list(only)}` : ""} ORDER BY o."dueAt", o."id"`,
  );
}

/**
 * The next window after `after`: the blocks up to `upTo` holding at least `rows` members (or all that are left), and
 * whether they are the last ones. Null when no block is left.
 */
async function nextWindow(db: Db, occurrenceId: string, after: string, rows: number): Promise<{ upTo: string; members: number; last: boolean } | null> {
  // a window never needs more blocks than members (every block holds at least one)
  const blocks = await query<{ k: string; n: number | bigint }>(
    db,
    (p) => `SELECT "lastMemberId" AS "k", "members" AS "n" FROM "CampaignRecipientBlock" WHERE "occurrenceId" = ${p.v(occurrenceId)} AND "lastMemberId" > ${p.v(after)}
      ORDER BY "lastMemberId" LIMIT ${p.v(Math.min(rows, 1000) + 1)}`,
  );
  if (!blocks.length) return null;
  let members = 0;
  for (let i = 0; i < blocks.length; i++) {
    members += Number(blocks[i].n);
    if (members >= rows || i === blocks.length - 1) return { upTo: blocks[i].k, members, last: i === blocks.length - 1 && blocks.length <= Math.min(rows, 1000) };
  }
  return null;
}

const instant = (v: Date | string | null): Date => (v === null ? new Date(0) : v instanceof Date ? v : new Date(v));

/** Moves the blocks in (fedUpTo, upTo] of one occurrence; null when another feeder moved them first, else the rows queued. */
async function moveWindow(db: Db, o: Feeding, upTo: string, last: boolean, wallNow: Date): Promise<number | null> {
  const json = typeof o.payload === "string" ? o.payload : JSON.stringify(o.payload ?? {});
  const prefix = recipientKeyPrefix(o.id);
  const blocks = (p: Params, b: string) => `${b}"occurrenceId" = ${p.v(o.id)} AND ${b}"lastMemberId" > ${p.v(o.fedUpTo)} AND ${b}"lastMemberId" <= ${p.v(upTo)}`;
  return db.prisma.$transaction(async (tx) => {
    // on PostgreSQL the commit does not wait for the disk: a crash can lose whole windows, which then move again
    if (db.provider === "postgresql") await tx.$executeRawUnsafe("SET LOCAL synchronous_commit = off");
    const claimed = await tx.campaignOccurrence.updateMany({ where: { id: o.id, fedUpTo: o.fedUpTo, fedAt: null }, data: { fedUpTo: upTo, ...(last ? { fedAt: wallNow } : {}) } });
    if (claimed.count !== 1) return null;
    const cancelled = o.campaignStatus === "cancelled";
    const queued = await enqueueSelected(tx, (p) => `SELECT ${p.v(prefix)} || e."value", ${p.v(prefix)} || e."value", COALESCE(m."mergedIntoId", m."id"), 'campaign',
        ${p.v(o.campaignId)}, ${p.v(o.id)}, ${p.v(o.text ?? "")}, ${jsonParam(p, json)},
        ${cancelled ? `'skipped', COALESCE(b."skipReason", 'campaign_cancelled')` : `CASE WHEN b."skipReason" IS NULL THEN 'queued' ELSE 'skipped' END, b."skipReason"`},
        b."notBefore", ${p.ts(instant(o.queuedAt))}
      FROM "CampaignRecipientBlock" b ${blockMembers(p, "b")} JOIN "Member" m ON m."id" = e."value"
      WHERE ${blocks(p, "b.")} AND m."erasedAt" IS NULL`);
    await executeIn(tx, (p) => `DELETE FROM "CampaignRecipientBlock" WHERE ${blocks(p, "")}`);
    return queued;
  }, { timeout: 120_000, maxWait: 60_000 });
}

/**
 * Moves up to about `rows` snapshot members into the outbox (default one window), oldest occurrence first (a cancelled
 * campaign's as skipped rows). Returns how many snapshot members it moved. Safe to call from any number of instances at once.
 */
export async function feedCampaigns(db: Db, config: Pick<OutboxConfig, "ratePerSecond" | "feedWindow">, opts: { rows?: number; occurrenceIds?: string[]; wallNow?: number } = {}): Promise<number> {
  let budget = opts.rows ?? feedWindow(config);
  const wallNow = new Date(opts.wallNow ?? Date.now());
  let moved = 0;
  for (const o of await feeding(db, opts.occurrenceIds)) {
    if (budget <= 0) break;
    const next = await nextWindow(db, o.id, o.fedUpTo, budget);
    if (!next) {
      await db.prisma.campaignOccurrence.updateMany({ where: { id: o.id, fedUpTo: o.fedUpTo, fedAt: null }, data: { fedAt: wallNow } });
      continue;
    }
    const queued = await moveWindow(db, o, next.upTo, next.last, wallNow);
    if (queued === null) continue; // another feeder moved it
    // members moved, whether or not they made a new row (one erased since, a key already in the outbox)
    moved += next.members;
    budget -= next.members;
  }
  return moved;
}

/**
 * The pipeline's look (at most once a second): when fewer than half a window of campaign rows are queued and due in
 * the outbox, the next window moves in. Returns the snapshot members it moved.
 */
export async function keepCampaignsFed(db: Db, config: Pick<OutboxConfig, "ratePerSecond" | "feedWindow">, now: Date, wallNow: number): Promise<number> {
  if (!(await feeding(db)).length) return 0; // nothing to move: no need to count the outbox
  const half = Math.ceil(feedWindow(config) / 2);
  const due = await query<{ n: number | bigint }>(
    db,
    (p) => `SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "OutboxMessage" WHERE "status" = 'queued' AND "notBefore" <= ${p.ts(now)} AND "source" = 'campaign' LIMIT ${p.v(half)}) x`,
  );
  if (Number(due[0]?.n ?? 0) >= half) return 0;
  return feedCampaigns(db, config, { wallNow });
}
