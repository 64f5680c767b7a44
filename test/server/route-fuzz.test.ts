// Every route of the server, hit with what a hostile client sends: malformed cookies and headers, odd query strings,
// broken and oversized bodies, junk path parameters. Nothing may answer 5xx, and every JSON error names a code and a
// message. Deterministic (seeded), on SQLite with the demo catalog.
import pino from "pino";
import type { FastifyInstance, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBot } from "../../src/bot-config.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { adminDashboardRoutes } from "../../src/server/routes/admin-dashboard.ts";
import { miniAppRoutes } from "../../src/server/routes/mini-app.ts";
import { paymentRoutes } from "../../src/server/routes/payments.ts";
import { Throttle } from "../../src/server/throttle.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const COOKIES = [
  "o2o_session=%E0%A4%A", "o2o_admin=%%%", "o2o_session=; o2o_admin=", "o2o_session", "=;=;;", `o2o_session=${"a".repeat(8000)}`,
  "o2o_session=s%3Aabc.def", "o2o_admin=\u00ff", "o2o_session=x.y.z; o2o_session=again", "a=1;b",
];
const AUTHS = ["tma ", "tma %ZZ&hash=zz", "Bearer", "Bearer \u0000", `Bearer ${"%".repeat(2000)}`, "Basic x", "tma hash=" + "0".repeat(64), "bearer a.b", "", "   "];
const QUERIES = [
  "", "?", "?limit=-1", "?limit=1e309", "?limit=abc&offset=-5", "?lat=NaN&lng=Infinity", "?store[]=x&store[]=y", "?brand=%ZZ", "?lang=en&brand=" + "x".repeat(5000),
  "?offset=99999999999999999999", "?store=" + encodeURIComponent("'; DROP TABLE \"Order\"; --"), "?from=not-a-date&to=2026-13-45", "?token=%00",
];
const BODIES: (string | undefined)[] = [
  undefined, "", "{", "null", "[]", "42", '"text"', "{\"name\":null}", "{\"name\":\"" + "x".repeat(70) + "\"}", "{\"token\":{\"$ne\":1}}",
  "{\"storeId\":\"sb-tianhe\",\"items\":[{\"productId\":\"sb-latte\",\"quantity\":1e99}]}", "{\"items\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
  "{\"confirm\":\"true\"}", "{\"id\":1,\"hash\":\"zz\",\"auth_date\":\"x\"}", "\u0000\u0001", "{\"__proto__\":{\"admin\":true}}",
];
const PARAMS = ["x", "%ZZ", "..%2F..%2Fpackage.json", "a".repeat(150), "0", "-1", "null", "%00", "sb-latte"];

describe("route fuzz", () => {
  let db: TestDb;
  let app: FastifyInstance;
  const routes: { method: string; url: string }[] = [];
  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    const clock = () => NOON;
    const loose = () => new Throttle({ free: 1e9, baseDelayMs: 1, maxDelayMs: 1 });
    app = await buildServer({
      logger: pino({ level: "silent" }), isReady: () => true,
      routes: [
        (a) => {
          a.addHook("onRoute", (r: RouteOptions) => {
            for (const m of [r.method].flat()) if (m !== "HEAD") routes.push({ method: m, url: r.url! });
          });
        },
        paymentRoutes({ db, secret: "fuzz", clock }),
        miniAppRoutes({ db, clock, publicUrl: "http://shop.test", secret: "fuzz", localSignIn: true, throttle: loose(), bots: [{ bot: findBot("marketplace"), token: "1:fuzz" }] }),
        adminApiRoutes({ token: "fuzz-admin-token", db, clock, routes: allAdminRoutes({ db, clock }) }),
        adminDashboardRoutes({ token: "fuzz-admin-token", db, clock, throttle: loose() }),
      ],
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("answers every malformed request with 2xx/3xx/4xx and a JSON error body, never 5xx", async () => {
    expect(routes.length).toBeGreaterThan(20);
    const rnd = prng(15);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (let i = 0; i < 25; i++) {
        const path = route.url.replace(/:\w+/g, () => pick(PARAMS)).replace("*", pick(["x.js", "api/x", "%2e%2e/x", "index.html"]));
        const headers: Record<string, string> = {};
        if (rnd() < 0.7) headers.cookie = pick(COOKIES);
        if (rnd() < 0.6) headers.authorization = pick(AUTHS);
        if (rnd() < 0.3) headers["accept-language"] = pick(["en", "zh", "\u0000", "x".repeat(300)]);
        const body = route.method === "GET" ? undefined : pick(BODIES);
        if (body !== undefined) headers["content-type"] = pick(["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"]);
        const r = await app.inject({ method: route.method as "GET", url: path + pick(QUERIES), headers, ...(body !== undefined ? { payload: body } : {}) });
        sent++;
        const tag = `${route.method} ${path} ${JSON.stringify(headers).slice(0, 120)} ${String(body).slice(0, 60)} → ${r.statusCode}`;
        if (r.statusCode >= 500) failures.push(`${tag} ${r.body.slice(0, 200)}`);
        else if (r.statusCode >= 400 && String(r.headers["content-type"]).includes("json")) {
          const e = r.json().error;
          if (!e || typeof e.code !== "string" || typeof e.message !== "string" || !e.message) failures.push(`${tag}: error body without code and message: ${r.body.slice(0, 200)}`);
          if (/\n\s+at /.test(r.body)) failures.push(`${tag}: stack trace in the body`);
        } else if (r.statusCode >= 400 && !String(r.headers["content-type"]).includes("html")) failures.push(`${tag}: error body is not JSON (${r.headers["content-type"]})`);
      }
    }
    expect(failures.slice(0, 15)).toEqual([]);
    expect(sent).toBeGreaterThan(500);
  }, 300_000);
});
