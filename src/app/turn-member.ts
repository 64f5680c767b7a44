// A chat turn's reads and writes of the member and the conversation, one statement each way on PostgreSQL: who is
// talking and where their conversation stands (the identity, its member, whether it was marked unreachable, the
// member's state with this bot) at the start; the state, the member's language and area, and what they said at the end. This
// runs on every message; a first contact or a merged member takes the full path (resolveMember follows merges and
// creates members).
import type { Db } from "../db/database.ts";
import { execute, executeAsyncCommit, query, type Params } from "../db/sql.ts";
import { insertChatMessage } from "./chat-log.ts";
import { setMemberArea, type MemberArea } from "./crm/member-area.ts";
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

export interface TurnWrite {
  memberId: string;
  botId: string;
  state: ConversationState;
  /** the member's language, when the turn changed it (pushes, order updates and reminders are written in it) */
  locale?: string | null;
  /** where the member roughly is, from a location they shared in the turn (CRM: crm/member-area.ts) */
  area?: MemberArea | null;
  /** what the member said (kept in ChatMessage), and when it came in */
  said?: { text: string; at: Date } | null;
}

/**
 * Use case: what a turn leaves behind — the conversation state, the member's language when it changed and their area
 * when they shared a location, what the member said. On PostgreSQL one statement (data-modifying CTEs: one round trip
 * and one commit, where these were up to four of each), committed asynchronously; on SQLite one statement each. An
 * erased member is left alone.
 */
export async function saveTurn(db: Db, t: TurnWrite): Promise<void> {
  const said = t.said ? (p: Params) => insertChatMessage(p, t.memberId, t.botId, t.said!.text, t.said!.at) : null;
  const member = t.locale || t.area
    ? (p: Params) => {
      const set = [...(t.locale ? [`"locale" = ${p.v(t.locale)}`] : []), ...(t.area ? [...setMemberArea(p, t.area), `"updatedAt" = ${p.ts(new Date())}`] : [])];
      return `UPDATE "Member" SET ${set.join(", ")} WHERE "id" = ${p.v(t.memberId)} AND "erasedAt" IS NULL`;
    }
    : null;
  if (db.provider === "postgresql") {
    // committed asynchronously (sql.ts): another session's bulk writes must not hold up every chat turn
    await executeAsyncCommit(db, (p) => {
      const parts = [said && `said AS (${said(p)})`, member && `member AS (${member(p)})`].filter(Boolean);
      return `${parts.length ? `WITH ${parts.join(", ")} ` : ""}${upsertState(p, t.memberId, t.botId, t.state)}`;
    });
    return;
  }
  if (said) await execute(db, said);
  if (member) await execute(db, member);
  await execute(db, (p) => upsertState(p, t.memberId, t.botId, t.state));
}
