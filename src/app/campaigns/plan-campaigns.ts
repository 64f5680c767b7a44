// The planning half of a scheduler pass: which campaign occurrences are due at `now`, and for each one its audience
// snapshot. Exactly one instance plans an occurrence: the unique (campaignId, dueAt) of CampaignOccurrence decides,
// whatever the number of schedulers racing.
//
// Design (issue 14: ten million followers planned in under a minute on PostgreSQL). The snapshot is NOT written into
// the outbox. An outbox row is wide — two ~60-character keys, the text and a JSON payload, five indexes — and writing
// one per follower ran at about 41,000 rows/s: four minutes for ten million. Measured on this machine, the cost is
// what is written per member, above all index entries, not the audience join (ten million joined in about 6 s; even a
// narrow one-row-per-member table with a two-column primary key took over a minute). So planning writes
// CampaignRecipientBlock rows: up to BLOCK members, in member order, who share the instant they may go out (quiet
// hours by member time zone) and the reason they are skipped, if any (unsubscribed, unreachable, frequency_cap), their
// ids as one JSON array — one row and one index entry per block. The occurrence keeps the text and payload once. The
// feed (src/outbox/campaign-feed.ts) moves the blocks into the outbox, through the outbox's one writer, a window at a
// time just ahead of sending: at ≤ 1000 messages/s a send takes hours anyway, so the wide rows are written at the
// sending pace. The first window moves as soon as the snapshot is complete.
//
// What stays as it was: the reach report (the occurrence's recipients; skipped members keep their reason in the
// outbox once fed, and the blocks not yet fed are counted from the snapshot: campaign-view.ts), the frequency cap
// (counted over the outbox and the blocks of other occurrences not yet fed), exactly once (the outbox's dedupeKey,
// `campaign:<occurrenceId>:<memberId>`, the feed's conditional cursor, the pipeline's conditional claims), and the
// resume of an interrupted snapshot: batches commit one at a time in member order and a resumed snapshot continues
// after the last member it committed. SQLite runs the same statements (json_group_array / json_each for the arrays).
import type { Db, Tx } from "../../db/database.ts";
import { isUniqueViolation } from "../../db/write-transaction.ts";
import { isValidTimeZone } from "../../domain/time/time-zone.ts";
import { audienceBatches, audienceFrom, audienceSchema, nextBoundary, type Audience } from "./audience.ts";
import { occurrencesBetween, parseCron } from "./cron-schedule.ts";
import type { OutboxConfig } from "../../outbox/outbox-config.ts";
import type { CampaignPayload } from "../../outbox/enqueue.ts";
import { blockMembers, feedCampaigns } from "../../outbox/campaign-feed.ts";
import { quietUntil } from "../../outbox/quiet-hours.ts";
import { executeIn, query, type Params } from "../../db/sql.ts";

type CampaignRow = NonNullable<Awaited<ReturnType<Db["prisma"]["campaign"]["findFirst"]>>>;

export interface PlannedOccurrence {
  campaignId: string;
  occurrenceId: string;
  dueAt: Date;
  /** rows queued for delivery */
  queued: number;
  /** members the audience matched but who get no message: opted out, unreachable, over the frequency cap */
  skipped: number;
  /** queued rows held back by quiet hours (notBefore later than the pass) */
  deferred: number;
}

export interface PlanResult {
  due: number;
  queued: number;
  skipped: number;
  deferred: number;
  occurrences: PlannedOccurrence[];
}

export interface PlanOptions {
  /** the wall clock, for heartbeats and for stamping rows that need not wait (defaults to Date.now) */
  wallClock?: () => number;
  batchSize?: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/**
 * The occurrence instants of a campaign due at `now`, given the last one already planned. One-off campaigns are due
 * once, at or after `at`. Cron campaigns: the occurrences in (last planned, now], but never older than the catch-up
 * window nor than the campaign itself (when it was created before `now`); of those only the latest is sent — a
 * scheduler that was down does not flood members with every missed repetition.
 */
export function dueInstants(c: Pick<CampaignRow, "at" | "cron" | "timezone" | "createdAt">, lastPlanned: Date | null, now: Date, catchUpMs: number): Date[] {
  if (c.at) return !lastPlanned && c.at.getTime() <= now.getTime() ? [c.at] : [];
  if (!c.cron) return [];
  const parsed = parseCron(c.cron);
  if (!parsed.ok || !isValidTimeZone(c.timezone)) return [];
  let lower = now.getTime() - catchUpMs;
  if (lastPlanned) lower = Math.max(lower, lastPlanned.getTime());
  if (c.createdAt.getTime() <= now.getTime()) lower = Math.max(lower, c.createdAt.getTime() - 60_000);
  const due = occurrencesBetween(parsed.value, c.timezone, new Date(lower), now);
  return due.length ? [due[due.length - 1]] : [];
}

/**
 * What every recipient of a campaign sees: its text, a claim button and a deep link when a coupon is attached. The
 * button is `claim:<CODE>:<campaignId>`, so the claim (and an order after it) is credited to the campaign; with a
 * cuid campaign id it fits Telegram's 64-byte callback_data for codes up to 32 bytes, longer ones travel as a token
 * (src/channels/telegram/callback-data.ts).
 */
export function campaignMessage(c: Pick<CampaignRow, "id" | "text" | "couponCode">, couponTitle?: string | null): { text: string; payload: CampaignPayload } {
  const payload: CampaignPayload = { campaignId: c.id };
  if (c.couponCode) {
    payload.buttons = [{ id: `claim:${c.couponCode}:${c.id}`, label: `领取优惠券 ${couponTitle ?? c.couponCode} / Claim` }];
    payload.deepLink = `c-${c.id}`;
    payload.couponCode = c.couponCode;
  }
  return { text: c.text, payload };
}

export async function planDueCampaigns(db: Db, now: Date, config: OutboxConfig, opts: PlanOptions = {}): Promise<PlanResult> {
  const wall = opts.wallClock ?? Date.now;
  const result: PlanResult = { due: 0, queued: 0, skipped: 0, deferred: 0, occurrences: [] };

  // occurrences a crashed planner left half-written: finish them (the snapshot is idempotent)
  const stale = await db.prisma.campaignOccurrence.findMany({
    where: { status: "planning", OR: [{ plannedAt: null }, { plannedAt: { lt: new Date(wall() - config.claimLeaseMs) } }] },
    include: { campaign: true },
  });
  for (const occ of stale) {
    if (occ.plannedAt === null && occ.createdAt.getTime() > wall() - config.claimLeaseMs) continue; // still being planned
    const claimed = await db.prisma.campaignOccurrence.updateMany({ where: { id: occ.id, status: "planning", plannedAt: occ.plannedAt }, data: { plannedAt: new Date(wall()) } });
    if (claimed.count !== 1) continue;
    opts.log?.("resuming an interrupted campaign snapshot", { occurrenceId: occ.id });
    const planned = await snapshot(db, occ.campaign, occ.id, occ.dueAt, now, config, opts, true);
    add(result, planned);
  }

  const campaigns = await db.prisma.campaign.findMany({ where: { status: "scheduled" }, orderBy: { createdAt: "asc" } });
  if (!campaigns.length) return result;
  const last = await db.prisma.campaignOccurrence.groupBy({ by: ["campaignId"], _max: { dueAt: true }, where: { campaignId: { in: campaigns.map((c) => c.id) } } });
  const lastBy = new Map(last.map((l) => [l.campaignId, l._max.dueAt]));

  for (const c of campaigns) {
    for (const dueAt of dueInstants(c, lastBy.get(c.id) ?? null, now, config.catchUpMs)) {
      let occurrenceId: string;
      try {
        occurrenceId = (await db.prisma.campaignOccurrence.create({ data: { campaignId: c.id, dueAt, status: "planning", plannedAt: new Date(wall()) } })).id;
      } catch (e) {
        if (isUniqueViolation(e)) continue; // another instance planned it
        throw e;
      }
      result.due++;
      add(result, await snapshot(db, c, occurrenceId, dueAt, now, config, opts, false));
    }
    if (c.at && (lastBy.get(c.id) || c.at.getTime() <= now.getTime())) {
      await db.prisma.campaign.updateMany({ where: { id: c.id, status: "scheduled" }, data: { status: "done" } });
    }
  }
  return result;
}

function add(result: PlanResult, planned: PlannedOccurrence): void {
  result.queued += planned.queued;
  result.skipped += planned.skipped;
  result.deferred += planned.deferred;
  result.occurrences.push(planned);
}

/** Members per snapshot block (CampaignRecipientBlock). */
const BLOCK = 10_000;

/** Writes one occurrence's audience snapshot in batches, then moves its first window into the outbox; safe to run again after a crash. */
async function snapshot(db: Db, c: CampaignRow, occurrenceId: string, dueAt: Date, now: Date, config: OutboxConfig, opts: PlanOptions, resumed: boolean): Promise<PlannedOccurrence> {
  const wall = opts.wallClock ?? Date.now;
  const audience: Audience = audienceSchema.parse(c.audience);
  // what every recipient is sent, frozen once per occurrence (a resumed snapshot keeps what it started with)
  const coupon = c.couponCode ? await db.prisma.coupon.findUnique({ where: { code: c.couponCode }, select: { title: true } }) : null;
  const { text, payload } = campaignMessage(c, coupon?.title);
  await db.prisma.campaignOccurrence.updateMany({ where: { id: occurrenceId, text: null }, data: { text, payload: payload as object, queuedAt: now } });
  const ctx: SnapshotContext = {
    db, c, audience, occurrenceId, now, config, opts,
    immediate: new Date(Math.min(now.getTime(), wall())),
    capSince: new Date(now.getTime() - 86_400_000),
  };
  // the exact radius needs a distance computed per member: that path reads members; every other audience is
  // copied by the database itself, INSERT … SELECT per keyset batch, without a row passing through this process
  if (audience.nearStoreId) await snapshotThroughProcess(ctx);
  else await snapshotInDatabase(ctx);
  // the reach of the occurrence, from its blocks (nothing is fed before it is planned)
  const counts = await query<{ skipped: number | bigint; deferred: number | bigint; n: number | bigint }>(
    db,
    (p) => `SELECT "skipped", "deferred", SUM("members") AS "n" FROM (SELECT CASE WHEN "skipReason" IS NULL THEN 0 ELSE 1 END AS "skipped",
        CASE WHEN "notBefore" > ${p.ts(now)} THEN 1 ELSE 0 END AS "deferred", "members" FROM "CampaignRecipientBlock" WHERE "occurrenceId" = ${p.v(occurrenceId)}) x
      GROUP BY "skipped", "deferred"`,
  );
  let queued = 0;
  let deferred = 0;
  let skipped = 0;
  for (const r of counts) {
    if (Number(r.skipped)) skipped += Number(r.n);
    else {
      queued += Number(r.n);
      if (Number(r.deferred)) deferred += Number(r.n);
    }
  }
  await db.prisma.campaignOccurrence.update({ where: { id: occurrenceId }, data: { status: "planned", recipients: queued, plannedAt: new Date(wall()) } });
  // the first window goes into the outbox now; the pipeline moves the rest as it sends (campaign-feed.ts)
  await feedCampaigns(db, config, { occurrenceIds: [occurrenceId], wallNow: wall() });
  // the outbox may just have grown from nearly nothing: fresh statistics keep the senders' queries on their indexes
  // (without them a selection took 0.4 s, a nested loop over every identity; autovacuum catches up within a minute)
  if (db.provider === "postgresql") await db.prisma.$executeRawUnsafe(`ANALYZE "OutboxMessage"`).catch(() => undefined);
  return { campaignId: c.id, occurrenceId, dueAt, queued, skipped, deferred };
}

interface SnapshotContext {
  db: Db;
  c: CampaignRow;
  audience: Audience;
  occurrenceId: string;
  now: Date;
  config: OutboxConfig;
  opts: PlanOptions;
  /** a row that need not wait is stamped with the earlier of the pass instant and the wall clock, so a channel on the
   *  real clock (the scripted chat) shows it at once even when passes are driven with a `--now` ahead of it */
  immediate: Date;
  /** the frequency cap's window: promotions queued since then count */
  capSince: Date;
}

/**
 * `SELECT "memberId"` of the promotions already on their way to some members within the cap window, other occurrences:
 * outbox rows queued, in flight or sent, and members of snapshot blocks not yet fed (the feed deletes the blocks it
 * moves) of campaigns not cancelled. `member(col)` is the condition on a member id column; [lo, hi] bounds the members asked about.
 */
function promotionsInWindow(p: Params, ctx: SnapshotContext, member: (col: string) => string, lo: string, hi: string | null): string {
  const sqlite = ctx.db.provider === "sqlite" ? "+" : "";
  return `SELECT d."memberId" AS "memberId" FROM "OutboxMessage" d WHERE ${member(`d."memberId"`)} AND ${sqlite}d."status" IN ('queued', 'claimed', 'sent')
      AND d."source" = 'campaign' AND d."createdAt" > ${p.ts(ctx.capSince)} AND d."occurrenceId" <> ${p.v(ctx.occurrenceId)}
    UNION ALL
    SELECT e."value" AS "memberId" FROM "CampaignOccurrence" o JOIN "Campaign" k ON k."id" = o."campaignId" AND k."status" <> 'cancelled'
      JOIN "CampaignRecipientBlock" q ON q."occurrenceId" = o."id" ${blockMembers(p, "q")}
    WHERE o."id" <> ${p.v(ctx.occurrenceId)} AND o."status" IN ('planning', 'planned') AND o."fedAt" IS NULL AND o."queuedAt" > ${p.ts(ctx.capSince)}
      AND q."skipReason" IS NULL AND q."lastMemberId" >= ${p.v(lo)}${hi === null ? "" : ` AND q."firstMemberId" <= ${p.v(hi)}`} AND ${member(`e."value"`)}`;
}

/** The planning decision per member, as SQL over `x` (optOut, unreachable, recent promotions). */
function skipReasonSql(p: Params, config: OutboxConfig): string {
  return `CASE WHEN x."optOut" THEN 'unsubscribed' WHEN x."unreachable" THEN 'unreachable' WHEN x."recent" >= ${p.v(config.frequencyCap)} THEN 'frequency_cap' ELSE NULL END`;
}

async function snapshotThroughProcess(ctx: SnapshotContext): Promise<void> {
  const { db, c, audience, occurrenceId, now, config, opts } = ctx;
  const wall = opts.wallClock ?? Date.now;
  const quietByZone = new Map<string, Date | null>();
  const deferUntil = (tz: string | null): Date | null => {
    const zone = tz && isValidTimeZone(tz) ? tz : config.defaultTimeZone;
    if (!quietByZone.has(zone)) quietByZone.set(zone, quietUntil(now, zone, config.quietHours));
    return quietByZone.get(zone)!;
  };
  for await (const batch of audienceBatches(db, c.brandId, audience, opts.batchSize ?? BLOCK)) {
    const reachable = batch.filter((m) => !m.marketingOptOut && !m.unreachable).map((m) => m.id);
    const recent = new Map<string, number>();
    if (reachable.length) {
      const rows = await query<{ memberId: string; n: number | bigint }>(db, (p) => {
        const inner = promotionsInWindow(p, ctx, (col) => `${col} IN ${p.list(reachable)}`, reachable[0], reachable[reachable.length - 1]);
        return `SELECT y."memberId", COUNT(*) AS "n" FROM (${inner}) y GROUP BY y."memberId"`;
      });
      for (const r of rows) recent.set(r.memberId, Number(r.n));
    }
    // members who opted out or blocked the bot are in the snapshot too, skipped: the campaign's reach report shows why
    const blocks = new Map<string, { notBefore: Date; skipReason: string | null; ids: string[] }>();
    for (const m of batch) {
      const notBefore = deferUntil(m.timezone) ?? ctx.immediate;
      const skipReason = m.marketingOptOut ? "unsubscribed" : m.unreachable ? "unreachable" : (recent.get(m.id) ?? 0) >= config.frequencyCap ? "frequency_cap" : null;
      const key = `${notBefore.getTime()}|${skipReason}`;
      if (!blocks.has(key)) blocks.set(key, { notBefore, skipReason, ids: [] });
      blocks.get(key)!.ids.push(m.id); // batches come in member order
    }
    await executeIn(db.prisma, (p) => `INSERT INTO "CampaignRecipientBlock" ("occurrenceId", "firstMemberId", "lastMemberId", "notBefore", "skipReason", "members", "memberIds")
      VALUES ${[...blocks.values()].map((b) => `(${p.v(occurrenceId)}, ${p.v(b.ids[0])}, ${p.v(b.ids[b.ids.length - 1])}, ${p.ts(b.notBefore)}, ${p.v(b.skipReason)}, ${p.v(b.ids.length)}, ${p.v(JSON.stringify(b.ids))})`).join(", ")}
      ON CONFLICT DO NOTHING`);
    await db.prisma.campaignOccurrence.update({ where: { id: occurrenceId }, data: { plannedAt: new Date(wall()) } });
  }
}

/** When rows may go out, per member time zone: the end of quiet hours where it is night now, else `immediate`. */
async function releaseByZone(db: Db, now: Date, immediate: Date, config: OutboxConfig): Promise<{ zones: [string, Date][]; fallback: Date }> {
  const found = (await query<{ tz: string | null }>(db, () => `SELECT DISTINCT "timezone" AS "tz" FROM "Member" WHERE "timezone" IS NOT NULL`)).map((r) => r.tz!);
  const at = (zone: string) => quietUntil(now, zone, config.quietHours) ?? immediate;
  const fallback = at(config.defaultTimeZone);
  const zones = found.filter((z) => isValidTimeZone(z)).map((z) => [z, at(z)] as [string, Date]).filter(([, d]) => d.getTime() !== fallback.getTime());
  return { zones, fallback };
}

function releaseCase(p: Params, r: { zones: [string, Date][]; fallback: Date }): string {
  if (!r.zones.length) return p.ts(r.fallback);
  return `CASE m."timezone" ${r.zones.map(([z, d]) => `WHEN ${p.v(z)} THEN ${p.ts(d)}`).join(" ")} ELSE ${p.ts(r.fallback)} END`;
}

/** The last member an interrupted run of this snapshot committed (or ""): batches commit one at a time in member order. */
async function lastPlannedMember(db: Db, occurrenceId: string): Promise<string> {
  const rows = await query<{ k: string }>(
    db,
    (p) => `SELECT "lastMemberId" AS "k" FROM "CampaignRecipientBlock" WHERE "occurrenceId" = ${p.v(occurrenceId)} ORDER BY "lastMemberId" DESC LIMIT 1`,
  );
  return rows[0]?.k ?? "";
}

/**
 * One batch of a snapshot in a transaction of its own. On PostgreSQL without waiting for its commit to reach the
 * disk (synchronous_commit off, this transaction only): a crash can lose the last batches committed, never half of one,
 * and the resumed snapshot plans them again (lastPlannedMember, ON CONFLICT DO NOTHING). The batch's sorts (member
 * order, blocks) get the memory to stay off the disk (the default 4 MB spills 100,000 members).
 */
function inBatch(db: Db, write: (client: Db["prisma"] | Tx) => Promise<number>): Promise<number> {
  if (db.provider !== "postgresql") return write(db.prisma);
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL synchronous_commit = off");
    await tx.$executeRawUnsafe("SET LOCAL work_mem = '64MB'");
    return write(tx);
  }, { timeout: 600_000, maxWait: 60_000 });
}

async function snapshotInDatabase(ctx: SnapshotContext): Promise<void> {
  const { db, c, audience, occurrenceId, now, config, opts } = ctx;
  const wall = opts.wallClock ?? Date.now;
  const batchSize = opts.batchSize ?? (db.provider === "postgresql" ? 100_000 : 20_000);
  const release = await releaseByZone(db, now, ctx.immediate, config);
  // WARNING (PostgreSQL): without fresh statistics the planner takes a grown table for empty and joins the batch
  // with nested loops, which turns a snapshot quadratic; a sampled ANALYZE costs well under a second.
  if (db.provider === "postgresql") await db.prisma.$executeRawUnsafe(`ANALYZE "Follow", "Member", "MemberTag", "OutboxMessage", "CampaignRecipientBlock"`).catch(() => undefined);
  // a snapshot interrupted by a crash resumes after the last batch it committed
  let after = await lastPlannedMember(db, occurrenceId);
  if (after) opts.log?.("resuming a campaign snapshot after the last planned member", { occurrenceId, after });
  for (;;) {
    const boundary = await nextBoundary(db, c.brandId, audience, after, batchSize);
    // placeholders are written in textual order (SQLite's `?` are positional)
    await inBatch(db, (client) => executeIn(client, (p) => {
      // the batch's members in blocks of BLOCK that share their send instant and skip reason
      const head = `SELECT ${p.v(occurrenceId)}, MIN(y."id"), MAX(y."id"), y."notBefore", y."skipReason", COUNT(*),
          ${p.provider === "sqlite" ? `json_group_array(y."id")` : `json_agg(y."id")::text`}
        FROM (SELECT x."id", x."notBefore", ${skipReasonSql(p, config)} AS "skipReason", (ROW_NUMBER() OVER (ORDER BY x."id") - 1) / ${BLOCK} AS "block"
          FROM (SELECT m."id" AS "id", ${releaseCase(p, release)} AS "notBefore", COALESCE(r."n", 0) AS "recent",
            m."marketingOptOut" AS "optOut", m."unreachable" AS "unreachable"`;
      // promotions each member of the batch already has on their way in the cap window, over the batch's id range
      const recent = (q: Params) => {
        const member = (col: string) => `${col} > ${q.v(after)}${boundary === null ? "" : ` AND ${col} <= ${q.v(boundary)}`}`;
        return `LEFT JOIN (SELECT w."memberId", COUNT(*) AS "n" FROM (${promotionsInWindow(q, ctx, member, after, boundary)}) w GROUP BY w."memberId") r ON r."memberId" = m."id"`;
      };
      const { from } = audienceFrom(p, c.brandId, audience, null, after, boundary, recent);
      // members who opted out or blocked the bot are in the snapshot too, skipped: the campaign's reach report shows why.
      // `WHERE true` tells SQLite that ON CONFLICT is the upsert clause, not a join's ON
      return `INSERT INTO "CampaignRecipientBlock" ("occurrenceId", "firstMemberId", "lastMemberId", "notBefore", "skipReason", "members", "memberIds")
        SELECT * FROM (${head} ${from}) x) y GROUP BY y."block", y."notBefore", y."skipReason") s WHERE true ON CONFLICT DO NOTHING`;
    }));
    await db.prisma.campaignOccurrence.update({ where: { id: occurrenceId }, data: { plannedAt: new Date(wall()) } });
    if (boundary === null) break;
    after = boundary;
  }
}
