// Several instances behind one webhook, on one PostgreSQL and one Redis, as compose.yaml runs them: two real server
// processes receive the updates of the same chats alternately (each chat's next step lands on the other instance)
// while one campaign goes out. Every chat's conversation carries over between the instances, every member gets the
// push once, the global send rate is never exceeded, and exactly one instance leads the scheduler.
// Also the per-chat lock itself, on real Redis: two "processes" (two connections) never run one chat's turns at once.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/app/campaigns/create-campaign.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { redisChatLock } from "../../src/ops/chat-lock.ts";
import { REDIS_URL, redisUp } from "../support/redis.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { postUpdate, startApp, updates, type AppProcess } from "../support/app-process.ts";
import { maxInAnySecond, startFakeBotApi, type FakeBotApi } from "../campaigns/fake-bot-api.ts";
import { addMembers } from "../campaigns/fixtures.ts";

const TOKEN = "777:TWO-INSTANCES";
const NOW = "2026-11-25T12:00:00+08:00";
const MEMBERS = 50;
const CHATS = 12;
const RATE = 20;

const prefix = `o2o-two-${process.pid}-${Date.now().toString(36)}`;
async function cleanRedis() {
  const r = new Redis(REDIS_URL);
  const keys = await r.keys(`${prefix}*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
}

describe.skipIf(!(await redisUp()))("two instances on one PostgreSQL and Redis", { timeout: 120_000 }, () => {
  let db: Db;
  let drop: () => Promise<void>;
  let api: FakeBotApi;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl("postgresql");
    drop = fresh.drop;
    db = await openDatabase({ databaseUrl: fresh.url });
    await loadDemoIfEmpty(db);
    await addMembers(db, Array.from({ length: MEMBERS }, (_, i) => ({ id: `f${String(i).padStart(3, "0")}`, channel: "telegram" as const, follows: ["starbucks"] })));
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    for (const a of apps) await a.stop("SIGKILL");
    await api?.close();
    await db?.close();
    await drop?.();
    await cleanRedis();
  });

  it("interleaved webhook updates for the same chats and one campaign: state carried over, pushes once, rate held, one leader", async () => {
    const created = await createCampaign(db, { brandId: "starbucks", text: "two-instance push", at: NOW }, new Date(NOW));
    expect(created.ok).toBe(true);
    const env = {
      DATABASE_URL: db.url, REDIS_URL, O2O_REDIS_PREFIX: prefix, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url,
      PUBLIC_URL: "https://shop.example", O2O_NOW: NOW, CAMPAIGN_RATE: String(RATE),
    };
    const [a, b] = await Promise.all([startApp(env), startApp(env)]);
    apps.push(a, b);

    // each chat: the order on A, the location on B, the confirmation on A again; all chats at once
    const confirmOf = (user: number) => api.received.filter((m) => m.chatId === String(user) && m.buttons.some((x) => x.callback_data)).at(-1)?.buttons[0].callback_data;
    await Promise.all(
      Array.from({ length: CHATS }, async (_, i) => {
        const user = 9100 + i;
        const id = (step: number) => 1000 + i * 10 + step;
        expect(await postUpdate(a, "marketplace", TOKEN, updates.text(id(1), user, "来杯拿铁"))).toBe(200);
        expect(await postUpdate(b, "marketplace", TOKEN, updates.location(id(2), user, 23.1325, 113.3262))).toBe(200);
        const confirm = confirmOf(user);
        expect(confirm, `chat ${user} got a quote`).toBeTruthy();
        expect(await postUpdate(a, "marketplace", TOKEN, updates.tap(id(3), user, confirm!))).toBe(200);
      }),
    );
    const orders = await db.prisma.order.findMany({ where: { status: "pending_payment" }, include: { member: { include: { identities: true } } } });
    expect(new Set(orders.map((o) => o.member!.identities[0].externalId))).toEqual(new Set(Array.from({ length: CHATS }, (_, i) => String(9100 + i))));

    const pushes = () => api.received.filter((m) => m.text.startsWith("two-instance push"));
    const end = Date.now() + 45_000;
    while (pushes().length < MEMBERS && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // nothing more arrives
    const perChat = new Map<string, number>();
    for (const m of pushes()) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    expect(perChat.size).toBe(MEMBERS);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(maxInAnySecond(pushes().map((m) => m.at))).toBeLessThanOrEqual(RATE);

    expect([a, b].filter((x) => /now runs the campaign passes/.test(x.output()))).toHaveLength(1);
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
  });

  it("the per-chat lock: two processes never run one chat's turns at once; other chats do not wait", async () => {
    const r1 = new Redis(REDIS_URL);
    const r2 = new Redis(REDIS_URL);
    try {
      const locks = [redisChatLock(r1, { prefix: `${prefix}:turn` }), redisChatLock(r2, { prefix: `${prefix}:turn` })];
      const running = new Map<string, number>();
      let overlap = 0;
      const order: string[] = [];
      const turn = (chat: string, n: number) => async () => {
        running.set(chat, (running.get(chat) ?? 0) + 1);
        if (running.get(chat)! > 1) overlap++;
        await new Promise((r) => setTimeout(r, 15));
        order.push(`${chat}:${n}`);
        running.set(chat, running.get(chat)! - 1);
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: 20 }, (_, n) => locks[n % 2].run(n < 10 ? "chat-a" : "chat-b", turn(n < 10 ? "chat-a" : "chat-b", n))));
      expect(overlap).toBe(0);
      expect(order).toHaveLength(20);
      // two chats of ten 15 ms turns each, side by side: well under the 300 ms of running them all in one line
      expect(Date.now() - started).toBeLessThan(280);
    } finally {
      r1.disconnect();
      r2.disconnect();
    }
  });
});
