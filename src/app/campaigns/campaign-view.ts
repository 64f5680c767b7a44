// Read model of campaigns for merchants (admin API, chat): schedule, status, the next run and how its messages
// fared, counted per delivery status (queued, claimed, sent, failed, skipped).
import type { Db } from "../../db/database.ts";
import { nextOccurrences, parseCron } from "./cron-schedule.ts";

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

async function deliveryCounts(db: Db, ids: string[]): Promise<Map<string, DeliveryCounts>> {
  const out = new Map<string, DeliveryCounts>();
  for (const id of ids) out.set(id, Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as DeliveryCounts);
  if (!ids.length) return out;
  const rows = await db.prisma.outboxMessage.groupBy({ by: ["campaignId", "status"], where: { campaignId: { in: ids } }, _count: { _all: true } });
  for (const r of rows) {
    const counts = out.get(r.campaignId!);
    if (counts && r.status in counts) counts[r.status as keyof DeliveryCounts] = r._count._all;
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
