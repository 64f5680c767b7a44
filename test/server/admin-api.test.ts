import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { adminToken } from "../../src/app/settings.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { DATABASES, freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const TOKEN = "admin-secret-token";

describe.each(DATABASES)("the admin API on %s", (kind) => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb(kind);
    await loadDemoIfEmpty(db);
    app = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [adminApiRoutes({ token: TOKEN, routes: allAdminRoutes({ db, clock: () => NOON }) })] });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const get = (url: string, token: string | null = TOKEN) => app.inject({ method: "GET", url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("refuses calls without the token or with a wrong one", async () => {
    for (const token of [null, "wrong", `${TOKEN}x`]) {
      const r = await get("/admin/api/brands", token);
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    }
    const cookie = await app.inject({ method: "GET", url: "/admin/api/brands", headers: { cookie: `o2o_admin=${TOKEN}` } });
    // the token itself is never accepted from a cookie (the dashboard's cookie holds a session secret)
    expect(cookie.statusCode).toBe(401);
  });

  it("pages through lists with limit and offset", async () => {
    const all = (await get("/admin/api/brands?limit=500")).json();
    expect(all.total).toBe(await db.prisma.brand.count());
    const first = (await get("/admin/api/brands?limit=2")).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextOffset).toBe(2);
    const rest = (await get(`/admin/api/brands?limit=500&offset=${first.nextOffset}`)).json();
    expect([...first.items, ...rest.items].map((b: { id: string }) => b.id)).toEqual(all.items.map((b: { id: string }) => b.id));
    expect(rest.nextOffset).toBeNull();
    const stores = (await get("/admin/api/brands/starbucks/stores?limit=1")).json();
    expect(stores.total).toBe(await db.prisma.store.count({ where: { brandId: "starbucks" } }));
  });

  it("says what is wrong with bad input and unknown ids", async () => {
    const bad = await get("/admin/api/brands?limit=0");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/limit/);
    const missing = await get("/admin/api/brands/nope/stores");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("NOT_FOUND");
  });

  it("describes itself in OpenAPI without a token", async () => {
    const doc = (await get("/admin/api/openapi.json", null)).json();
    expect(doc.openapi).toMatch(/^3\./);
    const op = doc.paths["/admin/api/brands/{brandId}/stores"].get;
    expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(["path:brandId", "query:limit", "query:offset"]);
    expect(op.responses["401"]).toBeDefined();
  });

  it("generates and keeps an admin token when ADMIN_TOKEN is not set", async () => {
    const a = await adminToken(db, {});
    expect(a.length).toBeGreaterThanOrEqual(20);
    expect(await adminToken(db, {})).toBe(a);
    expect(await adminToken(db, { ADMIN_TOKEN: "from-env" })).toBe("from-env");
  });
});
