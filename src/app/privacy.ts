// Consent and personal data: unsubscribe from promotions, and "forget me", which erases personal data
// (locations, phone, names, chat text, identities) while keeping anonymised order totals for the merchant's books.
import type { Db } from "../db/database.ts";
import { writeTx } from "../db/write-transaction.ts";

/** Use case: stop promotions (campaign pushes); order updates still arrive. */
export async function unsubscribe(db: Db, memberId: string, at: Date): Promise<void> {
  await writeTx(db, async (tx) => {
    await tx.member.update({ where: { id: memberId }, data: { marketingOptOut: true } });
    await tx.consent.updateMany({ where: { memberId, purpose: "marketing", revokedAt: null }, data: { revokedAt: at } });
    // queued promotions and follow-ups are dropped now, not just skipped at send time
    await tx.delivery.updateMany({ where: { memberId, source: { in: ["campaign", "follow_up"] }, status: "queued" }, data: { status: "skipped", error: "unsubscribed" } });
  });
}

/** Use case: erase the member's personal data. Orders stay for the books, detached from the person. */
export async function forgetMember(db: Db, memberId: string, at: Date): Promise<void> {
  await writeTx(db, async (tx) => {
    await tx.consent.deleteMany({ where: { memberId } });
    await tx.conversation.deleteMany({ where: { memberId } });
    await tx.chatMessage.deleteMany({ where: { memberId } });
    await tx.memberTag.deleteMany({ where: { memberId } });
    await tx.follow.deleteMany({ where: { memberId } });
    await tx.delivery.deleteMany({ where: { memberId, status: { in: ["queued", "claimed"] } } });
    await tx.delivery.updateMany({ where: { memberId }, data: { text: "", payload: {} } });
    await tx.memberCoupon.deleteMany({ where: { memberId, status: "claimed" } });
    await tx.memberIdentity.deleteMany({ where: { memberId } });
    await tx.demandEvent.updateMany({ where: { memberId }, data: { memberId: null, lat: null, lng: null } });
    await tx.order.updateMany({ where: { memberId }, data: { deliveryAddress: null } });
    await tx.member.update({
      where: { id: memberId },
      data: { displayName: null, phone: null, memberCode: null, locale: null, areaLat: null, areaLng: null, areaStoreId: null, marketingOptOut: true, erasedAt: at },
    });
    // records merged into this member (an old till record, another account) hold the same person's phone and card
    await tx.member.updateMany({
      where: { mergedIntoId: memberId },
      data: { displayName: null, phone: null, memberCode: null, locale: null, areaLat: null, areaLng: null, areaStoreId: null, marketingOptOut: true, erasedAt: at },
    });
  });
}
