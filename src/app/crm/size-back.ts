// "Your size is back at store X": when a store's stock of a product and size goes from none to some (a catalog
// import, stock given back by a cancelled or expired order), members who asked for exactly that and could not get
// it there get ONE follow-up push each, with a button to order it. Who asked: DemandEvents (recorded when a chat
// order found no stock in the member's area, quote-order.ts) of that product and size, not yet notified, whose area
// store is this store or whose coarse position lies in this store's delivery radius.
// Exactly once: the events are marked notifiedAt in the caller's transaction, and the push's dedupeKey is unique per
// member, product, size, store and the first event it answers, so a second restock, a re-import or a concurrent
// release queues nothing new. Consent: members who unsubscribed, were erased or blocked the bot get nothing (their
// events are closed all the same); the push waits out the member's quiet hours and, as every follow-up, is checked
// again by the delivery pipeline at send time.
import type { Tx } from "../../db/database.ts";
import { queryIn } from "../../db/sql.ts";
import { chunks } from "../../domain/limits.ts";
import { tapId } from "../../domain/chat/taps.ts";
import { haversineMeters } from "../../domain/geo/distance.ts";
import { isValidTimeZone } from "../../domain/time/time-zone.ts";
import { loadOutboxConfig } from "../../outbox/outbox-config.ts";
import { DEFAULT_QUIET_HOURS, quietUntil, type QuietHours } from "../../outbox/quiet-hours.ts";
import { enqueue } from "../../outbox/enqueue.ts";

export interface Restock {
  storeId: string;
  productId: string;
  /** "" for a product with a single size */
  size: string;
}

function policy(): { quietHours: QuietHours; zone: string } {
  try {
    const c = loadOutboxConfig();
    return { quietHours: c.quietHours, zone: c.defaultTimeZone };
  } catch {
    return { quietHours: DEFAULT_QUIET_HOURS, zone: "Asia/Shanghai" };
  }
}

function pushText(en: boolean, product: string, size: string, store: string): string {
  return en
    ? `Good news: ${product}${size ? ` in ${size}` : ""}, which you asked for, is back in stock at ${store}. Tap below to order it.`
    : `好消息：你之前想要的 ${product}${size ? ` ${size}` : ""} 在 ${store} 到货了，点下面的按钮就能下单。`;
}

/** Queues the "back in stock" pushes for these restocks inside the caller's transaction; returns how many were queued. */
export async function notifySizeBack(tx: Tx, restocks: Restock[], at: Date = new Date()): Promise<number> {
  if (restocks.length === 0) return 0;
  const { quietHours, zone: defaultZone } = policy();
  let queued = 0;
  const seen = new Set<string>();
  for (const r of restocks) {
    const key = `${r.storeId}\n${r.productId}\n${r.size}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const events = await tx.demandEvent.findMany({
      where: { productId: r.productId, notifiedAt: null, memberId: { not: null }, ...(r.size ? { size: r.size } : { OR: [{ size: null }, { size: "" }] }) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 5000,
    });
    if (events.length === 0) continue;
    const store = await tx.store.findUnique({ where: { id: r.storeId } });
    const product = await tx.product.findUnique({ where: { id: r.productId } });
    if (!store || !store.active || !product || product.brandId !== store.brandId) continue;
    const near = events.filter(
      (e) => e.storeId === store.id || (store.deliveryRadiusMeters > 0 && e.lat !== null && e.lng !== null && haversineMeters(e.lat, e.lng, store.lat, store.lng) <= store.deliveryRadiusMeters),
    );
    const byMember = new Map<string, typeof near>();
    for (const e of near) byMember.set(e.memberId!, [...(byMember.get(e.memberId!) ?? []), e]);
    for (const [memberId, mine] of byMember) {
      // close exactly these events; a concurrent restock that closed them first wins and this one sends nothing
      // (in chunks under the query engine's 999 bound values on SQLite)
      let count = 0;
      for (const ids of chunks(mine.map((e) => e.id), 900)) count += (await tx.demandEvent.updateMany({ where: { id: { in: ids }, notifiedAt: null }, data: { notifiedAt: at } })).count;
      if (count === 0) continue;
      const member = await tx.member.findUnique({ where: { id: memberId } });
      if (!member || member.erasedAt || member.mergedIntoId || member.marketingOptOut || member.unreachable) continue;
      const en = member.locale?.startsWith("en") ?? false;
      const tz = member.timezone && isValidTimeZone(member.timezone) ? member.timezone : defaultZone;
      await enqueue(tx, {
        memberId, source: "follow_up",
        dedupeKey: `size_back:${memberId}:${r.productId}:${r.size}:${store.id}:${mine[0].id}`,
        text: pushText(en, product.name, r.size, store.name),
        payload: {
          kind: "size_back", productId: r.productId, size: r.size, storeId: store.id,
          buttons: [{ id: tapId("product", { productId: r.productId, size: r.size || null }), label: en ? `Order ${product.name}${r.size ? ` ${r.size}` : ""}` : `立即下单 ${product.name}${r.size ? ` ${r.size}` : ""}` }],
        },
        // due at once (epoch: a pinned demo clock may lag the wall clock), or when the member's quiet hours end
        notBefore: quietUntil(at, tz, quietHours) ?? new Date(0),
      });
      queued++;
    }
  }
  return queued;
}

/**
 * Before an inventory upsert (catalog import): the rows that will bring a sold-out line back — some quantity in the
 * file, none (or no row) in the database now, and a member still waiting for that product and size. Call inside the
 * import's transaction, then notifySizeBack with the result once the rows are written.
 */
export async function soldOutLinesIn(tx: Tx, rows: { storeId: string; productId: string; size: string; quantity: number }[]): Promise<Restock[]> {
  const stocked = rows.filter((r) => r.quantity > 0);
  if (stocked.length === 0) return [];
  // what members wait for: usually a short list, read without binding the file's (possibly 100,000) product ids
  const asked = await queryIn<{ productId: string; size: string | null }>(tx, () =>
    `SELECT DISTINCT "productId", "size" FROM "DemandEvent" WHERE "notifiedAt" IS NULL AND "memberId" IS NOT NULL AND "productId" IS NOT NULL`);
  const waiting = new Set(asked.map((a) => `${a.productId}\n${a.size ?? ""}`));
  const candidates = stocked.filter((r) => waiting.has(`${r.productId}\n${r.size}`));
  const qty = new Map<string, number>();
  for (const ids of chunks([...new Set(candidates.map((c) => c.productId))])) {
    const now = await queryIn<{ storeId: string; productId: string; size: string; quantity: number }>(tx, (p) =>
      `SELECT "storeId", "productId", "size", "quantity" FROM "Inventory" WHERE "productId" IN ${p.list(ids)}`);
    for (const n of now) qty.set(`${n.storeId}\n${n.productId}\n${n.size}`, Number(n.quantity));
  }
  return candidates
    .filter((c) => (qty.get(`${c.storeId}\n${c.productId}\n${c.size}`) ?? 0) <= 0)
    .map((c) => ({ storeId: c.storeId, productId: c.productId, size: c.size }));
}
