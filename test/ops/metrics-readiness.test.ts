// The operator's view of a running server on PostgreSQL: after one order placed through the Telegram webhook and
// paid through the sandbox webhook, /metrics shows the counters moved; /readyz answers 503 naming the database
// while PostgreSQL cannot be reached, and 200 again once it can.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../../src/payments/signing.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { freshDatabaseUrl } from "../support/databases.ts";
import { metricValue, postUpdate, startApp, startTcpProxy, updates, type AppProcess, type TcpProxy } from "../support/app-process.ts";
import { startFakeBotApi, type FakeBotApi } from "../campaigns/fake-bot-api.ts";

const TOKEN = "424242:METRICS";
const SECRET = "metrics-test-secret";
const NOW = "2026-11-25T12:00:00+08:00";
const USER = 7001;

const until = async (what: string, ok: () => Promise<boolean> | boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("metrics and readiness of a running server (postgresql)", { timeout: 120_000 }, () => {
  let db: Db;
  let drop: () => Promise<void>;
  let api: FakeBotApi;
  let proxy: TcpProxy;
  let app: AppProcess;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl("postgresql");
    drop = fresh.drop;
    db = await openDatabase({ databaseUrl: fresh.url });
    await loadDemoIfEmpty(db);
    const u = new URL(fresh.url);
    proxy = await startTcpProxy(u.hostname, Number(u.port || 5432));
    const viaProxy = new URL(fresh.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    api = await startFakeBotApi();
    app = await startApp({
      DATABASE_URL: viaProxy.toString(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, PUBLIC_URL: "https://shop.example",
      PAYMENT_SECRET: SECRET, O2O_NOW: NOW, REDIS_URL: "",
    });
  });
  afterAll(async () => {
    await app?.stop("SIGKILL");
    await proxy?.close();
    await api?.close();
    await db?.close();
    await drop?.();
  });

  it("counts an order's chat turns, parses, order statuses, payment and push; times HTTP requests", async () => {
    await until("readiness", async () => (await fetch(`${app.url}/readyz`)).status === 200);
    expect(await postUpdate(app, "marketplace", TOKEN, updates.text(1, USER, "来杯拿铁"))).toBe(200);
    expect(await postUpdate(app, "marketplace", TOKEN, updates.location(2, USER, 23.1325, 113.3262))).toBe(200);
    const quote = await db.prisma.order.findFirstOrThrow({ where: { status: "quote" } });
    const withButtons = api.received.filter((m) => m.chatId === String(USER) && m.buttons.some((b) => b.callback_data));
    const confirm = withButtons.at(-1)!.buttons[0].callback_data!;
    expect(await postUpdate(app, "marketplace", TOKEN, updates.tap(3, USER, confirm))).toBe(200);
    const pending = await db.prisma.order.findUniqueOrThrow({ where: { id: quote.id } });
    expect(pending.status).toBe("pending_payment");

    const body = JSON.stringify({ id: "evt-metrics-1", type: "payment.succeeded", orderId: quote.id, amountCents: pending.totalCents, currency: pending.currency });
    const t = Math.floor(new Date(NOW).getTime() / 1000);
    const paid = await fetch(`${app.url}/payments/sandbox/webhook`, { method: "POST", headers: { "content-type": "application/json", "o2o-signature": signWebhook(SECRET, body, t) }, body });
    expect(paid.status).toBeLessThan(300);
    // the "payment received" push goes out through the delivery pipeline
    await until("the paid push", () => api.received.some((m) => m.chatId === String(USER) && m.text.includes(quote.id)));

    let text = "";
    await until("the sent push counted", async () => {
      text = await (await fetch(`${app.url}/metrics`)).text();
      return metricValue(text, "o2o_outbox_messages_total", { source: "order", status: "sent" }) >= 1;
    });
    expect(metricValue(text, "o2o_chat_turns_total", { channel: "telegram", intent: "order" })).toBe(1);
    expect(metricValue(text, "o2o_chat_turns_total", { channel: "telegram" })).toBe(3);
    expect(metricValue(text, "o2o_chat_turn_duration_seconds_count", { channel: "telegram" })).toBe(3);
    expect(metricValue(text, "o2o_nlu_parse_total", { parser: "rules", outcome: "understood" })).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, "o2o_orders_total", { status: "quote" })).toBe(1);
    expect(metricValue(text, "o2o_orders_total", { status: "pending_payment" })).toBe(1);
    expect(metricValue(text, "o2o_orders_total", { status: "paid" })).toBe(1);
    expect(metricValue(text, "o2o_payments_total", { result: "accepted" })).toBe(1);
    expect(metricValue(text, "o2o_send_rate_limit_waits_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^o2o_outbox_queue_depth\{source="campaign"\} 0$/m);
    expect(metricValue(text, "o2o_http_request_duration_seconds_count", { route: "/telegram/webhook/marketplace", method: "POST", status: "200" })).toBe(3);
    expect(metricValue(text, "o2o_http_request_duration_seconds_count", { route: "/payments/sandbox/webhook", method: "POST" })).toBe(1);
    // prom-client's process defaults
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it("/readyz says 503 naming the database while PostgreSQL cannot be reached, 200 when it is back; /healthz stays up", async () => {
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    proxy.cut();
    try {
      let r!: Response;
      await until("readiness to fail", async () => (r = await fetch(`${app.url}/readyz`)).status === 503);
      const body = (await r.json()) as { ok: boolean; error: string; failing: string[] };
      expect(body.ok).toBe(false);
      expect(body.failing).toContain("database");
      expect(body.error).toMatch(/database/);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      proxy.restore();
    }
    await until("readiness to return", async () => (await fetch(`${app.url}/readyz`)).status === 200);
  });
});
