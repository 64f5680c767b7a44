// Tunables of the campaign scheduler and delivery pipeline, from the environment (validated once, zod).
import { z } from "zod";
import { isValidTimeZone } from "../domain/time/time-zone.ts";
import { parseQuietHours, type QuietHours } from "./quiet-hours.ts";

const envSchema = z.object({
  /** global send rate, messages per second (Telegram: about 30/s; up to 1000/s with paid broadcasts, bots/*.json allowPaidBroadcast) */
  CAMPAIGN_RATE: z.coerce.number().positive().max(1000).default(30),
  /** minimum gap between two messages to the same chat, ms (Telegram: about 1/s per chat) */
  CAMPAIGN_PER_CHAT_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** promotions per member per rolling 24 h */
  CAMPAIGN_FREQUENCY_CAP: z.coerce.number().int().min(1).max(1000).default(2),
  /** "22:00-08:00" in the member's time zone, or "off" */
  CAMPAIGN_QUIET_HOURS: z.string().default("22:00-08:00"),
  /** the zone used for members whose time zone is unknown */
  CAMPAIGN_DEFAULT_TZ: z.string().default("Asia/Shanghai"),
  /** how far back a missed cron occurrence is still sent when the scheduler was down, minutes */
  CAMPAIGN_CATCH_UP_MINUTES: z.coerce.number().int().min(1).max(7 * 1440).default(360),
  /** a delivery row left `claimed` this long (wall clock) belonged to a dead worker, seconds */
  CAMPAIGN_CLAIM_LEASE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(120),
  /** feedback request this long after an order completes, minutes */
  FOLLOW_UP_FEEDBACK_DELAY_MINUTES: z.coerce.number().int().min(0).max(30 * 1440).default(120),
  /** one reminder for an unpaid order when this little time is left on its payment link, minutes */
  FOLLOW_UP_UNPAID_LEAD_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** safety margin on every one-second window of the limiter, ms (default 2) */
  CAMPAIGN_RATE_GUARD_MS: z.coerce.number().min(0).max(1000).optional(),
  /** delivery attempts on transient errors before a row fails */
  CAMPAIGN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
});

export interface OutboxConfig {
  ratePerSecond: number;
  perChatMs: number;
  frequencyCap: number;
  quietHours: QuietHours;
  defaultTimeZone: string;
  catchUpMs: number;
  claimLeaseMs: number;
  feedbackDelayMs: number;
  unpaidLeadMs: number;
  maxAttempts: number;
  /** margin added to every one-second window of the rate limiter (rate-limiter.ts), ms */
  windowGuardMs: number;
  /** campaign recipients moved from a snapshot into the outbox at a time (campaign-feed.ts); default: a minute of
   *  sending at ratePerSecond, at least 10,000 */
  feedWindow?: number;
}



export function loadOutboxConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<OutboxConfig> = {}): OutboxConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`invalid environment: ${first.path.join(".")}: ${first.message}`);
  }
  const e = parsed.data;
  const quiet = parseQuietHours(e.CAMPAIGN_QUIET_HOURS);
  if (!quiet) throw new Error(`invalid environment: CAMPAIGN_QUIET_HOURS must look like 22:00-08:00 or off, got "${e.CAMPAIGN_QUIET_HOURS}"`);
  if (!isValidTimeZone(e.CAMPAIGN_DEFAULT_TZ)) throw new Error(`invalid environment: CAMPAIGN_DEFAULT_TZ: unknown time zone "${e.CAMPAIGN_DEFAULT_TZ}"`);
  return {
    ratePerSecond: e.CAMPAIGN_RATE,
    perChatMs: e.CAMPAIGN_PER_CHAT_MS,
    frequencyCap: e.CAMPAIGN_FREQUENCY_CAP,
    quietHours: quiet,
    defaultTimeZone: e.CAMPAIGN_DEFAULT_TZ,
    catchUpMs: e.CAMPAIGN_CATCH_UP_MINUTES * 60_000,
    claimLeaseMs: e.CAMPAIGN_CLAIM_LEASE_SECONDS * 1000,
    feedbackDelayMs: e.FOLLOW_UP_FEEDBACK_DELAY_MINUTES * 60_000,
    unpaidLeadMs: e.FOLLOW_UP_UNPAID_LEAD_MINUTES * 60_000,
    maxAttempts: e.CAMPAIGN_MAX_ATTEMPTS,
    windowGuardMs: e.CAMPAIGN_RATE_GUARD_MS ?? 2,
    ...overrides,
  };
}
