// CRM tags from behaviour, in one place (MemberTag source "behaviour"; weight = how many times it happened):
// - a paid order: each product's tags as categories ("coffee", "sofa") and styles ("style:欧式"), "bought:<product>",
//   the sizes bought ("size:42"), the store ("store:<id>"), and "campaign:<id>" when the order came from a campaign;
// - a coupon claimed from a campaign: "campaign:<id>";
// - a redemption at the till: "store:<id>".
// Each tag counts once per event (two pairs of the same shoes in one order are one "size:42"). Campaign audiences
// (--tag) and recommendations select on these; manual tags (o2o member tag) share the table with source "manual".
import type { Db, Tx } from "../../db/database.ts";

type Client = Tx | Db["prisma"];

const clean = (tag: string) => tag.trim().slice(0, 100);

/** Adds one occurrence of each tag (a new tag starts at weight 1). */
export async function bumpTags(p: Client, memberId: string, tags: Iterable<string>, source: "behaviour" | "manual" = "behaviour"): Promise<void> {
  for (const tag of new Set([...tags].map(clean).filter(Boolean))) {
    await p.memberTag.upsert({ where: { memberId_tag: { memberId, tag } }, create: { memberId, tag, source, weight: 1 }, update: { weight: { increment: 1 } } });
  }
}

/** The tags a paid order earns its member. */
export function orderTags(order: { storeId: string; campaignId: string | null; items: { productId: string; size: string }[] }, productTags: Map<string, string[]>): string[] {
  const tags = new Set<string>();
  for (const it of order.items) {
    tags.add(`bought:${it.productId}`);
    for (const t of productTags.get(it.productId) ?? []) tags.add(t);
    if (it.size) tags.add(`size:${it.size}`);
  }
  tags.add(`store:${order.storeId}`);
  if (order.campaignId) tags.add(`campaign:${order.campaignId}`);
  return [...tags];
}

/** On payment, inside the payment's transaction. */
export async function tagPaidOrder(tx: Tx, order: { memberId: string | null; storeId: string; campaignId: string | null; items: { productId: string; size: string }[] }): Promise<void> {
  if (!order.memberId) return;
  const products = await tx.product.findMany({ where: { id: { in: [...new Set(order.items.map((i) => i.productId))] } }, select: { id: true, tags: true } });
  const tags = new Map(products.map((p) => [p.id, Array.isArray(p.tags) ? (p.tags as unknown[]).filter((t): t is string => typeof t === "string") : []]));
  await bumpTags(tx, order.memberId, orderTags(order, tags));
}

/** On a coupon claimed through a campaign (button or deep link). */
export async function tagCampaignClaim(p: Client, memberId: string, campaignId: string | null | undefined): Promise<void> {
  if (campaignId) await bumpTags(p, memberId, [`campaign:${campaignId}`]);
}

/** On a coupon redeemed at a store's till: the member visited that store. */
export async function tagStoreVisit(p: Client, memberId: string, storeId: string): Promise<void> {
  await bumpTags(p, memberId, [`store:${storeId}`]);
}
