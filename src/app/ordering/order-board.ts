// The merchant's order board: a brand's live orders by status (the console's Orders page), and a cheap fingerprint
// of them that the server-sent-events stream polls, so every open console sees a new or moved order within seconds,
// whichever instance wrote it.
import type { Db } from "../../db/database.ts";
import { QUOTE } from "../../domain/orders/order-state.ts";

export interface BoardOrder {
  orderId: string;
  status: string;
  storeId: string;
  storeName: string;
  fulfillment: string;
  totalCents: number;
  currency: string;
  couponCode: string | null;
  items: { name: string; size: string; quantity: number }[];
  createdAt: string;
  updatedAt: string;
}

/** Statuses a merchant still has to act on, then the latest finished ones. Quotes (never confirmed) are not shown. */
export const BOARD_HIDDEN = [QUOTE];

/** Use case: a brand's orders for the board, newest first: every open one, and the most recent `recent` closed ones. */
export async function brandOrderBoard(db: Db, q: { brandId: string; storeId?: string; recent?: number }): Promise<BoardOrder[]> {
  const where = { brandId: q.brandId, ...(q.storeId ? { storeId: q.storeId } : {}) };
  const closed = ["completed", "cancelled", "shipped", ...BOARD_HIDDEN];
  const [open, done, stores] = await Promise.all([
    db.prisma.order.findMany({ where: { ...where, status: { notIn: closed } }, include: { items: true }, orderBy: { updatedAt: "desc" }, take: 500 }),
    db.prisma.order.findMany({ where: { ...where, status: { in: ["completed", "cancelled", "shipped"] } }, include: { items: true }, orderBy: { updatedAt: "desc" }, take: q.recent ?? 20 }),
    db.prisma.store.findMany({ where: { brandId: q.brandId }, select: { id: true, name: true } }),
  ]);
  const names = new Map(stores.map((s) => [s.id, s.name]));
  return [...open, ...done].map((o) => ({
    orderId: o.id, status: o.status, storeId: o.storeId, storeName: names.get(o.storeId) ?? o.storeId, fulfillment: o.fulfillment,
    totalCents: o.totalCents, currency: o.currency, couponCode: o.couponCode,
    items: o.items.map((i) => ({ name: i.name, size: i.size, quantity: i.quantity })),
    createdAt: o.createdAt.toISOString(), updatedAt: o.updatedAt.toISOString(),
  }));
}

/** Changes whenever one of the brand's orders is created or moves (count and latest update). */
export async function boardFingerprint(db: Db, brandId: string): Promise<string> {
  const r = await db.prisma.order.aggregate({ where: { brandId, status: { notIn: BOARD_HIDDEN } }, _count: { _all: true }, _max: { updatedAt: true } });
  return `${r._count._all}:${r._max.updatedAt?.getTime() ?? 0}`;
}
