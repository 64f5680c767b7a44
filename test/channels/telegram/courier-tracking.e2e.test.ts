// Delivery tracking end to end on the Bot API emulator: a fan orders a latte with a shared location and pays; the
// bound staff member walks the order to "out for delivery" and shares a live location (a location message with
// live_period, then edited_message updates as they ride). The fan hears distance and ETA as they change (throttled),
// and at the door the order completes by itself (the store's setting, imported from a catalog file) with the fan's
// location consent gone, or the courier confirms with one tap. Customers' live locations never move an order.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalogFile } from "../../../src/app/import-catalog.ts";
import { DEMO_CATALOG, loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import { applyPaymentEvent } from "../../../src/app/ordering/apply-payment-event.ts";
import { courierFix } from "../../../src/app/ordering/delivery-tracking.ts";
import { createStaffInvite } from "../../../src/app/staff.ts";
import type { RunningBots } from "../../../src/channels/telegram/start-bots.ts";
import { DATABASES, freshDb, type TestDb } from "../../support/databases.ts";
import { NOON, TIANHE } from "../../support/engine.ts";
import { startTestBot } from "../../support/telegram-bots.ts";
import { FakeBotApi, inlineButtons, type BotApiCall, type TestUser } from "../../support/telegram-emulator.ts";

const TOKEN = "100001:STARBUCKS-COURIER";
const STORE = "sb-zhengjia"; // the nearest store with lattes to TIANHE
/** a point `meters` due north of the fan's shared location */
const north = (meters: number) => ({ lat: TIANHE.lat + meters / 111_194.93, lng: TIANHE.lng });

describe.each(DATABASES)("courier tracking on Telegram (%s)", (kind) => {
  let db: TestDb;
  let api: FakeBotApi;
  let bots: RunningBots;
  let dir: string;
  let now = new Date(NOON);
  const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

  /** the store's tracking settings, through the catalog import (the merchant's door) */
  async function storeSettings(settings: Record<string, unknown>) {
    const demo = JSON.parse(readFileSync(DEMO_CATALOG, "utf8")) as { stores: { id: string }[] };
    const file = join(dir, `stores-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ stores: [{ ...demo.stores.find((s) => s.id === STORE), ...settings }] }));
    return importCatalogFile(db, file);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "o2o-courier-"));
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    api = await FakeBotApi.start();
    bots = await startTestBot(db, api, { bot: "starbucks", token: TOKEN, clock: () => now });
  }, 60_000);

  afterAll(async () => {
    await bots?.stop();
    await api?.stop();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const order = (id: string) => db.prisma.order.findUniqueOrThrow({ where: { id } });
  const texts = (calls: BotApiCall[]) => calls.map((c) => String(c.body.text ?? ""));
  const fanHears = (fanId: number, re: RegExp, what: string) => api.waitFor(() => api.sent(fanId).find((c) => re.test(String(c.body.text))), 10_000, what);

  /** a fan orders a latte at TIANHE and pays; a freshly bound staff member accepts, readies and takes it out */
  async function orderOutForDelivery(fanId: number, staffId: number): Promise<{ fan: TestUser; staff: TestUser; orderId: string }> {
    const fan = api.user(TOKEN, { id: fanId, firstName: "Fan" });
    const staff = api.user(TOKEN, { id: staffId, firstName: "骑手" });
    await fan.say("/start");
    await fan.say("来杯拿铁");
    const quoted = await fan.shareLocation(TIANHE);
    const confirm = quoted.flatMap(inlineButtons).find((b) => b.callback_data?.startsWith("confirm:"))!.callback_data!;
    const orderId = confirm.slice("confirm:".length);
    expect((await order(orderId)).storeId).toBe(STORE);
    const invite = await createStaffInvite(db, { storeId: STORE, at: now });
    if (!invite.ok) throw new Error(invite.error.code);
    await staff.say(`/staff ${invite.value.code}`);
    await fan.tap(confirm);
    const o = await order(orderId);
    const paid = await applyPaymentEvent(db, { id: `evt_${kind}_${orderId}`, provider: "sandbox", type: "payment.succeeded", orderId, amountCents: o.totalCents, currency: o.currency }, now, { notifyMember: true });
    expect(paid.result).toBe("accepted");
    const card = await api.waitFor(() => api.sent(staffId).find((c) => String(c.body.text).includes(orderId)), 10_000, "the staff order card");
    for (const to of ["accepted", "ready", "out_for_delivery"]) await staff.tap(`staff:${to}:${orderId}`, card.seq);
    const carried = await order(orderId);
    expect(carried).toMatchObject({ status: "out_for_delivery", courierStaffId: (await db.prisma.staff.findUniqueOrThrow({ where: { telegramUserId: String(staffId) } })).id });
    expect(await db.prisma.consent.count({ where: { orderId, purpose: "location" } })).toBe(1);
    return { fan, staff, orderId };
  }

  it("imports the store's arrival radius and auto-complete; refuses a bad radius and writes nothing", async () => {
    expect(await storeSettings({ arrivalMeters: -5 })).toMatchObject({ ok: false, errors: [expect.stringMatching(/arrivalMeters/)] });
    expect(await storeSettings({ arrivalMeters: 30, autoCompleteOnArrival: true })).toMatchObject({ ok: true });
    expect(await db.prisma.store.findUniqueOrThrow({ where: { id: STORE } })).toMatchObject({ arrivalMeters: 30, autoCompleteOnArrival: true });
  });

  it("the fan hears distance and ETA as the courier approaches; at the door the order completes and the location consent is gone", async () => {
    const { staff, orderId } = await orderOutForDelivery(1101, 2101);
    const fanSeq = api.lastSeq;

    // the courier starts sharing a live location 3 km away
    const live = await staff.shareLiveLocation(north(3000));
    expect(texts(live.calls).join("\n")).toMatch(new RegExp(`正在跟踪订单 ${orderId}：距顾客 3.0 公里，约 12 分钟`));
    await fanHears(1101, /骑手距你约 3\.0 公里，预计 12 分钟送达/, "the first tracking update");

    // the ride: edited_message updates; one too soon after the last update is held back
    const ride: [minutes: number, meters: number, heard: RegExp | null][] = [
      [2, 2400, /骑手距你约 2\.4 公里，预计 10 分钟送达/],
      [0, 2000, null], // ETA changed, but within a minute of the last update: throttled
      [2, 1200, /骑手距你约 1\.2 公里，预计 5 分钟送达/],
      [2, 400, /骑手距你约 400 米，预计 2 分钟送达/],
    ];
    for (const [minutes, meters, heard] of ride) {
      later(minutes);
      expect(await staff.moveLiveLocation(north(meters), live.messageId)).toEqual([]); // the courier is not chatted at on every move
      if (heard) await fanHears(1101, heard, `the update at ${meters} m`);
      expect((await order(orderId)).courierLat).toBeCloseTo(north(meters).lat, 6);
    }
    expect(api.texts(1101, fanSeq).some((t) => /2\.0 公里/.test(t))).toBe(false);

    // at the door (within 30 m): arrived, completed by itself, consent deleted in the same transaction
    later(1);
    const door = await staff.moveLiveLocation(north(10), live.messageId);
    expect(texts(door).join("\n")).toMatch(new RegExp(`订单 ${orderId} 已自动完成`));
    const done = await order(orderId);
    expect(done).toMatchObject({ status: "completed", arrivedAt: now, completedAt: now });
    expect(await db.prisma.consent.count({ where: { orderId } })).toBe(0);
    await fanHears(1101, /骑手已到达/, "the arrival");
    await fanHears(1101, new RegExp(`订单 ${orderId}：已完成，这一单的位置信息已删除`), "the completion");

    // the live location keeps coming after completion: nothing moves, nobody is told anything
    later(1);
    expect(await staff.moveLiveLocation(north(5), live.messageId)).toEqual([]);
    const steps = await db.prisma.outboxMessage.findMany({ where: { orderId, dedupeKey: { startsWith: `track:${orderId}:` } } });
    expect(steps).toHaveLength(5); // 3 km, 2.4 km, 1.2 km, 400 m, arrived
    const rows = await api.waitFor(async () => {
      const all = await db.prisma.outboxMessage.findMany({ where: { orderId, source: "order" } });
      return all.every((d) => d.status === "sent") && all;
    }, 10_000, "every push sent");
    expect(rows.filter((d) => d.dedupeKey.startsWith("track:")).map((d) => d.dedupeKey).sort()).toEqual(
      [`track:${orderId}:arrived`, `track:${orderId}:eta12-d30`, `track:${orderId}:eta10-d24`, `track:${orderId}:eta5-d12`, `track:${orderId}:eta2-d4`].sort(),
    );
    // each update reached the fan once
    for (const re of [/3\.0 公里/, /2\.4 公里/, /骑手已到达/, /已完成/]) expect(api.texts(1101, fanSeq).filter((t) => re.test(t))).toHaveLength(1);
  }, 90_000);

  it("without auto-complete the courier confirms the hand-over with one tap; customers' live locations move nothing", async () => {
    expect(await storeSettings({ arrivalMeters: 50, autoCompleteOnArrival: false })).toMatchObject({ ok: true });
    const { fan, staff, orderId } = await orderOutForDelivery(1201, 2201);

    // the fan (a customer) and a stranger share live locations and move them: no order moves, no courier replies
    const stranger = api.user(TOKEN, { id: 3301 });
    for (const who of [fan, stranger]) {
      const l = await who.shareLiveLocation(north(500));
      expect(texts(l.calls).join("\n")).not.toMatch(/正在跟踪/);
      expect(await who.moveLiveLocation(north(20), l.messageId)).toEqual([]);
    }
    expect(await order(orderId)).toMatchObject({ status: "out_for_delivery", courierLat: null, arrivedAt: null });
    expect(await db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `track:${orderId}:` } } })).toBe(0);

    // the courier rides up; within 50 m they get the Delivered button, once
    later(1);
    const live = await staff.shareLiveLocation(north(800));
    expect(texts(live.calls).join("\n")).toMatch(/正在跟踪订单/);
    later(2);
    const door = await staff.moveLiveLocation(north(40), live.messageId);
    const confirm = door.find((c) => inlineButtons(c).some((b) => /已送达/.test(b.text)));
    expect(confirm?.body.text).toMatch(/已到达顾客位置/);
    expect(await order(orderId)).toMatchObject({ status: "out_for_delivery", arrivedAt: now });
    expect(await db.prisma.consent.count({ where: { orderId } })).toBe(1);
    await fanHears(1201, /骑手已到达/, "the arrival");
    later(1);
    expect(await staff.moveLiveLocation(north(20), live.messageId)).toEqual([]);

    // the tap completes it: consent deleted, the fan told
    const tapped = await staff.tap(inlineButtons(confirm).find((b) => /已送达/.test(b.text))!.callback_data!, confirm!.seq);
    expect(texts(tapped).join("\n")).toMatch(new RegExp(`订单 ${orderId} → 已完成`));
    expect(await order(orderId)).toMatchObject({ status: "completed" });
    expect(await db.prisma.consent.count({ where: { orderId } })).toBe(0);
    await fanHears(1201, new RegExp(`订单 ${orderId}：已完成`), "the completion");
  }, 90_000);
});

// The use case behind the channel, on both databases: who may report a fix, which order it tracks, and what must
// happen once even when fixes race (two instances, or a batch of edits handled at once).
describe.each(DATABASES)("courierFix (%s)", (kind) => {
  let db: TestDb;
  let n = 0;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  }, 60_000);
  afterAll(async () => db?.drop());

  /** a paid delivery order of `storeId` out for delivery to TIANHE (location consent tied to it) */
  async function outForDelivery(storeId: string, courierStaffId: string | null = null) {
    const member = await db.prisma.member.create({ data: { locale: "en" } });
    const o = await db.prisma.order.create({
      data: { id: `ofd-${kind}-${++n}`, memberId: member.id, brandId: "starbucks", storeId, creditedStoreId: storeId, status: "out_for_delivery", fulfillment: "delivery", subtotalCents: 3200, totalCents: 3200, paidAt: NOON, courierStaffId },
    });
    await db.prisma.consent.create({ data: { memberId: member.id, purpose: "location", orderId: o.id, lat: TIANHE.lat, lng: TIANHE.lng, grantedAt: NOON } });
    return o.id;
  }
  const courier = (id: string, storeId: string, active = true) =>
    db.prisma.staff.create({ data: { id, storeId, name: id, workingHours: [], telegramUserId: `tg-${id}`, active } });
  const fix = (telegramUserId: string, meters: number, at = NOON) => courierFix(db, { telegramUserId, ...north(meters), at });

  it("refuses bad fixes, non-staff and inactive staff, and says when nothing is out for delivery", async () => {
    await courier(`${kind}-idle`, "sb-tianhe");
    await courier(`${kind}-gone`, "sb-tianhe", false);
    expect(await courierFix(db, { telegramUserId: "tg-x", lat: 91, lng: 0, at: NOON })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await courierFix(db, { lat: 23, lng: 113, at: NOON })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await fix("tg-nobody", 100)).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
    expect(await fix(`tg-${kind}-gone`, 100)).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
    expect(await fix(`tg-${kind}-idle`, 100)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("takes the store's single unassigned order; with several it asks which; never another store's", async () => {
    const other = await outForDelivery("sb-zhujiang");
    const only = await outForDelivery("sb-taikoohui");
    await courier(`${kind}-a`, "sb-taikoohui");
    await courier(`${kind}-b`, "sb-taikoohui");
    const r = await fix(`tg-${kind}-a`, 1000);
    expect(r).toMatchObject({ ok: true, value: { staffId: `${kind}-a`, orders: [{ orderId: only, distanceMeters: 1000, etaMinutes: 4, arrived: false }] } });
    expect(r.ok && r.value.orders[0].consumerText).toBe(`🛵 Order ${only}: the courier is 1.0 km away, about 4 min.`);
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: only } })).toMatchObject({ courierStaffId: `${kind}-a`, courierLat: expect.closeTo(north(1000).lat, 9) });
    // b has nothing of their own and nothing unassigned is left
    expect(await fix(`tg-${kind}-b`, 1000)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await outForDelivery("sb-taikoohui");
    await outForDelivery("sb-taikoohui");
    expect(await fix(`tg-${kind}-b`, 1000)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: other } })).courierLat).toBeNull();
  });

  it("racing fixes: one push per step, one arrival, one completion, the consent deleted", async () => {
    await db.prisma.store.update({ where: { id: "sb-zhengjia" }, data: { autoCompleteOnArrival: true, arrivalMeters: 30 } });
    await courier(`${kind}-r`, "sb-zhengjia");
    const orderId = await outForDelivery("sb-zhengjia", `${kind}-r`);
    const same = await Promise.all([1, 2, 3, 4].map(() => fix(`tg-${kind}-r`, 2000)));
    expect(same.every((r) => r.ok)).toBe(true);
    expect(await db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `track:${orderId}:` } } })).toBe(1);

    const door = await Promise.all([1, 2, 3].map(() => fix(`tg-${kind}-r`, 5, new Date(NOON.getTime() + 600_000))));
    const results = door.map((r) => (r.ok ? r.value.orders[0] : null));
    expect(results.filter((o) => o?.arrivedNow)).toHaveLength(1);
    expect(results.filter((o) => o?.completed)).toHaveLength(1);
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "completed" });
    expect(await db.prisma.consent.count({ where: { orderId } })).toBe(0);
    expect(await db.prisma.orderStatusChange.count({ where: { orderId, to: "completed" } })).toBe(1);
    expect((await db.prisma.outboxMessage.findMany({ where: { orderId } })).map((d) => d.dedupeKey).sort()).toEqual([`order:${orderId}:completed`, `track:${orderId}:arrived`, `track:${orderId}:eta8-d20`].sort());
  });
});
