// "附近500米有尚品宅配吗？我想约设计师": the nearest store that takes appointments (within the radius, or the nearest
// beyond it, said so), a slot with the right staff (at the time asked for, or offered as buttons), then a
// recommendation from what the member bought before.
import { bookAppointment, freeSlots, SLOT_MINUTES, type FreeSlot } from "../app/appointments.ts";
import { loadCatalogView, type StoreInfo } from "../app/catalog-view.ts";
import { recommendFor } from "../app/recommend.ts";
import { slotFor } from "../domain/appointments/slots.ts";
import { offers } from "../domain/stores/store.ts";
import { localDateTime } from "../domain/time/time-zone.ts";
import { distanceText, errorText } from "./messages.ts";
import { errorReply, type Reply } from "./replies.ts";
import { DEFAULT_SEARCH_RADIUS_METERS, storeCard } from "./store-flow.ts";
import type { Turn } from "./turn.ts";

export function roleFromText(text: string): string | null {
  if (/设计师|设计|designer|design/i.test(text)) return "designer";
  if (/造型师|搭配师|导购|stylist/i.test(text)) return "stylist";
  if (/咖啡师|barista/i.test(text)) return "barista";
  return null;
}

function when(turn: Turn, d: Date, tz: string): string {
  const l = localDateTime(tz, d.getTime());
  const hm = `${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
  const wd = turn.lang === "zh" ? ["周日", "周一", "周二", "周三", "周四", "周五", "周六"][l.weekday] : ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][l.weekday];
  return turn.lang === "zh" ? `${l.month}月${l.day}日${wd} ${hm}` : `${wd} ${l.month}/${l.day} ${hm}`;
}

function slotButtons(turn: Turn, slots: FreeSlot[], tz: string) {
  return slots.slice(0, 4).map((s) => ({ id: `slot:${s.staffId}:${s.start.getTime()}`, label: `${when(turn, s.start, tz)} ${s.staffName}` }));
}

/** Start or continue a booking; needs a location unless a store was picked. */
export async function continueBooking(turn: Turn): Promise<Reply[]> {
  const b = turn.state.booking!;
  const view = await loadCatalogView(turn.deps.db);
  let store: StoreInfo | undefined = b.storeId ? view.stores.get(b.storeId) : undefined;
  const replies: Reply[] = [];
  if (!store) {
    if (!turn.state.location) {
      turn.state.awaiting = "location";
      return [{ type: "choice", text: turn.m.askLocationSearch, request: "location", buttons: [{ id: "cancel", label: turn.m.cancelLabel }] }];
    }
    const loc = turn.state.location;
    const brandIds = b.brandId ? [b.brandId] : turn.scope;
    const filter = (s: StoreInfo) => !s.flagship && offers(s, "appointment");
    const radius = b.radiusMeters ?? DEFAULT_SEARCH_RADIUS_METERS;
    const [near] = view.index.around(loc.lat, loc.lng, { brandIds, maxDistanceMeters: radius, maxResults: 1, filter });
    const hit = near ?? view.index.around(loc.lat, loc.lng, { brandIds, maxResults: 1, filter })[0];
    if (!hit) return [{ type: "text", text: turn.m.noStoreAtAll }];
    if (!near) replies.push({ type: "text", text: turn.m.noStoreInRadius(distanceText(radius, turn.lang), hit.store.name, distanceText(hit.distanceMeters, turn.lang)) });
    store = hit.store;
    b.storeId = store.id;
    replies.push(storeCard(turn, store, hit.distanceMeters));
  }
  const slots = await freeSlots(turn.deps.db, { storeId: store.id, role: b.role, from: turn.now, days: 7 });
  if (!slots.length) return [...replies, { type: "text", text: turn.lang === "zh" ? "这家店近7天没有可预约的时间了。" : "No free slots at this store in the next 7 days." }];
  if (b.when) {
    const wanted = new Date(b.when);
    const hit = slots.filter((s) => slotFor(wanted, [s.start], SLOT_MINUTES));
    if (hit.length) return [...replies, ...(await book(turn, store.id, hit[0].staffId, hit[0].start))];
    const around = [...slots].sort((x, y) => Math.abs(x.start.getTime() - wanted.getTime()) - Math.abs(y.start.getTime() - wanted.getTime()));
    return [...replies, { type: "choice", text: turn.lang === "zh" ? `${when(turn, wanted, store.timezone)} 约满了，这些时间可以：` : `${when(turn, wanted, store.timezone)} is taken; these are free:`, buttons: slotButtons(turn, around, store.timezone) }];
  }
  return [...replies, { type: "choice", text: turn.lang === "zh" ? "选一个时间：" : "Pick a time:", buttons: slotButtons(turn, slots, store.timezone) }];
}

export async function book(turn: Turn, storeId: string, staffId: string, start: Date): Promise<Reply[]> {
  const r = await bookAppointment(turn.deps.db, { memberId: turn.memberId, storeId, staffId, start, at: turn.now });
  if (!r.ok) {
    const replies: Reply[] = [errorReply(errorText(r.error.code, turn.lang), r.error.code)];
    if (r.error.code === "SLOT_TAKEN") {
      turn.state.booking = { brandId: null, when: null, radiusMeters: null, storeId, role: turn.state.booking?.role ?? null };
      replies.push(...(await continueBooking(turn)));
    }
    return replies;
  }
  const a = r.value;
  const view = await loadCatalogView(turn.deps.db);
  const store = view.stores.get(storeId)!;
  turn.state.booking = undefined;
  turn.state.awaiting = undefined;
  const replies: Reply[] = [
    {
      type: "appointment",
      text: turn.lang === "zh" ? `已预约：${store.name} ${a.staffName}，${when(turn, a.start, store.timezone)}。会在开始前提醒你。` : `Booked: ${a.staffName} at ${store.name}, ${when(turn, a.start, store.timezone)}. I'll remind you beforehand.`,
      appointmentId: a.appointmentId, storeId, staffId: a.staffId, start: a.start.toISOString(), status: "booked",
      buttons: [{ id: `unbook:${a.appointmentId}`, label: turn.lang === "zh" ? "取消预约" : "Cancel booking" }],
    },
  ];
  replies.push(...(await recommendReplies(turn, [store.brandId], storeId)));
  return replies;
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
  return [{ type: "choice", text: `${turn.m.recommendIntro}\n${lines.join("\n")}`, buttons: recs.map((r) => ({ id: `product:${r.product.id}`, label: r.product.name })) }];
}
