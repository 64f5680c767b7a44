// The select step of the outbox pipeline: which rows are due and sendable here, what the rules say about each
// (send, skip, defer: send-rules.ts), and through which bot to which chat each one goes.
import type { Db } from "../../db/database.ts";
import { DEFAULT_BOT_ID } from "../../bot-config.ts";
import { query } from "../../db/sql.ts";
import type { OutboxConfig } from "../outbox-config.ts";
import { decideDelivery, TRANSACTIONAL_SOURCES, type DeliveryAction } from "../send-rules.ts";
import type { Candidate, DrainState, Outgoing } from "./state.ts";


/**
 * Due: queued, notBefore reached by the logical clock — or, for transactional rows, by the wall clock — and sendable
 * here: a Telegram member (local members' rows wait for `o2o chat`) or a staff card, through a running bot.
 */
function selectDue(db: Db, now: Date, wallNow: Date, limit: number, onlyIds: string[] | undefined, bots: string[] | null, sources: string[] | undefined, passed: Set<string>): Promise<Candidate[]> {
  const latest = now.getTime() >= wallNow.getTime() ? now : wallNow;
  return query<Candidate>(
    db,
    (p) => `SELECT d."id", d."memberId", d."source", d."campaignId", d."text", d."payload", d."attempts",
        i."externalId", i."chatId", i."botId" AS "identityBotId", f."botId" AS "followBotId", o."botId" AS "orderBotId",
        m."timezone", m."marketingOptOut", m."unreachable", (m."erasedAt" IS NOT NULL) AS "erased",
        c."audience", c."status" AS "campaignStatus", (f."memberId" IS NOT NULL AND f."unfollowedAt" IS NULL) AS "following"
      FROM "OutboxMessage" d
      LEFT JOIN "MemberIdentity" i ON i."memberId" = d."memberId" AND i."channel" = 'telegram'
      LEFT JOIN "Member" m ON m."id" = d."memberId"
      LEFT JOIN "Campaign" c ON c."id" = d."campaignId"
      LEFT JOIN "Follow" f ON f."memberId" = d."memberId" AND f."brandId" = c."brandId"
      LEFT JOIN "Order" o ON o."id" = d."orderId"
      WHERE d."status" = 'queued' AND d."notBefore" <= ${p.ts(latest)}
        AND (d."notBefore" <= ${p.ts(now)} OR d."source" IN ${p.list(TRANSACTIONAL_SOURCES)})
        AND ((i."memberId" IS NOT NULL AND m."id" IS NOT NULL) OR d."source" = 'staff')${onlyIds ? ` AND d."id" IN ${p.list(onlyIds)}` : ""}${
        sources ? ` AND d."source" IN ${p.list(sources)}` : ""}${passed.size ? ` AND d."id" NOT IN ${p.list([...passed])}` : ""}${
        bots ? ` AND (d."source" = 'staff' OR f."botId" IN ${p.list(bots)} OR o."botId" IN ${p.list(bots)} OR i."botId" IN ${p.list(bots)}${
          bots.includes(DEFAULT_BOT_ID) ? ` OR (f."botId" IS NULL AND o."botId" IS NULL AND i."botId" IS NULL)` : ""})` : ""}
      ORDER BY d."notBefore" LIMIT ${p.v(limit)}`,
  );
}

/** A staff card's addressee, from its payload (staff-notifier.ts): the employee's Telegram chat and the bot they bound with. */
function staffTarget(payload: unknown): { chatId: string; botId: string } | null {
  const p = payload as { telegramUserId?: unknown; botId?: unknown } | null;
  return typeof p?.telegramUserId === "string" && typeof p.botId === "string" ? { chatId: p.telegramUserId, botId: p.botId } : null;
}

async function promotionsSince(db: Db, memberIds: string[], since: Date): Promise<Map<string, number>> {
  if (!memberIds.length) return new Map();
  const rows = await query<{ memberId: string; n: number | bigint }>(
    db,
    (p) => `SELECT "memberId", COUNT(*) AS "n" FROM "OutboxMessage" WHERE "memberId" IN ${p.list(memberIds)} AND "source" = 'campaign'
      AND "status" = 'sent' AND "sentAt" > ${p.ts(since)} GROUP BY "memberId"`,
  );
  return new Map(rows.map((r) => [r.memberId, Number(r.n)]));
}

/**
 * Reads the due rows (rows for a bot running elsewhere, in state.passed, left out), JSON payloads parsed.
 */
export async function selectCandidates(deps: { db: Db; sources?: string[]; botIds?: () => string[] }, state: DrainState, now: Date, wallNow: Date, limit: number, onlyIds?: string[]): Promise<Candidate[]> {
  const bots = deps.botIds ? deps.botIds() : null;
  const raw = await selectDue(deps.db, now, wallNow, limit, onlyIds, bots, deps.sources, state.passed);
  return raw.map((c) => (typeof c.payload === "string" ? { ...c, payload: JSON.parse(c.payload) as unknown } : c));
}

/** The rules' verdict on each candidate, the frequency cap counted over what this run already sent and is about to. */
export async function decide(db: Db, state: DrainState, candidates: Candidate[], now: Date, config: OutboxConfig): Promise<{ row: Candidate; action: DeliveryAction }[]> {
  const campaignMembers = [...new Set(candidates.filter((c) => c.source === "campaign").map((c) => c.memberId!))];
  const fromDb = await promotionsSince(db, campaignMembers.filter((m) => !state.promoCounts.has(m)), new Date(now.getTime() - 86_400_000));
  for (const [m, n] of fromDb) state.promoCounts.set(m, n);
  const seen = new Set<string>();
  const pending = new Map<string, number>(); // promotions this selection is about to send, per member
  return candidates
    .filter((c) => !seen.has(c.id) && seen.add(c.id))
    .map((row) => {
      const audienceKind = (row.audience as { kind?: string } | null)?.kind;
      const member = row.memberId ?? "";
      const action = decideDelivery(
        {
          source: row.source,
          marketingOptOut: Boolean(row.marketingOptOut),
          unreachable: Boolean(row.unreachable),
          erased: Boolean(row.erased),
          stillFollowing: row.source === "campaign" && (audienceKind ?? "followers") === "followers" ? Boolean(row.following) : null,
          campaignCancelled: row.campaignStatus === "cancelled",
          timezone: row.timezone,
          promotionsSentToday: (state.promoCounts.get(member) ?? 0) + (pending.get(member) ?? 0),
        },
        now,
        config,
      );
      if (action.kind === "send" && row.source === "campaign") pending.set(member, (pending.get(member) ?? 0) + 1);
      return { row, action };
    });
}

export interface Routed {
  sendable: Outgoing[];
  /** skip reason → row ids */
  skips: Map<string, string[]>;
  /** deferral instant (ms) → row ids */
  deferrals: Map<number, string[]>;
}

/**
 * Where each row to send goes: a member's chat with the bot they followed the brand through, else the order's, else
 * the one they first used; a staff card to the employee's chat with the bot they bound with (a card for a bot running
 * in another process is left to that process: added to state.passed).
 */
export function route(decided: { row: Candidate; action: DeliveryAction }[], state: DrainState, running: string[] | undefined): Routed {
  const sendable: Outgoing[] = [];
  const skips = new Map<string, string[]>();
  const deferrals = new Map<number, string[]>();
  for (const { row, action } of decided) {
    if (action.kind === "skip") skips.set(action.reason, [...(skips.get(action.reason) ?? []), row.id]);
    else if (action.kind === "defer") deferrals.set(action.until.getTime(), [...(deferrals.get(action.until.getTime()) ?? []), row.id]);
    else if (row.source === "staff") {
      const target = staffTarget(row.payload);
      if (!target) skips.set("no addressee", [...(skips.get("no addressee") ?? []), row.id]);
      else if (!running || running.includes(target.botId)) sendable.push({ row, ...target, chatKey: `${target.botId}:${target.chatId}` });
      else if (state.passed.size < 500) state.passed.add(row.id); // the employee's bot runs elsewhere: its worker sends the card
    } else {
      const choices = [row.followBotId, row.orderBotId, row.identityBotId].filter((b): b is string => !!b);
      const botId = (running ? choices.find((b) => running.includes(b)) : choices[0]) ?? DEFAULT_BOT_ID;
      const chatId = row.chatId ?? row.externalId!;
      sendable.push({ row, botId, chatId, chatKey: `${botId}:${chatId}` });
    }
  }
  return { sendable, skips, deferrals };
}
