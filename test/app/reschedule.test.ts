// Moving and cancelling a booking in chat, race-safe; the member's reminder follows the booking and the store's
// staff hear about every change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookAppointment, rescheduleAppointment } from "../../src/app/appointments.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { bindStaff, createStaffInvite } from "../../src/app/staff.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, chatter, one, testDeps } from "../support/engine.ts";

const at = (iso: string) => new Date(iso);
const D1_TUE_11 = at("2026-11-27T11:00:00+08:00");

describe.each(DATABASES)("rescheduling on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    // designer spzp-d1 binds a Telegram account through the spzp bot
    const invite = await createStaffInvite(db, { storeId: "spzp-zhujiang", staffId: "spzp-d1", at: NOON });
    if (!invite.ok) throw new Error(invite.error.code);
    const bound = await bindStaff(db, { code: invite.value.code, telegramUserId: "9001", botId: "spzp", botBrandIds: ["spzp"], at: NOON });
    expect(bound.ok).toBe(true);
  });
  afterAll(async () => db.drop());

  const staffNotes = (appointmentId: string) =>
    db.prisma.outboxMessage.findMany({ where: { source: "staff", dedupeKey: { startsWith: `appt:${appointmentId}:` } }, orderBy: { createdAt: "asc" } });
  const reminders = (appointmentId: string) => db.prisma.outboxMessage.findMany({ where: { source: "follow_up", dedupeKey: { startsWith: `appt:${appointmentId}:reminder` } } });

  it("moves a booking by tapping a new slot: the store is told, the reminder moves with it", async () => {
    const say = chatter(testDeps(db), "moving-1");
    const member = await resolveMember(db, { channel: "local", externalId: "moving-1", botId: "marketplace" });
    const booked = await bookAppointment(db, { memberId: member.id, storeId: "spzp-zhujiang", staffId: "spzp-d1", start: D1_TUE_11, at: NOON });
    if (!booked.ok) throw new Error(booked.error.code);
    const id = booked.value.appointmentId;
    const [note] = await staffNotes(id);
    expect(note).toMatchObject({ memberId: null, staffId: "spzp-d1", source: "staff", payload: expect.objectContaining({ telegramUserId: "9001", botId: "spzp" }) });
    expect(note.text).toMatch(/新预约[\s\S]*11月27日 周五 11:00/);
    expect((await reminders(id))[0].text).toMatch(/预约提醒：11月27日 周五 11:00/);

    const offer = one(await say({ text: "改约" }), "choice");
    expect(offer.text).toMatch(/11月27日/);
    const pick = offer.buttons!.find((b) => b.id.startsWith(`reslot:${id}:`))!;
    const moved = one(await say({ tap: pick.id }), "appointment");
    const newStart = new Date(Number(pick.id.split(":").at(-1)));
    expect(moved).toMatchObject({ appointmentId: id, start: newStart.toISOString(), status: "booked" });
    expect(moved.buttons!.map((b) => b.id)).toEqual([`rebook:${id}`, `unbook:${id}`]);

    const row = await db.prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect(row.start.toISOString()).toBe(newStart.toISOString());
    const rs = await reminders(id);
    expect(rs.filter((r) => r.status === "queued").map((r) => r.notBefore.toISOString())).toEqual([new Date(newStart.getTime() - 2 * 3600_000).toISOString()]);
    expect(rs.find((r) => r.dedupeKey.endsWith(`:${D1_TUE_11.getTime()}`))!.status).toBe("skipped");
    expect((await staffNotes(id)).map((n) => n.text.split("\n")[0])).toEqual(["📅 新预约 New booking", "🔁 预约改期 Booking moved"]);
    // the old slot is free again
    const again = await bookAppointment(db, { memberId: member.id, storeId: "spzp-zhujiang", staffId: "spzp-d1", start: D1_TUE_11, at: NOON });
    expect(again.ok).toBe(true);
  });

  it("moves a booking to a time said in words, and keeps it when that time is taken", async () => {
    const say = chatter(testDeps(db), "moving-2");
    await say({ location: { lat: 23.121, lng: 113.325 } });
    const appt = one(await say({ text: "明天下午三点约尚品宅配的设计师" }), "appointment");
    const moved = one(await say({ text: "改到明天下午5点" }), "appointment");
    expect(moved).toMatchObject({ appointmentId: appt.appointmentId, start: new Date("2026-11-26T17:00:00+08:00").toISOString() });

    // someone else holds 下午4点 with the same designer: refused, other slots offered, the booking stays at 5pm
    const other = await resolveMember(db, { channel: "local", externalId: "holder", botId: "marketplace" });
    const held = await bookAppointment(db, { memberId: other.id, storeId: "spzp-zhujiang", staffId: moved.staffId, start: at("2026-11-26T16:00:00+08:00"), at: NOON });
    expect(held.ok).toBe(true);
    const refused = await say({ text: "改约 明天下午4点" });
    expect(one(refused, "error").code).toBe("SLOT_TAKEN");
    expect(one(refused, "choice").buttons!.every((b) => b.id.startsWith(`reslot:${appt.appointmentId}:`))).toBe(true);
    expect((await db.prisma.appointment.findUniqueOrThrow({ where: { id: appt.appointmentId } })).start.toISOString()).toBe(moved.start);
  });

  it("two members moving into one free slot at once: exactly one gets it, the other keeps their booking", async () => {
    const ids: string[] = [];
    const members: string[] = [];
    for (const [i, start] of ["2026-11-28T11:00:00+08:00", "2026-11-28T12:00:00+08:00"].entries()) {
      const m = await resolveMember(db, { channel: "local", externalId: `racer-${i}`, botId: "marketplace" });
      const b = await bookAppointment(db, { memberId: m.id, storeId: "spzp-zhujiang", staffId: "spzp-d2", start: at(start), at: NOON });
      if (!b.ok) throw new Error(b.error.code);
      ids.push(b.value.appointmentId);
      members.push(m.id);
    }
    const target = at("2026-11-28T15:00:00+08:00");
    const results = await Promise.all(ids.map((id, i) => rescheduleAppointment(db, { memberId: members[i], appointmentId: id, start: target, at: NOON })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: "SLOT_TAKEN" } });
    const rows = await db.prisma.appointment.findMany({ where: { id: { in: ids } }, orderBy: { start: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["booked", "booked"]);
    expect(rows.filter((r) => r.start.getTime() === target.getTime())).toHaveLength(1);
  });

  it("cancelling tells the store and drops the reminder; another member cannot move or cancel it", async () => {
    const say = chatter(testDeps(db), "moving-3");
    const member = await resolveMember(db, { channel: "local", externalId: "moving-3", botId: "marketplace" });
    const b = await bookAppointment(db, { memberId: member.id, storeId: "spzp-zhujiang", staffId: "spzp-d1", start: at("2026-11-30T14:00:00+08:00"), at: NOON });
    if (!b.ok) throw new Error(b.error.code);
    const id = b.value.appointmentId;
    const intruder = chatter(testDeps(db), "intruder");
    expect(one(await intruder({ tap: `rebook:${id}` }), "error").code).toBe("NOT_FOUND");
    expect(one(await intruder({ tap: `unbook:${id}` }), "error").code).toBe("NOT_FOUND");
    await say({ tap: `unbook:${id}` });
    expect((await db.prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    expect((await reminders(id)).map((r) => r.status)).toEqual(["skipped"]);
    expect((await staffNotes(id)).map((n) => n.text.split("\n")[0])).toEqual(["📅 新预约 New booking", "❌ 预约取消 Booking cancelled"]);
    expect(one(await say({ text: "改约" }), "text").text).toMatch(/没有待进行的预约/);
  });
});
