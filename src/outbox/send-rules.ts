// What to do with one due outbox row at send time, as a pure decision (rules as tables). Consent is
// checked again here, not only when the audience was snapshotted: a member who unsubscribed, blocked the bot, was
// erased or unfollowed the brand in between gets nothing.
import { isValidTimeZone } from "../domain/time/time-zone.ts";
import { quietUntil, type QuietHours } from "./quiet-hours.ts";

/**
 * Transactional sources: the member's own business (order status updates) and store staff's order cards. They go out
 * promptly and are never capped, deferred by quiet hours or stopped by a marketing unsubscribe; promotions
 * (campaign) and follow-ups (feedback requests, unpaid reminders) are.
 */
export const TRANSACTIONAL_SOURCES = ["order", "staff"] as const;
export const isTransactional = (source: string) => (TRANSACTIONAL_SOURCES as readonly string[]).includes(source);

export interface DueRow {
  source: "campaign" | "follow_up" | "order" | "staff" | string;
  marketingOptOut: boolean;
  unreachable: boolean;
  erased: boolean;
  /** campaign rows of a followers audience: false once the member unfollowed the brand */
  stillFollowing: boolean | null;
  /** campaign rows: the campaign was cancelled after they were queued (src/app/campaigns/cancel-campaign.ts) */
  campaignCancelled?: boolean;
  timezone: string | null;
  /** promotions this member was sent in the last 24 h (campaign rows only) */
  promotionsSentToday: number;
}

export interface RulePolicy {
  frequencyCap: number;
  quietHours: QuietHours;
  defaultTimeZone: string;
}

export type DeliveryAction = { kind: "send" } | { kind: "skip"; reason: "erased" | "unreachable" | "unsubscribed" | "unfollowed" | "frequency_cap" | "campaign_cancelled" } | { kind: "defer"; until: Date };

export function decideDelivery(row: DueRow, now: Date, policy: RulePolicy): DeliveryAction {
  // a staff card goes to a store employee, not to a member: no member consent applies
  if (row.source === "staff") return { kind: "send" };
  if (row.source === "campaign" && row.campaignCancelled) return { kind: "skip", reason: "campaign_cancelled" };
  if (row.erased) return { kind: "skip", reason: "erased" };
  if (row.unreachable) return { kind: "skip", reason: "unreachable" };
  // order updates are the member's own business: no marketing consent, cap or quiet hours apply
  if (isTransactional(row.source)) return { kind: "send" };
  if (row.marketingOptOut) return { kind: "skip", reason: "unsubscribed" };
  if (row.source === "campaign") {
    if (row.stillFollowing === false) return { kind: "skip", reason: "unfollowed" };
    if (row.promotionsSentToday >= policy.frequencyCap) return { kind: "skip", reason: "frequency_cap" };
  }
  const zone = row.timezone && isValidTimeZone(row.timezone) ? row.timezone : policy.defaultTimeZone;
  const until = quietUntil(now, zone, policy.quietHours);
  return until ? { kind: "defer", until } : { kind: "send" };
}

/**
 * Wait before retrying a transient failure: promotions 30 s, 2 min, 8 min, … capped at 1 h; transactional pushes
 * (someone is waiting for them) 2 s, 4 s, 8 s, … capped at 5 min.
 */
export function retryBackoffMs(attempts: number, source = "campaign"): number {
  const n = Math.max(0, attempts - 1);
  return isTransactional(source) ? Math.min(300_000, 2_000 * 2 ** n) : Math.min(3_600_000, 30_000 * 4 ** n);
}
