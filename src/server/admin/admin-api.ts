// The merchant's admin HTTP API under /admin/api: every route needs `Authorization: Bearer <ADMIN_TOKEN>` (or the
// dashboard's session), has its params, query and body validated by fastify from its zod schemas, and is described
// by the same schemas in the OpenAPI document at /admin/api/openapi.json, shown by Swagger UI at /admin/api/docs
// (both public, so tools can read them). Feature modules (reports, campaigns, members…) contribute AdminRoute lists;
// this file owns auth, errors and the document, so each feature only states its inputs and its use case call.
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, FastifyRequest, FastifySchema } from "fastify";
import { z } from "zod";
import { API_DOCUMENTS, apiErrorSchema, invalidInputOf, validateAndDescribe } from "../openapi.ts";
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

/** Where in the request the first problem is and what it is, as the API has always said it ("body.text: …"). */
function invalidInputText(err: unknown): string | null {
  const bad = invalidInputOf(err);
  return bad && `${bad.part}${bad.field ? `.${bad.field}` : ""}: ${bad.message}`;
}

const failure = (description: string) => apiErrorSchema.describe(description);

export function adminApiRoutes(deps: AdminApiDeps) {
  const auth = deps.auth ?? adminAuth(deps);
  return async (app: FastifyInstance) => {
    await app.register(async (api) => {
      await validateAndDescribe(api, {
        title: deps.title ?? "o2o-chat admin API",
        description: "The merchant's admin API. Every route needs the admin token (`Authorization: Bearer <ADMIN_TOKEN>`, or a brand's own token) or the dashboard's session cookie.",
        securitySchemes: {
          adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN (printed by npm start when generated), or a brand manager's token from ADMIN_BRAND_TOKENS" },
          adminSession: { type: "apiKey", in: "cookie", name: ADMIN_COOKIE, description: "the dashboard's session, after POST /admin/login" },
        },
      });
      // failures as { ok: false, error: { code, message } }: use-case refusals and bad input here, the rest by the server
      api.setErrorHandler((err, _req, reply) => {
        if (err instanceof AdminError) return reply.code(err.status).send(errorBody(err.code, err.message));
        const invalid = invalidInputText(err);
        if (invalid) return reply.code(400).send(errorBody("INVALID_INPUT", invalid));
        throw err;
      });
      // the documents and the page that shows them are public: they describe the routes and hold no data
      api.get("/openapi.json", { schema: { hide: true } }, async () => api.swagger());
      await api.register(fastifySwaggerUi, { routePrefix: "/docs", indexPrefix: ADMIN_PREFIX, uiConfig: { urls: API_DOCUMENTS, deepLinking: true } });

      const principals = new WeakMap<FastifyRequest, AdminPrincipal>();
      for (const r of deps.routes) {
        const schema: FastifySchema = {
          summary: r.summary,
          tags: [r.tag],
          security: [{ adminToken: [] }, { adminSession: [] }],
          ...(r.params ? { params: r.params } : {}),
          ...(r.query ? { querystring: r.query } : {}),
          ...(r.body ? { body: r.body } : {}),
          response: {
            ...(r.response ? { [r.status ?? 200]: r.response.describe("success") } : {}),
            400: failure("invalid input"),
            401: failure("missing or wrong admin token, or the session has ended"),
          },
        };
        api.route({
          method: r.method,
          url: r.path,
          schema,
          // the credential is checked before the input: a caller without one learns nothing about the route
          preValidation: async (req, reply) => {
            const principal = await auth.check(req);
            if (!principal) return reply.code(401).send(errorBody("UNAUTHORIZED", "missing or wrong admin token (Authorization: Bearer <ADMIN_TOKEN>), or the session has ended"));
            principals.set(req, principal);
          },
          handler: async (req, reply) => {
            const principal = principals.get(req)!;
            const input: AdminInput<unknown, unknown, unknown> = { params: req.params, query: req.query, body: req.body, req, principal };
            if (principal.brandId !== null && !r.scopesItself) {
              const brand = await brandOfRequest(r, input);
              if (brand === null) throw new AdminError(404, "NOT_FOUND", "not found");
              if (brand !== principal.brandId) throw new AdminError(403, "FORBIDDEN", `this admin token is for brand ${principal.brandId} only`);
            }
            return reply.code(r.status ?? 200).send(await r.handler(input));
          },
        });
      }
    }, { prefix: ADMIN_PREFIX });
  };
}
