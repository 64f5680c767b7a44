// The staff's step buttons: written and read by one pair of functions; anything else is not a step.
import { describe, expect, it } from "vitest";
import { deliveredButton } from "../../../src/channels/telegram/courier-location.ts";
import { readStaffTap, staffTapId } from "../../../src/channels/telegram/staff-taps.ts";

describe("staff step taps", () => {
  it.each([["accepted"], ["ready"], ["out_for_delivery"], ["shipped"], ["completed"]] as const)("staff:%s:<orderId> round-trips", (to) => {
    const id = staffTapId(to, "ord_1");
    expect(id).toBe(`staff:${to}:ord_1`);
    expect(readStaffTap(id)).toEqual({ to, orderId: "ord_1" });
  });

  it("the courier's Delivered button is the completed step", () => {
    expect(readStaffTap(deliveredButton("ord_7").id)).toEqual({ to: "completed", orderId: "ord_7" });
  });

  it.each(["staff:cancelled:ord_1", "staff:paid:ord_1", "staff:ready:", "staff:ready", "confirm:ord_1", "staff::ord_1"])("%s is not a step", (id) => {
    expect(readStaffTap(id)).toBeNull();
  });
});
