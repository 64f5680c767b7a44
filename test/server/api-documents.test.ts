// The admin and Mini App APIs describe themselves from the zod schemas that validate them: Swagger UI at
// /admin/api/docs (served from the package, public), one OpenAPI document per API listing every route with its
// request schema, and bad input still answered with the same friendly JSON error as before the schemas moved into
// fastify (exact bodies), after the credential check where that came first.
import pino from "pino";
import type { FastifyInstance, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { findBot } from "../../src/bot-config.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { miniAppRoutes } from "../../src/server/routes/mini-app.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";

const TOKEN = "docs-admin-token";
const admin = { authorization: `Bearer ${TOKEN}` };

type Operation = {
  tags?: string[];
  summary?: string;
  parameters?: { in: string; name: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { type?: string; properties?: Record<string, unknown> } }> };
  responses: Record<string, unknown>;
};
type Document = { openapi: string; info: { title: string }; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

const keysOf = (s: unknown) => (s instanceof z.ZodObject ? Object.keys(s.shape) : []);
const openApiPath = (url: string) => url.replace(/:(\w+)/g, "{$1}");

describe("the API documents", () => {
  let db: TestDb;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  const routes: RouteOptions[] = [];
  beforeAll(async () => {
    db = await freshDb("sqlite");
    await loadDemoIfEmpty(db);
    const clock = () => NOON;
    const miniApp = (localSignIn: boolean) => miniAppRoutes({ db, clock, publicUrl: "http://shop.test", secret: "docs-secret", localSignIn, bots: [{ bot: findBot("marketplace"), token: "1:docs" }] });
    app = await buildServer({
      logger: pino({ level: "silent" }), isReady: () => true,
      routes: [
        (a) => void a.addHook("onRoute", (r: RouteOptions) => void routes.push(r)),
        miniApp(true),
        adminApiRoutes({ token: TOKEN, routes: allAdminRoutes({ db, clock }) }),
      ],
    });
    closed = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [miniApp(false)] });
  });
  afterAll(async () => {
    await app.close();
    await closed.close();
    await db.drop();
  });

  const documentAt = async (url: string) => {
    const r = await app.inject({ url });
    expect(r.statusCode, url).toBe(200);
    return r.json() as Document;
  };

  it("serves Swagger UI at /admin/api/docs without a token, its scripts from the package, offering both documents", async () => {
    for (const url of ["/admin/api/docs", "/admin/api/docs/"]) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
      expect(page.body).toContain('<div id="swagger-ui">');
      // every asset is ours: no CDN, and each link resolves under /admin/api/docs
      const assets = [...page.body.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThanOrEqual(4);
      for (const asset of assets) {
        expect(asset, asset).not.toMatch(/^(https?:)?\/\//);
        const resolved = new URL(asset, `http://x${url}`).pathname;
        expect(resolved, asset).toMatch(/^\/admin\/api\/docs\/static\//);
        expect((await app.inject({ url: resolved })).statusCode, resolved).toBe(200);
      }
    }
    const init = await app.inject({ url: "/admin/api/docs/static/swagger-initializer.js" });
    expect(init.body).toContain("/admin/api/openapi.json");
    expect(init.body).toContain("/app/api/openapi.json");
    // the document the UI reads is the admin API's own
    expect(await documentAt("/admin/api/docs/json")).toEqual(await documentAt("/admin/api/openapi.json"));
  });

  it("lists every admin and Mini App route with its request schema, and nothing else", async () => {
    const documents = { "/admin/api/": await documentAt("/admin/api/openapi.json"), "/app/api/": await documentAt("/app/api/openapi.json") };
    expect(documents["/admin/api/"].openapi).toBe("3.1.0");
    expect(documents["/app/api/"].info.title).toMatch(/Mini App/);
    expect(Object.keys(documents["/app/api/"].components.securitySchemes)).toEqual(["telegramInitData", "sessionToken", "sessionCookie"]);
    let listed = 0;
    for (const [prefix, doc] of Object.entries(documents)) {
      const api = routes.filter((r) => r.url!.startsWith(prefix) && !(r.schema as { hide?: boolean } | undefined)?.hide && [r.method].flat().some((m) => m !== "HEAD"));
      const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(operations.sort()).toEqual(api.flatMap((r) => [r.method].flat().filter((m) => m !== "HEAD").map((m) => `${m} ${openApiPath(r.url!)}`)).sort());
      for (const r of api) {
        const where = `${r.method} ${r.url}`;
        const op = doc.paths[openApiPath(r.url!)][String(r.method).toLowerCase()];
        expect(op.summary, where).toBeTruthy();
        expect(op.tags?.length, where).toBe(1);
        const schema = r.schema as { params?: unknown; querystring?: unknown; body?: unknown };
        const named = (part: string) => (op.parameters ?? []).filter((p) => p.in === part).map((p) => p.name);
        expect(named("path"), where).toEqual([...r.url!.matchAll(/:(\w+)/g)].map((m) => m[1]));
        if (schema.params) expect(named("path"), where).toEqual(keysOf(schema.params));
        expect(named("query"), where).toEqual(keysOf(schema.querystring));
        if (schema.body) expect(Object.keys(op.requestBody!.content["application/json"].schema.properties ?? {}), where).toEqual(keysOf(schema.body));
        else expect(op.requestBody, where).toBeUndefined();
        expect(op.responses["400"], where).toBeDefined();
        listed++;
      }
    }
    expect(listed).toBeGreaterThanOrEqual(45);
    // a few the console and the shop depend on, spelled out
    const mini = documents["/app/api/"].paths;
    expect(Object.keys(mini["/app/api/quote"].post.requestBody!.content["application/json"].schema.properties!)).toEqual(["storeId", "items"]);
    expect(mini["/app/api/stores"].get.parameters!.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual(["query:lang:false", "query:brand:false", "query:lat:false", "query:lng:false", "query:limit:false"]);
    expect(mini["/app/api/orders/{id}/pay"].post.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(["path:id", "query:lang"]);
    expect(mini["/app/api/wallet"].get.responses["401"]).toBeDefined();
    const stock = documents["/admin/api/"].paths["/admin/api/stores/{storeId}/stock"].put;
    expect(Object.keys(stock.requestBody!.content["application/json"].schema.properties!)).toEqual(["productId", "size", "quantity", "expected"]);
  });

  it("answers bad admin input with the same JSON as before, after the token check", async () => {
    const stock = (payload: object | undefined, headers: Record<string, string> = admin) =>
      app.inject({ method: "PUT", url: "/admin/api/stores/gxg-tianhe/stock", headers, ...(payload ? { payload } : {}) });
    const negative = await stock({ productId: "gxg-jeans", size: "30", quantity: -1, expected: 0 });
    expect([negative.statusCode, negative.json()]).toEqual([400, { ok: false, error: { code: "INVALID_INPUT", message: "body.quantity: stock must not be negative" } }]);
    const missing = await stock(undefined);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/^body: /) });
    const query = await app.inject({ url: "/admin/api/brands/gxg/campaigns?status=bogus&limit=2", headers: admin });
    expect([query.statusCode, query.json().error.code, query.json().error.message]).toEqual([400, "INVALID_INPUT", expect.stringMatching(/^query\.status: /)]);
    // no token: 401 whatever the body, and the input is not even looked at
    const anonymous = await stock({ quantity: -1 }, {});
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, "UNAUTHORIZED"]);
    // use-case refusals and framework errors keep their own codes
    const unknown = await app.inject({ method: "POST", url: "/admin/api/orders/nope/move", headers: admin, payload: { to: "accepted" } });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, "NOT_FOUND"]);
    const broken = await app.inject({ method: "PUT", url: "/admin/api/stores/gxg-tianhe/stock", headers: { ...admin, "content-type": "application/json" }, payload: "{" });
    expect([broken.statusCode, broken.json().error.code]).toEqual([400, "INVALID_INPUT"]);
  });

  it("answers bad Mini App input with the same friendly JSON as before, in the member's language", async () => {
    const signIn = await app.inject({ method: "POST", url: "/app/api/session", payload: { name: "docs" } });
    const cookie = String(signIn.headers["set-cookie"]).split(";")[0];
    const quote = (payload: object | undefined, headers: Record<string, string> = {}) =>
      app.inject({ method: "POST", url: "/app/api/quote", headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });
    const zero = await quote({ storeId: "gxg-tianhe", items: [{ productId: "gxg-jeans", size: "30", quantity: 0 }] }, { "accept-language": "en" });
    expect([zero.statusCode, zero.json()]).toEqual([400, { ok: false, error: { code: "INVALID_INPUT", message: "The request is not valid: items.0.quantity (Too small: expected number to be >=1)" } }]);
    const empty = await quote(undefined);
    expect([empty.statusCode, empty.json()]).toEqual([400, { ok: false, error: { code: "INVALID_INPUT", message: "请求的内容有误: storeId (Invalid input: expected string, received undefined)" } }]);
    // ?lang=en still picks English on a route whose query is validated
    const far = await app.inject({ url: "/app/api/stores?lat=999&lng=1&lang=en" });
    expect([far.statusCode, far.json().error.message]).toEqual([400, "The request is not valid: lat (Too big: expected number to be <=90)"]);
    const shelf = await app.inject({ url: "/app/api/products?store=gxg-tianhe&limit=2&lang=en" });
    expect([shelf.statusCode, shelf.json().products.length]).toEqual([200, 2]);
    // checks that came before the input still come first
    const off = await closed.inject({ method: "POST", url: "/app/api/session", payload: { name: "" } });
    expect([off.statusCode, off.json().error.code]).toEqual([403, "LOCAL_SIGN_IN_DISABLED"]);
    const forget = await app.inject({ method: "DELETE", url: "/app/api/me", payload: { confirm: "yes" } });
    expect([forget.statusCode, forget.json().error.code]).toEqual([401, "UNAUTHORIZED"]);
    const unconfirmed = await app.inject({ method: "DELETE", url: "/app/api/me", headers: { cookie }, payload: { confirm: "yes" } });
    expect([unconfirmed.statusCode, unconfirmed.json().error.code]).toEqual([400, "CONFIRMATION_REQUIRED"]);
    const widget = await app.inject({ method: "POST", url: "/app/api/session/telegram", payload: { id: "not a number" } });
    expect([widget.statusCode, widget.json().error.code]).toEqual([401, "BAD_TELEGRAM_LOGIN"]);
  });
});
