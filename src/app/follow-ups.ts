// Follow-ups the scheduler pass queues through the same outbox as campaigns: a feedback request some time after an
// order completes, and one reminder for an unpaid order shortly before its payment link expires. Each is unique by
// dedupeKey (`feedback:<orderId>`, `unpaid:<orderId>`), so however many passes run, a member gets it once.
// Both respect unsubscribe (marketingOptOut) and skip erased or unreachable members; the feedback request waits out
// quiet hours. The unpaid reminder does not: it answers the member's own order of a few minutes ago, and deferred
// past the link's expiry it would be useless.
import type { Db } from "../db/database.ts";
import { isValidTimeZone } from "../domain/time/time-zone.ts";
import type { OutboxConfig } from "../outbox/outbox-config.ts";
import { enqueue, type OutboxMessage } from "../outbox/enqueue.ts";
import { quietUntil } from "../outbox/quiet-hours.ts";
import { query } from "../db/sql.ts";

export interface FollowUpResult {
  queued: number;
  skipped: number;
}

/** Completed orders older than the feedback delay are looked at for this long; older ones are left alone. */
const FEEDBACK_LOOKBACK_MS = 7 * 86_400_000;

interface OrderRow {
  id: string;
  memberId: string;
  storeId: string;
  timezone: string | null;
  marketingOptOut: boolean | number;
  unreachable: boolean | number;
}

function memberZone(tz: string | null, config: OutboxConfig): string {
  return tz && isValidTimeZone(tz) ? tz : config.defaultTimeZone;
}

/** Queues one follow-up per order, skipping members who opted out or are unreachable (counted as skipped). */
async function queueFor<O extends OrderRow>(db: Db, orders: O[], build: (o: O) => OutboxMessage): Promise<FollowUpResult> {
  const rows = orders.filter((o) => !o.marketingOptOut && !o.unreachable).map(build);
  return { queued: await enqueue(db.prisma, rows), skipped: orders.length - rows.length };
}

/** Use case (scheduler): queue a feedback request for orders completed at least the configured delay ago. */
export async function queueFeedbackRequests(db: Db, now: Date, config: OutboxConfig, wallNow = Date.now()): Promise<FollowUpResult> {
  const upTo = new Date(now.getTime() - config.feedbackDelayMs);
  const from = new Date(upTo.getTime() - FEEDBACK_LOOKBACK_MS);
  const orders = await query<OrderRow>(
    db,
    (p) => `SELECT o."id", o."memberId", o."storeId", m."timezone", m."marketingOptOut", m."unreachable"
      FROM "Order" o JOIN "Member" m ON m."id" = o."memberId"
      WHERE o."status" = 'completed' AND o."completedAt" <= ${p.ts(upTo)} AND o."completedAt" > ${p.ts(from)} AND m."erasedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" d WHERE d."dedupeKey" = 'feedback:' || o."id")
      LIMIT 1000`,
  );
  const immediate = new Date(Math.min(now.getTime(), wallNow));
  return queueFor(db, orders, (o) => ({
      dedupeKey: `feedback:${o.id}`, memberId: o.memberId, source: "follow_up", orderId: o.id,
      text: `订单 ${o.id} 已完成。这次满意吗？回复 1-5 分告诉我们吧。/ How was order ${o.id}? Reply with a rating from 1 to 5.`,
      payload: { kind: "feedback_request", orderId: o.id, storeId: o.storeId },
      notBefore: quietUntil(now, memberZone(o.timezone, config), config.quietHours) ?? immediate,
      createdAt: now,
  }));
}

/** Use case (scheduler): one reminder per unpaid order when its payment link is about to expire. */
export async function queueUnpaidReminders(db: Db, now: Date, config: OutboxConfig, wallNow = Date.now()): Promise<FollowUpResult> {
  const until = new Date(now.getTime() + config.unpaidLeadMs);
  const orders = await query<OrderRow & { expiresAt: Date }>(
    db,
    (p) => `SELECT o."id", o."memberId", o."storeId", o."expiresAt", m."timezone", m."marketingOptOut", m."unreachable"
      FROM "Order" o JOIN "Member" m ON m."id" = o."memberId"
      WHERE o."status" = 'pending_payment' AND o."expiresAt" > ${p.ts(now)} AND o."expiresAt" <= ${p.ts(until)} AND m."erasedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" d WHERE d."dedupeKey" = 'unpaid:' || o."id")
      LIMIT 1000`,
  );
  const immediate = new Date(Math.min(now.getTime(), wallNow));
  return queueFor(db, orders, (o) => {
    const minutes = Math.max(1, Math.round((new Date(o.expiresAt).getTime() - now.getTime()) / 60_000));
    return {
      dedupeKey: `unpaid:${o.id}`, memberId: o.memberId, source: "follow_up", orderId: o.id,
      text: `订单 ${o.id} 还未支付，支付链接约 ${minutes} 分钟后失效。/ Order ${o.id} is not paid yet; its payment link expires in about ${minutes} min.`,
      payload: { kind: "unpaid_reminder", orderId: o.id, buttons: [{ id: `confirm:${o.id}`, label: "去支付 / Pay now" }] },
      notBefore: immediate,
      createdAt: now,
    };
  });
}
