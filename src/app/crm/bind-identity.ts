// Use cases: one member across a Telegram account, a phone and an offline member card.
// - bindPhone: a phone the member proved is theirs (Telegram shares a contact only with its owner's user_id; the
//   channel checks that before calling). If another record already has that phone — created at the till, or
//   another Telegram account — the two records are merged (merge-members.ts) and the member keeps everything.
// - bindMemberCode: a merchant's card number typed in chat. Typing proves nothing, so it merges only with an
//   offline-only record (one no chat account has used); a card already linked to another chat account is refused.
// - tillMember: the till names a member by id, chat id, phone or card; an unknown phone creates the member, so a
//   later phone binding in chat joins the offline card and the online wallet.
// Race-safe: phone and memberCode are unique columns; a lost race (unique violation, a concurrent merge, a
// PostgreSQL deadlock victim) is retried against what the winner wrote.
import type { Db, Tx } from "../../db/database.ts";
import { isUniqueViolation } from "../../db/write-transaction.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";
import { findMember } from "../members.ts";
import { runTx } from "../run-tx.ts";
import { mergeMembers, type MergeSummary } from "./merge-members.ts";
import { looksLikePhone, normalizeMemberCode, normalizePhone } from "./phone.ts";

export interface BindResult {
  /** the member now holding the phone or card (the caller's member: it survives any merge) */
  memberId: string;
  phone: string | null;
  memberCode: string | null;
  alreadyBound: boolean;
  merged: MergeSummary | null;
}

const MAX_ATTEMPTS = 4;

function isRetryable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return isUniqueViolation(e) || ["40P01", "40001"].includes(err?.code ?? err?.cause?.code ?? "") || /deadlock|could not serialize/i.test(err?.message ?? "");
}

async function retrying<T>(db: Db, fn: (tx: Tx) => Promise<AppResult<T>>): Promise<AppResult<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await runTx(db, fn);
      if (r.ok || r.error.code !== "CONFLICT" || attempt >= MAX_ATTEMPTS) return r;
    } catch (e) {
      if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

async function live(tx: Tx, memberId: string) {
  const me = await findMember(tx, memberId);
  return me && !me.erasedAt ? me : null;
}

/** Use case: the member's own phone (verified by the channel) joins their record, merging a record that had it. */
export async function bindPhone(db: Db, input: { memberId: string; phone: string; at: Date }): Promise<AppResult<BindResult>> {
  const phone = normalizePhone(input.phone);
  if (!phone) return failWith("INVALID_INPUT", `"${input.phone}" is not a phone number`);
  return retrying(db, async (tx) => {
    const me = await live(tx, input.memberId);
    if (!me) return failWith("NOT_FOUND", "no such member");
    const holderRow = await tx.member.findUnique({ where: { phone } });
    const holder = holderRow ? await findMember(tx, holderRow.id) : null;
    if (holder?.id === me.id) return okValue({ memberId: me.id, phone, memberCode: me.memberCode, alreadyBound: true, merged: null });
    const merged = holder && !holder.erasedAt ? await mergeMembers(tx, me.id, holder.id, input.at) : null;
    // the phone moves to the survivor unless it already has one; a phone left on the absorbed row still resolves here
    const after = await tx.member.findUniqueOrThrow({ where: { id: me.id } });
    if (after.phone !== phone && !(merged && after.phone)) {
      if (holderRow && holderRow.phone === phone && holderRow.id !== me.id) await tx.member.update({ where: { id: holderRow.id }, data: { phone: null } });
      await tx.member.update({ where: { id: me.id }, data: { phone } });
    }
    const final = await tx.member.findUniqueOrThrow({ where: { id: me.id } });
    return okValue({ memberId: me.id, phone, memberCode: final.memberCode, alreadyBound: false, merged });
  });
}

/** True when no chat account (Telegram, local chat, web) belongs to the member: a record only the till knows. */
async function offlineOnly(tx: Tx, memberId: string): Promise<boolean> {
  return (await tx.memberIdentity.count({ where: { memberId } })) === 0;
}

/** Use case: a merchant's member card number typed in chat ("绑定会员卡 12345678"). */
export async function bindMemberCode(db: Db, input: { memberId: string; code: string; at: Date }): Promise<AppResult<BindResult>> {
  const code = normalizeMemberCode(input.code);
  if (!code) return failWith("INVALID_INPUT", `"${input.code}" is not a member card number`);
  return retrying(db, async (tx) => {
    const me = await live(tx, input.memberId);
    if (!me) return failWith("NOT_FOUND", "no such member");
    const holderRow = await tx.member.findUnique({ where: { memberCode: code } });
    const holder = holderRow ? await findMember(tx, holderRow.id) : null;
    if (holder?.id === me.id) return okValue({ memberId: me.id, phone: me.phone, memberCode: code, alreadyBound: true, merged: null });
    if (holder && !holder.erasedAt && !(await offlineOnly(tx, holder.id))) return failWith("NOT_ALLOWED", "this card is linked to another account", { reason: "CARD_TAKEN" });
    if (me.memberCode && me.memberCode !== code) return failWith("NOT_ALLOWED", `this account already has card ${me.memberCode}`, { reason: "HAS_CARD", memberCode: me.memberCode });
    const merged = holder && !holder.erasedAt ? await mergeMembers(tx, me.id, holder.id, input.at) : null;
    const after = await tx.member.findUniqueOrThrow({ where: { id: me.id } });
    if (after.memberCode !== code) {
      if (holderRow && holderRow.id !== me.id) await tx.member.update({ where: { id: holderRow.id }, data: { memberCode: null } });
      await tx.member.update({ where: { id: me.id }, data: { memberCode: code } });
    }
    return okValue({ memberId: me.id, phone: after.phone, memberCode: code, alreadyBound: false, merged });
  });
}

/**
 * The member the till means. An unknown phone number creates that member (firstSource "till"), so the offline
 * purchase and a later online identity with the same phone are one member; other unknown references are not found.
 */
export async function tillMember(db: Db, ref: string): Promise<{ member: NonNullable<Awaited<ReturnType<typeof findMember>>>; created: boolean } | null> {
  const found = await findMember(db.prisma, ref.trim());
  if (found) return { member: found, created: false };
  if (!looksLikePhone(ref)) return null;
  const phone = normalizePhone(ref)!;
  const byPhone = await findMember(db.prisma, phone);
  if (byPhone) return { member: byPhone, created: false };
  try {
    return { member: await db.prisma.member.create({ data: { phone, firstSource: "till" } }), created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await findMember(db.prisma, phone);
    return winner ? { member: winner, created: false } : null;
  }
}
