// Webhook mode (PUBLIC_URL is https): one path per bot on the fastify server, Telegram's secret_token header
// checked; a failing update is logged, answered with an apology, and the next one is served.
import Fastify, { type FastifyInstance } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findBot } from "../../../src/bot-config.ts";
import { loadConfig } from "../../../src/config.ts";
import { loadDemoIfEmpty } from "../../../src/app/load-demo-catalog.ts";
import { startBots, type RunningBots } from "../../../src/channels/telegram/start-bots.ts";
import { SECRET_HEADER, webhookSecret } from "../../../src/channels/telegram/webhook-routes.ts";
import { freshDb, type TestDb } from "../../support/databases.ts";
import { NOON } from "../../support/engine.ts";
import { FakeBotApi } from "../../support/telegram-emulator.ts";

const TOKEN = "300003:WEBHOOK-TEST";
const PATH = "/telegram/webhook/starbucks";

function textUpdate(updateId: number, userId: number, text: string) {
  const user = { id: userId, is_bot: false, first_name: "Web", language_code: "zh-hans" };
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }] : undefined;
  return { update_id: updateId, message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: "Web" }, from: user, text, ...(entities ? { entities } : {}) } };
}

describe("webhook mode", () => {
  let db: TestDb;
  let api: FakeBotApi;
  let app: FastifyInstance;
  let bots: RunningBots;
  const logs: string[] = [];

  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    api = await FakeBotApi.start();
    app = Fastify();
    bots = await startBots({
      db,
      config: loadConfig({ TELEGRAM_API_ROOT: api.url, PUBLIC_URL: "https://shop.example" }),
      env: { STARBUCKS_BOT_TOKEN: TOKEN },
      bots: [findBot("starbucks")],
      engine: { clock: () => NOON },
      logger: pino({ level: "warn" }, { write: (s: string) => void logs.push(s) }),
      server: app,
      loopIntervalMs: 0,
    });
    await bots.ready;
    await app.ready();
  });

  afterAll(async () => {
    await bots?.stop();
    await app?.close();
    await api?.stop();
    await db?.drop();
  });

  it("registers the webhook with Telegram at the bot's path, with a secret token", () => {
    expect(bots.mode).toBe("webhook");
    const set = api.calls.find((c) => c.method === "setWebhook")!;
    expect(set.body).toMatchObject({ url: `https://shop.example${PATH}`, secret_token: webhookSecret(TOKEN) });
    expect(api.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("refuses calls without the right secret token header", async () => {
    const none = await app.inject({ method: "POST", url: PATH, payload: textUpdate(1, 901, "/start") });
    expect(none.statusCode).toBe(401);
    const wrong = await app.inject({ method: "POST", url: PATH, headers: { [SECRET_HEADER]: "nope" }, payload: textUpdate(2, 901, "/start") });
    expect(wrong.statusCode).toBe(401);
    expect(api.sent(901)).toEqual([]);
  });

  it("serves an update that carries the secret token", async () => {
    const r = await app.inject({ method: "POST", url: PATH, headers: { [SECRET_HEADER]: webhookSecret(TOKEN) }, payload: textUpdate(3, 902, "/start store-sb-zhengjia") });
    expect(r.statusCode).toBe(200);
    expect(api.texts(902).some((t) => /欢迎关注星巴克/.test(t))).toBe(true);
    const m = await db.prisma.member.findFirstOrThrow({ where: { identities: { some: { channel: "telegram", externalId: "902" } } } });
    expect((await db.prisma.follow.findFirstOrThrow({ where: { memberId: m.id } })).source).toBe("store-sb-zhengjia");
  });

  it("a failing update is logged and apologised for; the bot keeps serving", async () => {
    // one failing database read; later calls go through to Prisma (the spy stays: restoring breaks Prisma's delegate)
    vi.spyOn(db.prisma.memberIdentity, "findUnique").mockRejectedValueOnce(new Error("database went away"));
    const r = await app.inject({ method: "POST", url: PATH, headers: { [SECRET_HEADER]: webhookSecret(TOKEN) }, payload: textUpdate(4, 903, "来杯拿铁") });
    expect(r.statusCode).toBe(200);
    expect(logs.some((l) => l.includes("telegram update failed") && l.includes("database went away"))).toBe(true);
    expect(api.texts(903).at(-1)).toMatch(/抱歉/);
    await app.inject({ method: "POST", url: PATH, headers: { [SECRET_HEADER]: webhookSecret(TOKEN) }, payload: textUpdate(5, 903, "来杯拿铁") });
    expect(api.sent(903).at(-1)!.body.reply_markup.keyboard[0][0]).toMatchObject({ request_location: true });
  });

  it("refuses a body that is not an update", async () => {
    const r = await app.inject({ method: "POST", url: PATH, headers: { [SECRET_HEADER]: webhookSecret(TOKEN) }, payload: { hello: "world" } });
    expect(r.statusCode).toBe(400);
  });
});
