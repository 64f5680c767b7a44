// Who is talking, and where their conversation stands, in one statement: the identity, its member (and whether it
// was marked unreachable) and the member's state with this bot. This runs on every message; a first contact or a merged member takes the full path
// (resolveMember follows merges and creates members).
import type { Db } from "../db/database.ts";
import { execute, query } from "../db/sql.ts";
import { resolveMember, type IdentityRef } from "./members.ts";
import { loadState, parseState, type ConversationState } from "./conversation-state.ts";

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
 * Use case: the language the member last wrote in (pushes, order updates and reminders are written in it). A single
 * UPDATE (updateMany would wrap it in a transaction of its own); an erased member is left alone.
 */
export async function rememberLocale(db: Db, memberId: string, locale: string): Promise<void> {
  await execute(db, (p) => `UPDATE "Member" SET "locale" = ${p.v(locale)} WHERE "id" = ${p.v(memberId)} AND "erasedAt" IS NULL`);
}
