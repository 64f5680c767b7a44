// A chat turn's reads and writes of the member and the conversation, one statement each way on PostgreSQL: who is
// talking and where their conversation stands (the identity, its member, whether it was marked unreachable, the
// member's state with this bot) at the start; the state, the language and what the member said at the end. This
// runs on every message; a first contact or a merged member takes the full path (resolveMember follows merges and
// creates members).
import type { Db } from "../db/database.ts";
import { execute, query, type Params } from "../db/sql.ts";
import { insertChatMessage } from "./chat-log.ts";
import { resolveMember, type IdentityRef } from "./members.ts";
import { loadState, parseState, upsertState, type ConversationState } from "./conversation-state.ts";

export interface TurnMember {
  id: string;
  locale: string | null;
  /** marked unreachable (they had blocked the bot): someone who writes again is reachable again */
  unreachable: boolean;
}

export interface LoadedTurn {
  member: TurnMember;
  state: ConversationState;
}

export async function loadTurnMember(db: Db, identity: IdentityRef, botId: string): Promise<LoadedTurn> {
  const [row] = await query<{ id: string; locale: string | null; mergedIntoId: string | null; unreachable: boolean | number; state: unknown }>(
    db,
    (p) => `SELECT m."id", m."locale", m."mergedIntoId", m."unreachable", c."state" FROM "MemberIdentity" i
      JOIN "Member" m ON m."id" = i."memberId"
      LEFT JOIN "Conversation" c ON c."memberId" = m."id" AND c."botId" = ${p.v(botId)}
      WHERE i."channel" = ${p.v(identity.channel)} AND i."externalId" = ${p.v(identity.externalId)}`,
  );
  if (row && !row.mergedIntoId) return { member: { id: row.id, locale: row.locale, unreachable: Boolean(row.unreachable) }, state: parseState(row.state) };
  const member = await resolveMember(db, { ...identity, botId });
  return { member: { id: member.id, locale: member.locale, unreachable: Boolean(row?.unreachable) || member.unreachable }, state: await loadState(db, member.id, botId) };
}

/**
 * The language the member last wrote in (pushes, order updates and reminders are written in it); an erased member is
 * left alone.
 */
const updateLocale = (p: Params, memberId: string, locale: string) =>
  `UPDATE "Member" SET "locale" = ${p.v(locale)} WHERE "id" = ${p.v(memberId)} AND "erasedAt" IS NULL`;

export interface TurnWrite {
  memberId: string;
  botId: string;
  state: ConversationState;
  /** the member's language, when the turn changed it */
  locale?: string | null;
  /** what the member said (kept in ChatMessage), and when it came in */
  said?: { text: string; at: Date } | null;
}

/**
 * Use case: what a turn leaves behind — the conversation state, the member's language when it changed, what the member
 * said. On PostgreSQL one statement (data-modifying CTEs: one round trip, one commit, where three separate writes were
 * three of each on every message); on SQLite one statement each.
 */
export async function saveTurn(db: Db, t: TurnWrite): Promise<void> {
  const said = t.said ? (p: Params) => insertChatMessage(p, t.memberId, t.botId, t.said!.text, t.said!.at) : null;
  const locale = t.locale ? (p: Params) => updateLocale(p, t.memberId, t.locale!) : null;
  if (db.provider === "postgresql") {
    await execute(db, (p) => {
      const parts = [said && `said AS (${said(p)})`, locale && `lang AS (${locale(p)})`].filter(Boolean);
      return `${parts.length ? `WITH ${parts.join(", ")} ` : ""}${upsertState(p, t.memberId, t.botId, t.state)}`;
    });
    return;
  }
  if (said) await execute(db, said);
  if (locale) await execute(db, locale);
  await execute(db, (p) => upsertState(p, t.memberId, t.botId, t.state));
}
