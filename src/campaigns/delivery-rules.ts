// What to do with one due outbox row at send time, as a pure decision (STYLE.md: rules as tables). Consent is
// checked again here, not only when the audience was snapshotted: a member who unsubscribed, blocked the bot, was
// erased or unfollowed the brand in between gets nothing.
import { isValidTimeZone } from "../domain/time/time-zone.ts";
import { quietUntil, type QuietHours } from "./quiet-hours.ts";

export interface DueRow {
  source: "campaign" | "follow_up" | "order" | string;
  marketingOptOut: boolean;
  unreachable: boolean;
  erased: boolean;
  /** campaign rows of a followers audience: false once the member unfollowed the brand */
  stillFollowing: boolean | null;
  timezone: string | null;
  /** promotions this member was sent in the last 24 h (campaign rows only) */
  promotionsSentToday: number;
}

export interface RulePolicy {
  frequencyCap: number;
  quietHours: QuietHours;
  defaultTimeZone: string;
}

export type DeliveryAction = { kind: "send" } | { kind: "skip"; reason: "erased" | "unreachable" | "unsubscribed" | "unfollowed" | "frequency_cap" } | { kind: "defer"; until: Date };

export function decideDelivery(row: DueRow, now: Date, policy: RulePolicy): DeliveryAction {
  if (row.erased) return { kind: "skip", reason: "erased" };
  if (row.unreachable) return { kind: "skip", reason: "unreachable" };
  // order updates are the member's own business: no marketing consent, cap or quiet hours apply
  if (row.source === "order") return { kind: "send" };
  if (row.marketingOptOut) return { kind: "skip", reason: "unsubscribed" };
  if (row.source === "campaign") {
    if (row.stillFollowing === false) return { kind: "skip", reason: "unfollowed" };
    if (row.promotionsSentToday >= policy.frequencyCap) return { kind: "skip", reason: "frequency_cap" };
  }
  const zone = row.timezone && isValidTimeZone(row.timezone) ? row.timezone : policy.defaultTimeZone;
  const until = quietUntil(now, zone, policy.quietHours);
  return until ? { kind: "defer", until } : { kind: "send" };
}

/** Wait before retrying a transient failure: 30 s, 2 min, 8 min, … capped at 1 h. */
export function retryBackoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 4 ** Math.max(0, attempts - 1));
}
