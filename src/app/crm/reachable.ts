// A member whose chat refused a message (they blocked the bot) is marked unreachable by the delivery pipeline, so
// campaigns skip them. Writing to the bot again proves the chat works.
import type { Db } from "../../db/database.ts";

/** Use case: the member behind this account wrote again: reachable again (nothing to do when they already are). */
export async function markReachable(db: Db, identity: { channel: string; externalId: string }): Promise<void> {
  await db.prisma.member.updateMany({ where: { unreachable: true, identities: { some: { channel: identity.channel, externalId: identity.externalId } } }, data: { unreachable: false } });
}
