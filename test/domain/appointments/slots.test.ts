import { describe, expect, it } from "vitest";
import { availableSlots, slotFor } from "../../../src/domain/appointments/slots.ts";

const at = (iso: string) => new Date(iso);
const base = { openHours: "10:00-21:00", timezone: "Asia/Shanghai", workingHours: [], days: 2, slotMinutes: 60, booked: new Set<number>() };

describe("appointment slots", () => {
  it.each([
    ["store hours, from 09:00: first slot at 10:00", { from: at("2026-11-26T09:00:00+08:00") }, "2026-11-26T10:00:00+08:00"],
    ["one hour lead: from 10:30 the first slot is 12:00", { from: at("2026-11-26T10:30:00+08:00") }, "2026-11-26T12:00:00+08:00"],
    ["after closing the first slot is tomorrow", { from: at("2026-11-26T21:30:00+08:00") }, "2026-11-27T10:00:00+08:00"],
    ["working hours override store hours (Thursday 14-18)", { from: at("2026-11-26T09:00:00+08:00"), workingHours: [{ weekday: 4, start: "14:00", end: "18:00" }] }, "2026-11-26T14:00:00+08:00"],
    ["a booked slot is skipped", { from: at("2026-11-26T09:00:00+08:00"), booked: new Set([at("2026-11-26T10:00:00+08:00").getTime()]) }, "2026-11-26T11:00:00+08:00"],
  ])("%s", (_name, over, first) => {
    const slots = availableSlots({ ...base, ...over });
    expect(slots[0]?.toISOString()).toBe(at(first).toISOString());
  });

  it("ends each day with the last whole slot before closing", () => {
    const slots = availableSlots({ ...base, days: 1, from: at("2026-11-26T00:00:00+08:00") });
    expect(slots.length).toBe(11);
    expect(slots.at(-1)!.toISOString()).toBe(at("2026-11-26T20:00:00+08:00").toISOString());
  });

  it.each([
    ["the exact start", "2026-11-26T15:00:00+08:00", "2026-11-26T15:00:00+08:00"],
    ["a time inside a slot", "2026-11-26T15:30:00+08:00", "2026-11-26T15:00:00+08:00"],
    ["a time outside every free slot", "2026-11-26T22:00:00+08:00", null],
  ])("slotFor: %s", (_n, want, got) => {
    const free = availableSlots({ ...base, days: 1, from: at("2026-11-26T08:00:00+08:00") });
    expect(slotFor(at(want), free, 60)?.toISOString() ?? null).toBe(got ? at(got).toISOString() : null);
  });
});
