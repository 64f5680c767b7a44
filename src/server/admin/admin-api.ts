// The merchant's admin HTTP API under /admin/api: every route needs `Authorization: Bearer <ADMIN_TOKEN>`, validates
// its params, query and body with zod, and is described in the OpenAPI document at /admin/api/openapi.json (public,
// so tools can read it). Feature modules (reports, campaigns, members…) contribute AdminRoute lists; this file owns
// auth, validation, errors and the document, so each feature only states its inputs and its use case call.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { safeEqualHex } from "../../payments/signing.ts";

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
  token: string;
  routes: AdminRoute[];
  title?: string;
}

const errorBody = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** Bearer token from the Authorization header, or the `o2o_admin` cookie the dashboard sets after login. */
export function presentedToken(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  const cookie = req.headers.cookie ?? "";
  const m = /(?:^|;\s*)o2o_admin=([^;]+)/.exec(cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

export function isAdmin(req: FastifyRequest, token: string): boolean {
  const given = presentedToken(req);
  return given !== null && safeEqualHex(given, token);
}

function issueText(e: z.ZodError, where: string): string {
  const i = e.issues[0];
  return `${where}${i.path.length ? `.${i.path.join(".")}` : ""}: ${i.message}`;
}

export function adminApiRoutes(deps: AdminApiDeps) {
  return async (app: FastifyInstance) => {
    await app.register(async (api) => {
      api.get("/openapi.json", async () => openApiDocument(deps));
      for (const r of deps.routes) {
        api.route({
          method: r.method,
          url: r.path,
          handler: async (req, reply) => {
            if (!isAdmin(req, deps.token)) return reply.code(401).send(errorBody("UNAUTHORIZED", "missing or wrong admin token (Authorization: Bearer <ADMIN_TOKEN>)"));
            const parts = { params: [r.params, req.params, "params"], query: [r.query, req.query, "query"], body: [r.body, req.body, "body"] } as const;
            const input: Record<string, unknown> = { req };
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
              const out = await r.handler(input as unknown as AdminInput<unknown, unknown, unknown>);
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
