// The server as an operator runs it: `src/main.ts` (or the build's dist/main.js) as a child process in webhook mode,
// Telegram updates posted to it as Telegram would (with the secret token), and a TCP proxy in front of PostgreSQL
// that a test can cut and restore (the database "going away" without stopping the shared server).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { projectRoot } from "../../src/paths.ts";
import { SECRET_HEADER, webhookPath, webhookSecret } from "../../src/channels/telegram/webhook-routes.ts";
import { freePort } from "./telegram-emulator.ts";

export interface AppProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  /** resolves with the exit code */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startApp(env: Record<string, string>, opts: { entry?: string; cwd?: string } = {}): Promise<AppProcess> {
  const port = await freePort();
  const entry = opts.entry ?? join(projectRoot, "src/main.ts");
  const args = entry.endsWith(".ts") ? ["--import", "tsx", entry] : [entry];
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd ?? projectRoot,
    env: { ...process.env, LOG_LEVEL: "info", LOG_FORMAT: "json", DEMO: "0", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const app: AppProcess = {
    child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${app.url}/healthz`)).ok) return app;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const user = (id: number) => ({ id, is_bot: false, first_name: `U${id}`, language_code: "zh-hans" });
const chat = (id: number) => ({ id, type: "private", first_name: `U${id}` });
const date = () => Math.floor(Date.now() / 1000);

export const updates = {
  text: (updateId: number, userId: number, text: string) => ({ update_id: updateId, message: { message_id: updateId, date: date(), chat: chat(userId), from: user(userId), text } }),
  location: (updateId: number, userId: number, lat: number, lng: number) => ({ update_id: updateId, message: { message_id: updateId, date: date(), chat: chat(userId), from: user(userId), location: { latitude: lat, longitude: lng } } }),
  tap: (updateId: number, userId: number, data: string) => ({
    update_id: updateId,
    callback_query: { id: `cq${updateId}`, from: user(userId), chat_instance: `ci${userId}`, data, message: { message_id: 1, date: date(), chat: chat(userId), text: "…" } },
  }),
};

/** Posts one update to the bot's webhook as Telegram does; resolves with the HTTP status once the server answered. */
export async function postUpdate(app: { url: string }, botId: string, token: string, update: object): Promise<number> {
  const r = await fetch(`${app.url}${webhookPath(botId)}`, { method: "POST", headers: { "content-type": "application/json", [SECRET_HEADER]: webhookSecret(token) }, body: JSON.stringify(update) });
  await r.arrayBuffer();
  return r.status;
}

/** A TCP proxy to `target` (host:port) that can refuse and cut every connection, then accept again. */
export interface TcpProxy {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let open = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!open) return client.destroy();
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    const done = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", done).on("close", done);
    upstream.on("error", done).on("close", done);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      open = true;
    },
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** A metric's value from Prometheus text (the sum over series whose labels include `labels`). */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const have = Object.fromEntries([...(m[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[2]);
  }
  return sum;
}
