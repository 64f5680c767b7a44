// What each button kind does when tapped. The kinds, their wire format and their argument schemas are the tap table
// (src/domain/chat/taps.ts); this table has one handler per kind (the compiler checks none is missing), in the
// spirit of a bot framework's router: read the tap, hand its checked argument to the flow. An unknown, malformed or
// forged tap gets "I did not get that", never a failure.
import { loadCatalogView } from "../app/catalog-view.ts";
import { cancelAppointment } from "../app/appointments.ts";
import { leaveStep } from "../app/conversation-state.ts";
import { staffMember } from "../app/chat-lookups.ts";
import { readTap, type TapArgs, type TapName } from "../domain/chat/taps.ts";
import { emptyResult } from "../nlu/intent.ts";
import { account, askPhone } from "./identity-flow.ts";
import { claim, claimFromCampaign, follow, forgetTap, orders, wallet } from "./account-flow.ts";
import { book, offerNewSlots, rescheduleToSlot, startBooking } from "./booking-flow.ts";
import { helpReply, notUnderstood } from "./help-replies.ts";
import { errorText } from "./messages.ts";
import { cancel, confirm, continueDraft, handleOrderIntent, setSize } from "./order-flow.ts";
import { errorReply, type Reply } from "./replies.ts";
import { confirmOneTap, confirmWithHold, payBillTap, showBill } from "./till-flow.ts";
import type { Turn } from "./turn.ts";

type Handlers = { [N in TapName]: (turn: Turn, args: TapArgs<N>) => Promise<Reply[]> };

const HANDLERS: Handlers = {
  // (till-flow) password-free pay holds a delivery order's total instead of sending a link
  confirm: async (turn, { orderId }) => (await confirmWithHold(turn, orderId ?? undefined)) ?? confirm(turn, orderId ?? undefined),
  cancel: (turn, { orderId }) => {
    leaveStep(turn.state, "till_amount");
    return cancel(turn, orderId ?? undefined);
  },
  size: (turn, { size }) => setSize(turn, size),
  fulfil: async (turn, { fulfillment }) => {
    if (!turn.state.draft) return notUnderstood(turn);
    turn.state.draft.fulfillment = fulfillment;
    turn.state.draft.storeId = null;
    return continueDraft(turn);
  },
  store: async (turn, { storeId, fulfillment }) => {
    if (!turn.state.draft) return notUnderstood(turn);
    turn.state.draft.storeId = storeId;
    if (fulfillment) turn.state.draft.fulfillment = fulfillment;
    return continueDraft(turn);
  },
  product: async (turn, { productId, size }) => {
    const p = (await loadCatalogView(turn.deps.db)).products.get(productId);
    if (!p || (turn.scope && !turn.scope.includes(p.brandId))) return notUnderstood(turn, "NOT_FOUND");
    return handleOrderIntent(turn, { ...emptyResult("order", 1), brandId: p.brandId, items: [{ productId: p.id, quantity: 1, size: size && p.sizes.includes(size) ? size : null }] }, "");
  },
  claim: (turn, { code, campaignId }) => {
    if (code && campaignId) return claimFromCampaign(turn, code, campaignId);
    return claim(turn, code, turn.state.campaignId ? "campaign" : "chat");
  },
  coupons: (turn) => wallet(turn),
  orders: (turn) => orders(turn, null),
  help: async (turn) => [await helpReply(turn)],
  account: (turn) => account(turn),
  bind_phone: async (turn) => askPhone(turn),
  follow: (turn, { brandId }) => follow(turn, { ...emptyResult("follow", 1), brandId }),
  forget: (turn, { answer }) => forgetTap(turn, answer),
  // a store card's "Book" keeps what the member already asked for (a time, a role)
  book: (turn, { storeId }) => startBooking(turn, { brandId: null, when: null, role: null, radiusMeters: null, storeId }),
  slot: async (turn, { staffId, startMs }) => {
    const staff = await staffMember(turn.deps.db, staffId);
    if (!staff) return notUnderstood(turn);
    return book(turn, staff.storeId, staff.id, new Date(startMs));
  },
  rebook: (turn, { appointmentId }) => offerNewSlots(turn, appointmentId),
  reslot: (turn, { appointmentId, staffId, startMs }) => rescheduleToSlot(turn, appointmentId, staffId, startMs),
  unbook: async (turn, { appointmentId }) => {
    leaveStep(turn.state, "reschedule");
    const r = await cancelAppointment(turn.deps.db, { memberId: turn.memberId, appointmentId });
    return r.ok ? [{ type: "text", text: turn.lang === "zh" ? "预约已取消。" : "Booking cancelled." }] : [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
  },
  bill_pay: (turn, { billId, useCoupon }) => payBillTap(turn, billId, useCoupon),
  bill_nocoupon: (turn, { billId }) => showBill(turn, billId, false),
  bill_open: (turn, { billId }) => showBill(turn, billId, true),
  one_tap_on: (turn) => confirmOneTap(turn),
};

/** {"tap": id}: the member tapped a button. */
export async function onTap(turn: Turn, raw: string): Promise<Reply[]> {
  const tap = readTap(raw);
  if (!tap) return notUnderstood(turn);
  return (HANDLERS[tap.name] as (turn: Turn, args: unknown) => Promise<Reply[]>)(turn, tap.args);
}
