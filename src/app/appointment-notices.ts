// What a store hears about its bookings: the booked staff member (or, if that person has not bound a Telegram account,
// every bound staff member of the store) gets a note when a customer books, reschedules or cancels. The notes are
// outbox rows of source "staff", sent by the one delivery pipeline like new-order cards (promptly, once each).
import type { Tx } from "../db/database.ts";
import { localDateTime } from "../domain/time/time-zone.ts";
import { enqueue } from "../outbox/enqueue.ts";

export type BookingChange = "booked" | "rescheduled" | "cancelled";

const HEAD: Record<BookingChange, string> = {
  booked: "📅 新预约 New booking",
  rescheduled: "🔁 预约改期 Booking moved",
  cancelled: "❌ 预约取消 Booking cancelled",
};

/** "11月26日 周四 15:00" in the store's zone. */
export function localSlotText(start: Date, timezone: string): string {
  const l = localDateTime(timezone, start.getTime());
  const wd = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"][l.weekday];
  return `${l.month}月${l.day}日 ${wd} ${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
}

/** The bot a staff member bound with: their most recent used invite says `telegramUserId@botId`. */
async function staffAddressees(tx: Tx, storeId: string, staffId: string) {
  const bound = await tx.staff.findMany({ where: { storeId, active: true, telegramUserId: { not: null } } });
  const who = bound.some((s) => s.id === staffId) ? bound.filter((s) => s.id === staffId) : bound;
  if (!who.length) return [];
  const invites = await tx.staffInvite.findMany({ where: { storeId, usedAt: { not: null } }, orderBy: { usedAt: "desc" } });
  return who.flatMap((s) => {
    const botId = invites.find((i) => i.usedBy?.startsWith(`${s.telegramUserId}@`))?.usedBy?.split("@")[1];
    return botId ? [{ staffId: s.id, telegramUserId: s.telegramUserId!, botId }] : [];
  });
}

/** Queues the note about one change of one appointment (dedupeKey per appointment, change and addressee: once each). */
export async function queueBookingNotice(tx: Tx, a: { id: string; storeId: string; staffId: string; start: Date; memberId: string }, change: BookingChange, step = 0): Promise<number> {
  const [store, staff, member] = await Promise.all([
    tx.store.findUniqueOrThrow({ where: { id: a.storeId } }),
    tx.staff.findUniqueOrThrow({ where: { id: a.staffId } }),
    tx.member.findUnique({ where: { id: a.memberId }, select: { displayName: true, phone: true } }),
  ]);
  const who = member?.displayName ?? member?.phone ?? `#${a.memberId.slice(-6)}`;
  const text = [HEAD[change], `🏬 ${store.name}`, `👤 ${staff.name} ← ${who}`, `🕒 ${localSlotText(a.start, store.timezone)}`].join("\n");
  let queued = 0;
  for (const to of await staffAddressees(tx, a.storeId, a.staffId)) {
    const dedupeKey = `appt:${a.id}:${change}${step ? `:${step}` : ""}:${to.staffId}`;
    await enqueue(tx, { dedupeKey, source: "staff", staffId: to.staffId, text, payload: { telegramUserId: to.telegramUserId, botId: to.botId, buttons: [] } });
    queued++;
  }
  return queued;
}
