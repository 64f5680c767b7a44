// A bot's welcome and menu as a merchant edits them (the console's Bot page): a member's /start shows the edited
// welcome, bad texts and menus are refused in words, two managers saving at once get a conflict instead of one
// silently losing, and a brand manager edits only their brand's own bots.
import pino from "pino";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MENU_KEYS, loadBots } from "../../src/bot-config.ts";
import { botWithSettings, readBotSettings, updateBotSettings } from "../../src/app/bot-settings.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON, chatter, testDeps } from "../support/engine.ts";

const HEAD_OFFICE = { brandId: null };
const GXG_MANAGER = { brandId: "gxg" };
const welcome = { zh: "欢迎来到 GXG 冬季上新！试试{examples}", en: "Welcome to the GXG winter drop! Try {examples}" };

describe("every bot file's menu uses known buttons", () => {
  it.each(loadBots().map((b) => [b.id, b.menu] as const))("%s", (_id, menu) => {
    expect(menu.filter((k) => !(MENU_KEYS as readonly string[]).includes(k))).toEqual([]);
  });
});

describe.each(DATABASES)("bot settings on %s", (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  const saved: string[] = [];
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    app = await buildServer({
      logger: pino({ level: "silent" }), isReady: () => true,
      routes: [adminApiRoutes({ token: "head-office", brandTokens: { gxg: "gxg-token" }, routes: allAdminRoutes({ db, clock: () => NOON, botSettingsSaved: (id) => saved.push(id) }) })],
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });
  const save = (botId: string, settings: unknown, actor: { brandId: string | null } = HEAD_OFFICE) =>
    updateBotSettings(db, { botId, actor, by: actor.brandId ? `brand manager (${actor.brandId})` : "head office", settings, at: NOON });
  const call = (method: "GET" | "PUT" | "POST", url: string, body?: unknown, token = "head-office") =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });

  it("a member's /start shows the welcome the merchant saved, with the catalog's examples filled in", async () => {
    const before = await chatter(testDeps(db, { bot: "gxg" }), "bs-before")({ start: null });
    expect(before[0].text).toMatch(/欢迎关注 GXG/);
    const r = await save("gxg", { welcome, menu: ["stores", "coupons", "help"], expectedVersion: 0 }, GXG_MANAGER);
    expect(r).toMatchObject({ ok: true, value: { version: 1, welcome, menu: ["stores", "coupons", "help"], updatedBy: "brand manager (gxg)" } });
    const after = await chatter(testDeps(db, { bot: "gxg" }), "bs-after")({ start: null });
    expect(after[0].text).toMatch(/^欢迎来到 GXG 冬季上新！试试「/);
    expect(after[0].text).not.toContain("{examples}");
    const en = await chatter(testDeps(db, { bot: "gxg" }), "bs-en")({ text: "hello" }).then(() => chatter(testDeps(db, { bot: "gxg" }), "bs-en")({ start: null }));
    expect(en[0].text).toMatch(/^Welcome to the GXG winter drop! Try "/);
    // the Telegram menu is built from the same bot
    expect((await botWithSettings(db, loadBots().find((b) => b.id === "gxg")!)).menu).toEqual(["stores", "coupons", "help"]);
  });

  it("refuses an empty or over-long welcome, an unknown or repeated menu button and more than ten, writing nothing", async () => {
    const current = (await readBotSettings(db, { actor: HEAD_OFFICE })).find((b) => b.botId === "starbucks")!;
    const cases: [unknown, RegExp][] = [
      [{ welcome: { zh: "   ", en: "Hi" }, menu: [], expectedVersion: 0 }, /Chinese welcome must not be empty/],
      [{ welcome: { zh: "你好", en: "x".repeat(1001) }, menu: [], expectedVersion: 0 }, /English welcome is longer than 1000/],
      [{ welcome: { zh: "你好", en: "Hi" }, menu: ["order", "lottery"], expectedVersion: 0 }, /unknown menu button "lottery"/],
      [{ welcome: { zh: "你好", en: "Hi" }, menu: ["order", "order"], expectedVersion: 0 }, /once/],
      [{ welcome: { zh: "你好", en: "Hi" }, menu: [...MENU_KEYS, "order", "help"], expectedVersion: 0 }, /at most 10/],
      [{ welcome: { zh: "你好" }, menu: [], expectedVersion: 0 }, /text/],
    ];
    for (const [settings, message] of cases) {
      const r = await save("starbucks", settings);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("INVALID_INPUT");
        expect(r.error.message).toMatch(message);
      }
    }
    expect((await readBotSettings(db, { actor: HEAD_OFFICE })).find((b) => b.botId === "starbucks")).toEqual(current);
    expect(await save("no-such-bot", { welcome, menu: [], expectedVersion: 0 })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    // the API says the same in a 400
    const api = await call("PUT", "/admin/api/bots/starbucks", { welcome: { zh: "", en: "Hi" }, menu: [], expectedVersion: 0 });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.message).toMatch(/Chinese welcome must not be empty/);
  });

  it("two managers saving at once: one wins, the other gets a conflict naming who saved, never a silent overwrite", async () => {
    const seen = (await readBotSettings(db, { actor: HEAD_OFFICE })).find((b) => b.botId === "spzp")!;
    expect(seen.version).toBe(0);
    const texts = ["A", "B"].map((x) => ({ welcome: { zh: `欢迎 ${x}`, en: `Welcome ${x}` }, menu: ["book"], expectedVersion: seen.version }));
    const results = await Promise.all(texts.map((t) => save("spzp", t)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok)!;
    expect(lost).toMatchObject({ ok: false, error: { code: "CONFLICT", current: 1 } });
    if (!lost.ok) expect(lost.error.message).toMatch(/changed meanwhile by head office/);
    const won = results.find((r) => r.ok)!;
    const stored = await db.prisma.botSetting.findUniqueOrThrow({ where: { botId: "spzp" } });
    if (won.ok) expect(stored.welcomeZh).toBe(won.value.welcome.zh);
    // a save from the version it saw goes through; the stale one again is refused, over HTTP with 409
    expect(await save("spzp", { ...texts[0], expectedVersion: 1 })).toMatchObject({ ok: true, value: { version: 2 } });
    const stale = await call("PUT", "/admin/api/bots/spzp", { ...texts[1], expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/reload/);
    expect((await db.prisma.botSetting.findUniqueOrThrow({ where: { botId: "spzp" } })).welcomeZh).toBe("欢迎 A");
  });

  it("a brand manager sees and edits only their brand's bots; the marketplace bot needs head office", async () => {
    expect((await readBotSettings(db, { actor: GXG_MANAGER })).map((b) => b.botId)).toEqual(["gxg"]);
    expect((await readBotSettings(db, { actor: HEAD_OFFICE })).map((b) => b.botId)).toEqual(loadBots().map((b) => b.id));
    const other = await save("starbucks", { welcome, menu: [], expectedVersion: 0 }, GXG_MANAGER);
    expect(other).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
    const market = await save("marketplace", { welcome, menu: [], expectedVersion: 0 }, GXG_MANAGER);
    expect(market).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED", message: expect.stringMatching(/head office/) } });
    expect(await db.prisma.botSetting.findUnique({ where: { botId: "marketplace" } })).toBeNull();

    // over HTTP with the brand's own token
    const list = await call("GET", "/admin/api/bots", undefined, "gxg-token");
    expect(list.json().items.map((b: { botId: string }) => b.botId)).toEqual(["gxg"]);
    expect((await call("PUT", "/admin/api/bots/marketplace", { welcome, menu: [], expectedVersion: 0 }, "gxg-token")).statusCode).toBe(403);
    expect((await call("POST", "/admin/api/bots/starbucks/preview", { welcome }, "gxg-token")).statusCode).toBe(403);
    saved.length = 0;
    const ok = await call("PUT", "/admin/api/bots/marketplace", { welcome: { zh: "欢迎！比如{examples}", en: "Hi! e.g. {examples}" }, menu: ["order", "help"], expectedVersion: 0 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ botId: "marketplace", version: 1, updatedBy: "head office", defaults: { menu: ["order", "stores", "coupons", "orders", "help"] } });
    // the running Telegram bot is told to set its menu again
    expect(saved).toEqual(["marketplace"]);
  });

  it("previews the welcome as /start shows it, and documents the routes in the OpenAPI document", async () => {
    const r = await call("POST", "/admin/api/bots/starbucks/preview", { welcome: { zh: "你好{brand}！试试{examples}", en: "Hi {brand}! Try {examples}" } });
    expect(r.statusCode).toBe(200);
    expect(r.json().zh).toMatch(/^你好星巴克！试试「我要/);
    expect(r.json().en).toMatch(/^Hi Starbucks! Try "/);
    const doc = (await app.inject({ method: "GET", url: "/admin/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/admin/api/bots", "/admin/api/bots/{botId}", "/admin/api/bots/{botId}/preview"]));
    expect(doc.paths["/admin/api/bots/{botId}"].put.requestBody.content["application/json"].schema.properties.menu.maxItems).toBe(10);
  });
});
