// Read model of campaigns for merchants (admin API, chat): schedule, status, the next run and how its messages
// fared, counted per delivery status (queued, claimed, sent, failed, skipped), recipients not yet in the outbox included.
import type { Db } from "../../db/database.ts";
import { nextOccurrences, parseCron } from "./cron-schedule.ts";
import { query } from "../../db/sql.ts";

interface Campaign {
  id: string;
  brandId: string;
  text: string;
  couponCode: string | null;
  audience: unknown;
  at: Date | null;
  cron: string | null;
  timezone: string;
  status: string;
  createdBy: string | null;
  createdAt: Date;
}

export const DELIVERY_STATUSES = ["queued", "claimed", "sent", "failed", "skipped"] as const;
export type DeliveryCounts = Record<(typeof DELIVERY_STATUSES)[number], number>;

export interface CampaignView {
  campaignId: string;
  brandId: string;
  text: string;
  couponCode: string | null;
  audience: unknown;
  status: string;
  at: string | null;
  cron: string | null;
  timezone: string;
  /** the next instant it will run (ISO), null when nothing more is scheduled */
  nextRunAt: string | null;
  createdBy: string | null;
  createdAt: string;
  deliveries: DeliveryCounts;
}

/** When a campaign runs next: its `at` until planned, else its cron's next occurrence after now. */
export function nextRunOf(c: Pick<Campaign, "status" | "at" | "cron" | "timezone">, now: Date): Date | null {
  if (c.status !== "scheduled") return null;
  if (c.at) return c.at;
  if (!c.cron) return null;
  const parsed = parseCron(c.cron);
  return parsed.ok ? (nextOccurrences(parsed.value, c.timezone, now, 1)[0] ?? null) : null;
}

/**
 * Per campaign, its messages by delivery status: the outbox rows, and the members of snapshot blocks not yet fed into
 * the outbox (campaign-feed.ts) — queued, or skipped when the snapshot skipped them or the campaign was cancelled.
 */
export async function deliveryCounts(db: Db, ids: string[]): Promise<Map<string, DeliveryCounts>> {
  const out = new Map<string, DeliveryCounts>();
  for (const id of ids) out.set(id, Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as DeliveryCounts);
  if (!ids.length) return out;
  const rows = await db.prisma.outboxMessage.groupBy({ by: ["campaignId", "status"], where: { campaignId: { in: ids } }, _count: { _all: true } });
  const unfed = await query<{ campaignId: string; status: string; n: number | bigint }>(
    db,
    (p) => `SELECT "campaignId", "status", SUM("members") AS "n" FROM (SELECT o."campaignId" AS "campaignId", b."members" AS "members",
        CASE WHEN b."skipReason" IS NULL AND c."status" <> 'cancelled' THEN 'queued' ELSE 'skipped' END AS "status"
        FROM "CampaignOccurrence" o JOIN "Campaign" c ON c."id" = o."campaignId" JOIN "CampaignRecipientBlock" b ON b."occurrenceId" = o."id"
        WHERE o."campaignId" IN ${p.list(ids)}) x GROUP BY "campaignId", "status"`,
  );
  for (const r of [...rows.map((r) => ({ campaignId: r.campaignId!, status: r.status, n: r._count._all })), ...unfed]) {
    const counts = out.get(r.campaignId);
    if (counts && r.status in counts) counts[r.status as keyof DeliveryCounts] += Number(r.n);
  }
  return out;
}

function view(c: Campaign, counts: DeliveryCounts, now: Date): CampaignView {
  return {
    campaignId: c.id, brandId: c.brandId, text: c.text, couponCode: c.couponCode, audience: c.audience, status: c.status,
    at: c.at?.toISOString() ?? null, cron: c.cron, timezone: c.timezone, nextRunAt: nextRunOf(c, now)?.toISOString() ?? null,
    createdBy: c.createdBy, createdAt: c.createdAt.toISOString(), deliveries: counts,
  };
}

/** A brand's campaigns, newest first, one page at a time. */
export async function listCampaigns(
  db: Db,
  input: { brandId: string; status?: string; limit: number; offset: number },
  now: Date,
): Promise<{ items: CampaignView[]; total: number }> {
  const where = { brandId: input.brandId, ...(input.status ? { status: input.status } : {}) };
  const [total, rows] = await Promise.all([
    db.prisma.campaign.count({ where }),
    db.prisma.campaign.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: input.offset, take: input.limit }),
  ]);
  const counts = await deliveryCounts(db, rows.map((r) => r.id));
  return { items: rows.map((r) => view(r, counts.get(r.id)!, now)), total };
}

export async function getCampaign(db: Db, campaignId: string, now: Date): Promise<CampaignView | null> {
  const c = await db.prisma.campaign.findUnique({ where: { id: campaignId } });
  if (!c) return null;
  const counts = await deliveryCounts(db, [c.id]);
  return view(c, counts.get(c.id)!, now);
}
