// The fake Bot API on its own thread (plain JS, no loader needed): arrival times are taken on an event loop that the
// sender's database work cannot stall, so the busiest-second figure measures the sender, not the measuring.
import { createServer } from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const times = [];
const perChat = new Map();
const firstAt = new Map();
const blocked = new Set(workerData?.blockedChats ?? []);
let id = 1;
const server = createServer((req, res) => {
  const at = performance.timeOrigin + performance.now();
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    let body = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {}
    res.setHeader("content-type", "application/json");
    if (!m || m[2] !== "sendMessage") return res.end(JSON.stringify({ ok: true, result: true }));
    const chat = String(body.chat_id);
    if (blocked.has(chat)) {
      res.statusCode = 403;
      return res.end(JSON.stringify({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }));
    }
    times.push(at);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    if (!firstAt.has(chat)) firstAt.set(chat, at);
    res.end(JSON.stringify({ ok: true, result: { message_id: id++, date: Math.floor(Date.now() / 1000), chat: { id: Number(chat) || 0, type: "private" }, text: body.text } }));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ type: "listening", port: server.address().port }));
parentPort.on("message", (msg) => {
  if (msg === "stats") parentPort.postMessage({ type: "stats", times, perChat: [...perChat.entries()], firstAt: [...firstAt.entries()] });
  if (msg === "close") server.close(() => process.exit(0));
});
