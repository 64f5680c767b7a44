// The merchant's admin HTTP API under /admin/api: every route needs `Authorization: Bearer <ADMIN_TOKEN>`, validates
// its params, query and body with zod, and is described in the OpenAPI document at /admin/api/openapi.json (public,
// so tools can read it). Feature modules (reports, campaigns, members…) contribute AdminRoute lists; this file owns
// auth, validation, errors and the document, so each feature only states its inputs and its use case call.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { safeEqualHex } from "../../payments/signing.ts";
import type { Db } from "../../db/database.ts";
import { findAdminSession } from "../../app/sessions.ts";
import { cookieValue } from "../../miniapp/web-session.ts";

export const ADMIN_PREFIX = "/admin/api";

export type AdminMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A use-case failure the API reports as { ok: false, error: { code, message } } with this HTTP status. */
export class AdminError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface AdminInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: FastifyRequest;
  principal: AdminPrincipal;
}

export interface AdminRoute<P = any, Q = any, B = any> {
  method: AdminMethod;
  /** fastify path under /admin/api, e.g. "/brands/:brandId/report" */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** documents the success body (not enforced) */
  response?: z.ZodType;
  /** HTTP status of a success (200 unless e.g. 201) */
  status?: number;
  handler: (input: AdminInput<P, Q, B>) => Promise<unknown>;
  /**
   * The brand this request touches, for brand managers (per-brand admin tokens): undefined = a route about no single
   * brand, which only head office may call (unless it filters by input.principal itself, like the brand list).
   */
  brandOf?: (input: AdminInput<P, Q, B>) => Promise<string | null | undefined> | string | null | undefined;
  /** a route that scopes its own answer by input.principal (e.g. lists) and so is open to brand managers */
  scopesItself?: boolean;
}

/** Declares a route with its types inferred from its schemas. */
export function adminRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(r: AdminRoute<P, Q, B>): AdminRoute {
  return r as AdminRoute;
}

// ---------- pagination, shared by every list ----------

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  /** offset of the next page, null on the last one */
  nextOffset: number | null;
}

export function pageOf<T>(all: T[], q: PageQuery): Page<T> {
  return pageFrom(all.slice(q.offset, q.offset + q.limit), all.length, q);
}

export function pageFrom<T>(items: T[], total: number, q: PageQuery): Page<T> {
  const next = q.offset + items.length;
  return { items, total, limit: q.limit, offset: q.offset, nextOffset: next < total ? next : null };
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), nextOffset: z.number().int().nullable() });

// ---------- the plugin ----------

export interface AdminApiDeps {
  /** ADMIN_TOKEN; with brandTokens and db, what adminAuth is built from when `auth` is not given */
  token: string;
  routes: AdminRoute[];
  title?: string;
  /** the dashboard's sessions live in the database: without it only the bearer token is accepted */
  db?: Db;
  brandTokens?: Record<string, string>;
  auth?: AdminAuth;
  clock?: () => Date;
}

const errorBody = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** Who is calling: head office (every brand) or one brand's manager. */
export interface AdminPrincipal {
  brandId: string | null;
}

export interface AdminAuth {
  /** The caller, or null (no, wrong, malformed, expired or revoked credential: always a 401, never an exception). */
  check(req: FastifyRequest): Promise<AdminPrincipal | null>;
}

export const ADMIN_COOKIE = "o2o_admin";

/** The bearer token of an Authorization header; null for anything else or anything malformed. */
export function bearerOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (typeof auth !== "string" || auth.length > 1000) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  return m ? m[1] : null;
}

/** Which principal a token stands for: ADMIN_TOKEN, or a brand's own token (ADMIN_BRAND_TOKENS). */
export function principalOfToken(token: string, adminToken: string, brandTokens: Record<string, string> = {}): AdminPrincipal | null {
  if (adminToken && safeEqualHex(token, adminToken)) return { brandId: null };
  for (const [brandId, t] of Object.entries(brandTokens)) if (t && safeEqualHex(token, t)) return { brandId };
  return null;
}

/**
 * Admin authentication: `Authorization: Bearer <token>` for the API (tools, scripts), or the dashboard's session
 * cookie, which holds only a random session secret (admin-dashboard.ts logs in and out). The token itself is never
 * accepted from a cookie.
 */
export function adminAuth(deps: { token: string; brandTokens?: Record<string, string>; db?: Db; clock?: () => Date }): AdminAuth {
  const clock = deps.clock ?? (() => new Date());
  return {
    async check(req) {
      const bearer = bearerOf(req);
      if (bearer) return principalOfToken(bearer, deps.token, deps.brandTokens);
      const secret = cookieValue(typeof req.headers.cookie === "string" ? req.headers.cookie : undefined, ADMIN_COOKIE);
      if (!secret || !deps.db) return null;
      return findAdminSession(deps.db, secret, clock());
    },
  };
}

/** The brand a request is about, for a brand manager's scope: the :brandId in the path, or what the route says. */
async function brandOfRequest(r: AdminRoute, input: AdminInput<unknown, unknown, unknown>): Promise<string | null | undefined> {
  if (r.brandOf) return r.brandOf(input);
  const p = input.params as { brandId?: unknown } | undefined;
  return typeof p?.brandId === "string" ? p.brandId : undefined;
}

function issueText(e: z.ZodError, where: string): string {
  const i = e.issues[0];
  return `${where}${i.path.length ? `.${i.path.join(".")}` : ""}: ${i.message}`;
}

export function adminApiRoutes(deps: AdminApiDeps) {
  const auth = deps.auth ?? adminAuth(deps);
  return async (app: FastifyInstance) => {
    await app.register(async (api) => {
      api.get("/openapi.json", async () => openApiDocument(deps));
      for (const r of deps.routes) {
        api.route({
          method: r.method,
          url: r.path,
          handler: async (req, reply) => {
            const principal = await auth.check(req);
            if (!principal) return reply.code(401).send(errorBody("UNAUTHORIZED", "missing or wrong admin token (Authorization: Bearer <ADMIN_TOKEN>), or the session has ended"));
            const parts = { params: [r.params, req.params, "params"], query: [r.query, req.query, "query"], body: [r.body, req.body, "body"] } as const;
            const input: Record<string, unknown> = { req, principal };
            for (const [key, [schema, raw, where]] of Object.entries(parts)) {
              if (!schema) {
                input[key] = raw;
                continue;
              }
              const parsed = schema.safeParse(raw ?? (key === "body" ? undefined : {}));
              if (!parsed.success) return reply.code(400).send(errorBody("INVALID_INPUT", issueText(parsed.error, where)));
              input[key] = parsed.data;
            }
            try {
              const typed = input as unknown as AdminInput<unknown, unknown, unknown>;
              if (principal.brandId !== null && !r.scopesItself) {
                const brand = await brandOfRequest(r, typed);
                if (brand === null) throw new AdminError(404, "NOT_FOUND", "not found");
                if (brand !== principal.brandId) throw new AdminError(403, "FORBIDDEN", `this admin token is for brand ${principal.brandId} only`);
              }
              const out = await r.handler(typed);
              return reply.code(r.status ?? 200).send(out);
            } catch (e) {
              if (e instanceof AdminError) return reply.code(e.status).send(errorBody(e.code, e.message));
              throw e;
            }
          },
        });
      }
    }, { prefix: ADMIN_PREFIX });
  };
}

// ---------- OpenAPI 3.1 ----------

function jsonSchema(s: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function parameters(s: z.ZodType | undefined, where: "path" | "query") {
  if (!s) return [];
  const js = jsonSchema(s) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, schema]) => ({
    name, in: where, required: where === "path" || (js.required ?? []).includes(name) && !("default" in schema), schema,
    ...(schema.description ? { description: schema.description } : {}),
  }));
}

export function openApiDocument(deps: AdminApiDeps) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of deps.routes) {
    const path = ADMIN_PREFIX + r.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      security: [{ adminToken: [] }],
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(r.body) } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: { description: "success", ...(r.response ? { content: { "application/json": { schema: jsonSchema(r.response) } } } : {}) },
        400: { description: "invalid input", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        401: { description: "missing or wrong admin token", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: deps.title ?? "o2o-chat admin API", version: "1" },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN (printed by npm start when generated)" } },
      schemas: { Error: { type: "object", properties: { ok: { const: false }, error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] } }, required: ["ok", "error"] } },
    },
    paths,
  };
}
