// Use case: a merchant stops a campaign. No further occurrence is planned (the planner only reads "scheduled"
// campaigns) and the messages it already queued but has not sent become `skipped` ("campaign cancelled"); rows
// already claimed or sent stay as they are, so nobody is told twice and nothing in flight is lost track of.
import type { Db } from "../../db/database.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";
import { runTx } from "../run-tx.ts";
import { executeIn, queryIn } from "../../db/sql.ts";

/** the skip reason, the same the pipeline records for a row it finds cancelled at send time */
export const CANCELLED_REASON = "campaign_cancelled";

export interface CancelledCampaign {
  campaignId: string;
  status: "cancelled";
  /** the status it had before (cancelling twice is harmless: the second one finds "cancelled") */
  previousStatus: string;
  /** queued deliveries that will now never be sent */
  skipped: number;
}

/** Cancel campaignId; with `brandId`, only a campaign of that brand (a merchant cannot touch another brand's). */
export async function cancelCampaign(db: Db, input: { campaignId: string; brandId?: string }): Promise<AppResult<CancelledCampaign>> {
  return runTx(db, async (tx) => {
    const c = await tx.campaign.findUnique({ where: { id: input.campaignId } });
    if (!c || (input.brandId !== undefined && c.brandId !== input.brandId)) return failWith("NOT_FOUND", `unknown campaign "${input.campaignId}"`);
    if (c.status !== "cancelled") await tx.campaign.update({ where: { id: c.id }, data: { status: "cancelled" } });
    // an occurrence whose snapshot was interrupted is not resumed for a cancelled campaign, and its partial snapshot goes
    const interrupted = await queryIn<{ id: string }>(
      tx,
      (p) => `UPDATE "CampaignOccurrence" SET "status" = 'cancelled' WHERE "campaignId" = ${p.v(c.id)} AND "status" = 'planning' RETURNING "id"`,
    );
    // a snapshot's recipients not yet in the outbox are moved there as skipped (campaign-feed.ts). Touching the
    // occurrences waits, on PostgreSQL, for a window being moved at this moment (its row is locked): the outbox update
    // below then sees its rows. A snapshot running at this very moment on another instance may still queue rows after
    // this: the pipeline skips rows of a cancelled campaign at send time too (decideDelivery), so they are never sent
    const feeding = await queryIn<{ id: string }>(
      tx,
      (p) => `UPDATE "CampaignOccurrence" SET "fedUpTo" = "fedUpTo" WHERE "campaignId" = ${p.v(c.id)} AND "status" = 'planned' AND "fedAt" IS NULL RETURNING "id"`,
    );
    const unfed = await queryIn<{ n: number | bigint | null }>(
      tx,
      (p) => `SELECT SUM("members") AS "n" FROM "CampaignRecipientBlock" WHERE "occurrenceId" IN ${p.list([...interrupted, ...feeding].map((o) => o.id))} AND "skipReason" IS NULL`,
    );
    await executeIn(tx, (p) => `DELETE FROM "CampaignRecipientBlock" WHERE "occurrenceId" IN ${p.list(interrupted.map((o) => o.id))}`);
    const { count } = await tx.outboxMessage.updateMany({ where: { campaignId: c.id, status: "queued" }, data: { status: "skipped", error: CANCELLED_REASON } });
    return okValue({ campaignId: c.id, status: "cancelled", previousStatus: c.status, skipped: count + Number(unfed[0]?.n ?? 0) });
  });
}
