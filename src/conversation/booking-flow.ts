// "附近500米有尚品宅配吗？我想约设计师": the nearest store that takes appointments (within the radius, or the nearest
// beyond it, said so), a slot with the right staff (at the time asked for, or offered as buttons), then a
// recommendation from what the member bought before.
import { bookAppointment, freeSlots, rescheduleAppointment, SLOT_MINUTES, type Booked, type FreeSlot } from "../app/appointments.ts";
import { loadCatalogView, type StoreInfo } from "../app/catalog-view.ts";
import { recommendFor } from "../app/recommend.ts";
import { normalizeText } from "../nlu/text.ts";
import { parseWhen } from "../nlu/when.ts";
import { offers } from "../domain/stores/store.ts";
import { localDateTime } from "../domain/time/time-zone.ts";
import { distanceText, errorText } from "./messages.ts";
import { errorReply, type Reply } from "./replies.ts";
import { DEFAULT_SEARCH_RADIUS_METERS, storeCard } from "./store-flow.ts";
import { ORDER_QUESTIONS, leaveStep, type BookingDraft } from "../app/conversation-state.ts";
import { nextAppointment, memberAppointment } from "../app/chat-lookups.ts";
import { tapId } from "../domain/chat/taps.ts";
import type { Turn } from "./turn.ts";

/** A time or role said in an earlier message that did not start a booking counts for this long. */
const HEARD_TTL_MS = 30 * 60_000;

/** What the member said earlier and a booking should keep: a time, a role (a misread first turn, a store search). */
function heard(turn: Turn): { when: string | null; role: string | null } {
  const h = turn.state.heard;
  if (!h || turn.now.getTime() - Date.parse(h.at) > HEARD_TTL_MS) return { when: null, role: null };
  return { when: h.when, role: h.role };
}

/** Remembers a time or role said in a message that is not (yet) a booking, for the booking that may follow. */
export function noteHeard(turn: Turn, when: string | null, role: string | null): void {
  if (!when && !role) return;
  const before = heard(turn);
  turn.state.heard = { when: when ?? before.when, role: role ?? before.role, at: turn.now.toISOString() };
}

/**
 * "明天下午三点约验光师": starts a booking, or refines the one in progress. Whatever the member said before (a time,
 * a role, a radius, a store they tapped) is kept unless this message says otherwise.
 */
export async function startBooking(turn: Turn, said: { brandId: string | null; when: string | null; role: string | null; radiusMeters: number | null; storeId?: string | null }): Promise<Reply[]> {
  const prev = bookingInProgress(turn);
  const earlier = heard(turn);
  const brandId = said.brandId ?? prev?.brandId ?? (turn.scope?.length === 1 ? turn.scope[0] : null);
  const booking: BookingDraft = {
    brandId,
    when: said.when ?? prev?.when ?? earlier.when,
    radiusMeters: said.radiusMeters ?? prev?.radiusMeters ?? null,
    storeId: said.storeId ?? (prev?.storeId && (!said.brandId || said.brandId === prev.brandId) ? prev.storeId : null),
    role: said.role ?? prev?.role ?? earlier.role,
  };
  turn.state.heard = undefined;
  return continueBooking(turn, booking);
}

/** The booking being put together, if that is the member's step. */
export function bookingInProgress(turn: Turn): BookingDraft | null {
  return turn.state.step.at === "booking" ? turn.state.step.booking : null;
}

function when(turn: Turn, d: Date, tz: string): string {
  const l = localDateTime(tz, d.getTime());
  const hm = `${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
  const wd = turn.lang === "zh" ? ["周日", "周一", "周二", "周三", "周四", "周五", "周六"][l.weekday] : ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][l.weekday];
  return turn.lang === "zh" ? `${l.month}月${l.day}日${wd} ${hm}` : `${wd} ${l.month}/${l.day} ${hm}`;
}

/** The first free slots as buttons: `slot:<staff>:<ms>`, or `reslot:<appointment>:<staff>:<ms>` when moving a booking. */
function slotButtons(turn: Turn, slots: FreeSlot[], tz: string, moving: string | null = null) {
  return slots.slice(0, 4).map((s) => ({
    id: moving ? tapId("reslot", { appointmentId: moving, staffId: s.staffId, startMs: s.start.getTime() }) : tapId("slot", { staffId: s.staffId, startMs: s.start.getTime() }),
    label: `${when(turn, s.start, tz)} ${s.staffName}`,
  }));
}

/** Start or continue a booking (it becomes the member's step); needs a location unless a store was picked. */
export async function continueBooking(turn: Turn, b: BookingDraft): Promise<Reply[]> {
  turn.state.step = { at: "booking", booking: b };
  const view = await loadCatalogView(turn.deps.db);
  let store: StoreInfo | undefined = b.storeId ? view.stores.get(b.storeId) : undefined;
  const replies: Reply[] = [];
  if (!store) {
    if (!turn.state.location) return [{ type: "choice", text: turn.m.askLocationSearch, request: "location", buttons: [{ id: tapId("cancel", { orderId: null }), label: turn.m.cancelLabel }] }];
    const loc = turn.state.location;
    const brandIds = b.brandId ? [b.brandId] : turn.scope;
    // a store that takes appointments and has staff in the role asked for
    const filter = (s: StoreInfo) => !s.flagship && offers(s, "appointment") && (!b.role || !!view.storeRoles.get(s.id)?.has(b.role));
    const radius = b.radiusMeters ?? DEFAULT_SEARCH_RADIUS_METERS;
    const [near] = view.index.around(loc.lat, loc.lng, { brandIds, maxDistanceMeters: radius, maxResults: 1, filter });
    const hit = near ?? view.index.around(loc.lat, loc.lng, { brandIds, maxResults: 1, filter })[0];
    if (!hit) return [{ type: "text", text: turn.m.noStoreAtAll }];
    if (!near) replies.push({ type: "text", text: turn.m.noStoreInRadius(distanceText(radius, turn.lang), hit.store.name, distanceText(hit.distanceMeters, turn.lang)) });
    store = hit.store;
    b.storeId = store.id;
    replies.push(storeCard(turn, store, hit.distanceMeters));
  }
  if (b.when) return [...replies, ...(await bookAt(turn, store, new Date(b.when), b.role))];
  const slots = await freeSlots(turn.deps.db, { storeId: store.id, role: b.role, from: turn.now, days: 7 });
  if (!slots.length) return [...replies, { type: "text", text: turn.lang === "zh" ? "这家店近7天没有可预约的时间了。" : "No free slots at this store in the next 7 days." }];
  return [...replies, { type: "choice", text: turn.lang === "zh" ? "选一个时间：" : "Pick a time:", buttons: slotButtons(turn, slots, store.timezone) }];
}

/**
 * Books exactly the time the member said, never another: when that time is not free, the nearest free slots of the
 * same day are offered (or, when that day has none, the nearest ones in the week around it).
 */
async function bookAt(turn: Turn, store: StoreInfo, wanted: Date, role: string | null): Promise<Reply[]> {
  const local = localDateTime(store.timezone, wanted.getTime());
  const dayStart = new Date(wanted.getTime() - local.minuteOfDay * 60_000 - (wanted.getTime() % 60_000));
  const from = dayStart < turn.now ? turn.now : dayStart;
  const sameDay = (d: Date) => { const l = localDateTime(store.timezone, d.getTime()); return l.year === local.year && l.month === local.month && l.day === local.day; };
  const thatDay = (await freeSlots(turn.deps.db, { storeId: store.id, role, from, days: 1, max: 500 })).filter((s) => sameDay(s.start));
  const exact = thatDay.find((s) => s.start.getTime() === wanted.getTime());
  if (exact) return book(turn, store.id, exact.staffId, exact.start);
  const near = (list: FreeSlot[]) => [...list].sort((x, y) => Math.abs(x.start.getTime() - wanted.getTime()) - Math.abs(y.start.getTime() - wanted.getTime()) || x.start.getTime() - y.start.getTime());
  const zh = turn.lang === "zh";
  const asked = when(turn, wanted, store.timezone);
  if (thatDay.length) {
    return [{ type: "choice", text: zh ? `${asked} 没有空档，当天最近的时间：` : `${asked} isn't free; the nearest times that day:`, buttons: slotButtons(turn, near(thatDay), store.timezone) }];
  }
  const week = await freeSlots(turn.deps.db, { storeId: store.id, role, from: turn.now, days: 7 });
  if (!week.length) return [{ type: "text", text: zh ? "这家店近7天没有可预约的时间了。" : "No free slots at this store in the next 7 days." }];
  return [{ type: "choice", text: zh ? `${asked} 那天没有空档，最近的时间：` : `Nothing is free on ${asked.split(" ")[0]}; the nearest times:`, buttons: slotButtons(turn, near(week), store.timezone) }];
}

export async function book(turn: Turn, storeId: string, staffId: string, start: Date): Promise<Reply[]> {
  const r = await bookAppointment(turn.deps.db, { memberId: turn.memberId, storeId, staffId, start, at: turn.now });
  if (!r.ok) {
    const replies: Reply[] = [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
    if (r.error.code === "SLOT_TAKEN") {
      // taken a moment ago: offer that day's nearest free times instead
      replies.push(...(await continueBooking(turn, { brandId: null, when: start.toISOString(), radiusMeters: null, storeId, role: bookingInProgress(turn)?.role ?? null })));
    }
    return replies;
  }
  leaveStep(turn.state, "booking", ...ORDER_QUESTIONS);
  const replies: Reply[] = [await appointmentReply(turn, r.value, "booked")];
  const store = (await loadCatalogView(turn.deps.db)).stores.get(storeId)!;
  replies.push(...(await recommendReplies(turn, [store.brandId], storeId)));
  return replies;
}

async function appointmentReply(turn: Turn, a: Booked, how: "booked" | "moved"): Promise<Reply> {
  const store = (await loadCatalogView(turn.deps.db)).stores.get(a.storeId)!;
  const zh = turn.lang === "zh";
  const at = when(turn, a.start, store.timezone);
  const text = how === "booked"
    ? zh ? `已预约：${store.name} ${a.staffName}，${at}。会在开始前提醒你。` : `Booked: ${a.staffName} at ${store.name}, ${at}. I'll remind you beforehand.`
    : zh ? `已改到：${store.name} ${a.staffName}，${at}。门店已收到通知。` : `Moved to ${at}: ${a.staffName} at ${store.name}. The store has been told.`;
  return {
    type: "appointment", text, appointmentId: a.appointmentId, storeId: a.storeId, staffId: a.staffId, start: a.start.toISOString(), status: "booked",
    buttons: [
      { id: tapId("rebook", { appointmentId: a.appointmentId }), label: zh ? "改时间" : "Reschedule" },
      { id: tapId("unbook", { appointmentId: a.appointmentId }), label: zh ? "取消预约" : "Cancel booking" },
    ],
  };
}

const RESCHEDULE_WORDS = /^(改约|改期|改时间|换个时间|预约改到|改到|reschedule|move my (booking|appointment)|change my (booking|appointment))/i;

/** "改约" / "reschedule" (optionally with the new time): moves the member's next booking, or null when the text is something else. */
export async function rescheduleCommand(turn: Turn, text: string): Promise<Reply[] | null> {
  const m = RESCHEDULE_WORDS.exec(text);
  if (!m) return null;
  const next = await nextAppointment(turn.deps.db, turn.memberId, turn.now);
  if (!next) return [{ type: "text", text: turn.lang === "zh" ? "你还没有待进行的预约。想约的话，告诉我时间和想约谁。" : "You have no upcoming booking. To make one, tell me when and with whom." }];
  turn.state.step = { at: "reschedule", appointmentId: next.id };
  const rest = text.slice(m[0].length).trim();
  return rest ? rescheduleTo(turn, next.id, rest) : offerNewSlots(turn, next.id);
}

/** The member picked a new time in words while the booking `id` is being moved. */
export async function rescheduleTo(turn: Turn, id: string, text: string): Promise<Reply[]> {
  // the time alone ("明天下午4点") is no intent of its own, so the time resolver reads it directly
  const iso = parseWhen(normalizeText(text).lower, turn.now, turn.deps.bot.timezone);
  const a = iso ? await memberAppointment(turn.deps.db, id) : null;
  if (!iso || !a) return offerNewSlots(turn, id);
  const wanted = new Date(iso);
  const r = await rescheduleAppointment(turn.deps.db, { memberId: turn.memberId, appointmentId: id, start: wanted, at: turn.now });
  if (r.ok) return moved(turn, r.value);
  const store = (await loadCatalogView(turn.deps.db)).stores.get(a.storeId);
  const note = r.error.code === "SLOT_TAKEN" && store
    ? turn.lang === "zh" ? `${when(turn, wanted, store.timezone)} 约满了。` : `${when(turn, wanted, store.timezone)} is taken.`
    : errorText(r.error.code, turn.lang);
  return [errorReply(note, r.error.code), ...(r.error.code === "NOT_FOUND" ? [] : await offerNewSlots(turn, id, wanted))];
}

/** Free slots of the booked staff member's role at the same store, nearest to `near` first, as buttons. */
export async function offerNewSlots(turn: Turn, appointmentId: string, near?: Date): Promise<Reply[]> {
  const a = await memberAppointment(turn.deps.db, appointmentId, { memberId: turn.memberId, booked: true });
  if (!a) {
    leaveStep(turn.state, "reschedule");
    return [errorReply(errorText("NOT_FOUND", turn.lang), "NOT_FOUND")];
  }
  turn.state.step = { at: "reschedule", appointmentId: a.id };
  const store = (await loadCatalogView(turn.deps.db)).stores.get(a.storeId)!;
  const slots = (await freeSlots(turn.deps.db, { storeId: a.storeId, role: a.staffRole, from: turn.now, days: 7 })).filter((s) => s.start.getTime() !== a.start.getTime());
  if (near) slots.sort((x, y) => Math.abs(x.start.getTime() - near.getTime()) - Math.abs(y.start.getTime() - near.getTime()));
  if (!slots.length) return [{ type: "text", text: turn.lang === "zh" ? "这家店近7天没有别的空档了。" : "No other free slots at this store in the next 7 days." }];
  const buttons = slotButtons(turn, slots, store.timezone, a.id);
  return [{ type: "choice", text: turn.lang === "zh" ? `现在是 ${when(turn, a.start, store.timezone)}。选一个新时间，或直接告诉我（如「明天下午4点」）：` : `Now booked for ${when(turn, a.start, store.timezone)}. Pick a new time, or tell me one (e.g. "tomorrow 4pm"):`, buttons }];
}

/** A tap on an offered slot while moving a booking: reslot:<appointment>:<staff>:<ms>. */
export async function rescheduleToSlot(turn: Turn, appointmentId: string, staffId: string, ms: number): Promise<Reply[]> {
  const r = await rescheduleAppointment(turn.deps.db, { memberId: turn.memberId, appointmentId, staffId, start: new Date(ms), at: turn.now });
  if (!r.ok) return [errorReply(errorText(r.error.code, turn.lang), r.error.code), ...(r.error.code === "SLOT_TAKEN" ? await offerNewSlots(turn, appointmentId) : [])];
  return moved(turn, r.value);
}

async function moved(turn: Turn, a: Booked): Promise<Reply[]> {
  leaveStep(turn.state, "reschedule");
  return [await appointmentReply(turn, a, "moved")];
}

/** One recommendation message, explained by the purchase it leans on. */
export async function recommendReplies(turn: Turn, brandIds: string[] | null, storeId: string | null): Promise<Reply[]> {
  const recs = await recommendFor(turn.deps.db, { memberId: turn.memberId, brandIds, storeId });
  if (!recs.length) return [];
  const zh = turn.lang === "zh";
  const lines = recs.map((r) => {
    const why = r.because ? (zh ? `（因为你买过${r.because.name}）` : ` (because you bought the ${r.because.name})`) : zh ? "（门店热销）" : " (a best seller here)";
    return `• ${r.product.name}${why}`;
  });
  const photoUrl = recs[0].product.photoUrl;
  return [{ type: "choice", text: `${turn.m.recommendIntro}\n${lines.join("\n")}`, buttons: recs.map((r) => ({ id: tapId("product", { productId: r.product.id, size: null }), label: r.product.name })), ...(photoUrl ? { photoUrl } : {}) }];
}
