// The merchant dashboard in a real browser (Debian's chromium through playwright-core) against `npm start`'s server on
// a generated data set: a wrong token is refused on screen, the right one signs in, and the per-store funnel, the
// campaign funnel, the timeline and the demand heat grid show the numbers the database holds (independent SQL counts).
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { projectRoot } from "../../src/paths.ts";
import { BRAND, CAMPAIGN_TARGETS, generateDataset, PAID, paidCheckoutMs, percentileCont, STORE_IDS, TILL_STORES } from "../insight/insight-dataset.ts";
import { launchChromium } from "../miniapp/browser.ts";
import { freePort, startServer, waitForHealthy } from "../support/processes.ts";

const TOKEN = "dashboard-browser-token";
const ARTIFACTS = join(projectRoot, "test-artifacts", "admin-dashboard");

describe("merchant dashboard in chromium", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "o2o-dashboard-"));
  const url = `file:${join(dataDir, "o2o.db")}`;
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess;
  let serverLog = "";
  let browser: Browser;
  let db: Db;

  beforeAll(async () => {
    browser = await launchChromium();
    db = await openDatabase({ databaseUrl: url });
    await generateDataset(db, { members: 2000, orders: 4000, demand: 800 });
    server = startServer({ DATABASE_URL: url, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base, ADMIN_TOKEN: TOKEN, TELEGRAM_BOT_TOKEN: "", REDIS_URL: "", PAYMENT_SECRET: "dash" });
    server.stdout!.on("data", (d) => (serverLog += d));
    server.stderr!.on("data", (d) => (serverLog += d));
    await waitForHealthy(`${base}/healthz`, 90_000).catch((e) => {
      throw new Error(`${e.message}\n${serverLog}`);
    });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
    await db?.close();
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  });

  type Row = { k: string | null; n: number | bigint; v?: number | bigint | null };
  const counts = async (sql: string) => new Map((await db.prisma.$queryRawUnsafe<Row[]>(sql)).map((r) => [r.k, { n: Number(r.n), v: Number(r.v ?? 0) }]));
  const cells = (page: Page, table: string, field: string) =>
    page.$$eval(`#${table} tbody tr`, (rows, f) => Object.fromEntries(rows.map((r) => [(r as HTMLElement).dataset.store ?? (r as HTMLElement).dataset.campaign, Number(r.querySelector(`[data-field="${f}"]`)!.getAttribute("data-value"))])), field);

  it("signs in with the admin token and shows the database's funnel numbers, timeline and demand grid", async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: "zh-CN" });
    const outside: string[] = [];
    await context.route(/^https?:\/\//, (route) => (route.request().url().startsWith(base) ? route.continue() : (outside.push(route.request().url()), route.abort())));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    try {
      await page.goto(`${base}/admin/`);
      await page.waitForSelector("#login-form");
      // a wrong token: a clear error, still signed out
      await page.fill("#token", "not-the-token");
      await page.click("#login");
      await expect(page.locator("#login-error").textContent()).resolves.toMatch(/令牌不对/);
      expect((await context.cookies()).some((c) => c.name === "o2o_admin")).toBe(false);

      await page.fill("#token", TOKEN);
      await page.click("#login");
      await page.waitForSelector("body[data-ready] #funnel");
      const cookie = (await context.cookies()).find((c) => c.name === "o2o_admin")!;
      expect(cookie.httpOnly).toBe(true);
      await page.selectOption("#brand", BRAND);
      await page.waitForSelector(`body[data-ready] #funnel[data-brand="${BRAND}"]`);

      // per-store funnel = independent counts
      const paid = `o."brandId" = '${BRAND}' AND o."status" IN (${PAID.map((s) => `'${s}'`).join(", ")})`;
      const orders = await counts(`SELECT o."creditedStoreId" AS k, COUNT(*) AS n, SUM(o."totalCents") AS v FROM "Order" o WHERE ${paid} GROUP BY o."creditedStoreId"`);
      const redeemed = await counts(`SELECT r."storeId" AS k, COUNT(*) AS n FROM "Redemption" r GROUP BY r."storeId"`);
      const target = `CASE d."campaignId" ${Object.entries(CAMPAIGN_TARGETS).filter(([, s]) => s).map(([c, s]) => `WHEN '${c}' THEN '${s}'`).join(" ")} END`;
      const reach = await counts(`SELECT COALESCE(${target}, m."areaStoreId") AS k, COUNT(*) AS n FROM "OutboxMessage" d JOIN "Member" m ON m."id" = d."memberId" WHERE d."status" = 'sent' GROUP BY COALESCE(${target}, m."areaStoreId")`);
      const shown = { orders: await cells(page, "funnel", "orders"), revenue: await cells(page, "funnel", "revenueCents"), redeemed: await cells(page, "funnel", "redeemed"), reach: await cells(page, "funnel", "reach") };
      expect(Object.keys(shown.orders)).toEqual(STORE_IDS);
      for (const s of STORE_IDS) {
        expect([s, shown.orders[s], shown.revenue[s], shown.redeemed[s], shown.reach[s]]).toEqual([s, orders.get(s)?.n ?? 0, orders.get(s)?.v ?? 0, redeemed.get(s)?.n ?? 0, reach.get(s)?.n ?? 0]);
      }
      const totalOrders = await page.getAttribute('#funnel tfoot [data-field="orders"]', "data-value");
      expect(Number(totalOrders)).toBe(STORE_IDS.reduce((n, s) => n + (orders.get(s)?.n ?? 0), 0));
      // what the merchant reads is the formatted figure
      expect(await page.textContent('#funnel tr[data-store="ins-0"] [data-field="revenueCents"]')).toMatch(/¥[\d,]+\.\d\d/);

      // checkout time: each store's median and p90 of scan → paid at its till; a store without paid bills shows —, not 0
      const checkout = await paidCheckoutMs(db);
      const figure = (field: string) =>
        page.$$eval("#funnel tbody tr", (rows, f) => Object.fromEntries(rows.map((r) => [(r as HTMLElement).dataset.store, r.querySelector(`[data-field="${f}"]`)!.getAttribute("data-value")])), field);
      const [medians, p90s] = [await figure("checkoutMedianMs"), await figure("checkoutP90Ms")];
      for (const s of STORE_IDS) {
        const ms = checkout.get(s) ?? [];
        expect([s, medians[s], p90s[s]]).toEqual([s, ...(ms.length ? [String(percentileCont(ms, 0.5)), String(percentileCont(ms, 0.9))] : [null, null])]);
      }
      expect(await page.textContent(`#funnel tr[data-store="${TILL_STORES[0]}"] [data-field="checkoutMedianMs"]`)).toMatch(/^\d+\.\d 秒$/);
      expect(await page.textContent('#funnel tr[data-store="ins-0"] [data-field="checkoutMedianMs"]')).toBe("—");

      // campaign funnel and timeline
      const sent = await counts(`SELECT d."campaignId" AS k, COUNT(*) AS n FROM "OutboxMessage" d WHERE d."status" = 'sent' GROUP BY d."campaignId"`);
      const campaignReach = await cells(page, "campaigns", "reach");
      for (const c of Object.keys(CAMPAIGN_TARGETS)) expect([c, campaignReach[c]]).toEqual([c, sent.get(c)?.n]);
      expect(await page.locator("#timeline-svg polyline").count()).toBe(4);
      await expect(page.locator('.legend [data-series="sends"]').textContent()).resolves.toContain(new Intl.NumberFormat("zh-CN").format([...sent.entries()].filter(([k]) => k && k in CAMPAIGN_TARGETS).reduce((n, [, x]) => n + x.n, 0)));

      // heat grid: every cell's count adds up to the located demand; a store's gaps are its own
      const gridTotal = await page.$$eval("#heat-svg rect.cell", (rs) => rs.reduce((n, r) => n + Number(r.getAttribute("data-count")), 0));
      expect(gridTotal).toBe(await db.prisma.demandEvent.count({ where: { brandId: BRAND, lat: { not: null } } }));
      expect(await page.locator("#heat-svg g.store").count()).toBe(STORE_IDS.length);
      await page.screenshot({ path: shot("dashboard-zh.png"), fullPage: true });
      await page.click('#heat-svg g.store[data-store="ins-4"] circle');
      await page.waitForSelector("#gaps-all");
      const gapStores = await page.$$eval("#gaps tbody tr", (rs) => rs.map((r) => (r as HTMLElement).dataset.store));
      expect(gapStores.length).toBeGreaterThan(0);
      expect(new Set(gapStores)).toEqual(new Set(["ins-4"]));
      const topGap = await page.getAttribute('#gaps tbody tr:first-child [data-field="count"]', "data-value");
      const maxGroup = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "DemandEvent" e WHERE e."storeId" = 'ins-4' GROUP BY e."productId", e."size", e."style", e."productName" ORDER BY COUNT(*) DESC LIMIT 1`);
      expect(Number(topGap)).toBe(Number(maxGroup[0].n));

      // a period: the days picked are whole days in the brand's zone (Asia/Shanghai), the last one included
      await page.fill("#from", "2026-11-03");
      await page.fill("#to", "2026-11-05");
      await page.click("#apply");
      await page.waitForSelector("body[data-ready] #funnel");
      const inPeriod = await db.prisma.order.count({
        where: { brandId: BRAND, status: { in: PAID }, creditedStoreId: { in: STORE_IDS }, paidAt: { gte: new Date("2026-11-03T00:00:00+08:00"), lt: new Date("2026-11-06T00:00:00+08:00") } },
      });
      expect(Number(await page.getAttribute('#funnel tfoot [data-field="orders"]', "data-value"))).toBe(inPeriod);
      expect(inPeriod).toBeLessThan(Number(totalOrders));

      // English labels
      await page.click("#lang");
      await expect(page.locator("h1").textContent()).resolves.toBe("Merchant insight");
      await page.screenshot({ path: shot("dashboard-en.png"), fullPage: true });
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("keeps the API closed to a browser that has not signed in", async () => {
    const r = await fetch(`${base}/admin/api/brands/${BRAND}/report`);
    expect(r.status).toBe(401);
    const login = await fetch(`${base}/admin/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "nope" }) });
    expect(login.status).toBe(401);
    expect((await login.json()).error.message).toMatch(/wrong admin token/);
  });
});

function shot(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
