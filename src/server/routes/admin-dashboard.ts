// The merchant dashboard: static files of web/admin/ under /admin/ (plain ES modules, no bundler, no CDN), and the
// login that turns the admin token into the httpOnly `o2o_admin` cookie the admin API accepts (admin-api.ts).
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { projectRoot } from "../../paths.ts";
import { safeEqualHex } from "../../payments/signing.ts";
import { isAdmin } from "../admin/admin-api.ts";
import { staticFiles } from "./static-files.ts";

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
  const send = staticFiles({
    dir: deps.webDir ?? join(projectRoot, "web", "admin"), safeName: SAFE_NAME, types: [".html", ".js", ".css", ".svg"],
    htmlHeaders: { "content-security-policy": CSP, "referrer-policy": "same-origin", "x-frame-options": "DENY" },
  });

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
