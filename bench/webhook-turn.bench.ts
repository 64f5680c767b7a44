// Chat turns as production serves them: Telegram updates POSTed to the fastify webhook route, through the real
// telegraf handler, engine, rules NLU and PostgreSQL, replies sent to a local fake Bot API (on its own thread), with
// 50 chats talking at once. Latency = the webhook request's round trip (the handler answers after the replies went
// out). Goal: p99 < 30 ms.
import Fastify from "fastify";
import type { AddressInfo } from "node:net";
import { findBot } from "../src/bot-config.ts";
import { loadConfig } from "../src/config.ts";
import { loadDemoIfEmpty } from "../src/app/load-demo-catalog.ts";
import { startBots } from "../src/channels/telegram/start-bots.ts";
import { freshDb } from "../test/support/databases.ts";
import { NOON } from "../test/support/engine.ts";
import { postUpdate, updates } from "../test/support/app-process.ts";
import { startFakeBotApiThread } from "../test/campaigns/fake-bot-api.ts";
import type { Figure } from "./figure.ts";

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const TOKEN = "4242:BENCH-WEBHOOK";

export async function benchWebhookTurn(chats = Number(process.env.BENCH_WEBHOOK_CHATS ?? 50), rounds = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 4)): Promise<Figure[]> {
  const db = await freshDb("postgresql");
  const api = await startFakeBotApiThread();
  const app = Fastify();
  try {
    await loadDemoIfEmpty(db);
    const bots = await startBots({
      db, config: loadConfig({ TELEGRAM_API_ROOT: api.url, PUBLIC_URL: "https://bench.example" }), env: { TELEGRAM_BOT_TOKEN: TOKEN },
      bots: [findBot("marketplace")], engine: { clock: () => NOON }, server: app, loopIntervalMs: 0,
    });
    await bots.ready;
    await app.listen({ port: 0, host: "127.0.0.1" });
    const target = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
    const script = (u: number, id: number) => [
      updates.text(id, u, "来杯拿铁"),
      updates.location(id + 1, u, 23.1325, 113.3262),
      updates.text(id + 2, u, "不要中杯，大杯"),
      updates.text(id + 3, u, "我的优惠券"),
      updates.text(id + 4, u, "附近有GXG吗"),
      updates.text(id + 5, u, "hi"),
    ];
    const times: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: chats }, async (_, c) => {
        const user = 500_000 + c;
        for (let r = 0; r < rounds; r++) {
          for (const u of script(user, (c * rounds + r) * 10 + 1)) {
            const t0 = performance.now();
            const status = await postUpdate(target, "marketplace", TOKEN, u);
            if (status !== 200) throw new Error(`webhook answered ${status}`);
            if (r > 0) times.push(performance.now() - t0); // the first round warms up
          }
        }
      }),
    );
    const s = (performance.now() - started) / 1000;
    await bots.stop();
    times.sort((a, b) => a - b);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: `webhook chat turn p50 (${chats} concurrent chats, postgresql)`, value: r2(pct(times, 50)), unit: "ms" },
      { name: `webhook chat turn p99 (${chats} concurrent chats, postgresql)`, value: r2(pct(times, 99)), unit: "ms", note: `${times.length} turns measured, ${Math.round((chats * rounds * 6) / s)} turns/s; goal < 30 ms` },
    ];
  } finally {
    await app.close();
    await api.close();
    await db.drop();
  }
}
