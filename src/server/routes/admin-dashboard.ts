// The merchant dashboard: static files of web/admin/ under /admin/ (plain ES modules, no bundler, no CDN), and the
// login that turns the admin token into a server-side session (its random secret in the httpOnly `o2o_admin` cookie the
// admin API accepts, admin-api.ts), throttled per client address; logout deletes the session.
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { projectRoot } from "../../paths.ts";
import type { Db } from "../../db/database.ts";
import { boardFingerprint } from "../../app/ordering/order-board.ts";
import { ADMIN_SESSION_TTL_MS, endAdminSession, startAdminSession } from "../../app/sessions.ts";
import { cookieValue } from "../../miniapp/web-session.ts";
import { ADMIN_COOKIE, adminAuth, principalOfToken } from "../admin/admin-api.ts";
import { Throttle, tooManyAttempts } from "../throttle.ts";
import { staticFiles } from "./static-files.ts";

// the dashboard is never framed and loads nothing from elsewhere
const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"].join("; ");
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const loginBody = z.object({ token: z.string().min(1).max(500) });

export interface AdminDashboardDeps {
  token: string;
  /** per-brand admin tokens (ADMIN_BRAND_TOKENS): a brand's manager signs in to see that brand only */
  brandTokens?: Record<string, string>;
  /** where sessions are kept (server-side, revocable) */
  db: Db;
  webDir?: string;
  /** add `Secure` to the cookie (PUBLIC_URL is https) */
  secureCookie?: boolean;
  clock?: () => Date;
  /** login guessing brake per client address (default: 5 free tries, then 1 s doubling up to 15 min) */
  throttle?: Throttle;
}

export function adminDashboardRoutes(deps: AdminDashboardDeps) {
  const send = staticFiles({
    dir: deps.webDir ?? join(projectRoot, "web", "admin"), safeName: SAFE_NAME, types: [".html", ".js", ".css", ".svg"],
    htmlHeaders: { "content-security-policy": CSP, "referrer-policy": "same-origin", "x-frame-options": "DENY" },
  });
  const clock = deps.clock ?? (() => new Date());
  const auth = adminAuth(deps);
  const throttle = deps.throttle ?? new Throttle({ free: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 });

  // the cookie holds a random session secret, never the admin token
  const cookie = (value: string, maxAge: number) =>
    `${ADMIN_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${deps.secureCookie ? "; Secure" : ""}`;

  return async (app: FastifyInstance) => {
    // open event streams end when the server closes (they would otherwise hold a graceful shutdown until its timeout)
    const streams = new Set<() => void>();
    app.addHook("preClose", async () => {
      for (const end of streams) end();
    });
    // the Orders page's live feed (server-sent events): an "orders" event whenever one of the brand's orders is
    // created or moves, from any instance (the database is polled, one cheap aggregate every 2 s per open page)
    app.get<{ Params: { brandId: string } }>("/admin/api/brands/:brandId/orders/events", async (req, reply) => {
      const who = await auth.check(req);
      if (!who) return reply.code(401).send({ ok: false, error: { code: "UNAUTHORIZED", message: "sign in again" } });
      const brandId = String(req.params.brandId).slice(0, 100);
      if (who.brandId !== null && who.brandId !== brandId) return reply.code(403).send({ ok: false, error: { code: "FORBIDDEN", message: `this session is for brand ${who.brandId} only` } });
      reply.hijack();
      reply.raw.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
      let last = "";
      let open = true;
      const tick = async () => {
        if (!open) return;
        try {
          const now = await boardFingerprint(deps.db, brandId);
          reply.raw.write(now !== last ? `event: orders\ndata: ${JSON.stringify({ fingerprint: now })}\n\n` : ": keep-alive\n\n");
          last = now;
        } catch {
          // the database is briefly away: the next tick tries again
        }
      };
      const timer = setInterval(tick, 2000);
      timer.unref();
      const end = () => {
        open = false;
        clearInterval(timer);
        streams.delete(end);
        reply.raw.end();
      };
      streams.add(end);
      req.raw.on("close", end);
      await tick();
    });
    app.get("/admin", async (_req, reply) => reply.redirect("/admin/", 302));
    app.get("/admin/", async (req, reply) => send("index.html", req.headers["if-none-match"], reply));
    app.get<{ Params: { "*": string } }>("/admin/*", async (req, reply) => {
      const name = req.params["*"];
      if (name.startsWith("api/")) return reply.code(404).send({ ok: false, error: { code: "NOT_FOUND", message: "no such API route" } });
      return send(name, req.headers["if-none-match"], reply);
    });
    app.post("/admin/login", async (req, reply) => {
      reply.header("cache-control", "no-store");
      const key = `admin:${req.ip}`;
      const allowed = throttle.check(key);
      if (!allowed.ok) return reply.code(429).header("retry-after", String(allowed.retryAfterSeconds)).send(tooManyAttempts(allowed.retryAfterSeconds));
      const body = loginBody.safeParse(req.body);
      if (!body.success) return reply.code(400).send({ ok: false, error: { code: "INVALID_INPUT", message: "send {\"token\": \"<ADMIN_TOKEN>\"}" } });
      const who = principalOfToken(body.data.token.trim(), deps.token, deps.brandTokens);
      if (!who) {
        throttle.fail(key);
        return reply.code(401).send({ ok: false, error: { code: "UNAUTHORIZED", message: "wrong admin token" } });
      }
      throttle.succeed(key);
      const session = await startAdminSession(deps.db, { brandId: who.brandId, at: clock() });
      return reply.header("set-cookie", cookie(session.secret, Math.floor(ADMIN_SESSION_TTL_MS / 1000))).send({ ok: true, brandId: who.brandId });
    });
    // ends the session on the server too: the old cookie is refused afterwards, wherever it was copied
    app.post("/admin/logout", async (req, reply) => {
      const secret = cookieValue(typeof req.headers.cookie === "string" ? req.headers.cookie : undefined, ADMIN_COOKIE);
      if (secret) await endAdminSession(deps.db, secret);
      return reply.header("set-cookie", cookie("", 0)).header("cache-control", "no-store").send({ ok: true });
    });
    // lets the page know whether its cookie is still good without loading data
    app.get("/admin/session", async (req, reply) => {
      const who = await auth.check(req);
      return reply.header("cache-control", "no-store").send({ ok: true, signedIn: !!who, brandId: who?.brandId ?? null });
    });
  };
}
