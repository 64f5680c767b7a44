// A Mini App opened through `t.me/<bot>?startapp=…` carries attribution like a chat deep link: `c-<campaignId>`
// (or c_…), `store-<storeId>` and `coupon-<CODE>` (Telegram allows only A–Z, a–z, 0–9, _ and - there). The launch
// is recorded once as a touch (the "opened" step of the funnels) and a campaign is remembered in the member's
// conversation, so an order from the Mini App or the chat is attributed to it.
import type { Db } from "../db/database.ts";
import { recordTouch } from "../app/touches.ts";
import { loadState, saveState } from "../app/conversation-state.ts";

export interface LaunchTarget {
  campaignId?: string;
  storeId?: string;
  couponCode?: string;
}

/** What a startapp parameter points at; an unknown shape points at nothing. */
export function parseStartParam(param: string | null | undefined): LaunchTarget {
  const m = /^(c|store|coupon)[-_](.+)$/s.exec(param ?? "");
  if (!m) return {};
  const [, kind, arg] = m;
  return kind === "c" ? { campaignId: arg } : kind === "store" ? { storeId: arg } : { couponCode: arg };
}

/** How long one launch counts as one touch: the Mini App asks who the viewer is on every page load. */
export const LAUNCH_DEDUPE_MS = 30 * 60_000;

/** Records a Mini App launch with a start parameter (once per member, parameter and half hour). */
export async function recordMiniAppLaunch(db: Db, input: { memberId: string; botId: string; startParam: string | null; at: Date }): Promise<void> {
  const target = parseStartParam(input.startParam);
  if (!target.campaignId && !target.storeId && !target.couponCode) return;
  const source = input.startParam!.slice(0, 64);
  const recent = await db.prisma.touch.findFirst({
    where: { memberId: input.memberId, kind: "miniapp", source, createdAt: { gte: new Date(input.at.getTime() - LAUNCH_DEDUPE_MS) } },
    select: { id: true },
  });
  if (recent) return;
  await recordTouch(db, { memberId: input.memberId, kind: "miniapp", campaignId: target.campaignId, storeId: target.storeId, couponCode: target.couponCode, source, at: input.at });
  if (target.campaignId && (await db.prisma.campaign.findUnique({ where: { id: target.campaignId }, select: { id: true } }))) {
    const state = await loadState(db, input.memberId, input.botId);
    state.campaignId = target.campaignId;
    state.source = source;
    await saveState(db, input.memberId, input.botId, state);
  }
}
