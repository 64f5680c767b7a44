// Delivery tracking: a courier's live location (a bound staff member of the store) moves along the orders they
// carry. Each fix is one transaction: store the fix, tell the customer distance and ETA through the outbox (throttled
// by the domain, one outbox row per step so nothing is sent twice), and on arrival within the store's radius mark
// the order arrived and either complete it (Store.autoCompleteOnArrival; completion drops the location consent in
// the same transaction) or leave it to the courier's one-tap confirmation.
import { z } from "zod";
import type { Db, Tx } from "../../db/database.ts";
import { isValidLatLng } from "../../domain/geo/distance.ts";
import { trackDelivery, trackingStep, type LastNotified, type TrackingDecision, type TrackingOptions } from "../../domain/delivery/tracking.ts";
import { langOfLocale, type Lang } from "../../messages/lang.ts";
import { ORDER_PUSHES } from "../../messages/order-texts.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";
import { enqueue } from "../../outbox/enqueue.ts";
import { runTx } from "../run-tx.ts";
import { moveOrderIn } from "./order-lifecycle.ts";

export interface CourierFixInput {
  /** the courier as a Telegram account (bound staff), or */
  telegramUserId?: string;
  /** the courier as a staff id (other doors) */
  staffId?: string;
  lat: number;
  lng: number;
  at: Date;
  opts?: TrackingOptions;
}

export interface TrackedOrder {
  orderId: string;
  storeId: string;
  memberId: string | null;
  distanceMeters: number | null;
  etaMinutes: number | null;
  arrived: boolean;
  /** this fix is the one that found the courier arrived */
  arrivedNow: boolean;
  /** the arrival completed the order (store auto-completes) */
  completed: boolean;
  /** arrived, and the store wants the courier to confirm the hand-over */
  awaitingConfirm: boolean;
  /** what the customer is told about this fix (queued in the outbox), or null */
  consumerText: string | null;
}

export interface CourierFixResult {
  staffId: string;
  storeId: string;
  orders: TrackedOrder[];
}

/** The outbox row of a tracking update: `track:<orderId>:<step>`. */
export const trackingDedupeKey = (orderId: string, step: string) => `track:${orderId}:${step}`;

const trackingPayload = z.object({ kind: z.literal("tracking"), distanceMeters: z.number(), etaMinutes: z.number(), at: z.string() });

/** The update the customer last received, read back from the outbox (zod at the JSON column). */
async function lastNotified(tx: Tx, orderId: string): Promise<LastNotified | null> {
  const row = await tx.outboxMessage.findFirst({ where: { orderId, source: "order", dedupeKey: { startsWith: trackingDedupeKey(orderId, "") } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const p = trackingPayload.safeParse(row?.payload);
  return p.success ? { distanceMeters: p.data.distanceMeters, etaMinutes: p.data.etaMinutes, at: new Date(p.data.at) } : null;
}

function consumerText(orderId: string, d: TrackingDecision, lang: Lang): string {
  const texts = ORDER_PUSHES[lang];
  return d.arrived ? texts.courierArrived(orderId) : texts.courierNear(orderId, d.distanceMeters ?? 0, d.etaMinutes);
}

/** The orders this courier carries: theirs by "Out for delivery", else the store's single unassigned one (claimed now). */
async function carriedOrders(tx: Tx, staff: { id: string; storeId: string }) {
  const mine = await tx.order.findMany({ where: { status: "out_for_delivery", courierStaffId: staff.id, storeId: staff.storeId }, orderBy: { createdAt: "asc" }, take: 20 });
  if (mine.length) return okValue(mine);
  const open = await tx.order.findMany({ where: { status: "out_for_delivery", courierStaffId: null, storeId: staff.storeId }, take: 2 });
  if (!open.length) return failWith<typeof mine>("NOT_FOUND", "no order of your store is out for delivery");
  if (open.length > 1) return failWith<typeof mine>("CONFLICT", "several orders are out for delivery: tap Out for delivery on the one you carry");
  const { count } = await tx.order.updateMany({ where: { id: open[0].id, courierStaffId: null }, data: { courierStaffId: staff.id } });
  if (count !== 1) return failWith<typeof mine>("CONFLICT", "another courier took this order");
  return okValue([{ ...open[0], courierStaffId: staff.id }]);
}

/**
 * Use case: a courier's location fix. Only a bound, active staff member may report one, and only for orders of their
 * own store. Returns, per carried order, distance, ETA and what the customer was told.
 */
export async function courierFix(db: Db, input: CourierFixInput): Promise<AppResult<CourierFixResult>> {
  if (!isValidLatLng(input.lat, input.lng)) return failWith("INVALID_INPUT", "not a usable location");
  if (!input.telegramUserId && !input.staffId) return failWith("INVALID_INPUT", "who is the courier?");
  return runTx(db, async (tx) => {
    const staff = input.telegramUserId
      ? await tx.staff.findUnique({ where: { telegramUserId: input.telegramUserId } })
      : await tx.staff.findUnique({ where: { id: input.staffId! } });
    if (!staff || !staff.active || (!input.telegramUserId && !staff.telegramUserId)) return failWith("NOT_ALLOWED", "only bound staff of the order's store can deliver it");
    const carried = await carriedOrders(tx, staff);
    if (!carried.ok) return { ok: false, error: carried.error };
    const store = await tx.store.findUniqueOrThrow({ where: { id: staff.storeId } });
    const out: TrackedOrder[] = [];
    for (const order of carried.value) {
      const consent = await tx.consent.findFirst({ where: { orderId: order.id, purpose: "location", revokedAt: null } });
      const customer = consent?.lat != null && consent.lng != null ? { lat: consent.lat, lng: consent.lng } : null;
      const d = trackDelivery({ courier: { lat: input.lat, lng: input.lng }, customer, arrivalMeters: store.arrivalMeters, now: input.at, last: await lastNotified(tx, order.id), opts: input.opts });
      await tx.order.update({ where: { id: order.id }, data: { courierLat: input.lat, courierLng: input.lng, courierAt: input.at } });
      const arrivedNow = d.arrived && (await tx.order.updateMany({ where: { id: order.id, arrivedAt: null }, data: { arrivedAt: input.at } })).count === 1;

      let text: string | null = null;
      if (d.notify && order.memberId) {
        const lang = langOfLocale((await tx.member.findUnique({ where: { id: order.memberId }, select: { locale: true } }))?.locale);
        text = consumerText(order.id, d, lang);
        await enqueue(tx, {
          memberId: order.memberId, source: "order", orderId: order.id, dedupeKey: trackingDedupeKey(order.id, trackingStep(d)), text,
          payload: { kind: "tracking", orderId: order.id, storeId: order.storeId, distanceMeters: d.distanceMeters, etaMinutes: d.etaMinutes, arrived: d.arrived, at: input.at.toISOString() },
        });
      }
      let completed = false;
      if (d.arrived && store.autoCompleteOnArrival) {
        // the same transaction: status, history, the customer's push, and the location consent deleted (order-lifecycle.ts)
        const moved = await moveOrderIn(tx, { orderId: order.id, to: "completed", actor: `courier:${staff.id}`, at: input.at, storeId: staff.storeId });
        completed = moved.ok;
      }
      out.push({
        orderId: order.id, storeId: order.storeId, memberId: order.memberId, distanceMeters: d.distanceMeters, etaMinutes: d.etaMinutes,
        arrived: d.arrived, arrivedNow, completed, awaitingConfirm: d.arrived && !completed, consumerText: text,
      });
    }
    return okValue({ staffId: staff.id, storeId: staff.storeId, orders: out });
  });
}
