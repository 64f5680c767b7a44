// A Bot API for tests: `telegram-test-api` (emulates getMe, getUpdates, sendMessage, answerCallbackQuery, edits,
// deleteMessage, webhooks) behind a small node:http proxy that
//  - answers the methods the emulator lacks (sendVenue, sendLocation, setMyCommands, sendInvoice, …),
//  - holds empty getUpdates for a moment, like Telegram's long polling, so polling bots do not spin,
//  - records every bot call (method, body, time) for assertions,
//  - injects failures (429 with retry_after, 403 blocked, 400, 500) for chosen methods and chats.
// Test users talk to the bot through the emulator's client API; `settled()` waits until the bot has handled them.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

export interface BotApiCall {
  seq: number;
  method: string;
  token: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  at: number;
  status: number;
  injected: boolean;
}

export interface Injection {
  method: string;
  chatId?: number | string;
  /** how many calls to fail (default 1) */
  times?: number;
  status: number;
  body: Record<string, unknown>;
}

export const TOO_MANY_REQUESTS = (retryAfter: number): Omit<Injection, "method"> => ({
  status: 429,
  body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
});
export const BLOCKED: Omit<Injection, "method"> = { status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } };
export const BAD_REQUEST: Omit<Injection, "method"> = { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: refused by the test" } };

// methods the emulator does not know: answered here with a plausible result
const LOCAL_METHODS = new Set(["sendPhoto", "sendVenue", "sendLocation", "setMyCommands", "deleteMyCommands", "sendInvoice", "answerPreCheckoutQuery", "setChatMenuButton", "sendChatAction"]);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  let s = "";
  for await (const chunk of req) s += String(chunk);
  return s;
}

export class FakeBotApi {
  readonly calls: BotApiCall[] = [];
  private injections: (Injection & { left: number })[] = [];
  private seq = 0;
  private messageId = 100_000;
  // per token: the seq of the last getUpdates that handed out updates, and of the one being held now
  private delivered = new Map<string, number>();
  private waiting = new Map<string, number>();
  // raw updates the emulator cannot make (edited_message): handed out by getUpdates beside the emulator's own
  private raw: { token: string; update: Record<string, unknown>; read: boolean }[] = [];

  private constructor(
    readonly emulator: TelegramServer,
    private readonly proxy: Server,
    /** the Bot API root bots should use (TELEGRAM_API_ROOT) */
    readonly url: string,
    readonly emulatorUrl: string,
  ) {}

  static async start(): Promise<FakeBotApi> {
    const [ePort, pPort] = [await freePort(), await freePort()];
    const emulator = new TelegramServer({ port: ePort, host: "127.0.0.1", storeTimeout: 600 });
    await emulator.start();
    let api!: FakeBotApi;
    const proxy = createServer((req, res) => void api.handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 500, description: String(e) }));
    }));
    await new Promise<void>((r) => proxy.listen(pPort, "127.0.0.1", r));
    api = new FakeBotApi(emulator, proxy, `http://127.0.0.1:${pPort}`, `http://127.0.0.1:${ePort}`);
    return api;
  }

  async stop(): Promise<void> {
    this.proxy.closeAllConnections?.();
    await new Promise<void>((r) => this.proxy.close(() => r()));
    await this.emulator.stop();
  }

  inject(i: Injection) {
    this.injections.push({ ...i, left: i.times ?? 1 });
  }

  /** calls for one chat (optionally of some methods), in order */
  sent(chatId: number | string, methods?: string[]): BotApiCall[] {
    return this.calls.filter((c) => String(c.body?.chat_id) === String(chatId) && (!methods || methods.includes(c.method)) && !c.injected);
  }

  /** the texts the chat received (messages, and venue titles) */
  texts(chatId: number | string, fromSeq = 0): string[] {
    return this.sent(chatId)
      .filter((c) => c.seq > fromSeq)
      .map((c) => (c.method === "sendVenue" ? `${c.body.title}\n${c.body.address}` : c.body.text))
      .filter((t): t is string => typeof t === "string");
  }

  get lastSeq() {
    return this.seq;
  }

  async waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 10_000, what = "condition"): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  }

  /** true once the bot fetched every update sent to it and came back for more (polling handles a batch fully first) */
  async settled(token: string, ms = 10_000): Promise<void> {
    await this.waitFor(() => {
      const unread = this.unread(token);
      return !unread && (this.waiting.get(token) ?? 0) > (this.delivered.get(token) ?? 0);
    }, ms, "the bot to handle its updates");
  }

  /** queues a raw update (e.g. an edited_message) for the bot, numbered in the emulator's update sequence */
  pushUpdate(token: string, update: Record<string, unknown>): void {
    const e = this.emulator as unknown as { updateId: number };
    this.raw.push({ token, update: { ...update, update_id: e.updateId++ }, read: false });
  }

  private unread(token: string): boolean {
    return this.emulator.storage.userMessages.some((u) => u.botToken === token && !u.isRead) || this.raw.some((r) => r.token === token && !r.read);
  }

  user(token: string, u: { id: number; firstName?: string; languageCode?: string }): TestUser {
    return new TestUser(this, token, u);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(req.url ?? "");
    const raw = await readBody(req);
    if (!m) return this.forward(req, res, raw);
    const [, token, method] = m;
    let body: Record<string, unknown> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      body = {};
    }
    if (method === "getUpdates") return this.getUpdates(token, body, res);

    const seq = ++this.seq;
    const call: BotApiCall = { seq, method, token, body, at: Date.now(), status: 200, injected: false };
    this.calls.push(call);
    const inj = this.injections.find((i) => i.left > 0 && i.method === method && (i.chatId === undefined || String(i.chatId) === String(body.chat_id)));
    if (inj) {
      inj.left--;
      call.status = inj.status;
      call.injected = true;
      return json(res, inj.status, inj.body);
    }
    if (LOCAL_METHODS.has(method)) {
      if (!method.startsWith("send")) return json(res, 200, { ok: true, result: true });
      const result = { message_id: ++this.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: "private" } };
      return json(res, 200, { ok: true, result });
    }
    return this.forward(req, res, raw);
  }

  /** long polling: hold an empty answer up to half a second, checking the emulator for new updates */
  private async getUpdates(token: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const mySeq = ++this.seq;
    this.waiting.set(token, mySeq);
    let closed = false;
    res.on("close", () => (closed = true));
    const holdMs = Math.min(500, Number(body.timeout ?? 0) * 1000);
    const until = Date.now() + holdMs;
    for (;;) {
      if (closed) return;
      const updates = this.unread(token) ? [...this.emulator.getUpdates(token), ...this.takeRaw(token)].sort((a, b) => a.update_id - b.update_id) : [];
      if (updates.length) this.delivered.set(token, mySeq);
      if (updates.length || Date.now() >= until) return json(res, 200, { ok: true, result: updates });
      await sleep(15);
    }
  }

  private takeRaw(token: string): { update_id: number }[] {
    const mine = this.raw.filter((r) => r.token === token && !r.read);
    for (const r of mine) r.read = true;
    return mine.map((r) => r.update as { update_id: number });
  }

  private forward(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    return new Promise((resolve) => {
      const up = httpRequest(`${this.emulatorUrl}${req.url}`, { method: req.method, headers: { "content-type": req.headers["content-type"] ?? "application/json", "content-length": Buffer.byteLength(raw) } }, (r) => {
        res.writeHead(r.statusCode ?? 502, { "content-type": r.headers["content-type"] ?? "application/json" });
        r.pipe(res);
        r.on("end", () => resolve());
      });
      up.on("error", (e) => {
        json(res, 502, { ok: false, error_code: 502, description: String(e) });
        resolve();
      });
      up.end(raw);
    });
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A Telegram user chatting with one bot through the emulator's client API. */
export class TestUser {
  constructor(
    private readonly api: FakeBotApi,
    readonly token: string,
    readonly u: { id: number; firstName?: string; languageCode?: string },
  ) {}

  get id() {
    return this.u.id;
  }

  private common() {
    const from = { id: this.u.id, is_bot: false, first_name: this.u.firstName ?? `user${this.u.id}`, language_code: this.u.languageCode ?? "zh-hans" };
    return { botToken: this.token, date: Math.floor(Date.now() / 1000), from, chat: { id: this.u.id, type: "private", first_name: from.first_name } };
  }

  private async post(path: string, body: unknown) {
    const r = await fetch(`${this.api.emulatorUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`emulator ${path}: ${r.status} ${await r.text()}`);
  }

  /** sends and waits until the bot handled it; returns the bot's calls to this chat meanwhile */
  private async exchange(send: () => Promise<void>): Promise<BotApiCall[]> {
    const from = this.api.lastSeq;
    await send();
    await this.api.settled(this.token);
    return this.api.sent(this.u.id).filter((c) => c.seq > from);
  }

  say(text: string): Promise<BotApiCall[]> {
    if (text.startsWith("/")) {
      const cmd = text.split(/\s/)[0];
      return this.exchange(() => this.post("/sendCommand", { ...this.common(), text, entities: [{ offset: 0, length: cmd.length, type: "bot_command" }] }));
    }
    return this.exchange(() => this.post("/sendMessage", { ...this.common(), text }));
  }

  shareLocation(loc: { lat: number; lng: number }): Promise<BotApiCall[]> {
    return this.exchange(() => this.post("/sendMessage", { ...this.common(), location: { latitude: loc.lat, longitude: loc.lng } }));
  }

  /** starts sharing a live location (a location message with live_period); returns the bot's calls and the message id */
  async shareLiveLocation(loc: { lat: number; lng: number }, livePeriod = 3600): Promise<{ calls: BotApiCall[]; messageId: number }> {
    const calls = await this.exchange(() => this.post("/sendMessage", { ...this.common(), location: { latitude: loc.lat, longitude: loc.lng, live_period: livePeriod } }));
    const sent = this.api.emulator.storage.userMessages.filter((u) => "message" in u && (u.message as { from?: { id: number }; location?: unknown }).from?.id === this.u.id && (u.message as { location?: unknown }).location);
    return { calls, messageId: (sent.at(-1) as unknown as { messageId: number }).messageId };
  }

  /** the live location moved: Telegram sends an edited_message with the new location */
  moveLiveLocation(loc: { lat: number; lng: number }, messageId: number, livePeriod = 3600): Promise<BotApiCall[]> {
    const c = this.common();
    const now = Math.floor(Date.now() / 1000);
    const edited_message = { message_id: messageId, from: c.from, chat: c.chat, date: c.date, edit_date: now, location: { latitude: loc.lat, longitude: loc.lng, live_period: livePeriod } };
    return this.exchange(async () => this.api.pushUpdate(this.token, { edited_message }));
  }

  /** taps an inline button (its callback_data) on one of the bot's messages */
  tap(data: string, messageId = 1): Promise<BotApiCall[]> {
    const c = this.common();
    return this.exchange(() => this.post("/sendCallback", { botToken: this.token, date: c.date, from: c.from, message: { message_id: messageId, chat: c.chat, date: c.date }, data }));
  }

  /** the answerCallbackQuery calls among calls (they carry no chat id) */
  static answers(api: FakeBotApi, fromSeq: number): BotApiCall[] {
    return api.calls.filter((c) => c.seq > fromSeq && c.method === "answerCallbackQuery");
  }
}

/** Every inline button (text, callback_data or url) of a call's reply_markup. */
export function inlineButtons(call: BotApiCall | undefined): { text: string; callback_data?: string; url?: string }[] {
  return (call?.body?.reply_markup?.inline_keyboard ?? []).flat();
}
