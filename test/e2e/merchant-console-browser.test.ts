// The merchant console in a real browser (Debian's chromium through playwright-core) against `npm start` on an empty
// database, which loads the demo catalog and a simulated week: the dashboard shows a living business, and a merchant
// creates a coupon, edits stock, composes and schedules a campaign to followers near a store (seeing its audience
// count), accepts and completes an order a scripted chat placed, invites a staff member, and edits a bot's welcome
// and menu (a scripted /start then shows it). Screenshots of every page go to test-artifacts/merchant-console/.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { projectRoot } from "../../src/paths.ts";
import { launchChromium } from "../miniapp/browser.ts";
import { freePort, o2o, startServer, waitForHealthy } from "../support/processes.ts";

const TOKEN = "console-browser-token";
const ARTIFACTS = join(projectRoot, "test-artifacts", "merchant-console");
const shot = (name: string) => (mkdirSync(ARTIFACTS, { recursive: true }), join(ARTIFACTS, name));

describe("merchant console in chromium", { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "o2o-console-"));
  const url = `file:${join(dataDir, "o2o.db")}`;
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: url, DATA_DIR: dataDir, PAYMENT_SECRET: "console", TELEGRAM_BOT_TOKEN: "", REDIS_URL: "" };
  let server: ChildProcess;
  let serverLog = "";
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: Db;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    server = startServer({ ...env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base, ADMIN_TOKEN: TOKEN });
    server.stdout!.on("data", (d) => (serverLog += d));
    server.stderr!.on("data", (d) => (serverLog += d));
    await waitForHealthy(`${base}/healthz`, 180_000).catch((e) => {
      throw new Error(`${e.message}\n${serverLog}`);
    });
    db = await openDatabase({ databaseUrl: url });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    await context.route(/^https?:\/\//, (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${base}/admin/`);
    await page.fill("#token", TOKEN);
    await page.click("#login");
    await page.waitForSelector("body[data-ready] #funnel");
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    server?.kill("SIGTERM");
    await db?.close();
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** waits until the element's text matches (the page answers asynchronously) */
  const textOf = async (sel: string, re: RegExp, on: Page = page) => {
    await on.waitForFunction(([q, src]) => new RegExp(src).test(document.querySelector(q)?.textContent ?? ""), [sel, re.source] as const, { timeout: 15_000 })
      .catch(async () => { throw new Error(`${sel}: "${await on.textContent(sel).catch(() => null)}" does not match ${re}`); });
    return on.textContent(sel);
  };
  const brand = async (b: string) => {
    await go("insight");
    await page.selectOption("#brand", b);
    await page.waitForSelector(`body[data-ready] #funnel[data-brand="${b}"]`);
  };
  const go = async (p: string) => {
    await page.click(`#nav-${p}`);
    await page.waitForSelector(`body[data-ready][data-page="${p}"]`);
  };

  it("on a fresh start shows non-zero funnels, a campaign timeline and unmet demand for the demo brands", async () => {
    for (const brand of ["gxg", "starbucks"]) {
      await page.selectOption("#brand", brand);
      await page.waitForSelector(`body[data-ready] #funnel[data-brand="${brand}"]`);
      for (const f of ["opened", "orders", "reach"]) expect(Number(await page.getAttribute(`#funnel tfoot [data-field="${f}"]`, "data-value")), `${brand} ${f}`).toBeGreaterThan(0);
      expect(await page.locator("#timeline-svg polyline").count()).toBe(4);
      expect(await page.locator("#heat-svg rect.cell").count()).toBeGreaterThan(0);
      expect(await page.locator("#heat-legend").count()).toBe(1);
    }
    // labels stay readable on a plane of two nearby stores: about 11 px on screen, never larger than the frame
    const label = await page.locator("#heat-svg .store-label").first().boundingBox();
    const frame = await page.locator("#heat-svg").boundingBox();
    expect(label!.height).toBeLessThan(24);
    expect(label!.x + label!.width).toBeLessThanOrEqual(frame!.x + frame!.width + 200);
    await page.screenshot({ path: shot("insight.png"), fullPage: true });
  });

  it("creates a coupon, and refuses one with a percent over 100 in words", async () => {
    await brand("gxg");
    await go("coupons");
    await page.fill("#coupon-code", "WINTER85");
    await page.fill("#coupon-title", "冬季85折");
    await page.selectOption("#coupon-kind", "percent");
    await page.fill("#coupon-value", "185");
    await page.fill("#coupon-from", "2026-12-01T00:00");
    await page.fill("#coupon-to", "2027-01-31T23:59");
    await page.selectOption("#coupon-stores", ["gxg-tianhe"]);
    await page.click("#coupon-create");
    await textOf("#coupon-error", /1-100/);
    await page.fill("#coupon-value", "85");
    await page.click("#coupon-create");
    await page.waitForSelector('#coupons tr[data-coupon="WINTER85"]');
    expect(await db.prisma.coupon.findUnique({ where: { code: "WINTER85" } })).toMatchObject({ kind: "percent", value: 85, storeIds: ["gxg-tianhe"] });
    // pause and resume: the row says so, the database keeps when
    await page.click('#coupons tr[data-coupon="GXG30"] button.pause');
    await page.waitForSelector('#coupons tr[data-coupon="GXG30"][data-paused="true"]');
    expect((await db.prisma.coupon.findUniqueOrThrow({ where: { code: "GXG30" } })).pausedAt).not.toBeNull();
    await page.screenshot({ path: shot("coupons.png"), fullPage: true });
    await page.click('#coupons tr[data-coupon="GXG30"] button.pause');
    await page.waitForSelector('#coupons tr[data-coupon="GXG30"][data-paused="false"]');
  });

  it("edits stock, and a stale edit gets a conflict instead of overwriting", async () => {
    await go("stock");
    await page.waitForSelector('#products tr[data-product="gxg-jeans"]');
    await page.selectOption("#stock-store", "gxg-wushan");
    await page.waitForSelector('body[data-ready] #stock tr[data-line="gxg-shirt|M"]');
    const row = page.locator('#stock tr[data-line="gxg-shirt|M"]');
    await row.locator("input").fill("42");
    await row.locator("button").click();
    await textOf("#stock-error", /已保存|Saved/);
    const line = () => db.prisma.inventory.findUnique({ where: { storeId_productId_size: { storeId: "gxg-wushan", productId: "gxg-shirt", size: "M" } } });
    expect((await line())?.quantity).toBe(42);
    // another manager changes it meanwhile; this page still believes 42
    await db.prisma.inventory.update({ where: { storeId_productId_size: { storeId: "gxg-wushan", productId: "gxg-shirt", size: "M" } }, data: { quantity: 40 } });
    await row.locator("input").fill("50");
    await row.locator("button").click();
    await textOf("#stock-error", /changed meanwhile.*40/);
    expect((await line())?.quantity).toBe(40);
    await page.screenshot({ path: shot("stock.png"), fullPage: true });
  });

  it("composes a campaign to followers near a store, sees its audience count and the Telegram preview, and schedules it", async () => {
    await go("campaigns");
    await page.fill("#campaign-text", "GXG 五山店周末上新，凭券到店8.5折");
    await page.selectOption("#campaign-coupon", "WINTER85");
    await page.selectOption("#campaign-audience", "followers");
    await page.selectOption("#campaign-near", "gxg-tianhe");
    await page.fill("#campaign-radius", "5000");
    await page.waitForSelector("#audience-count[data-audience]");
    const audience = Number(await page.getAttribute("#audience-count", "data-audience"));
    expect(audience).toBeGreaterThan(0);
    expect(await page.locator("#campaign-preview .tg-button").allTextContents()).toEqual(["领取优惠券"]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, "0")}-${String(tomorrow.getDate()).padStart(2, "0")}T10:00`;
    await page.fill("#campaign-at", local);
    const before = await db.prisma.campaign.count({ where: { brandId: "gxg" } });
    await page.screenshot({ path: shot("campaign-composer.png"), fullPage: true });
    await page.click("#campaign-schedule");
    await page.waitForSelector('#campaign-list tr[data-status="scheduled"]');
    await textOf("#campaign-error", new RegExp(String(audience)));
    expect(await db.prisma.campaign.count({ where: { brandId: "gxg" } })).toBe(before + 1);
    const made = await db.prisma.campaign.findFirstOrThrow({ where: { brandId: "gxg", status: "scheduled" }, orderBy: { createdAt: "desc" } });
    expect(made).toMatchObject({ couponCode: "WINTER85" });
    expect(made.audience).toMatchObject({ nearStoreId: "gxg-tianhe" });
    await page.screenshot({ path: shot("campaigns.png"), fullPage: true });
  });

  it("accepts and completes an order that a scripted chat placed, the board updating by itself", async () => {
    await brand("starbucks");
    await go("orders");
    const chat = (lines: object[]) => {
      const r = o2o(["chat", "--json", "--user", "console-buyer", "--bot", "starbucks"], { env, input: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    };
    const quote = chat([{ text: "来杯拿铁" }, { location: { lat: 23.1325, lng: 113.3262 } }]).find((r) => r.type === "quote");
    expect(quote, "the chat quoted a latte").toBeTruthy();
    const confirm = quote.buttons.find((b: { id: string }) => b.id.startsWith("confirm:")).id;
    chat([{ tap: confirm }, { pay: { orderId: quote.orderId } }]);
    // no reload: the server-sent event brings the paid order onto the board
    const card = page.locator(`li.order[data-order="${quote.orderId}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute("data-status")).toBe("paid");
    await page.screenshot({ path: shot("orders.png"), fullPage: true });
    for (const next of ["accepted", "ready", quote.fulfillment === "delivery" ? "out_for_delivery" : null, "completed"].filter(Boolean)) {
      await page.locator(`li.order[data-order="${quote.orderId}"] button.move`).click();
      await page.waitForSelector(`li.order[data-order="${quote.orderId}"][data-status="${next}"]`);
    }
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: quote.orderId } })).status).toBe("completed");
  });

  it("invites a staff member and shows the store's QR code", async () => {
    await go("staff");
    await page.selectOption("#invite-store", "sb-zhengjia");
    await page.selectOption("#invite-role", "manager");
    await page.click("#invite");
    await page.waitForSelector("#staff-result[data-code]");
    const code = await page.getAttribute("#staff-result", "data-code");
    expect(await db.prisma.staffInvite.findUnique({ where: { code: code! } })).toMatchObject({ storeId: "sb-zhengjia", usedAt: null });
    await page.waitForSelector('#invites li[data-code="' + code + '"]');
    await page.waitForSelector("#qr img");
    expect(await page.getAttribute("#qr-png", "href")).toMatch(/^data:image\/png;base64,/);
    await page.screenshot({ path: shot("staff.png"), fullPage: true });
  });

  it("edits a bot's welcome with a live preview, and a member's /start in the scripted chat shows it", async () => {
    await brand("gxg");
    await go("bots");
    expect(await page.inputValue("#bot-select")).toBe("gxg");
    await page.fill("#bot-welcome-zh", "GXG 冬季上新，欢迎光临！试试{examples}");
    await textOf("#bot-preview-zh", /^GXG 冬季上新，欢迎光临！试试「/);
    // the menu: drop "orders", move "stores" up to first
    await page.locator('#bot-menu li[data-key="orders"] input').uncheck();
    // by keyboard: the ↑ button is a real button
    await page.focus('#bot-menu li[data-key="stores"] button.up');
    await page.keyboard.press("Enter");
    await textOf("#bot-commands", /^\/start.*\/stores.*\/order.*\/coupons.*\/help/);
    await page.screenshot({ path: shot("bots.png"), fullPage: true });
    await page.click("#bot-save");
    await page.waitForSelector('#bot-result[data-version="1"]');
    expect(await db.prisma.botSetting.findUniqueOrThrow({ where: { botId: "gxg" } })).toMatchObject({ menu: ["stores", "order", "coupons", "help"], updatedBy: "head office" });
    const r = o2o(["chat", "--json", "--user", "console-newcomer", "--bot", "gxg"], { env, input: `${JSON.stringify({ start: null })}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n")[0]).text).toMatch(/^GXG 冬季上新，欢迎光临！试试「/);
    // another manager saved meanwhile: this page's next save is refused in words, not written over theirs
    await db.prisma.botSetting.update({ where: { botId: "gxg" }, data: { version: 2, welcomeZh: "别人的欢迎语", updatedBy: "brand manager (gxg)" } });
    await page.fill("#bot-welcome-zh", "我的欢迎语");
    await page.click("#bot-save");
    await textOf("#bot-result", /changed meanwhile by brand manager \(gxg\)/);
    expect((await db.prisma.botSetting.findUniqueOrThrow({ where: { botId: "gxg" } })).welcomeZh).toBe("别人的欢迎语");
  });

  it("works on a phone, in English, and every page is reachable by keyboard", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US", isMobile: true });
    await phone.addCookies((await context.cookies()).map((c) => ({ ...c })));
    const p = await phone.newPage();
    p.on("pageerror", (e) => errors.push(String(e)));
    try {
      await p.goto(`${base}/admin/#orders`);
      await p.waitForSelector('body[data-ready][data-page="orders"]');
      await textOf("#nav-orders", /^Orders$/, p);
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390 + 1);
      await p.screenshot({ path: shot("orders-phone-en.png"), fullPage: true });
      // Tab reaches the page links
      let reached = false;
      for (let i = 0; i < 12 && !reached; i++) {
        await p.keyboard.press("Tab");
        reached = await p.evaluate(() => document.activeElement?.id === "nav-coupons");
      }
      expect(reached).toBe(true);
      await p.keyboard.press("Enter");
      await p.waitForSelector('body[data-ready][data-page="coupons"]');
      await p.screenshot({ path: shot("coupons-phone-en.png"), fullPage: true });
    } finally {
      await phone.close();
    }
    expect(errors).toEqual([]);
  });
});
