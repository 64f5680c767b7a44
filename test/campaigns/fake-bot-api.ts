// A tiny local Bot API server for delivery tests and the bench: records sendMessage calls with their arrival time,
// answers 429 / 403 / 500 when told to, and measures the busiest one-second window it saw.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedMessage {
  token: string;
  chatId: string;
  text: string;
  buttons: { text: string; callback_data?: string; url?: string }[];
  /** sent with allow_paid_broadcast */
  paidBroadcast: boolean;
  at: number;
}

export type Answer = { status: number; body: Record<string, unknown> };

export interface FakeBotApi {
  url: string;
  received: ReceivedMessage[];
  /** decides the answer to a sendMessage (default 200 ok); return null for the default */
  respond: (msg: ReceivedMessage, n: number) => Answer | null;
  /** the most messages that arrived within any one second */
  maxPerSecond(): number;
  close(): Promise<void>;
}

export const tooManyRequests = (retryAfter: number): Answer => ({ status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } });
export const forbidden = (): Answer => ({ status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } });

export function maxInAnySecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const received: ReceivedMessage[] = [];
  let messageId = 1;
  const api: FakeBotApi = {
    url: "",
    received,
    respond: () => null,
    maxPerSecond: () => maxInAnySecond(received.map((m) => m.at)),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer((req, res) => {
    const at = performance.timeOrigin + performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
      const reply = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (!m) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
      const [, token, method] = m;
      let body: Record<string, unknown> = {};
      try {
        const raw = Buffer.concat(chunks).toString("utf8");
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return reply(400, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
      }
      if (method === "getMe") return reply(200, { ok: true, result: { id: 1, is_bot: true, first_name: "fake", username: "fake_bot" } });
      if (method !== "sendMessage") return reply(200, { ok: true, result: true });
      const markup = body.reply_markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined;
      const msg: ReceivedMessage = { token, chatId: String(body.chat_id), text: String(body.text ?? ""), buttons: (markup?.inline_keyboard ?? []).flat(), paidBroadcast: body.allow_paid_broadcast === true, at };
      const answer = api.respond(msg, received.length + 1);
      if (answer) return reply(answer.status, answer.body);
      received.push(msg);
      reply(200, { ok: true, result: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(msg.chatId) || 0, type: "private" }, text: msg.text } });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

export interface FakeBotApiThread {
  url: string;
  /** arrival times (epoch ms), messages per chat and each chat's first arrival, so far */
  stats(): Promise<{ times: number[]; perChat: Map<string, number>; firstAt: Map<string, number> }>;
  close(): Promise<void>;
}

/** The same fake on a worker thread: its clock is not stalled by the sender's synchronous database calls. */
export async function startFakeBotApiThread(opts: { blockedChats?: string[] } = {}): Promise<FakeBotApiThread> {
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(new URL("./fake-bot-api-thread.mjs", import.meta.url), { workerData: { blockedChats: opts.blockedChats ?? [] } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (m: { type: string; port: number }) => resolve(m.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () =>
      new Promise((resolve) => {
        const on = (m: { type: string; times: number[]; perChat: [string, number][]; firstAt: [string, number][] }) => {
          if (m.type !== "stats") return;
          worker.off("message", on);
          resolve({ times: m.times, perChat: new Map(m.perChat), firstAt: new Map(m.firstAt) });
        };
        worker.on("message", on);
        worker.postMessage("stats");
      }),
    close: async () => {
      worker.postMessage("close");
      await new Promise((r) => worker.once("exit", r));
    },
  };
}
