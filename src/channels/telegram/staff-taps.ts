// The staff's step buttons on an order card (`staff:<status>:<orderId>`), written and read in one place. They are
// Telegram-only: create-bot routes them to staff-commands.ts (onStaffTap), never to the engine, so no customer tap
// can reach a merchant action; the move itself is authorized by src/app/staff.ts.
import { isStaffMove, type StaffMove } from "../../app/staff.ts";

export const STAFF_TAP_PREFIX = "staff:";

/** The button id of a step: `staff:<status>:<orderId>`. */
export const staffTapId = (to: StaffMove, orderId: string): string => `${STAFF_TAP_PREFIX}${to}:${orderId}`;

/** A step button's tap → the step and the order; null for anything else (an unknown step, no order). */
export function readStaffTap(id: string): { to: StaffMove; orderId: string } | null {
  const [, to, orderId] = /^staff:([a-z_]+):(.+)$/.exec(id) ?? [];
  return to && orderId && isStaffMove(to) ? { to, orderId } : null;
}
