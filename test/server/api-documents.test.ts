// The admin and Mini App APIs describe themselves from the zod schemas that validate them: Swagger UI at
// /admin/api/docs (served from the package, public), one OpenAPI document per API listing every route with its
// request schema, and bad input still answered with the same friendly JSON error as before the schemas moved into
// fastify (exact bodies), after the credential check where that came first. And the documents tell the truth: what the
// routes really answer matches the success schemas they document, field for field.
import pino from "pino";
import type { FastifyInstance, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { findBot } from "../../src/bot-config.ts";
import { loadDemoIfEmpty } from "../../src/app/load-demo-catalog.ts";
import { buildServer } from "../../src/server/http-server.ts";
import { adminApiRoutes, adminRoute } from "../../src/server/admin/admin-api.ts";
import { allAdminRoutes } from "../../src/server/admin/admin-routes.ts";
import { miniAppRoutes } from "../../src/server/routes/mini-app.ts";
import { freshDb, type TestDb } from "../support/databases.ts";
import { NOON } from "../support/engine.ts";
import { BRAND, generateDataset } from "../insight/insight-dataset.ts";

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

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; additionalProperties?: unknown };

/** Fields of a value its documented JSON schema does not name (the zod check below only catches missing or wrong ones). */
function undocumented(schema: JsonSchema, value: unknown, at = "$"): string[] {
  if (schema.anyOf) return schema.anyOf.some((s) => undocumented(s, value, at).length === 0) ? [] : undocumented(schema.anyOf[0], value, at);
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => undocumented(schema.items!, v, `${at}[${i}]`)) : [];
  // an object closed to other fields (what zod's objects document) names every field it may have
  if (value === null || typeof value !== "object" || !schema.properties || schema.additionalProperties !== false) return [];
  return Object.entries(value).flatMap(([k, v]) => (schema.properties![k] ? undocumented(schema.properties![k], v, `${at}.${k}`) : [`${at}.${k}`]));
}

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
    await generateDataset(db, { members: 150, orders: 300, demand: 80 });
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

  it("leaves an unexpected admin failure to the server: a 500 with its JSON, no stack trace", async () => {
    const boom = adminRoute({ method: "GET", path: "/boom", tag: "test", summary: "fails", handler: async () => { throw new Error("secret detail"); } });
    const server = await buildServer({ logger: pino({ level: "silent" }), isReady: () => true, routes: [adminApiRoutes({ token: TOKEN, routes: [boom] })] });
    const r = await server.inject({ url: "/admin/api/boom", headers: admin });
    expect([r.statusCode, r.json()]).toEqual([500, { ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side; please try again." } }]);
    await server.close();
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

  it("answers what the documents say: every admin read and a whole Mini App visit, field for field", async () => {
    const documents = { admin: await documentAt("/admin/api/openapi.json"), mini: await documentAt("/app/api/openapi.json") };
    const checked: string[] = [];
    const problems: string[] = [];
    const check = (doc: Document, method: string, url: string, body: unknown, status: number) => {
      const route = routes.find((r) => r.method === method && new RegExp(`^${r.url!.replace(/:\w+/g, "[^/]+")}$`).test(url.split("?")[0]));
      const schema = (route?.schema as { response?: Record<number, z.ZodType> } | undefined)?.response?.[status];
      const documented = doc.paths[openApiPath(route?.url ?? "")]?.[method.toLowerCase()]?.responses[String(status)] as { content?: Record<string, { schema: JsonSchema }> } | undefined;
      if (!schema || !documented?.content) return void problems.push(`${method} ${url} → ${status}: not documented`);
      const parsed = schema.safeParse(body);
      if (!parsed.success) problems.push(`${method} ${url}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      problems.push(...undocumented(documented.content["application/json"].schema, body).map((f) => `${method} ${url}: ${f} is not documented`));
      checked.push(`${method} ${route!.url}`);
    };

    // every admin read, on a brand with a generated history (orders, campaigns, demand)
    const ids: Record<string, string> = { brandId: BRAND, storeId: "ins-3", id: (await db.prisma.campaign.findFirstOrThrow({ where: { brandId: BRAND } })).id };
    for (const r of routes.filter((r) => r.method === "GET" && r.url!.startsWith("/admin/api/") && !(r.schema as { hide?: boolean }).hide)) {
      const url = r.url!.replace(/:(\w+)/g, (_, name: string) => ids[name]);
      const res = await app.inject({ url, headers: admin });
      expect(res.statusCode, url).toBe(200);
      check(documents.admin, "GET", url, res.json(), 200);
    }
    expect(checked.length).toBeGreaterThanOrEqual(17);

    // a member's whole visit to the shop
    const visit = async (method: string, url: string, payload?: object, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method: method as "GET", url, headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url} ${res.body.slice(0, 200)}`).toBe(200);
      check(documents.mini, method, url, res.json(), 200);
      return res;
    };
    await visit("GET", "/app/api/auth");
    const signIn = await visit("POST", "/app/api/session", { name: "truthful" });
    const h = { cookie: String(signIn.headers["set-cookie"]).split(";")[0] };
    await visit("GET", "/app/api/me", undefined, h);
    await visit("GET", "/app/api/brands");
    await visit("GET", "/app/api/stores?lat=23.12&lng=113.32&limit=3");
    await visit("GET", "/app/api/products?store=sb-zhujiang&limit=3");
    await visit("POST", "/app/api/claim", { code: "latte8" }, h);
    await visit("GET", "/app/api/wallet?store=sb-zhujiang", undefined, h);
    const cart = { storeId: "sb-zhujiang", items: [{ productId: "sb-latte", size: "大杯", quantity: 1 }] };
    const quote = (await visit("POST", "/app/api/quote", cart, h)).json().quote;
    await visit("POST", "/app/api/checkout", { ...cart, quoteId: quote.orderId, idempotencyKey: "truthful-0001" }, h);
    await visit("GET", "/app/api/orders", undefined, h);
    await visit("GET", `/app/api/orders/${quote.orderId}`, undefined, h);
    await visit("POST", `/app/api/orders/${quote.orderId}/pay`, undefined, h);
    await visit("DELETE", "/app/api/me", { confirm: true }, h);
    await visit("DELETE", "/app/api/session", undefined, h);
    expect(problems).toEqual([]);
    expect(new Set(checked.filter((c) => c.includes("/app/api/"))).size).toBe(15);
  });
});
