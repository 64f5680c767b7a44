// The dashboard's sign-in as an attacker would try it: the cookie never holds the token, logout revokes the session
// on the server, guessing the token is slowed per address, malformed credentials are 401s (never 500s), and a brand's
// own admin token sees only that brand.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { adminDashboardRoutes } from "../../src/server/routes/admin-dashboard.ts";
import { Throttle } from "../../src/server/throttle.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const TOKEN = "head-office-admin-token";
const SB_TOKEN = "starbucks-manager-token-123";

describe("admin sessions", () => {
  let db: TestDb;
  let app: FastifyInstance;
  let now = NOON.getTime();
  const throttle = new Throttle({ free: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, clock: () => now });
  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    const clock = () => new Date(now);
    const brandTokens = { starbucks: SB_TOKEN };
    app = await buildServer({
      logger: pino({ level: "silent" }), isReady: () => true,
      routes: [
        adminApiRoutes({ token: TOKEN, brandTokens, db, clock, routes: allAdminRoutes({ db, clock }) }),
        adminDashboardRoutes({ token: TOKEN, brandTokens, db, clock, throttle }),
      ],
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const login = (token: string, ip = "10.0.0.1") => app.inject({ method: "POST", url: "/admin/login", payload: { token }, remoteAddress: ip });
  const brands = (headers: Record<string, string>) => app.inject({ url: "/admin/api/brands", headers });

  it("keeps a random session id in the cookie, and a logout revokes it everywhere", async () => {
    const r = await login(TOKEN, "10.0.0.2");
    expect(r.statusCode).toBe(200);
    const jar = String(r.headers["set-cookie"]).split(";")[0];
    expect(jar).not.toContain(TOKEN);
    expect((await brands({ cookie: jar })).statusCode).toBe(200);
    // a copy of the cookie (another tab, a stolen one) dies with the logout too
    const copy = jar;
    await app.inject({ method: "POST", url: "/admin/logout", headers: { cookie: jar } });
    expect((await brands({ cookie: copy })).statusCode).toBe(401);
    expect((await app.inject({ url: "/admin/session", headers: { cookie: copy } })).json().signedIn).toBe(false);
    // the pre-session cookie that held the raw token is refused
    expect((await brands({ cookie: `o2o_admin=${TOKEN}` })).statusCode).toBe(401);
    // the bearer token keeps working for tools
    expect((await brands({ authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
  });

  it("expires a session after its time", async () => {
    const jar = String((await login(TOKEN, "10.0.0.3")).headers["set-cookie"]).split(";")[0];
    now += 13 * 3600_000;
    try {
      expect((await brands({ cookie: jar })).statusCode).toBe(401);
    } finally {
      now -= 13 * 3600_000;
    }
  });

  it("answers malformed cookies and headers with 401, never 500", async () => {
    const bad: Record<string, string>[] = [
      { cookie: "o2o_admin=%E0%A4%A" }, { cookie: "o2o_admin=" }, { cookie: "o2o_admin" }, { cookie: ";;;=;o2o_admin=%%%" },
      { cookie: `o2o_admin=${"x".repeat(5000)}` }, { cookie: "o2o_admin=\u00ff\u00fe" }, { authorization: "Bearer" }, { authorization: "Bearer a b c" },
      { authorization: "Basic Zm9vOmJhcg==" }, { authorization: `Bearer ${"%".repeat(3000)}` },
    ];
    for (const headers of bad) {
      const r = await brands(headers);
      expect([JSON.stringify(headers).slice(0, 60), r.statusCode]).toEqual([JSON.stringify(headers).slice(0, 60), 401]);
      expect(r.json().error.code).toBe("UNAUTHORIZED");
    }
  });

  it("slows 300 wrong logins from one address: refused with a growing wait, even for the right token meanwhile", async () => {
    const ip = "203.0.113.9";
    const codes: number[] = [];
    const waits: number[] = [];
    for (let i = 0; i < 300; i++) {
      const r = await login(`guess-${i}`, ip);
      codes.push(r.statusCode);
      if (r.statusCode === 429) waits.push(Number(r.headers["retry-after"]));
      // the attacker waits out each lock, as a patient script would: the locks keep growing
      if (r.statusCode === 429 && i % 20 === 0) now += Number(r.headers["retry-after"]) * 1000;
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(20);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(280);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(60);
    const locked = await login(TOKEN, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("TOO_MANY_ATTEMPTS");
    // another address is not held up
    expect((await login(TOKEN, "198.51.100.7")).statusCode).toBe(200);
    // after the wait, the right token gets in
    now += 16 * 60_000;
    expect((await login(TOKEN, ip)).statusCode).toBe(200);
  });

  it("a brand's admin token sees only that brand", async () => {
    const jar = String((await login(SB_TOKEN, "10.0.0.4")).headers["set-cookie"]).split(";")[0];
    const list = (await brands({ cookie: jar })).json();
    expect(list.items.map((b: { id: string }) => b.id)).toEqual(["starbucks"]);
    expect((await app.inject({ url: "/admin/api/brands/starbucks/stores", headers: { cookie: jar } })).statusCode).toBe(200);
    const other = await app.inject({ url: "/admin/api/brands/gxg/report", headers: { authorization: `Bearer ${SB_TOKEN}` } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe("FORBIDDEN");
    const head = (await brands({ authorization: `Bearer ${TOKEN}` })).json();
    expect(head.items.length).toBeGreaterThan(1);
  });
});
