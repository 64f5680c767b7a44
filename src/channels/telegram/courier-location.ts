// A courier's live location on Telegram. Staff share a live location in their private chat with the bot: Telegram
// sends it once as `message.location` (with `live_period`), then as `edited_message` updates with the new position.
// Only bound, active staff are couriers (src/app/staff.ts); a customer's location keeps going to the engine, and a
// customer's live-location edits are ignored, as before. Each fix goes to courierFix (one transaction), which queues
// the customer's distance/ETA updates in the outbox; here the courier only hears the start, the arrival, and gets
// the one-tap "Delivered" button (a staff step button, so onStaffTap completes the order with the same checks).
import type { Context } from "telegraf";
import { courierFix } from "../../app/ordering/delivery-tracking.ts";
import { staffForTelegramUser } from "../../app/staff.ts";
import type { Lang } from "../../conversation/replies.ts";
import { formatDistance } from "../../domain/delivery/tracking.ts";
import { inlineKeyboard } from "./render-replies.ts";
import type { StaffDeps } from "./staff-commands.ts";
import { staffTapId } from "./staff-taps.ts";
import { T } from "./telegram-texts.ts";

export interface LocationUpdate {
  lat: number;
  lng: number;
  /** the first message of a live location (it has live_period) */
  live: boolean;
  /** an edited_message: a live location moving */
  edited: boolean;
}

/** The "Delivered" button: the staff step to completed, authorized like every staff tap. */
export const deliveredButton = (orderId: string) => ({ id: staffTapId("completed", orderId), label: T.courierDeliveredButton });

/**
 * Handles a location if it is a courier's fix; returns false when it is not (the caller treats it as a customer's).
 * Static locations are always the customer's (staff order coffee too); live ones are a courier's when the sender is
 * bound staff with an order out for delivery. Edits of anyone else's live location are swallowed (true).
 */
export async function onCourierLocation(ctx: Context, deps: StaffDeps, loc: LocationUpdate, lang: Lang): Promise<boolean> {
  const from = ctx.from;
  if (!from || from.is_bot || ctx.chat?.type !== "private") return loc.edited;
  if (!loc.live && !loc.edited) return false;
  const staff = await staffForTelegramUser(deps.db, String(from.id));
  if (!staff) return loc.edited;
  const r = await courierFix(deps.db, { telegramUserId: String(from.id), lat: loc.lat, lng: loc.lng, at: deps.clock() });
  if (!r.ok) {
    deps.log?.("courier fix refused", { from: from.id, code: r.error.code });
    // nothing out for delivery: a staff member's own live location, handled as a customer's
    if (r.error.code === "NOT_FOUND") return loc.edited;
    if (!loc.edited) await ctx.reply(r.error.code === "CONFLICT" ? T.courierWhichOrder[lang] : T.notStaff[lang]);
    return true;
  }
  for (const o of r.value.orders) {
    if (!loc.edited && !o.arrived) await ctx.reply(T.courierTracking[lang](o.orderId, o.distanceMeters == null ? null : formatDistance(o.distanceMeters, lang), o.etaMinutes));
    if (!o.arrivedNow) continue;
    if (o.completed) await ctx.reply(T.courierArrivedCompleted[lang](o.orderId));
    else await ctx.reply(T.courierArrivedConfirm[lang](o.orderId), { reply_markup: await inlineKeyboard([deliveredButton(o.orderId)], deps.codec) });
  }
  return true;
}
