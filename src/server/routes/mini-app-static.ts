// The Mini App's static front end: web/ served under /app/ (index.html for /app/, plain ES modules and CSS beside it).
// No bundler and no CDN: the browser loads a few small modules; ETags let repeat visits revalidate cheaply.
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { projectRoot } from "../../paths.ts";
import { staticFiles } from "./static-files.ts";

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

export function miniAppStaticRoutes(opts: { webDir?: string } = {}) {
  const send = staticFiles({ dir: opts.webDir ?? join(projectRoot, "web"), safeName: SAFE_NAME, htmlHeaders: { "content-security-policy": CSP, "referrer-policy": "same-origin" } });

  return async (app: FastifyInstance) => {
    app.get("/app", async (req, reply) => {
      const q = req.url.indexOf("?");
      return reply.redirect(`/app/${q >= 0 ? req.url.slice(q) : ""}`, 302);
    });
    app.get("/app/", async (req, reply) => send("index.html", req.headers["if-none-match"], reply));
    app.get<{ Params: { "*": string } }>("/app/*", async (req, reply) => {
      const name = req.params["*"];
      if (name.startsWith("api/")) return reply.code(404).send({ ok: false, error: { code: "NOT_FOUND", message: "no such API route" } });
      if (name.startsWith("admin/")) return reply.code(404).type("text/plain; charset=utf-8").send("not found"); // the dashboard lives under /admin/
      return send(name, req.headers["if-none-match"], reply);
    });
  };
}
