// Campaign attribution through the chat, on both databases: the push's claim button names its campaign, so the tap
// is recorded as a touch, the claimed coupon carries the campaign, and so does the order that follows; opening a
// campaign, coupon or store link is recorded as a touch too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/app/campaigns/create-campaign.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { takePendingPushes } from "../../src/outbox/local-pushes.ts";
import { runTick } from "../../src/app/campaigns/tick.ts";
import { callbackCodec, fitsCallbackData, MAX_CALLBACK_BYTES } from "../../src/channels/telegram/callback-data.ts";
import { campaignMessage } from "../../src/app/campaigns/plan-campaigns.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";
import { testConfig } from "./fixtures.ts";

describe.each(DATABASES)("campaign attribution on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => db?.drop());

  const memberOf = (userId: string) => db.prisma.member.findFirstOrThrow({ where: { identities: { some: { externalId: userId } } } });

  it("a push's claim tap credits the coupon and the following order to the campaign, and counts as a touch", async () => {
    const deps = testDeps(db, { bot: "starbucks" });
    const say = chatter(deps, "attr-fan");
    await say({ start: null }); // follows the brand, no campaign in the conversation
    const created = await createCampaign(db, { brandId: "starbucks", text: "拿铁8折", couponCode: "LATTE8", at: NOON.toISOString() }, NOON);
    if (!created.ok) throw new Error(created.error.message);
    const { campaignId } = created.value;
    await runTick({ db, config: testConfig(), sender: null }, NOON);

    const m = await memberOf("attr-fan");
    const [push] = await takePendingPushes(db, m.id, new Date());
    const button = (push.payload as { buttons: { id: string }[] }).buttons[0];
    expect(button.id).toBe(`claim:LATTE8:${campaignId}`);

    const claimed = one(await say({ tap: button.id }), "coupon");
    expect(claimed).toMatchObject({ code: "LATTE8", status: "claimed" });
    expect(await db.prisma.memberCoupon.findFirstOrThrow({ where: { memberId: m.id, couponCode: "LATTE8" } })).toMatchObject({ campaignId, source: "campaign" });
    expect(await db.prisma.touch.findMany({ where: { memberId: m.id }, select: { kind: true, campaignId: true, brandId: true } })).toEqual([
      { kind: "button", campaignId, brandId: "starbucks" },
    ]);

    await say({ text: "来杯拿铁" });
    const quote = one(await say({ location: TIANHE }), "quote");
    expect(quote.couponCode).toBe("LATTE8");
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).toMatchObject({ campaignId, couponCode: "LATTE8" });
  });

  it("a button naming a campaign that does not exist, or that carries another coupon, credits nothing", async () => {
    const say = chatter(testDeps(db, { bot: "starbucks" }), "attr-forger");
    const other = await createCampaign(db, { brandId: "starbucks", text: "coffee", couponCode: "COFFEE5", at: NOON.toISOString() }, NOON);
    if (!other.ok) throw new Error(other.error.message);
    one(await say({ tap: "claim:LATTE8:nope" }), "coupon");
    one(await say({ tap: `claim:COFFEE5:${other.value.campaignId}x` }), "coupon");
    const m = await memberOf("attr-forger");
    expect((await db.prisma.memberCoupon.findMany({ where: { memberId: m.id } })).map((c) => c.campaignId)).toEqual([null, null]);
    expect(await db.prisma.touch.count({ where: { memberId: m.id } })).toBe(0);
  });

  it("records campaign, coupon and store links as touches", async () => {
    const created = await createCampaign(db, { brandId: "starbucks", text: "deep", at: NOON.toISOString() }, NOON);
    if (!created.ok) throw new Error(created.error.message);
    const { campaignId } = created.value;
    const say = chatter(testDeps(db, { bot: "starbucks" }), "attr-links");
    await say({ start: `c-${campaignId}` });
    await say({ start: "coupon-COFFEE5" });
    await say({ start: "store-sb-zhengjia" });
    await say({ start: "store-nowhere" });
    const m = await memberOf("attr-links");
    const touches = await db.prisma.touch.findMany({ where: { memberId: m.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { kind: true, campaignId: true, storeId: true, brandId: true, source: true } });
    expect(touches).toEqual(expect.arrayContaining([
      { kind: "deep_link", campaignId, storeId: null, brandId: "starbucks", source: `c-${campaignId}` },
      { kind: "deep_link", campaignId: null, storeId: null, brandId: "starbucks", source: "coupon-COFFEE5" },
      { kind: "store_qr", campaignId: null, storeId: "sb-zhengjia", brandId: "starbucks", source: "store-sb-zhengjia" },
      { kind: "store_qr", campaignId: null, storeId: null, brandId: null, source: "store-nowhere" },
    ]));
    expect(touches).toHaveLength(4);
  });

  it("the campaign button fits Telegram's 64-byte callback_data, and a long coupon code still round-trips", async () => {
    const { payload } = campaignMessage({ id: "cmhz0k1q80000abcdefghijkl", text: "t", couponCode: "GXG30" });
    const id = (payload.buttons as { id: string }[])[0].id;
    expect(fitsCallbackData(id)).toBe(true);
    const long = `claim:${"X".repeat(40)}:cmhz0k1q80000abcdefghijkl`;
    const codec = callbackCodec(db);
    const data = await codec.encode(long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    expect(await callbackCodec(db).decode(data)).toBe(long);
  });
});
