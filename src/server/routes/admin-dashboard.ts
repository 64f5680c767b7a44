// The merchant dashboard: static files of web/admin/ under /admin/ (plain ES modules, no bundler, no CDN), and the
// login that turns the admin token into the httpOnly `o2o_admin` cookie the admin API accepts (admin-api.ts).
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { projectRoot } from "../../paths.ts";
import { safeEqualHex } from "../../payments/signing.ts";
import { isAdmin } from "../admin/admin-api.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

// the dashboard is never framed and loads nothing from elsewhere
const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"].join("; ");
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
export const ADMIN_COOKIE = "o2o_admin";
const SESSION_SECONDS = 12 * 3600;

const loginBody = z.object({ token: z.string().min(1).max(500) });

export interface AdminDashboardDeps {
  token: string;
  webDir?: string;
  /** add `Secure` to the cookie (PUBLIC_URL is https) */
  secureCookie?: boolean;
}

export function adminDashboardRoutes(deps: AdminDashboardDeps) {
  const webDir = deps.webDir ?? join(projectRoot, "web", "admin");
  const cache = new Map<string, { mtimeMs: number; body: Buffer; etag: string }>();

  async function load(name: string) {
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
    if (name.endsWith(".html")) reply.header("content-security-policy", CSP).header("referrer-policy", "same-origin").header("x-frame-options", "DENY");
    if (ifNoneMatch === f.etag) return reply.code(304).send();
    return reply.type(TYPES[extname(name)]).send(f.body);
  }

  const cookie = (value: string, maxAge: number) =>
    `${ADMIN_COOKIE}=${encodeURIComponent(value)}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${deps.secureCookie ? "; Secure" : ""}`;

  return async (app: FastifyInstance) => {
    app.get("/admin", async (_req, reply) => reply.redirect("/admin/", 302));
    app.get("/admin/", async (req, reply) => send("index.html", req.headers["if-none-match"], reply));
    app.get<{ Params: { "*": string } }>("/admin/*", async (req, reply) => {
      const name = req.params["*"];
      if (name.startsWith("api/")) return reply.code(404).send({ ok: false, error: { code: "NOT_FOUND", message: "no such API route" } });
      return send(name, req.headers["if-none-match"], reply);
    });
    app.post("/admin/login", async (req, reply) => {
      const body = loginBody.safeParse(req.body);
      if (!body.success) return reply.code(400).send({ ok: false, error: { code: "INVALID_INPUT", message: "send {\"token\": \"<ADMIN_TOKEN>\"}" } });
      if (!safeEqualHex(body.data.token.trim(), deps.token)) {
        return reply.code(401).send({ ok: false, error: { code: "UNAUTHORIZED", message: "wrong admin token" } });
      }
      return reply.header("set-cookie", cookie(deps.token, SESSION_SECONDS)).header("cache-control", "no-store").send({ ok: true });
    });
    app.post("/admin/logout", async (_req, reply) => reply.header("set-cookie", cookie("", 0)).send({ ok: true }));
    // lets the page know whether its cookie is still good without loading data
    app.get("/admin/session", async (req, reply) => reply.header("cache-control", "no-store").send({ ok: true, signedIn: isAdmin(req, deps.token) }));
  };
}
