// Use case step: two member records turn out to be one person (a phone or card bound in chat that the till, or
// another Telegram account, already used). Everything the absorbed record owns moves onto the survivor inside the
// caller's transaction, and the absorbed record points at the survivor (mergedIntoId), so every lookup by id, phone,
// card code or external account lands on the survivor (members.ts followMerge).
// Concurrency: both rows are locked first (in id order, so two opposite merges cannot deadlock each other) by a
// conditional UPDATE on mergedIntoId IS NULL; a record that was merged meanwhile makes this merge roll back, and the
// caller retries against the new survivor. Per-member-limit coupons: both claims are kept, the absorbed ones
// renumbered after the survivor's (the unique (memberId, couponCode, seq) key stays intact).
import type { Tx } from "../../db/database.ts";
import { Rollback } from "../app-result.ts";

export interface MergeSummary {
  survivorId: string;
  absorbedId: string;
  orders: number;
  coupons: number;
  redemptions: number;
  tags: number;
  identities: number;
}

async function lockLive(tx: Tx, id: string, at: Date): Promise<void> {
  const { count } = await tx.member.updateMany({ where: { id, mergedIntoId: null, erasedAt: null }, data: { updatedAt: at } });
  if (count !== 1) throw new Rollback({ code: "CONFLICT", message: `member ${id} was merged or erased meanwhile`, memberId: id });
}

/** Moves every row of `absorbedId` onto `survivorId` and marks the absorbed record merged. */
export async function mergeMembers(tx: Tx, survivorId: string, absorbedId: string, at: Date): Promise<MergeSummary> {
  if (survivorId === absorbedId) throw new Rollback({ code: "INVALID_INPUT", message: "a member cannot be merged into itself" });
  for (const id of [survivorId, absorbedId].sort()) await lockLive(tx, id, at);
  const survivor = await tx.member.findUniqueOrThrow({ where: { id: survivorId } });
  const absorbed = await tx.member.findUniqueOrThrow({ where: { id: absorbedId } });
  const move = { where: { memberId: absorbedId }, data: { memberId: survivorId } };

  const orders = (await tx.order.updateMany(move)).count;
  const redemptions = (await tx.redemption.updateMany(move)).count;
  const identities = (await tx.memberIdentity.updateMany(move)).count;
  for (const m of [tx.consent, tx.appointment, tx.outboxMessage, tx.demandEvent, tx.touch, tx.chatMessage] as unknown as { updateMany(a: typeof move): Promise<unknown> }[]) {
    await m.updateMany(move);
  }

  // coupons: keep every claim; the absorbed ones are renumbered after the survivor's own of the same code
  const theirs = await tx.memberCoupon.findMany({ where: { memberId: absorbedId }, orderBy: [{ couponCode: "asc" }, { seq: "asc" }] });
  const nextSeq = new Map<string, number>();
  for (const mc of theirs) {
    if (!nextSeq.has(mc.couponCode)) {
      const top = await tx.memberCoupon.aggregate({ where: { memberId: survivorId, couponCode: mc.couponCode }, _max: { seq: true } });
      nextSeq.set(mc.couponCode, top._max.seq ?? 0);
    }
    const taken = nextSeq.get(mc.couponCode)!;
    const seq = taken === 0 ? mc.seq : taken + 1;
    nextSeq.set(mc.couponCode, Math.max(taken, seq));
    await tx.memberCoupon.update({ where: { id: mc.id }, data: { memberId: survivorId, seq } });
  }

  // tags: the same tag on both keeps the higher weight
  const tags = await tx.memberTag.findMany({ where: { memberId: absorbedId } });
  for (const t of tags) {
    const mine = await tx.memberTag.findUnique({ where: { memberId_tag: { memberId: survivorId, tag: t.tag } } });
    if (!mine) await tx.memberTag.create({ data: { memberId: survivorId, tag: t.tag, source: t.source, weight: t.weight } });
    else if (t.weight > mine.weight) await tx.memberTag.update({ where: { memberId_tag: { memberId: survivorId, tag: t.tag } }, data: { weight: t.weight } });
  }
  await tx.memberTag.deleteMany({ where: { memberId: absorbedId } });

  // follows and conversations are one row per brand / bot: the survivor's row wins, a brand only the absorbed followed moves
  for (const f of await tx.follow.findMany({ where: { memberId: absorbedId } })) {
    const mine = await tx.follow.findUnique({ where: { memberId_brandId: { memberId: survivorId, brandId: f.brandId } } });
    if (!mine) await tx.follow.create({ data: { memberId: survivorId, brandId: f.brandId, botId: f.botId, source: f.source, followedAt: f.followedAt, unfollowedAt: f.unfollowedAt } });
  }
  await tx.follow.deleteMany({ where: { memberId: absorbedId } });
  for (const c of await tx.conversation.findMany({ where: { memberId: absorbedId } })) {
    const mine = await tx.conversation.findUnique({ where: { memberId_botId: { memberId: survivorId, botId: c.botId } } });
    if (!mine) await tx.conversation.create({ data: { memberId: survivorId, botId: c.botId, state: c.state as never } });
  }
  await tx.conversation.deleteMany({ where: { memberId: absorbedId } });

  // the survivor takes over the keys it lacks (the unique columns are freed on the absorbed row first); keys it
  // already has stay on the absorbed row, where lookups find them and follow mergedIntoId
  const takePhone = !survivor.phone && !!absorbed.phone;
  const takeCode = !survivor.memberCode && !!absorbed.memberCode;
  await tx.member.update({
    where: { id: absorbedId },
    data: { mergedIntoId: survivorId, ...(takePhone ? { phone: null } : {}), ...(takeCode ? { memberCode: null } : {}) },
  });
  await tx.member.update({
    where: { id: survivorId },
    data: {
      ...(takePhone ? { phone: absorbed.phone } : {}),
      ...(takeCode ? { memberCode: absorbed.memberCode } : {}),
      displayName: survivor.displayName ?? absorbed.displayName,
      locale: survivor.locale ?? absorbed.locale,
      timezone: survivor.timezone ?? absorbed.timezone,
      firstSource: survivor.createdAt <= absorbed.createdAt ? survivor.firstSource ?? absorbed.firstSource : absorbed.firstSource ?? survivor.firstSource,
      // consent is never widened by a merge: an opt-out on either record stands
      marketingOptOut: survivor.marketingOptOut || absorbed.marketingOptOut,
      ...(survivor.areaLat === null && absorbed.areaLat !== null ? { areaLat: absorbed.areaLat, areaLng: absorbed.areaLng } : {}),
      areaStoreId: survivor.areaStoreId ?? absorbed.areaStoreId,
    },
  });
  // records merged into the absorbed one earlier now point straight at the survivor
  await tx.member.updateMany({ where: { mergedIntoId: absorbedId }, data: { mergedIntoId: survivorId } });
  return { survivorId, absorbedId, orders, coupons: theirs.length, redemptions, tags: tags.length, identities };
}
