// The dashboard's server side: static files under /admin/ with a strict CSP, and the login that turns the admin token
// into an httpOnly cookie the admin API accepts (wrong token: a clear 401, nothing set).
import pino from "pino";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminDashboardRoutes } from "../../src/server/routes/admin-dashboard.ts";
import { miniAppStaticRoutes } from "../../src/server/routes/mini-app-static.ts";
import { freshDb, type TestDb } from "../support/databases.ts";

const TOKEN = "dash-routes-token";

describe("the dashboard routes", () => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb("sqlite");
    app = await buildServer({
      logger: pino({ level: "silent" }), isReady: () => true,
      routes: [adminApiRoutes({ token: TOKEN, db, routes: allAdminRoutes({ db, clock: () => new Date() }) }), adminDashboardRoutes({ token: TOKEN, db, secureCookie: true }), miniAppStaticRoutes()],
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("serves the page and its modules from this server only", async () => {
    expect((await app.inject("/admin")).headers.location).toBe("/admin/");
    const page = await app.inject("/admin/");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'self'(;|$)/);
    expect(page.body).not.toMatch(/https?:\/\//);
    // dom.js is the element builder the dashboard shares with the Mini App (web/dom.js, served as /app/dom.js)
    for (const f of ["admin/admin.js", "admin/charts.js", "app/dom.js", "admin/i18n.js", "admin/admin.css"]) {
      const r = await app.inject(`/${f}`);
      expect([f, r.statusCode]).toEqual([f, 200]);
      expect(r.body).not.toMatch(/(src|href|import)[^\n]*https?:\/\//);
    }
    expect((await app.inject("/admin/..%2F..%2Fpackage.json")).statusCode).toBe(404);
    expect((await app.inject("/admin/nope.js")).statusCode).toBe(404);
    const api = await app.inject("/admin/api/nothing-here");
    expect(api.statusCode).toBe(404);
    expect(api.json().ok).toBe(false);
  });

  it("logs in with the admin token into an httpOnly cookie the API accepts, and logs out", async () => {
    const wrong = await app.inject({ method: "POST", url: "/admin/login", payload: { token: "guess" } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({ code: "UNAUTHORIZED", message: "wrong admin token" });
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    expect((await app.inject({ method: "POST", url: "/admin/login", payload: { nope: 1 } })).statusCode).toBe(400);

    const ok = await app.inject({ method: "POST", url: "/admin/login", payload: { token: TOKEN } });
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers["set-cookie"]);
    expect(cookie).toMatch(/^o2o_admin=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/Secure/);
    const jar = cookie.split(";")[0];
    expect((await app.inject({ url: "/admin/session", headers: { cookie: jar } })).json().signedIn).toBe(true);
    expect((await app.inject({ url: "/admin/session" })).json().signedIn).toBe(false);
    expect((await app.inject({ url: "/admin/api/brands", headers: { cookie: jar } })).statusCode).toBe(200);

    const out = await app.inject({ method: "POST", url: "/admin/logout" });
    expect(String(out.headers["set-cookie"])).toMatch(/o2o_admin=;.*Max-Age=0/);
  });
});
