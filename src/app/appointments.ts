// Use cases for booking a store's staff (a designer, a stylist): free slots, book, cancel.
// No double booking: Appointment.slotKey ("staffId|start") is unique while booked, so of many concurrent
// bookings of one slot exactly one insert succeeds.
import type { Db } from "../db/database.ts";
import { isUniqueViolation } from "../db/write-transaction.ts";
import { availableSlots, type WorkingHours } from "../domain/appointments/slots.ts";
import { tapId } from "../domain/chat/taps.ts";
import { failWith, okValue, type AppResult } from "./app-result.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { runTx } from "./run-tx.ts";
import { localSlotText, queueBookingNotice } from "./appointment-notices.ts";
import type { Tx } from "../db/database.ts";

export const SLOT_MINUTES = Number(process.env.APPOINTMENT_SLOT_MINUTES ?? 60);
export const REMINDER_BEFORE_MS = 2 * 3600_000;

export interface FreeSlot {
  staffId: string;
  staffName: string;
  role: string;
  start: Date;
}

const slotKey = (staffId: string, start: Date) => `${staffId}|${start.toISOString()}`;

/** Free slots at a store, earliest first, over the staff of a role (any role when null). */
export async function freeSlots(db: Db, q: { storeId: string; role: string | null; from: Date; days?: number; max?: number }): Promise<FreeSlot[]> {
  const store = await db.prisma.store.findUnique({ where: { id: q.storeId }, include: { staff: { where: { active: true } } } });
  if (!store) return [];
  const staff = store.staff.filter((s) => !q.role || s.role === q.role);
  const days = q.days ?? 7;
  const booked = await db.prisma.appointment.findMany({
    where: { staffId: { in: staff.map((s) => s.id) }, status: "booked", start: { gte: q.from, lt: new Date(q.from.getTime() + (days + 1) * 86_400_000) } },
    select: { staffId: true, start: true },
  });
  const out: FreeSlot[] = [];
  for (const s of staff) {
    const mine = new Set(booked.filter((b) => b.staffId === s.id).map((b) => b.start.getTime()));
    for (const start of availableSlots({ openHours: store.openHours, timezone: store.timezone, workingHours: s.workingHours as unknown as WorkingHours[], from: q.from, days, slotMinutes: SLOT_MINUTES, booked: mine, max: q.max ?? 40 })) {
      out.push({ staffId: s.id, staffName: s.name, role: s.role, start });
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.staffId.localeCompare(b.staffId)).slice(0, q.max ?? 40);
}

export interface Booked {
  appointmentId: string;
  storeId: string;
  staffId: string;
  staffName: string;
  start: Date;
  end: Date;
}

/** Why a wanted slot cannot be booked, or null when it is free (working hours, not past, not taken). */
async function slotProblem(db: Db, q: { storeId: string; staffId: string; start: Date; at: Date }): Promise<AppResult<never> | null> {
  const staff = await db.prisma.staff.findUnique({ where: { id: q.staffId } });
  if (!staff || staff.storeId !== q.storeId || !staff.active) return failWith("NOT_FOUND", "no such staff member at this store");
  const free = await freeSlots(db, { storeId: q.storeId, role: null, from: new Date(q.start.getTime() - 86_400_000), days: 3, max: 500 });
  if (free.some((f) => f.staffId === q.staffId && f.start.getTime() === q.start.getTime())) return null;
  const taken = await db.prisma.appointment.findUnique({ where: { slotKey: slotKey(q.staffId, q.start) } });
  if (taken) return failWith("SLOT_TAKEN", "that slot is taken");
  if (q.start.getTime() < q.at.getTime()) return failWith("INVALID_INPUT", "that time has passed");
  return failWith("SLOT_TAKEN", "that time is not bookable");
}

const reminderKey = (appointmentId: string, start: Date) => `appt:${appointmentId}:reminder:${start.getTime()}`;

/** The member's reminder, REMINDER_BEFORE_MS ahead, in the store's local time (a follow-up: unsubscribe and quiet hours apply). */
async function queueReminder(tx: Tx, a: { id: string; memberId: string; storeId: string; staffId: string; start: Date }): Promise<void> {
  const [store, staff] = await Promise.all([tx.store.findUniqueOrThrow({ where: { id: a.storeId } }), tx.staff.findUniqueOrThrow({ where: { id: a.staffId } })]);
  const when = localSlotText(a.start, store.timezone);
  await enqueue(tx, {
    memberId: a.memberId, source: "follow_up", dedupeKey: reminderKey(a.id, a.start), notBefore: new Date(a.start.getTime() - REMINDER_BEFORE_MS),
    text: `⏰ 预约提醒：${when} ${store.name} ${staff.name}\nReminder: ${store.name}, ${staff.name}, ${when}`, payload: { appointmentId: a.id, buttons: [{ id: tapId("unbook", { appointmentId: a.id }), label: "取消预约 / Cancel" }] },
  });
}

/** Drops the queued reminders of an appointment (cancelled or moved). */
export async function dropReminders(tx: Tx, appointmentId: string, why: string): Promise<void> {
  await tx.outboxMessage.updateMany({ where: { dedupeKey: { startsWith: `appt:${appointmentId}:reminder` }, status: "queued" }, data: { status: "skipped", error: why } });
}

/** Use case: book one slot. Refuses a slot outside the staff member's hours, in the past, or already taken. */
export async function bookAppointment(db: Db, input: { memberId: string; storeId: string; staffId: string; start: Date; at: Date; note?: string }): Promise<AppResult<Booked>> {
  const problem = await slotProblem(db, input);
  if (problem) return problem;
  const end = new Date(input.start.getTime() + SLOT_MINUTES * 60_000);
  try {
    return await runTx(db, async (tx) => {
      const a = await tx.appointment.create({
        data: { storeId: input.storeId, staffId: input.staffId, memberId: input.memberId, start: input.start, end, slotKey: slotKey(input.staffId, input.start), note: input.note ?? null },
        include: { staff: true },
      });
      await queueReminder(tx, a);
      await queueBookingNotice(tx, a, "booked");
      return okValue({ appointmentId: a.id, storeId: input.storeId, staffId: a.staffId, staffName: a.staff.name, start: input.start, end });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return failWith("SLOT_TAKEN", "that slot was just taken");
    throw e;
  }
}

/**
 * Use case: the member moves a booking to another slot (the same staff member unless another is named). Race-safe
 * like booking: the new slotKey is unique, so if someone takes the slot first the move fails and the original
 * booking stands. The old reminder is dropped, a new one queued, and the store is told.
 */
export async function rescheduleAppointment(db: Db, input: { memberId: string; appointmentId: string; staffId?: string; start: Date; at: Date }): Promise<AppResult<Booked>> {
  const current = await db.prisma.appointment.findFirst({ where: { id: input.appointmentId, memberId: input.memberId, status: "booked" } });
  if (!current) return failWith("NOT_FOUND", "no such appointment");
  const staffId = input.staffId ?? current.staffId;
  if (staffId === current.staffId && input.start.getTime() === current.start.getTime()) return failWith("INVALID_INPUT", "that is already the booked time");
  const problem = await slotProblem(db, { storeId: current.storeId, staffId, start: input.start, at: input.at });
  if (problem) return problem;
  const end = new Date(input.start.getTime() + SLOT_MINUTES * 60_000);
  try {
    return await runTx(db, async (tx) => {
      const { count } = await tx.appointment.updateMany({
        where: { id: current.id, memberId: input.memberId, status: "booked", start: current.start },
        data: { staffId, start: input.start, end, slotKey: slotKey(staffId, input.start) },
      });
      if (count !== 1) return failWith("NOT_FOUND", "no such appointment");
      const a = await tx.appointment.findUniqueOrThrow({ where: { id: current.id }, include: { staff: true } });
      await dropReminders(tx, a.id, "appointment moved");
      await queueReminder(tx, a);
      await queueBookingNotice(tx, a, "rescheduled", input.start.getTime());
      if (current.staffId !== staffId) await queueBookingNotice(tx, current, "cancelled", input.start.getTime());
      return okValue({ appointmentId: a.id, storeId: a.storeId, staffId, staffName: a.staff.name, start: input.start, end });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return failWith("SLOT_TAKEN", "that slot was just taken");
    throw e;
  }
}

/** Use case: the member cancels an appointment; the slot becomes free again and the reminder is dropped. */
export async function cancelAppointment(db: Db, input: { memberId: string; appointmentId: string }): Promise<AppResult<{ appointmentId: string }>> {
  return runTx(db, async (tx) => {
    const { count } = await tx.appointment.updateMany({ where: { id: input.appointmentId, memberId: input.memberId, status: "booked" }, data: { status: "cancelled", slotKey: null } });
    if (count !== 1) return failWith("NOT_FOUND", "no such appointment");
    await dropReminders(tx, input.appointmentId, "appointment cancelled");
    await queueBookingNotice(tx, await tx.appointment.findUniqueOrThrow({ where: { id: input.appointmentId } }), "cancelled");
    return okValue({ appointmentId: input.appointmentId });
  });
}
