// The Mini App's static front end: web/ served under /app/ (index.html for /app/, plain ES modules and CSS beside it).
// No bundler and no CDN: the browser loads a few small modules; ETags let repeat visits revalidate cheaply.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { projectRoot } from "../../paths.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

// Telegram's web client shows Mini Apps in an iframe, so framing stays allowed; scripts come from here only, plus
// Telegram's own telegram-web-app.js, which app.js loads only when it runs inside Telegram.
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://telegram.org",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

interface Cached {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}

export function miniAppStaticRoutes(opts: { webDir?: string } = {}) {
  const webDir = opts.webDir ?? join(projectRoot, "web");
  const cache = new Map<string, Cached>();

  async function load(name: string): Promise<Cached | null> {
    if (!SAFE_NAME.test(name) || !TYPES[extname(name)]) return null;
    const file = join(webDir, name);
    try {
      const st = await stat(file);
      if (!st.isFile()) return null;
      const had = cache.get(file);
      if (had && had.mtimeMs === st.mtimeMs) return had;
      const body = await readFile(file);
      const entry = { mtimeMs: st.mtimeMs, body, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"` };
      cache.set(file, entry);
      return entry;
    } catch {
      return null;
    }
  }

  async function send(name: string, ifNoneMatch: string | undefined, reply: FastifyReply) {
    const f = await load(name);
    if (!f) return reply.code(404).type("text/plain; charset=utf-8").send("not found");
    reply.header("cache-control", "no-cache").header("etag", f.etag).header("x-content-type-options", "nosniff");
    if (name.endsWith(".html")) reply.header("content-security-policy", CSP).header("referrer-policy", "same-origin");
    if (ifNoneMatch === f.etag) return reply.code(304).send();
    return reply.type(TYPES[extname(name)]).send(f.body);
  }

  return async (app: FastifyInstance) => {
    app.get("/app", async (req, reply) => {
      const q = req.url.indexOf("?");
      return reply.redirect(`/app/${q >= 0 ? req.url.slice(q) : ""}`, 302);
    });
    app.get("/app/", async (req, reply) => send("index.html", req.headers["if-none-match"], reply));
    app.get<{ Params: { "*": string } }>("/app/*", async (req, reply) => {
      const name = req.params["*"];
      if (name.startsWith("api/")) return reply.code(404).send({ ok: false, error: { code: "NOT_FOUND", message: "no such API route" } });
      return send(name, req.headers["if-none-match"], reply);
    });
  };
}
