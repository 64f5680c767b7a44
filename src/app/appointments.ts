// Use cases for booking a store's staff (a designer, a stylist): free slots, book, cancel.
// No double booking: Appointment.slotKey ("staffId|start") is unique while booked, so of many concurrent
// bookings of one slot exactly one insert succeeds.
import type { Db } from "../db/database.ts";
import { isUniqueViolation } from "../db/write-transaction.ts";
import { availableSlots, type WorkingHours } from "../domain/appointments/slots.ts";
import { failWith, okValue, type AppResult } from "./app-result.ts";
import { enqueuePush } from "./outbox.ts";
import { runTx } from "./run-tx.ts";

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

/** Use case: book one slot. Refuses a slot outside the staff member's hours, in the past, or already taken. */
export async function bookAppointment(db: Db, input: { memberId: string; storeId: string; staffId: string; start: Date; at: Date; note?: string }): Promise<AppResult<Booked>> {
  const staff = await db.prisma.staff.findUnique({ where: { id: input.staffId } });
  if (!staff || staff.storeId !== input.storeId || !staff.active) return failWith("NOT_FOUND", "no such staff member at this store");
  const free = await freeSlots(db, { storeId: input.storeId, role: null, from: new Date(input.start.getTime() - 86_400_000), days: 3, max: 500 });
  if (!free.some((f) => f.staffId === input.staffId && f.start.getTime() === input.start.getTime())) {
    const taken = await db.prisma.appointment.findUnique({ where: { slotKey: slotKey(input.staffId, input.start) } });
    if (taken) return failWith("SLOT_TAKEN", "that slot is taken");
    if (input.start.getTime() < input.at.getTime()) return failWith("INVALID_INPUT", "that time has passed");
    return failWith("SLOT_TAKEN", "that time is not bookable");
  }
  const end = new Date(input.start.getTime() + SLOT_MINUTES * 60_000);
  try {
    return await runTx(db, async (tx) => {
      const a = await tx.appointment.create({
        data: { storeId: input.storeId, staffId: input.staffId, memberId: input.memberId, start: input.start, end, slotKey: slotKey(input.staffId, input.start), note: input.note ?? null },
      });
      const store = await tx.store.findUniqueOrThrow({ where: { id: input.storeId } });
      await enqueuePush(tx, {
        memberId: input.memberId, source: "follow_up", dedupeKey: `appt:${a.id}:reminder`, notBefore: new Date(input.start.getTime() - REMINDER_BEFORE_MS),
        text: `预约提醒：${store.name} ${staff.name} ${input.start.toISOString()} / appointment reminder`, payload: { appointmentId: a.id },
      });
      return okValue({ appointmentId: a.id, storeId: input.storeId, staffId: staff.id, staffName: staff.name, start: input.start, end });
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
    await tx.delivery.updateMany({ where: { dedupeKey: `appt:${input.appointmentId}:reminder`, status: "queued" }, data: { status: "skipped", error: "appointment cancelled" } });
    return okValue({ appointmentId: input.appointmentId });
  });
}
