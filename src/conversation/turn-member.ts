// Who is talking, and where their conversation stands, in one statement: the identity, its member and the member's
// state with this bot. This runs on every message; a first contact or a merged member takes the full path
// (resolveMember follows merges and creates members).
import { resolveMember, type IdentityRef } from "../app/members.ts";
import type { Db } from "../db/database.ts";
import { newId } from "../db/ids.ts";
import { execute, query } from "../db/sql.ts";
import { loadState, parseState, type ConversationState } from "../app/conversation-state.ts";

export interface TurnMember {
  id: string;
  locale: string | null;
}

export async function loadTurnMember(db: Db, identity: IdentityRef, botId: string): Promise<{ member: TurnMember; state: ConversationState }> {
  const [row] = await query<{ id: string; locale: string | null; mergedIntoId: string | null; state: unknown }>(
    db,
    (p) => `SELECT m."id", m."locale", m."mergedIntoId", c."state" FROM "MemberIdentity" i
      JOIN "Member" m ON m."id" = i."memberId"
      LEFT JOIN "Conversation" c ON c."memberId" = m."id" AND c."botId" = ${p.v(botId)}
      WHERE i."channel" = ${p.v(identity.channel)} AND i."externalId" = ${p.v(identity.externalId)}`,
  );
  if (row && !row.mergedIntoId) return { member: { id: row.id, locale: row.locale }, state: parseState(row.state) };
  const member = await resolveMember(db, { ...identity, botId });
  return { member, state: await loadState(db, member.id, botId) };
}

/** Keeps what the member said (erased by forget-me). Not awaited by the turn: a lost log line must not cost a reply. */
export function logMessage(db: Db, memberId: string, botId: string, text: string): void {
  execute(db, (p) => `INSERT INTO "ChatMessage" ("id", "memberId", "botId", "direction", "text", "createdAt") VALUES (${p.v(newId())}, ${p.v(memberId)}, ${p.v(botId)}, 'in', ${p.v(text)}, ${p.ts(new Date())})`).catch(() => undefined);
}
