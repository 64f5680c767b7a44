// The planning half of a scheduler pass: which campaign occurrences are due at `now`, and for each one the
// audience snapshot written into the outbox (one Delivery row per recipient, dedupeKey
// `campaign:<occurrenceId>:<memberId>`). Exactly one instance plans an occurrence: the unique
// (campaignId, dueAt) of CampaignOccurrence decides, whatever the number of schedulers racing.
import type { Db, Tx } from "../../db/database.ts";
import { isUniqueViolation } from "../../db/write-transaction.ts";
import { isValidTimeZone } from "../../domain/time/time-zone.ts";
import { audienceBatches, audienceFrom, audienceSchema, nextBoundary, type Audience } from "./audience.ts";
import { occurrencesBetween, parseCron } from "./cron-schedule.ts";
import type { OutboxConfig } from "../../outbox/outbox-config.ts";
import { enqueue, enqueueSelected, jsonParam, type CampaignPayload, type OutboxMessage } from "../../outbox/enqueue.ts";
import { quietUntil } from "../../outbox/quiet-hours.ts";
import { query, type Params } from "../../db/sql.ts";

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

/** Writes one occurrence's audience into the outbox in batches; safe to run again after a crash. */
async function snapshot(db: Db, c: CampaignRow, occurrenceId: string, dueAt: Date, now: Date, config: OutboxConfig, opts: PlanOptions, resumed: boolean): Promise<PlannedOccurrence> {
  const audience: Audience = audienceSchema.parse(c.audience);
  // the exact radius needs a distance computed per member: that path reads members; every other audience is
  // copied by the database itself, INSERT … SELECT per keyset batch, without a row passing through this process
  return audience.nearStoreId
    ? snapshotThroughProcess(db, c, audience, occurrenceId, dueAt, now, config, opts, resumed)
    : snapshotInDatabase(db, c, audience, occurrenceId, dueAt, now, config, opts);
}

async function snapshotThroughProcess(db: Db, c: CampaignRow, audience: Audience, occurrenceId: string, dueAt: Date, now: Date, config: OutboxConfig, opts: PlanOptions, resumed: boolean): Promise<PlannedOccurrence> {
  const wall = opts.wallClock ?? Date.now;
  const coupon = c.couponCode ? await db.prisma.coupon.findUnique({ where: { code: c.couponCode }, select: { title: true } }) : null;
  const { text, payload } = campaignMessage(c, coupon?.title);
  // A row that need not wait is stamped with the earlier of the pass instant and the wall clock, so a channel on the
  // real clock (the scripted chat) shows it at once even when passes are driven with a `--now` ahead of it.
  const immediate = new Date(Math.min(now.getTime(), wall()));
  const quietByZone = new Map<string, Date | null>();
  const deferUntil = (tz: string | null): Date | null => {
    const zone = tz && isValidTimeZone(tz) ? tz : config.defaultTimeZone;
    if (!quietByZone.has(zone)) quietByZone.set(zone, quietUntil(now, zone, config.quietHours));
    return quietByZone.get(zone)!;
  };
  const capSince = new Date(now.getTime() - 86_400_000);
  let queued = 0;
  let skipped = 0;
  let deferred = 0;
  for await (const batch of audienceBatches(db, c.brandId, audience, opts.batchSize ?? 5000)) {
    const reachable = batch.filter((m) => !m.marketingOptOut && !m.unreachable);
    const recent = reachable.length ? await recentPromotions(db, reachable.map((m) => m.id), capSince, occurrenceId) : new Map<string, number>();
    const rows: OutboxMessage[] = [];
    // members who opted out or blocked the bot get a skipped row, as in the database path: the reach report shows why
    const capped: OutboxMessage[] = batch
      .filter((m) => m.marketingOptOut || m.unreachable)
      .map((m) => ({
        dedupeKey: `campaign:${occurrenceId}:${m.id}`, memberId: m.id, source: "campaign", campaignId: c.id, occurrenceId, text, payload,
        status: "skipped", error: m.marketingOptOut ? "unsubscribed" : "unreachable", notBefore: immediate, createdAt: now,
      }));
    for (const m of reachable) {
      const row: OutboxMessage = {
        dedupeKey: `campaign:${occurrenceId}:${m.id}`, memberId: m.id, source: "campaign", campaignId: c.id, occurrenceId,
        text, payload, notBefore: deferUntil(m.timezone) ?? immediate, createdAt: now,
      };
      if ((recent.get(m.id) ?? 0) >= config.frequencyCap) capped.push({ ...row, status: "skipped", error: "frequency_cap" });
      else rows.push(row);
    }
    const n = await enqueue(db.prisma, rows);
    queued += n;
    if (n === rows.length) deferred += rows.filter((r) => r.notBefore!.getTime() > now.getTime()).length;
    skipped += capped.length;
    await enqueue(db.prisma, capped);
    await db.prisma.campaignOccurrence.update({ where: { id: occurrenceId }, data: { plannedAt: new Date(wall()) } });
  }
  const recipients = resumed ? await db.prisma.outboxMessage.count({ where: { occurrenceId, status: { not: "skipped" } } }) : queued;
  await db.prisma.campaignOccurrence.update({ where: { id: occurrenceId }, data: { status: "planned", recipients, plannedAt: new Date(wall()) } });
  return { campaignId: c.id, occurrenceId, dueAt, queued, skipped, deferred };
}

/** Promotions each member already has in the outbox (queued, in flight or sent) in the cap window, other occurrences. */
async function recentPromotions(db: Db, memberIds: string[], since: Date, occurrenceId: string): Promise<Map<string, number>> {
  const rows = await query<{ memberId: string; n: number | bigint }>(
    db,
    (p) => `SELECT "memberId", COUNT(*) AS "n" FROM "OutboxMessage" WHERE "memberId" IN ${p.list(memberIds)} AND "source" = 'campaign'
      AND "status" IN ('queued', 'claimed', 'sent') AND "createdAt" > ${p.ts(since)} AND "occurrenceId" <> ${p.v(occurrenceId)} GROUP BY "memberId"`,
  );
  return new Map(rows.map((r) => [r.memberId, Number(r.n)]));
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

/**
 * The last member an interrupted run of this snapshot committed (or ""): batches commit one at a time in member
 * order, so every member up to it is planned. Read through the dedupeKey index (the occurrence's rows share a prefix).
 */
async function lastPlannedMember(db: Db, prefix: string): Promise<string> {
  const rows = await query<{ memberId: string }>(
    db,
    (p) => `SELECT "memberId" FROM "OutboxMessage" WHERE "dedupeKey" >= ${p.v(prefix)} AND "dedupeKey" < ${p.v(prefix.slice(0, -1) + ";")} ORDER BY "dedupeKey" DESC LIMIT 1`,
  );
  return rows[0]?.memberId ?? "";
}

/**
 * One batch of a snapshot in a transaction of its own. On PostgreSQL without waiting for its commit to reach the
 * disk (synchronous_commit off, this transaction only): a crash can lose the last batches committed, never half of one,
 * and the resumed snapshot plans them again (lastPlannedMember, ON CONFLICT DO NOTHING).
 */
function inBatch(db: Db, write: (client: Db["prisma"] | Tx) => Promise<number>): Promise<number> {
  if (db.provider !== "postgresql") return write(db.prisma);
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL synchronous_commit = off");
    return write(tx);
  }, { timeout: 600_000, maxWait: 60_000 });
}

async function snapshotInDatabase(db: Db, c: CampaignRow, audience: Audience, occurrenceId: string, dueAt: Date, now: Date, config: OutboxConfig, opts: PlanOptions): Promise<PlannedOccurrence> {
  const wall = opts.wallClock ?? Date.now;
  const coupon = c.couponCode ? await db.prisma.coupon.findUnique({ where: { code: c.couponCode }, select: { title: true } }) : null;
  const { text, payload } = campaignMessage(c, coupon?.title);
  const immediate = new Date(Math.min(now.getTime(), wall()));
  const capSince = new Date(now.getTime() - 86_400_000);
  const prefix = `campaign:${occurrenceId}:`;
  const batchSize = opts.batchSize ?? (db.provider === "postgresql" ? 50_000 : 20_000);
  const release = await releaseByZone(db, now, immediate, config);
  // WARNING (PostgreSQL): without fresh statistics the planner takes a grown table for empty and joins the batch
  // with nested loops, which turns a snapshot quadratic; a sampled ANALYZE costs well under a second.
  if (db.provider === "postgresql") await db.prisma.$executeRawUnsafe(`ANALYZE "Follow", "Member", "MemberTag", "OutboxMessage"`).catch(() => undefined);
  // a snapshot interrupted by a crash resumes after the last batch it committed
  let after = await lastPlannedMember(db, prefix);
  if (after) opts.log?.("resuming a campaign snapshot after the last planned member", { occurrenceId, after });
  for (;;) {
    const boundary = await nextBoundary(db, c.brandId, audience, after, batchSize);
    // placeholders are written in textual order (SQLite's `?` are positional)
    await inBatch(db, (client) => enqueueSelected(client, (p) => {
      const json = JSON.stringify(payload);
      const head = `SELECT ${p.v(prefix)} || x."id", ${p.v(prefix)} || x."id", x."id", 'campaign', ${p.v(c.id)}, ${p.v(occurrenceId)}, ${p.v(text)}, ${jsonParam(p, json)},
          CASE WHEN x."optOut" OR x."unreachable" OR x."recent" >= ${p.v(config.frequencyCap)} THEN 'skipped' ELSE 'queued' END,
          CASE WHEN x."optOut" THEN 'unsubscribed' WHEN x."unreachable" THEN 'unreachable' WHEN x."recent" >= ${p.v(config.frequencyCap)} THEN 'frequency_cap' ELSE NULL END,
          x."notBefore", ${p.ts(now)}
        FROM (SELECT m."id" AS "id", ${releaseCase(p, release)} AS "notBefore", COALESCE(r."n", 0) AS "recent",
            m."marketingOptOut" AS "optOut", m."unreachable" AS "unreachable"`;
      // promotions each member of the batch already has in the cap window, aggregated over the batch's id range
      const recent = (q: Params) => `LEFT JOIN (SELECT d."memberId", COUNT(*) AS "n" FROM "OutboxMessage" d WHERE d."memberId" > ${q.v(after)}${boundary === null ? "" : ` AND d."memberId" <= ${q.v(boundary)}`}
          AND ${db.provider === "sqlite" ? "+" : ""}d."status" IN ('queued', 'claimed', 'sent') AND d."source" = 'campaign' AND d."createdAt" > ${q.ts(capSince)} GROUP BY d."memberId") r ON r."memberId" = m."id"`;
      const { from } = audienceFrom(p, c.brandId, audience, null, after, boundary, recent);
      // members who opted out or blocked the bot get a skipped row: the campaign's reach report shows why
      return `${head} ${from}) x`;
    }));
    await db.prisma.campaignOccurrence.update({ where: { id: occurrenceId }, data: { plannedAt: new Date(wall()) } });
    if (boundary === null) break;
    after = boundary;
  }
  // the outbox just grew by the whole audience: fresh statistics keep the senders' queries on their indexes
  if (db.provider === "postgresql") await db.prisma.$executeRawUnsafe(`ANALYZE "OutboxMessage"`).catch(() => undefined);
  // the occurrence's rows, counted through the dedupeKey index (they share its prefix)
  const counts = await query<{ status: string; deferred: boolean | number; n: number | bigint }>(
    db,
    (p) => `SELECT "status", "deferred", COUNT(*) AS "n" FROM (SELECT "status", CASE WHEN "notBefore" > ${p.ts(now)} THEN 1 ELSE 0 END AS "deferred" FROM "OutboxMessage"
      WHERE "dedupeKey" >= ${p.v(prefix)} AND "dedupeKey" < ${p.v(prefix.slice(0, -1) + ";")}) x GROUP BY "status", "deferred"`,
  );
  let queued = 0;
  let deferred = 0;
  let skipped = 0;
  for (const r of counts) {
    if (r.status === "skipped") skipped += Number(r.n);
    else {
      queued += Number(r.n);
      if (r.deferred) deferred += Number(r.n);
    }
  }
  await db.prisma.campaignOccurrence.update({ where: { id: occurrenceId }, data: { status: "planned", recipients: queued, plannedAt: new Date(wall()) } });
  return { campaignId: c.id, occurrenceId, dueAt, queued, skipped, deferred };
}
