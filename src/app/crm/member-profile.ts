// What staff see of one member (o2o member show): the accounts, phone and card that are this member, tags by
// weight, orders and coupons. Looked up by member id, chat/Telegram user id, phone or card code; a merged record
// shows the member it was merged into.
import type { Db } from "../../db/database.ts";
import { QUOTE } from "../../domain/orders/order-state.ts";
import { findMember } from "../members.ts";

export interface MemberProfile {
  memberId: string;
  displayName: string | null;
  phone: string | null;
  memberCode: string | null;
  /** records merged into this one */
  mergedFrom: string[];
  identities: { channel: string; externalId: string }[];
  tags: { tag: string; weight: number; source: string }[];
  orders: { count: number; paid: number };
  coupons: { code: string; status: string; seq: number; source: string | null }[];
  marketingOptOut: boolean;
  areaStoreId: string | null;
}

const PAID = ["paid", "accepted", "ready", "out_for_delivery", "shipped", "completed"];

export async function memberProfile(db: Db, ref: string): Promise<MemberProfile | null> {
  const m = await findMember(db.prisma, ref.trim());
  if (!m || m.erasedAt) return null;
  const p = db.prisma;
  const [identities, tags, count, paid, coupons, merged] = await Promise.all([
    p.memberIdentity.findMany({ where: { memberId: m.id }, orderBy: { createdAt: "asc" } }),
    p.memberTag.findMany({ where: { memberId: m.id }, orderBy: [{ weight: "desc" }, { tag: "asc" }] }),
    p.order.count({ where: { memberId: m.id, status: { notIn: [QUOTE] } } }),
    p.order.count({ where: { memberId: m.id, status: { in: PAID } } }),
    p.memberCoupon.findMany({ where: { memberId: m.id }, orderBy: [{ couponCode: "asc" }, { seq: "asc" }] }),
    p.member.findMany({ where: { mergedIntoId: m.id }, select: { id: true } }),
  ]);
  return {
    memberId: m.id, displayName: m.displayName, phone: m.phone, memberCode: m.memberCode, mergedFrom: merged.map((x) => x.id),
    identities: identities.map((i) => ({ channel: i.channel, externalId: i.externalId })),
    tags: tags.map((t) => ({ tag: t.tag, weight: t.weight, source: t.source })),
    orders: { count, paid },
    coupons: coupons.map((c) => ({ code: c.couponCode, status: c.status === "reserved" ? "claimed" : c.status, seq: c.seq, source: c.source })),
    marketingOptOut: m.marketingOptOut, areaStoreId: m.areaStoreId,
  };
}
