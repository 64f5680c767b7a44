// Use case: a merchant schedules a campaign (CLI today; chat and the admin API call the same function). Everything
// that would make it fail at send time is refused here, with one clear line: empty text, unknown brand, a coupon or
// store of another brand, an invalid cron expression or time zone, and an audience of nobody (counted now).
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { isValidTimeZone, wallTimeToEpochs } from "../../domain/time/time-zone.ts";
import { audienceSchema, countAudience, describeAudience, type Audience } from "./audience.ts";
import { nextOccurrences, parseCron } from "./cron-schedule.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";

/** Telegram caps a message at 4096 characters; leave room for the deep link. */
export const MAX_CAMPAIGN_TEXT = 3900;

export const createCampaignInput = z.object({
  brandId: z.string().trim().min(1),
  text: z.string(),
  couponCode: z.string().trim().min(1).optional(),
  audience: z.enum(["followers", "all"]).default("followers"),
  nearStoreId: z.string().trim().min(1).optional(),
  radiusMeters: z.number().optional(),
  tag: z.string().trim().min(1).optional(),
  /** ISO 8601; without an offset it is read as wall time in `timezone` */
  at: z.string().trim().min(1).optional(),
  cron: z.string().optional(),
  /** default: the brand's time zone */
  timezone: z.string().trim().min(1).optional(),
  createdBy: z.string().optional(),
});
export type CreateCampaignInput = z.input<typeof createCampaignInput>;

export interface CreatedCampaign {
  campaignId: string;
  /** members it would reach if it ran now */
  audienceSize: number;
  /** the first due instant (ISO), or null when a cron schedule has no occurrence in the next five years */
  nextRunAt: string | null;
  timezone: string;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An ISO instant; a date-time without offset is wall time in the zone. */
export function parseAt(at: string, timeZone: string): Date | null {
  if (ISO_WITH_ZONE.test(at)) {
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = ISO_LOCAL.exec(at);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const t = wallTimeToEpochs(timeZone, y, mo, d, h * 60 + mi)[0];
  return t === undefined ? null : new Date(t + (s || 0) * 1000);
}

/** What a campaign would be if created now: everything createCampaign checks, nothing written (chat previews). */
export interface CampaignPreview extends Omit<CreatedCampaign, "campaignId"> {
  brandId: string;
  text: string;
  couponCode: string | null;
  audience: Audience;
  /** the once-only instant (ISO), or null for a cron schedule */
  at: string | null;
  cron: string | null;
}

/** Use case: a merchant schedules a campaign; refusals are values with a code, a field and one clear line. */
export async function createCampaign(db: Db, raw: CreateCampaignInput, now: Date): Promise<AppResult<CreatedCampaign>> {
  const checked = await checkCampaign(db, raw, now);
  if (!checked.ok) return checked;
  const p = checked.value;
  const campaign = await db.prisma.campaign.create({
    data: { brandId: p.brandId, text: p.text, couponCode: p.couponCode, audience: p.audience as never, at: p.at ? new Date(p.at) : null, cron: p.cron, timezone: p.timezone, status: "scheduled", createdBy: p.createdBy },
  });
  return okValue({ campaignId: campaign.id, audienceSize: p.audienceSize, nextRunAt: p.nextRunAt, timezone: p.timezone });
}

/** Use case: the same checks as createCampaign, without creating anything (the chat's preview before Confirm). */
export async function previewCampaign(db: Db, raw: CreateCampaignInput, now: Date): Promise<AppResult<CampaignPreview>> {
  const checked = await checkCampaign(db, raw, now);
  if (!checked.ok) return checked;
  const { createdBy: _createdBy, ...preview } = checked.value;
  return okValue(preview);
}

async function checkCampaign(db: Db, raw: CreateCampaignInput, now: Date): Promise<AppResult<CampaignPreview & { createdBy: string | null }>> {
  const parsed = createCampaignInput.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return failWith("INVALID_INPUT", `${i.path.join(".") || "input"}: ${i.message}`);
  }
  const input = parsed.data;
  const text = input.text.trim();
  if (!text) return failWith("INVALID_INPUT", "the campaign text is empty: give --text with the message to send", { field: "text" });
  if (text.length > MAX_CAMPAIGN_TEXT) return failWith("INVALID_INPUT", `the campaign text is ${text.length} characters; Telegram allows at most ${MAX_CAMPAIGN_TEXT} here`, { field: "text" });

  const brand = await db.prisma.brand.findUnique({ where: { id: input.brandId } });
  if (!brand) return failWith("NOT_FOUND", `unknown brand "${input.brandId}"`, { field: "brand" });

  const timezone = input.timezone ?? brand.timezone;
  if (!isValidTimeZone(timezone)) return failWith("INVALID_TIME_ZONE", `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`, { field: "tz" });

  if ((input.at === undefined) === (input.cron === undefined)) return failWith("INVALID_INPUT", "give exactly one of --at ISO (once) or --cron EXPR (repeating)", { field: "schedule" });
  let at: Date | null = null;
  let cron: string | null = null;
  let nextRunAt: Date | null = null;
  if (input.at !== undefined) {
    at = parseAt(input.at, timezone);
    if (!at) return failWith("INVALID_INPUT", `--at "${input.at}" is not an ISO date-time such as 2026-06-01T10:00:00+08:00`, { field: "at" });
    nextRunAt = at;
  } else {
    const c = parseCron(input.cron!);
    if (!c.ok) return failWith("INVALID_INPUT", c.error, { field: "cron" });
    cron = c.value.expression;
    nextRunAt = nextOccurrences(c.value, timezone, now, 1)[0] ?? null;
    if (!nextRunAt) return failWith("INVALID_INPUT", `cron expression "${input.cron}" never fires (no occurrence in the next five years)`, { field: "cron" });
  }

  let couponCode: string | null = null;
  if (input.couponCode) {
    const coupon =
      (await db.prisma.coupon.findUnique({ where: { code: input.couponCode } })) ?? (await db.prisma.coupon.findUnique({ where: { code: input.couponCode.toUpperCase() } }));
    if (!coupon) return failWith("COUPON_NOT_FOUND", `unknown coupon "${input.couponCode}"`, { field: "coupon" });
    if (coupon.brandId !== brand.id) return failWith("COUPON_WRONG_BRAND", `coupon ${coupon.code} belongs to brand ${coupon.brandId}, not ${brand.id}`, { field: "coupon" });
    if (at && coupon.validTo < at) return failWith("COUPON_EXPIRED", `coupon ${coupon.code} expires ${coupon.validTo.toISOString()}, before the campaign is sent`, { field: "coupon" });
    couponCode = coupon.code;
  }

  if ((input.nearStoreId === undefined) !== (input.radiusMeters === undefined)) {
    return failWith("INVALID_INPUT", "--near STORE and --radius METERS go together", { field: "near" });
  }
  if (input.radiusMeters !== undefined && (!Number.isFinite(input.radiusMeters) || input.radiusMeters <= 0 || input.radiusMeters > 20_000_000)) {
    return failWith("INVALID_INPUT", "--radius must be a positive number of metres", { field: "radius" });
  }
  if (input.nearStoreId) {
    const store = await db.prisma.store.findUnique({ where: { id: input.nearStoreId } });
    if (!store) return failWith("NOT_FOUND", `unknown store "${input.nearStoreId}"`, { field: "near" });
    if (store.brandId !== brand.id) return failWith("NOT_ALLOWED", `store ${store.id} belongs to brand ${store.brandId}, not ${brand.id}`, { field: "near" });
  }

  const audience: Audience = audienceSchema.parse({ kind: input.audience, nearStoreId: input.nearStoreId, radiusMeters: input.radiusMeters, tag: input.tag });
  const audienceSize = await countAudience(db, brand.id, audience);
  if (audienceSize === 0) return failWith("INVALID_INPUT", `the audience is empty: no reachable member matches (${describeAudience(brand.id, audience)})`, { field: "audience" });

  return okValue({
    brandId: brand.id, text, couponCode, audience, at: at?.toISOString() ?? null, cron, timezone, audienceSize,
    nextRunAt: nextRunAt?.toISOString() ?? null, createdBy: input.createdBy ?? null,
  });
}
