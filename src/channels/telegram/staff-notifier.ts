// Tells a store's bound staff about each new paid order, with buttons that move it along (staff-commands.ts).
// This only queues the card: an outbox message `staff:<orderId>:<staffId>` (unique dedupeKey: once per order and staff
// member, whatever the instances) with source "staff", which the one outbox pipeline (src/outbox/pipeline/) sends as
// a transactional push — promptly, whatever the quiet hours — with its retries, 429 pauses and at-most-once claims.
// The pipeline runs this as a producer before its selections.
import type { Button } from "../../conversation/replies.ts";
import type { Db } from "../../db/database.ts";
import { money } from "../../conversation/messages.ts";
import { boundStaff, type StaffMove } from "../../app/staff.ts";
import { enqueue } from "../../outbox/enqueue.ts";
import { STAFF_MOVE_LABEL } from "./telegram-texts.ts";

type Fulfillment = "delivery" | "pickup" | "ship";
type Log = (msg: string, extra?: Record<string, unknown>) => void;

export const STAFF_STEPS: Record<Fulfillment, StaffMove[]> = {
  delivery: ["accepted", "ready", "out_for_delivery", "completed"],
  pickup: ["accepted", "ready", "completed"],
  ship: ["accepted", "ready", "shipped", "completed"],
};

/** The step buttons still ahead of an order in `status` (all of them for a new paid order). */
export function staffButtons(orderId: string, fulfillment: string, status: string): Button[] {
  const steps = STAFF_STEPS[(fulfillment as Fulfillment) in STAFF_STEPS ? (fulfillment as Fulfillment) : "pickup"];
  const at = steps.indexOf(status as StaffMove);
  return steps.slice(at + 1).map((to) => ({ id: `staff:${to}:${orderId}`, label: STAFF_MOVE_LABEL[to] }));
}

export const staffDedupeKey = (orderId: string, staffId: string) => `staff:${orderId}:${staffId}`;

const FULFILMENT_TEXT: Record<Fulfillment, string> = { delivery: "🛵 外送 delivery", pickup: "🏪 自取 pickup", ship: "🚚 快递 ship" };

export interface StaffNotifierOptions {
  db: Db;
  /** bots running in this process; a staff member is written to through the bot they bound with */
  runningBots: () => Set<string>;
  /** the business clock (paidAt is written with it) */
  clock: () => Date;
  /** how far back a paid order still counts as new */
  windowMs?: number;
  log?: Log;
}

/** Queues a card for every not yet notified paid order of the last day, per bound staff member of its store. Returns how many were queued. */
export async function queueStaffCards(opts: StaffNotifierOptions): Promise<number> {
  const { db } = opts;
  const staff = await boundStaff(db);
  if (!staff.length) return 0;
  const since = new Date(opts.clock().getTime() - (opts.windowMs ?? 24 * 3600_000));
  const orders = await db.prisma.order.findMany({
    // a held order (password-free pay, charged on arrival) goes to the store as soon as it is authorized (held at most HOLD_TTL_MS)
    where: { storeId: { in: [...new Set(staff.map((s) => s.storeId))] }, OR: [{ status: "paid", paidAt: { gte: since } }, { status: "authorized" }] },
    include: { items: true },
    orderBy: { paidAt: "asc" },
    take: 100,
  });
  if (!orders.length) return 0;
  const pairs = orders.flatMap((o) => staff.filter((s) => s.storeId === o.storeId).map((s) => ({ order: o, staff: s, key: staffDedupeKey(o.id, s.id) })));
  const done = new Set((await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { in: pairs.map((p) => p.key) } }, select: { dedupeKey: true } })).map((d) => d.dedupeKey));
  const running = opts.runningBots();
  const stores = new Map((await db.prisma.store.findMany({ where: { id: { in: [...new Set(orders.map((o) => o.storeId))] } } })).map((s) => [s.id, s]));
  let queued = 0;
  for (const { order, staff: st, key } of pairs) {
    if (done.has(key)) continue;
    const botId = [st.botId, order.botId].find((b): b is string => !!b && running.has(b));
    if (!botId) continue;
    const text = await orderCard(db, order, stores.get(order.storeId)?.name ?? order.storeId);
    const buttons = staffButtons(order.id, order.fulfillment, order.status);
    // due at once (the default), ahead of any campaign backlog; 0 when another instance queued it meanwhile
    queued += await enqueue(db.prisma, { dedupeKey: key, source: "staff", staffId: st.id, orderId: order.id, text, payload: { telegramUserId: st.telegramUserId, botId, buttons } });
  }
  return queued;
}

async function orderCard(db: Db, order: { id: string; fulfillment: string; totalCents: number; currency: string; deliveryAddress: string | null; items: { name: string; size: string; quantity: number }[] }, storeName: string): Promise<string> {
  const lines = [`🆕 新订单 New order ${order.id}`, `🏬 ${storeName}`];
  for (const i of order.items) lines.push(`• ${i.name}${i.size ? ` ${i.size}` : ""} ×${i.quantity}`);
  lines.push(`💰 ${money(order.totalCents, order.currency, "zh")}`);
  lines.push(FULFILMENT_TEXT[order.fulfillment as Fulfillment] ?? order.fulfillment);
  if (order.deliveryAddress) lines.push(`📍 ${order.deliveryAddress}`);
  else if (order.fulfillment === "delivery") {
    // the location the customer shared for this order (consent tied to it, dropped on completion)
    const loc = await db.prisma.consent.findFirst({ where: { orderId: order.id, purpose: "location", revokedAt: null } });
    if (loc?.lat != null && loc.lng != null) lines.push(`📍 ${loc.lat.toFixed(5)},${loc.lng.toFixed(5)} https://maps.google.com/?q=${loc.lat},${loc.lng}`);
  }
  return lines.join("\n");
}
