// Campaigns from the chat: a bound, active staff member whose role is "manager" or "owner" schedules campaigns for
// their store's brand, never another brand's (the brand comes from the staff row, not from what they type).
import type { Db } from "../../db/database.ts";
import { CAMPAIGN_ROLES, staffForTelegramUser } from "../staff.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";
import { createCampaign, previewCampaign, type CampaignPreview, type CreateCampaignInput, type CreatedCampaign } from "./create-campaign.ts";
import { listCampaigns, type CampaignView } from "./campaign-view.ts";
import { cancelCampaign, type CancelledCampaign } from "./cancel-campaign.ts";

export interface CampaignManager {
  staffId: string;
  storeId: string;
  storeName: string;
  brandId: string;
  brandName: string;
  /** the brand's time zone: where "明天10点" is read */
  timezone: string;
}

export type StaffCampaignInput = Omit<CreateCampaignInput, "brandId" | "createdBy">;

/** Authorization: the manager behind this Telegram account, or NOT_ALLOWED for plain staff, customers and strangers. */
export async function campaignManagerFor(db: Db, telegramUserId: string): Promise<AppResult<CampaignManager>> {
  const staff = await staffForTelegramUser(db, telegramUserId);
  if (!staff || !CAMPAIGN_ROLES.includes(staff.role)) return failWith("NOT_ALLOWED", "only a store manager or owner can schedule campaigns");
  const store = await db.prisma.store.findUnique({ where: { id: staff.storeId }, include: { brand: true } });
  if (!store) return failWith("NOT_ALLOWED", "the store of this staff account no longer exists");
  return okValue({ staffId: staff.id, storeId: store.id, storeName: store.name, brandId: store.brandId, brandName: store.brand.name, timezone: store.brand.timezone });
}

/** Use case: what the manager's campaign would be (every check of createCampaign, nothing written). */
export async function previewStaffCampaign(db: Db, telegramUserId: string, input: StaffCampaignInput, now: Date): Promise<AppResult<CampaignPreview & { manager: CampaignManager }>> {
  const m = await campaignManagerFor(db, telegramUserId);
  if (!m.ok) return m;
  const r = await previewCampaign(db, { ...input, brandId: m.value.brandId }, now);
  return r.ok ? okValue({ ...r.value, manager: m.value }) : r;
}

/** Use case: the manager confirms; authorization is asked again (the role may have changed since the preview). */
export async function createStaffCampaign(db: Db, telegramUserId: string, input: StaffCampaignInput, now: Date): Promise<AppResult<CreatedCampaign>> {
  const m = await campaignManagerFor(db, telegramUserId);
  if (!m.ok) return m;
  return createCampaign(db, { ...input, brandId: m.value.brandId, createdBy: `staff:${m.value.staffId}` }, now);
}

/** Use case: the manager's brand's latest campaigns, newest first. */
export async function listStaffCampaigns(db: Db, telegramUserId: string, now: Date, limit = 5): Promise<AppResult<{ manager: CampaignManager; items: CampaignView[]; total: number }>> {
  const m = await campaignManagerFor(db, telegramUserId);
  if (!m.ok) return m;
  const page = await listCampaigns(db, { brandId: m.value.brandId, limit, offset: 0 }, now);
  return okValue({ manager: m.value, ...page });
}

/** Use case: the manager stops a campaign of their own brand (another brand's is NOT_FOUND to them). */
export async function cancelStaffCampaign(db: Db, telegramUserId: string, campaignId: string): Promise<AppResult<CancelledCampaign>> {
  const m = await campaignManagerFor(db, telegramUserId);
  if (!m.ok) return m;
  return cancelCampaign(db, { campaignId, brandId: m.value.brandId });
}
