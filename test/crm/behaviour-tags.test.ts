// CRM tags from behaviour (what was bought, sizes, styles, stores, campaigns; weight = occurrences) and manual tags
// through `o2o member tag` / `o2o member show`, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderTags } from "../../src/app/crm/behaviour-tags.ts";
import { redeemAtTill } from "../../src/app/coupons/coupon-use-cases.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { resolveMember } from "../../src/app/members.ts";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { DATABASES, freshDatabaseUrl } from "../support/databases.ts";
import { NOON, TIANHE, chatter, one, testDeps } from "../support/engine.ts";
import { o2o } from "../support/processes.ts";

describe("orderTags", () => {
  const tags = new Map([["sneakers", ["shoes", "style:运动"]], ["latte", ["coffee", "milk"]], ["croissant", ["food"]]]);
  it.each([
    ["categories, style, size, product, store", { storeId: "s1", campaignId: null, items: [{ productId: "sneakers", size: "42" }] }, ["bought:sneakers", "shoes", "style:运动", "size:42", "store:s1"]],
    ["a campaign order", { storeId: "s1", campaignId: "c9", items: [{ productId: "latte", size: "大杯" }] }, ["bought:latte", "coffee", "milk", "size:大杯", "store:s1", "campaign:c9"]],
    ["no size tag for a single-size product", { storeId: "s2", campaignId: null, items: [{ productId: "croissant", size: "" }] }, ["bought:croissant", "food", "store:s2"]],
    ["the same size twice in one order counts once", { storeId: "s1", campaignId: null, items: [{ productId: "latte", size: "大杯" }, { productId: "latte", size: "大杯" }] }, ["bought:latte", "coffee", "milk", "size:大杯", "store:s1"]],
  ])("%s", (_, order, expected) => expect(orderTags(order, tags).sort()).toEqual([...expected].sort()));
});

describe.each(DATABASES)("behaviour and manual tags on %s", (kind) => {
  let db: Db;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl(kind));
    db = await openDatabase({ databaseUrl: url });
    await loadDemoIfEmpty(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  const weights = async (memberId: string) => Object.fromEntries((await db.prisma.memberTag.findMany({ where: { memberId } })).map((t) => [t.tag, t.weight]));

  it("a paid order tags categories, size, product and store; a second one counts up", async () => {
    const say = chatter(testDeps(db), "tag-latte");
    await say({ location: TIANHE });
    for (let i = 0; i < 2; i++) {
      const q = one(await say({ text: "一杯大杯拿铁" }), "quote");
      await say({ tap: `confirm:${q.orderId}` });
      one(await say({ pay: { orderId: q.orderId } }), "order");
      await say({ location: TIANHE });
    }
    const m = await resolveMember(db, { channel: "local", externalId: "tag-latte" });
    expect(await weights(m.id)).toMatchObject({ coffee: 2, milk: 2, "bought:sb-latte": 2, "size:大杯": 2, "store:sb-zhengjia": 2 });
    const rows = await db.prisma.memberTag.findMany({ where: { memberId: m.id } });
    expect(rows.every((r) => r.source === "behaviour")).toBe(true);
    // an unpaid quote earns nothing
    one(await say({ text: "一杯美式" }), "quote");
    expect((await weights(m.id))["bought:sb-americano"]).toBeUndefined();
  });

  it("a campaign claim and the campaign's order tag campaign:<id>; the till visit tags the store", async () => {
    const campaign = await db.prisma.campaign.create({ data: { brandId: "gxg", text: "3折", couponCode: "GXG30", audience: { kind: "all" } } });
    const say = chatter(testDeps(db), "tag-campaign");
    const started = await say({ start: `c-${campaign.id}` });
    one(started, "coupon");
    const m = await resolveMember(db, { channel: "local", externalId: "tag-campaign" });
    expect(await weights(m.id)).toMatchObject({ [`campaign:${campaign.id}`]: 1 });
    await say({ location: TIANHE });
    const q = one(await say({ text: "GXG 41码运动鞋 自取" }), "quote");
    await say({ tap: `confirm:${q.orderId}` });
    one(await say({ pay: { orderId: q.orderId } }), "order");
    expect(await weights(m.id)).toMatchObject({ [`campaign:${campaign.id}`]: 2, shoes: 1, "style:运动": 1, "size:41": 1, "store:gxg-tianhe": 1 });

    const other = chatter(testDeps(db), "tag-till");
    one(await other({ text: "领取GB50" }), "coupon");
    expect((await redeemAtTill(db, { storeId: "gb-beijinglu", code: "GB50", memberRef: "tag-till", amountCents: 50000, at: NOON })).ok).toBe(true);
    const t = await resolveMember(db, { channel: "local", externalId: "tag-till" });
    expect(await weights(t.id)).toMatchObject({ "store:gb-beijinglu": 1 });
  });

  it("o2o member tag / show: manual tags beside behaviour tags, with identities, orders and coupons", { timeout: 90_000 }, () => {
    const env = { DATABASE_URL: url };
    const tag = o2o(["member", "tag", "tag-latte", "vip", "--json"], { env });
    expect(tag.code, tag.stderr).toBe(0);
    expect(JSON.parse(tag.stdout)).toMatchObject({ tag: "vip", present: true, weight: 1 });
    const show = o2o(["member", "show", "tag-latte", "--json"], { env });
    expect(show.code, show.stderr).toBe(0);
    const p = JSON.parse(show.stdout);
    expect(p.identities).toEqual([{ channel: "local", externalId: "tag-latte" }]);
    expect(p.orders.paid).toBe(2);
    expect(p.tags).toEqual(expect.arrayContaining([{ tag: "vip", weight: 1, source: "manual" }, { tag: "coffee", weight: 2, source: "behaviour" }]));
    expect(p.coupons).toEqual([]);
    expect(o2o(["member", "tag", "tag-latte", "vip", "--remove"], { env }).code).toBe(0);
    expect(JSON.parse(o2o(["member", "show", "tag-latte", "--json"], { env }).stdout).tags.some((t: { tag: string }) => t.tag === "vip")).toBe(false);
    // bad input: one line, non-zero
    const unknown = o2o(["member", "show", "nobody-at-all"], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(o2o(["member", "tag", "tag-latte", "two words"], { env }).code).not.toBe(0);
  });
});
