// Chat turns as production serves them: Telegram updates POSTed to the fastify webhook route, through the real
// telegraf handler, engine, rules NLU and PostgreSQL, replies sent to a local fake Bot API (on its own thread).
// 50 chats talk at once, each as a person does: the next message BENCH_WEBHOOK_THINK_MS (default 1000, ±50 %)
// after the bot answered the previous one. Latency = the webhook request's round trip (the handler answers after the
// replies went out). Goal: p99 < 30 ms.
// (Without a pause between messages the chats would be a closed loop: every turn would wait for the 49 queued
// before it, and p99 would be 50 / throughput whatever a turn costs. BENCH_WEBHOOK_THINK_MS=0 measures that.)
// Baseline, same run, same load: the same route, telegraf and fake Bot API with a handler that only answers one
// message — what this machine's HTTP and scheduling cost right now — and the ratio of the two p99s. The CPU time per
// turn counts the whole process (the handler, the posting client and the fake Bot API thread). The SQL statements per
// turn count every statement sent to PostgreSQL while measuring (direct and through Prisma, BEGIN/COMMIT included):
// each is a round trip and, on a loaded machine, a wait for the database process to be scheduled.
import Fastify, { type FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Telegraf } from "telegraf";
import { findBot } from "../src/bot-config.ts";
import { loadConfig } from "../src/config.ts";
import { loadDemoIfEmpty } from "../src/app/load-demo-catalog.ts";
import { startBots } from "../src/channels/telegram/start-bots.ts";
import { telegramWebhookRoutes } from "../src/channels/telegram/webhook-routes.ts";
import { freshDb } from "../test/support/databases.ts";
import { NOON } from "../test/support/engine.ts";
import { postUpdate, updates } from "../test/support/app-process.ts";
import { startFakeBotApiThread } from "../test/campaigns/fake-bot-api.ts";
import type { Figure } from "./figure.ts";

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const TOKEN = "4242:BENCH-WEBHOOK";
const r2 = (x: number) => Math.round(x * 100) / 100;

interface Load {
  chats: number;
  rounds: number;
  thinkMs: number;
}

interface Run {
  times: number[];
  turnsPerSecond: number;
  cpuMsPerTurn: number;
  statementsPerTurn: number;
}

/** Statements sent to PostgreSQL by this process (every pool and Prisma's adapter go through pg.Client#query). */
let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

/** The script every chat follows, `rounds` times: an order, a location, a change, coupons, a store question, small talk. */
const script = (u: number, id: number) => [
  updates.text(id, u, "来杯拿铁"),
  updates.location(id + 1, u, 23.1325, 113.3262),
  updates.text(id + 2, u, "不要中杯，大杯"),
  updates.text(id + 3, u, "我的优惠券"),
  updates.text(id + 4, u, "附近有GXG吗"),
  updates.text(id + 5, u, "hi"),
];

async function drive(app: FastifyInstance, botId: string, load: Load): Promise<Run> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const target = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  const times: number[] = [];
  let measured = 0;
  let measuring = 0;
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  let statements0 = statements;
  const pause = () => new Promise((r) => setTimeout(r, load.thinkMs * (0.5 + Math.random())));
  await Promise.all(
    Array.from({ length: load.chats }, async (_, c) => {
      const user = 500_000 + c;
      if (load.thinkMs) await new Promise((r) => setTimeout(r, Math.random() * load.thinkMs)); // chats start apart
      for (let r = 0; r < load.rounds; r++) {
        // the first round warms up (connections, JIT, caches); the clock and the CPU count start with the second
        if (r === 1 && ++measuring === 1) {
          cpu0 = process.cpuUsage();
          t0 = performance.now();
          statements0 = statements;
        }
        for (const u of script(user, (c * load.rounds + r) * 10 + 1)) {
          const t = performance.now();
          const status = await postUpdate(target, botId, TOKEN, u);
          if (status !== 200) throw new Error(`webhook answered ${status}`);
          if (r > 0) {
            times.push(performance.now() - t);
            measured++;
          }
          if (load.thinkMs) await pause();
        }
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return { times, turnsPerSecond: measured / s, cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / measured, statementsPerTurn: (statements - statements0) / measured };
}

/** The real bot: engine, NLU, PostgreSQL, replies rendered to the fake Bot API. */
async function realTurns(load: Load): Promise<Run> {
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
    const run = await drive(app, "marketplace", load);
    await bots.stop();
    return run;
  } finally {
    await app.close();
    await api.close();
    await db.drop();
  }
}

/** The baseline: the same webhook route and telegraf, a handler that answers every message with one line. */
async function trivialTurns(load: Load): Promise<Run> {
  const api = await startFakeBotApiThread();
  const app = Fastify();
  try {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.url, webhookReply: false } });
    bot.botInfo = { id: 1, is_bot: true, first_name: "bench", username: "bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
    bot.on("message", (ctx) => ctx.reply("ok"));
    telegramWebhookRoutes([{ botId: "baseline", token: TOKEN, bot }])(app);
    return await drive(app, "baseline", load);
  } finally {
    await app.close();
    await api.close();
  }
}

export async function benchWebhookTurn(
  chats = Number(process.env.BENCH_WEBHOOK_CHATS ?? 50),
  rounds = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 3),
  thinkMs = Number(process.env.BENCH_WEBHOOK_THINK_MS ?? 1000),
): Promise<Figure[]> {
  const load = { chats, rounds, thinkMs };
  const real = await realTurns(load);
  const base = await trivialTurns(load); // second: it finds the HTTP code compiled, not the real run
  const label = `${chats} concurrent chats, ${thinkMs} ms between messages, postgresql`;
  const p99 = pct(real.times, 99);
  const baseP99 = pct(base.times, 99);
  return [
    { name: `webhook chat turn p50 (${label})`, value: r2(pct(real.times, 50)), unit: "ms" },
    { name: `webhook chat turn p99 (${label})`, value: r2(p99), unit: "ms", note: `${real.times.length} turns measured, ${Math.round(real.turnsPerSecond)} turns/s; goal < 30 ms` },
    { name: "webhook chat turn CPU per turn (whole process)", value: r2(real.cpuMsPerTurn), unit: "ms" },
    { name: "webhook chat turn SQL statements per turn (postgresql)", value: r2(real.statementsPerTurn), unit: "" },
    { name: "baseline: trivial handler on the same route, p99", value: r2(baseP99), unit: "ms", note: `p50 ${r2(pct(base.times, 50))} ms, CPU ${r2(base.cpuMsPerTurn)} ms per turn` },
    { name: "webhook chat turn p99 / baseline p99", value: r2(p99 / baseP99), unit: "×" },
  ];
}
