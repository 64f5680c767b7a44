// Admin API: a merchant's campaigns. Creating one goes through the same use case as `o2o campaign create` and the
// chat, so every refusal (empty text, bad cron or time zone, coupon of another brand, nobody in the audience…)
// comes back as 400 with that use case's code and message, before anything is scheduled.
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { cancelCampaign } from "../../app/campaigns/cancel-campaign.ts";
import { DELIVERY_STATUSES, getCampaign, listCampaigns } from "../../app/campaigns/campaign-view.ts";
import { createCampaign, createCampaignInput } from "../../app/campaigns/create-campaign.ts";
import { AdminError, adminRoute, pageFrom, pageQuery, pageSchema } from "./admin-api.ts";

const brandParams = z.object({ brandId: z.string().min(1) });
const idParams = z.object({ id: z.string().min(1) });

export const campaignBody = createCampaignInput.omit({ brandId: true, createdBy: true }).strict();
const createBody = campaignBody;
const createdSchema = z.object({ campaignId: z.string(), audienceSize: z.number().int(), nextRunAt: z.string().nullable(), timezone: z.string() });

const campaignSchema = z.object({
  campaignId: z.string(), brandId: z.string(), text: z.string(), couponCode: z.string().nullable(), audience: z.unknown(),
  status: z.enum(["scheduled", "done", "cancelled"]), at: z.string().nullable(), cron: z.string().nullable(), timezone: z.string(),
  nextRunAt: z.string().nullable().describe("the next instant it runs; null once nothing more is scheduled"),
  createdBy: z.string().nullable(), createdAt: z.string(),
  deliveries: z.object(Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, z.number().int()]))).describe("messages per delivery status"),
});
const listQuery = pageQuery.extend({ status: z.enum(["scheduled", "done", "cancelled"]).optional() });
const cancelledSchema = z.object({ campaignId: z.string(), status: z.literal("cancelled"), previousStatus: z.string(), skipped: z.number().int() });

/** A one-off campaign scheduled in the past would go out at once: from the console that is a typo, so it is refused. */
function refusePast(at: string | undefined, now: Date) {
  if (!at) return;
  const t = Date.parse(at);
  if (!Number.isNaN(t) && t < now.getTime() - 60_000) throw new AdminError(400, "INVALID_INPUT", `the send time ${at} is in the past; pick a time from now on`);
}

export function campaignRoutes(db: Db, clock: () => Date) {
  const brandOfCampaign = async ({ params }: { params: { id: string } }) =>
    (await db.prisma.campaign.findUnique({ where: { id: params.id }, select: { brandId: true } }))?.brandId ?? null;
  async function brandOrThrow(brandId: string) {
    if (!(await db.prisma.brand.findUnique({ where: { id: brandId } }))) throw new AdminError(404, "NOT_FOUND", `no brand ${brandId}`);
  }
  return [
    adminRoute({
      method: "POST", path: "/brands/:brandId/campaigns", tag: "campaigns", status: 201,
      summary: "Schedule a campaign: once (`at`) or repeating (`cron` in `timezone`); refused with 400 and a clear message when it could not be sent",
      params: brandParams, body: createBody, response: createdSchema,
      handler: async ({ params, body }) => {
        await brandOrThrow(params.brandId);
        refusePast(body.at, clock());
        const r = await createCampaign(db, { ...body, brandId: params.brandId, createdBy: "admin-api" }, clock());
        if (!r.ok) throw new AdminError(400, r.error.code, r.error.message ?? r.error.code);
        return r.value;
      },
    }),
    adminRoute({
      method: "GET", path: "/brands/:brandId/campaigns", tag: "campaigns", summary: "A brand's campaigns, newest first, with the next run and delivery counts",
      params: brandParams, query: listQuery, response: pageSchema(campaignSchema),
      handler: async ({ params, query }) => {
        await brandOrThrow(params.brandId);
        const { items, total } = await listCampaigns(db, { brandId: params.brandId, ...query }, clock());
        return pageFrom(items, total, query);
      },
    }),
    adminRoute({
      method: "GET", path: "/campaigns/:id", tag: "campaigns", summary: "One campaign with its next run and delivery counts",
      params: idParams, brandOf: brandOfCampaign, response: campaignSchema,
      handler: async ({ params }) => {
        const c = await getCampaign(db, params.id, clock());
        if (!c) throw new AdminError(404, "NOT_FOUND", `no campaign ${params.id}`);
        return c;
      },
    }),
    adminRoute({
      method: "POST", path: "/campaigns/:id/cancel", tag: "campaigns",
      summary: "Cancel: no further occurrences, and its queued messages are skipped (already sent ones stay sent)",
      params: idParams, brandOf: brandOfCampaign, response: cancelledSchema,
      handler: async ({ params }) => {
        const r = await cancelCampaign(db, { campaignId: params.id });
        if (!r.ok) throw new AdminError(r.error.code === "NOT_FOUND" ? 404 : 400, r.error.code, r.error.message ?? r.error.code);
        return r.value;
      },
    }),
  ];
}
