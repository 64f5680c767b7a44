// A store manager schedules a campaign from the GXG brand account's private chat (a Bot API emulator on loopback):
// one line with every part, or a guided flow that asks for the text and the time, previews the audience and waits
// for Confirm. Plain staff and consumers are refused; a bad cron, time zone, coupon or audience gets a clear answer
// and nothing is scheduled until it is fixed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import { bindStaff, createStaffInvite, type StaffRole } from "../../../src/app/staff.ts";
import type { RunningBots } from "../../../src/channels/telegram/start-bots.ts";
import { DATABASES, freshDb, type TestDb } from "../../support/databases.ts";
import { NOON } from "../../support/engine.ts";
import { startTestBot } from "../../support/telegram-bots.ts";
import { FakeBotApi, inlineButtons, type BotApiCall, type TestUser } from "../../support/telegram-emulator.ts";
import { addMembers } from "../../campaigns/fixtures.ts";

const TOKEN = "100002:GXG-TEST";
const TOMORROW_10 = new Date("2026-11-26T10:00:00+08:00");
const NEAR_TIANHE = { lat: 23.133, lng: 113.326 };

describe.each(DATABASES)("merchant campaigns in the Telegram chat on %s", (kind) => {
  let db: TestDb;
  let api: FakeBotApi;
  let bots: RunningBots;
  let manager: TestUser;
  let clerk: TestUser;
  let consumer: TestUser;
  const bound: Record<string, string> = {};

  async function bind(user: TestUser, role?: StaffRole) {
    const invite = await createStaffInvite(db, { storeId: "gxg-tianhe", role, at: NOON });
    if (!invite.ok) throw new Error(invite.error.code);
    return user.say(`/staff ${invite.value.code}`);
  }

  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    // three GXG followers near the Tianhe store, one far away, one who follows only Starbucks
    await addMembers(db, [
      { id: "near-1", channel: "telegram", follows: ["gxg"], area: NEAR_TIANHE },
      { id: "near-2", channel: "telegram", follows: ["gxg"], area: NEAR_TIANHE },
      { id: "near-3", channel: "telegram", follows: ["gxg"], area: NEAR_TIANHE },
      { id: "far-1", channel: "telegram", follows: ["gxg"], area: { lat: 29.8683, lng: 121.544 } },
      { id: "sb-1", channel: "telegram", follows: ["starbucks"] },
    ]);
    api = await FakeBotApi.start();
    bots = await startTestBot(db, api, { bot: "gxg", token: TOKEN });
    manager = api.user(TOKEN, { id: 5001, firstName: "店长" });
    clerk = api.user(TOKEN, { id: 5002, firstName: "店员" });
    consumer = api.user(TOKEN, { id: 5003, firstName: "顾客" });
    bound.manager = texts(await bind(manager, "manager")).join("\n");
    bound.clerk = texts(await bind(clerk)).join("\n");
    await consumer.say("/start");
  });

  afterAll(async () => {
    await bots?.stop();
    await api?.stop();
    await db?.drop();
  });

  beforeEach(async () => {
    await manager.say("/campaign cancel");
    await db.prisma.campaign.deleteMany();
  });

  const texts = (calls: BotApiCall[]) => calls.map((c) => String(c.body.text ?? ""));
  const last = (calls: BotApiCall[]) => calls.filter((c) => c.method === "sendMessage").at(-1)!;
  const buttonData = (calls: BotApiCall[]) => calls.flatMap((c) => inlineButtons(c).map((b) => b.callback_data));

  it("binds a manager with the role from the invite", async () => {
    expect(await db.prisma.staff.findUniqueOrThrow({ where: { telegramUserId: "5001" } })).toMatchObject({ role: "manager", storeId: "gxg-tianhe" });
    expect(await db.prisma.staff.findUniqueOrThrow({ where: { telegramUserId: "5002" } })).toMatchObject({ role: "staff" });
    expect(bound.manager).toMatch(/已绑定门店[\s\S]*\/campaign/);
    expect(bound.clerk).toMatch(/已绑定门店/);
    expect(bound.clerk).not.toMatch(/\/campaign/);
  });

  it("an invite with a role promotes an existing staff row on binding; an unknown role is refused", async () => {
    const invite = await createStaffInvite(db, { storeId: "gxg-tianhe", staffId: "gxg-s1", role: "owner", at: NOON });
    expect(invite).toMatchObject({ ok: true, value: { role: "owner", staffId: "gxg-s1" } });
    if (!invite.ok) return;
    const r = await bindStaff(db, { code: invite.value.code, telegramUserId: "5999", botId: "gxg", botBrandIds: ["gxg"], at: NOON });
    expect(r).toMatchObject({ ok: true, value: { staffId: "gxg-s1", role: "owner" } });
    expect(await createStaffInvite(db, { storeId: "gxg-tianhe", role: "boss" as StaffRole, at: NOON })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });

  it("one line: preview with the audience size, Confirm creates the campaign for the manager's brand", async () => {
    const preview = await manager.say("/campaign 明天10:00 | GXG 天河店今天开业，全场7折 | coupon GXG30 | near gxg-tianhe 3km");
    const text = last(preview).body.text as string;
    expect(text).toMatch(/活动预览/);
    expect(text).toMatch(/共 3 人/);
    expect(text).toMatch(/2026-11-26 10:00/);
    expect(text).toMatch(/GXG30/);
    expect(buttonData(preview)).toEqual(["mc:ok", "mc:no"]);
    expect(await db.prisma.campaign.count()).toBe(0); // nothing before Confirm

    const done = await manager.tap("mc:ok");
    expect(texts(done).join("\n")).toMatch(/活动已创建.*预计触达 3 人/);
    const staffId = (await db.prisma.staff.findUniqueOrThrow({ where: { telegramUserId: "5001" } })).id;
    const rows = await db.prisma.campaign.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      brandId: "gxg", text: "GXG 天河店今天开业，全场7折", couponCode: "GXG30", at: TOMORROW_10, cron: null, timezone: "Asia/Shanghai",
      status: "scheduled", createdBy: `staff:${staffId}`,
    });
    expect(rows[0].audience).toEqual({ kind: "followers", nearStoreId: "gxg-tianhe", radiusMeters: 3000 });
    // the same button again does nothing more
    await manager.tap("mc:ok");
    expect(await db.prisma.campaign.count()).toBe(1);
  });

  it("guided: asks for the text, then the time, previews, and a typed 确认 confirms", async () => {
    expect(texts(await manager.say("/campaign")).join("\n")).toMatch(/请发送要推送的文案/);
    const askWhen = await manager.say("周末新品到店，欢迎试穿");
    expect(texts(askWhen).join("\n")).toMatch(/什么时候发送/);
    expect(buttonData(askWhen)).toEqual(["mc:now", "mc:no"]);
    const preview = await manager.say("明天上午10点");
    expect(last(preview).body.text).toMatch(/共 5 人/); // every GXG follower, near or far, and the consumer who followed
    await manager.say("确认");
    const row = await db.prisma.campaign.findFirstOrThrow();
    expect(row).toMatchObject({ brandId: "gxg", text: "周末新品到店，欢迎试穿", couponCode: null, at: TOMORROW_10 });
    expect(row.audience).toEqual({ kind: "followers" });
  });

  it("guided: the Now button schedules it for the current instant; Cancel drops a draft", async () => {
    await manager.say("/campaign 限时快闪");
    await manager.tap("mc:now");
    await manager.tap("mc:ok");
    expect(await db.prisma.campaign.findFirstOrThrow()).toMatchObject({ text: "限时快闪", at: NOON });

    await manager.say("/campaign 不发了的活动 | now");
    expect(texts(await manager.tap("mc:no")).join("\n")).toMatch(/活动已取消/);
    expect(texts(await manager.tap("mc:ok")).join("\n") + JSON.stringify(api.calls.at(-1)?.body)).toMatch(/失效/);
    expect(await db.prisma.campaign.count()).toBe(1);
  });

  it("/campaigns lists the brand's latest campaigns and Stop cancels one; plain staff can neither list nor stop", async () => {
    expect(texts(await manager.say("/campaigns")).join("\n")).toMatch(/还没有活动/);
    await manager.say("/campaign 明天10:00 | 周末上新 | near gxg-tianhe 3km");
    await manager.tap("mc:ok");
    const listed = await manager.say("/campaigns");
    expect(texts(listed).join("\n")).toMatch(/周末上新[\s\S]*scheduled/);
    const id = (await db.prisma.campaign.findFirstOrThrow()).id;
    expect(buttonData(listed)).toEqual([`mc:x:${id}`]);

    expect(texts(await clerk.say("/campaigns")).join("\n")).toMatch(/只有已绑定的门店经理或店长/);
    await clerk.tap(`mc:x:${id}`);
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("scheduled");

    const stopped = await manager.tap(`mc:x:${id}`);
    expect(texts(stopped).join("\n")).toMatch(/活动已停止/);
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    expect(buttonData(await manager.say("/campaigns"))).toEqual([]);
  });

  it("plain staff and consumers are refused politely, and their next message goes to the shop as usual", async () => {
    for (const user of [clerk, consumer]) {
      const r = await user.say("/campaign now | 全场1折 | to all");
      expect(texts(r).join("\n")).toMatch(/只有已绑定的门店经理或店长可以发起营销活动/);
      const next = await user.say("确认");
      expect(texts(next).join("\n")).not.toMatch(/活动/);
    }
    expect(await db.prisma.campaign.count()).toBe(0);
  });

  it.each([
    ["an invalid cron expression", "/campaign 新品 | cron 61 * * * *", /定时规则「61 \* \* \* \*」无效/, /什么时候发送/],
    ["an invalid time zone", "/campaign 新品 | cron 0 10 * * * | tz Mars/Olympus", /时区「Mars\/Olympus」无效/, /请发送更正/],
    ["a coupon of another brand", "/campaign 新品 | now | coupon LATTE8", /优惠券 LATTE8 属于其他品牌/, /请发送更正/],
    ["an unknown coupon", "/campaign 新品 | now | coupon NOPE", /找不到优惠券 NOPE/, /请发送更正/],
    ["an audience of zero", "/campaign 新品 | now | tag nobody-has-this", /受众为空/, /请发送更正/],
    ["a time it cannot read", "/campaign 新品 | 时间：下下下个月圆之夜", /没看懂发送时间/, /什么时候发送/],
    ["a time that has passed", "/campaign 新品 | 2020-01-01 10:00", /已经过去了/, /什么时候发送/],
    ["a store of another brand", "/campaign 新品 | now | near sb-tianhe 3km", /门店 sb-tianhe 不属于GXG/, /请发送更正/],
  ])("refuses %s with a clear message and schedules nothing", async (_what, line, error, next) => {
    const r = texts(await manager.say(line)).join("\n");
    expect(r).toMatch(error);
    expect(r).toMatch(next);
    expect(r).not.toMatch(/活动预览/);
    expect(await db.prisma.campaign.count()).toBe(0);
  });

  it("a refused draft is fixed with a correction and then confirmed", async () => {
    await manager.say("/campaign 开业大促 | now | coupon LATTE8");
    const fixed = await manager.say("coupon GXG30");
    expect(last(fixed).body.text).toMatch(/活动预览[\s\S]*GXG30/);
    await manager.tap("mc:ok");
    expect(await db.prisma.campaign.findFirstOrThrow()).toMatchObject({ brandId: "gxg", couponCode: "GXG30", text: "开业大促" });
  });

  it("a repeating campaign by cron in another time zone", async () => {
    const preview = await manager.say("/campaign 每周一上新 | cron 0 10 * * 1 | tz Europe/Berlin | 全部");
    expect(last(preview).body.text).toMatch(/cron「0 10 \* \* 1」（Europe\/Berlin）/);
    await manager.tap("mc:ok");
    const row = await db.prisma.campaign.findFirstOrThrow();
    expect(row).toMatchObject({ cron: "0 10 * * 1", timezone: "Europe/Berlin", at: null });
    expect(row.audience).toEqual({ kind: "all" });
  });
});
