// Members: one identity across Telegram accounts, the local chat, a phone and an offline member code.
import type { Db, Tx } from "../db/database.ts";
import { isUniqueViolation } from "../db/write-transaction.ts";
import { normalizePhone } from "./crm/phone.ts";

export interface IdentityRef {
  channel: "telegram" | "local" | "web";
  externalId: string;
  chatId?: string;
  botId?: string;
  displayName?: string;
  locale?: string;
}

/** The member behind an external account, created on first contact. Concurrent first contacts agree on one member. */
export async function resolveMember(db: Db, ref: IdentityRef) {
  const found = await db.prisma.memberIdentity.findUnique({ where: { channel_externalId: { channel: ref.channel, externalId: ref.externalId } }, include: { member: true } });
  if (found) return followMerge(db.prisma, found.member);
  try {
    return await db.prisma.member.create({
      data: {
        displayName: ref.displayName,
        locale: ref.locale,
        identities: { create: { channel: ref.channel, externalId: ref.externalId, chatId: ref.chatId, botId: ref.botId } },
      },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const again = await db.prisma.memberIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: ref.channel, externalId: ref.externalId } }, include: { member: true } });
    return followMerge(db.prisma, again.member);
  }
}

type MemberRow = Awaited<ReturnType<Db["prisma"]["member"]["findFirst"]>> & object;

/** A merged member points at the one that absorbed it. */
async function followMerge(p: Tx | Db["prisma"], m: MemberRow): Promise<MemberRow> {
  let cur = m;
  for (let i = 0; cur.mergedIntoId && i < 5; i++) cur = await p.member.findUniqueOrThrow({ where: { id: cur.mergedIntoId } });
  return cur;
}

/** Finds a member by member id, any external account id (e.g. the chat --user id), phone or offline member code. */
export async function findMember(p: Tx | Db["prisma"], ref: string) {
  const byId = await p.member.findUnique({ where: { id: ref } });
  if (byId) return followMerge(p, byId);
  const ident = await p.memberIdentity.findFirst({ where: { externalId: ref }, include: { member: true } });
  if (ident) return followMerge(p, ident.member);
  const phone = normalizePhone(ref);
  const other = await p.member.findFirst({ where: { OR: [{ phone: ref }, ...(phone ? [{ phone }] : []), { memberCode: ref }, { memberCode: ref.trim().toUpperCase() }] } });
  return other ? followMerge(p, other) : null;
}
