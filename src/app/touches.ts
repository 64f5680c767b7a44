// Touches: the "opened" step of a funnel — a member opened a campaign or coupon deep link, scanned a store's QR code,
// or tapped a campaign's button. Reports count them per campaign and store (reach → opened → claimed → redeemed).
import type { Db } from "../db/database.ts";

export type TouchKind = "deep_link" | "button" | "store_qr" | "coupon_link" | "miniapp";

export interface TouchInput {
  memberId: string;
  kind: TouchKind;
  campaignId?: string | null;
  storeId?: string | null;
  brandId?: string | null;
  /** a coupon link: the brand is the coupon's */
  couponCode?: string | null;
  /** what was opened, as the member sent it (e.g. the /start payload, the button id); cut to 64 characters */
  source?: string | null;
  at: Date;
}

/**
 * Use case: records one touch. Ids come from user input (a deep link, a tap), so unknown campaigns and stores are
 * dropped rather than stored, and the brand is taken from the campaign or store when not given.
 */
export async function recordTouch(db: Db, t: TouchInput): Promise<void> {
  const campaign = t.campaignId ? await db.prisma.campaign.findUnique({ where: { id: t.campaignId }, select: { id: true, brandId: true } }) : null;
  const store = t.storeId ? await db.prisma.store.findUnique({ where: { id: t.storeId }, select: { id: true, brandId: true } }) : null;
  const coupon = t.couponCode && !t.brandId ? await db.prisma.coupon.findUnique({ where: { code: t.couponCode.toUpperCase() }, select: { brandId: true } }) : null;
  const brandId = t.brandId ?? campaign?.brandId ?? store?.brandId ?? coupon?.brandId ?? null;
  await db.prisma.touch.create({
    data: { memberId: t.memberId, kind: t.kind, campaignId: campaign?.id ?? null, storeId: store?.id ?? null, brandId, source: t.source?.slice(0, 64) ?? null, createdAt: t.at },
  });
}
