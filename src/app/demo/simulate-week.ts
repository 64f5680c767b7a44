// Demo activity: N days of a living business for the catalog in the database, so a fresh `npm start` shows a
// dashboard with funnels, a campaign timeline and unmet demand instead of zeros. Every write goes through the door a
// real member or merchant would use: members follow by scanning a store's QR code and open a campaign's link in the
// chat engine (`{"start": …}` events), orders are quoted, confirmed and paid through the ordering use cases (the
// same calls the chat makes after it understood a sentence), coupons are redeemed at the till, campaigns are created
// and planned by the scheduler's tick, appointments are booked in free slots.
// Deterministic for a seed: the same seed and end instant produce the same activity (row ids stay random).
import type { BotConfig } from "../../bot-config.ts";
import { findBot, loadBots } from "../../bot-config.ts";
import type { Db } from "../../db/database.ts";
import { loadOutboxConfig } from "../../outbox/outbox-config.ts";
import { runTick } from "../campaigns/tick.ts";
import { handleEvent, type EngineDeps } from "../../conversation/engine.ts";
import { createCampaign } from "../campaigns/create-campaign.ts";
import { redeemAtTill } from "../coupons/coupon-use-cases.ts";
import { recordMemberArea } from "../crm/member-area.ts";
import { takePendingPushes } from "../../outbox/local-pushes.ts";
import { resolveMember } from "../members.ts";
import { bookAppointment, freeSlots } from "../appointments.ts";
import { applyPaymentEvent } from "../ordering/apply-payment-event.ts";
import { confirmOrder, moveOrder } from "../ordering/order-lifecycle.ts";
import { quoteOrder } from "../ordering/quote-order.ts";

export interface SimulateInput {
  days: number;
  seed: number;
  /** the simulated days end here (the last one is "today") */
  end: Date;
  /** builds the chat engine for a bot (runtime.ts engineDeps), with the simulated clock */
  engine: (bot: BotConfig, clock: () => Date) => Promise<EngineDeps>;
}

export interface SimulateSummary {
  days: number;
  seed: number;
  follows: number;
  orders: number;
  campaigns: number;
  pushesShown: number;
  claims: number;
  redemptions: number;
  outOfStock: number;
  appointments: number;
}

export const MAX_DEMO_DAYS = 60;

/** mulberry32: a small seeded generator, so a seed gives the same week every time. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A point about `meters` from the store, so the member is inside its delivery area. */
function near(rng: ReturnType<typeof random>, lat: number, lng: number, meters: number) {
  const d = (meters / 111_000) * rng.next();
  const a = rng.next() * 2 * Math.PI;
  return { lat: lat + d * Math.cos(a), lng: lng + (d * Math.sin(a)) / Math.cos((lat * Math.PI) / 180) };
}

/** Use case: writes `days` days of demo activity ending at `end` for every brand in the catalog. */
export async function simulateDemo(db: Db, input: SimulateInput): Promise<SimulateSummary> {
  const rng = random(input.seed);
  const sum: SimulateSummary = { days: input.days, seed: input.seed, follows: 0, orders: 0, campaigns: 0, pushesShown: 0, claims: 0, redemptions: 0, outOfStock: 0, appointments: 0 };
  let now = new Date(input.end.getTime() - input.days * DAY);
  const clock = () => new Date(now);
  const bots = loadBots();
  const brands = await db.prisma.brand.findMany({ orderBy: { id: "asc" }, include: { stores: { where: { active: true }, orderBy: { id: "asc" } }, products: { orderBy: { id: "asc" } }, coupons: { orderBy: { code: "asc" } } } });
  const inventory = await db.prisma.inventory.findMany({ orderBy: [{ storeId: "asc" }, { productId: "asc" }, { size: "asc" }] });
  const staffStores = new Set((await db.prisma.staff.findMany({ where: { active: true }, select: { storeId: true } })).map((s) => s.storeId));
  const delivery = loadOutboxConfig();

  for (const brand of brands) {
    const local = brand.stores.filter((s) => !s.flagship && s.deliveryRadiusMeters > 0);
    if (!local.length || !brand.products.length) continue;
    // the brand's own account, or the marketplace bot limited to this brand (the follow happens on /start)
    const own = bots.find((b) => b.brands !== "*" && b.brands.length === 1 && b.brands[0] === brand.id);
    const bot: BotConfig = own ?? { ...findBot(undefined), brands: [brand.id] };
    const engine = await input.engine(bot, clock);
    const members: { id: string; user: string; lat: number; lng: number }[] = [];
    const coupon = brand.coupons.find((c) => c.validTo > input.end && (c.storeIds as string[]).length === 0) ?? brand.coupons.find((c) => c.validTo > input.end);
    let campaignId: string | null = null;
    const campaignDay = Math.min(1, input.days - 1);

    for (let day = 0; day < input.days; day++) {
      const dayStart = input.end.getTime() - (input.days - day) * DAY;
      // business hours in China (UTC+8): 10:00 to 21:00 local
      const at = (hourLocal: number) => new Date(Math.min(input.end.getTime(), dayStart - (dayStart % DAY) + (hourLocal - 8) * HOUR + rng.int(0, 50) * 60_000));

      // new followers scan a store's QR code
      for (let i = rng.int(3, 6); i > 0; i--) {
        const store = rng.pick(local);
        now = at(rng.int(10, 20));
        const user = `demo-${brand.id}-${members.length + 1}`;
        await handleEvent(engine, { channel: "local", externalId: user }, { start: `store-${store.id}` });
        const m = await resolveMember(db, { channel: "local", externalId: user, botId: bot.id });
        const home = near(rng, store.lat, store.lng, Math.min(store.deliveryRadiusMeters, 2500));
        await recordMemberArea(db.prisma, m.id, home, store.id);
        members.push({ id: m.id, user, ...home });
        sum.follows++;
      }

      // the campaign: scheduled on its day to the brand's followers, planned by the scheduler, opened in chat
      if (day === campaignDay && coupon) {
        now = at(9);
        const sendAt = new Date(now.getTime() + HOUR);
        const r = await createCampaign(db, {
          brandId: brand.id, text: `${coupon.title ?? coupon.code}: 领券到店使用 / claim and use in store`, couponCode: coupon.code,
          audience: "followers", at: sendAt.toISOString(), createdBy: "demo",
        }, now);
        if (r.ok) {
          campaignId = r.value.campaignId;
          sum.campaigns++;
          await runTick({ db, config: delivery, sender: null }, sendAt, { deliver: false });
        }
      }
      if (campaignId && day >= campaignDay) {
        for (const m of members) {
          if (!rng.chance(0.6)) continue;
          now = at(rng.int(11, 21));
          const shown = await takePendingPushes(db, m.id, now);
          sum.pushesShown += shown.length;
          if (shown.length && rng.chance(0.6)) {
            await handleEvent(engine, { channel: "local", externalId: m.user }, { start: `c-${campaignId}` });
            sum.claims++;
          }
        }
      }

      // chat orders near a store: quote, confirm, pay; older ones are served to the end
      for (let i = rng.int(2, 5); i > 0 && members.length; i--) {
        const m = rng.pick(members);
        const stock = inventory.filter((x) => local.some((s) => s.id === x.storeId) && x.quantity > 0);
        const line = stock.length ? rng.pick(stock) : null;
        if (!line) break;
        now = at(rng.int(10, 20));
        const store = local.find((s) => s.id === line.storeId)!;
        const services = store.services as string[];
        const fulfillment = services.includes("pickup") && rng.chance(0.5) ? "pickup" : services.includes("delivery") ? "delivery" : "pickup";
        const loc = near(rng, store.lat, store.lng, Math.min(store.deliveryRadiusMeters, 1500));
        const q = await quoteOrder(db, {
          memberId: m.id, botId: bot.id, botBrandIds: [brand.id], items: [{ productId: line.productId, quantity: 1, size: line.size || null }],
          fulfillment, location: loc, storeId: store.id, campaignId: day >= campaignDay && rng.chance(0.3) ? campaignId : null, source: "demo", at: now,
        });
        if (!q.ok) continue;
        const link = await confirmOrder(db, { memberId: m.id, orderId: q.value.orderId, at: now, signer: engine.signer });
        if (!link.ok) continue;
        line.quantity -= 1;
        const paid = await applyPaymentEvent(db, { id: `demo-${q.value.orderId}`, provider: "sandbox", type: "payment.succeeded", orderId: q.value.orderId, amountCents: link.value.totalCents, currency: link.value.currency }, now);
        if (paid.result !== "accepted") continue;
        sum.orders++;
        // today's orders stay open for the merchant's board; earlier ones went all the way
        const steps = day === input.days - 1 ? (rng.chance(0.5) ? ["accepted"] : []) : ["accepted", "ready", fulfillment === "delivery" ? "out_for_delivery" : null, "completed"];
        for (const to of steps) {
          if (!to) continue;
          now = new Date(Math.min(input.end.getTime(), now.getTime() + 10 * 60_000));
          await moveOrder(db, { orderId: q.value.orderId, to: to as "accepted", actor: "demo:staff", at: now, notify: false });
        }
      }

      // asked for and out of stock: a size the nearest store does not have
      const empty = inventory.filter((x) => local.some((s) => s.id === x.storeId) && x.quantity <= 0);
      const sized = brand.products.filter((p) => (p.sizes as string[]).length > 1);
      for (let i = rng.int(1, 3); i > 0 && members.length; i--) {
        const m = rng.pick(members);
        const product = empty.length ? null : rng.pick(sized.length ? sized : brand.products);
        const want = empty.length && rng.chance(0.7) ? rng.pick(empty) : null;
        const productId = want?.productId ?? product?.id ?? rng.pick(brand.products).id;
        const size = want?.size || ((brand.products.find((p) => p.id === productId)?.sizes as string[]) ?? []).at(-1) || null;
        now = at(rng.int(10, 21));
        const q = await quoteOrder(db, {
          memberId: m.id, botId: bot.id, botBrandIds: [brand.id], items: [{ productId, quantity: rng.int(30, 60), size }],
          fulfillment: "pickup", location: { lat: m.lat, lng: m.lng }, source: "demo", at: now,
        });
        if (!q.ok) sum.outOfStock++;
      }

      // claimed coupons redeemed at the till
      if (coupon && campaignId && day > campaignDay) {
        const claimed = await db.prisma.memberCoupon.findMany({ where: { couponCode: coupon.code, status: "claimed", memberId: { in: members.map((m) => m.id) } }, orderBy: { claimedAt: "asc" }, take: 3 });
        for (const c of claimed) {
          if (!rng.chance(0.5)) continue;
          const storeIds = coupon.storeIds as string[];
          const store = storeIds.length ? local.find((s) => s.id === storeIds[0]) ?? local[0] : rng.pick(local);
          now = at(rng.int(12, 20));
          const r = await redeemAtTill(db, { storeId: store.id, code: coupon.code, memberRef: c.memberId, amountCents: Math.max(coupon.minSpendCents, rng.pick(brand.products).priceCents), at: now });
          if (r.ok) sum.redemptions++;
        }
      }

      // bookings where the store has staff with free slots
      for (const store of local.filter((s) => staffStores.has(s.id))) {
        if (!members.length || !rng.chance(0.6)) continue;
        now = at(rng.int(9, 12));
        const slot = (await freeSlots(db, { storeId: store.id, role: null, from: now, days: 3, max: 10 }))[rng.int(0, 4)];
        if (!slot) continue;
        const r = await bookAppointment(db, { memberId: rng.pick(members).id, storeId: store.id, staffId: slot.staffId, start: slot.start, at: now, note: "demo" });
        if (r.ok) sum.appointments++;
      }
    }
  }
  return sum;
}
