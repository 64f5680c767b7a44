// The fastify server: /healthz (liveness), /readyz (readiness), /metrics (Prometheus); payment pages, webhooks, the
// Mini App and the admin API register here. Every request is timed into o2o_http_request_duration_seconds by its
// route pattern (never the raw URL, so ids do not multiply the series).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { httpDuration, registry } from "../ops/metrics.ts";
import type { ReadinessReport } from "../ops/readiness.ts";
import { HTTP_BODY_MAX_BYTES } from "../domain/limits.ts";

/** The JSON error for a failed request: fastify's own 4xx (bad JSON, too large, wrong media type) in plain words. */
export function errorOf(status: number, err: { code?: string; message?: string }): { code: string; message: string } {
  if (status === 413) return { code: "TOO_LARGE", message: `The request body is larger than ${HTTP_BODY_MAX_BYTES} bytes.` };
  if (status === 415) return { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the body as application/json." };
  if (status === 404) return { code: "NOT_FOUND", message: "There is nothing at this address." };
  if (status === 405) return { code: "METHOD_NOT_ALLOWED", message: "This address does not take that method." };
  if (status === 429) return { code: "TOO_MANY_ATTEMPTS", message: "Too many requests; please wait a little." };
  if (status >= 400 && status < 500) return { code: "INVALID_INPUT", message: `The request is not valid${err.message ? ` (${err.message.slice(0, 200)})` : ""}.` };
  return { code: "INTERNAL", message: "Something went wrong on our side; please try again." };
}

export interface ServerDeps {
  logger: Logger;
  /** true once the database and the bots are ready */
  isReady: () => boolean;
  /** GET /readyz: 200 when every part is ok, else 503 naming the failing parts (default: isReady) */
  readiness?: () => Promise<ReadinessReport>;
  /** serve /metrics on this server (default true; false when METRICS_PORT puts it on its own port) */
  metrics?: boolean;
  routes?: ((app: FastifyInstance) => Promise<void> | void)[];
}

export function timeRequests(app: FastifyInstance): void {
  app.addHook("onResponse", async (req, reply) => {
    httpDuration.observe({ route: req.routeOptions.url ?? "unmatched", method: req.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

export function metricsRoute(app: FastifyInstance): void {
  app.get("/metrics", async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  // request logs stay out of the way at info level; warnings and errors still show
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.logger.child({ component: "http" }, { level: "warn" }) as unknown as FastifyBaseLogger,
    bodyLimit: HTTP_BODY_MAX_BYTES,
    // a hostile path cannot make the router work hard
    routerOptions: { maxParamLength: 200 },
    // errors fastify meets before any route (an undecodable URL, a bad header) get the same JSON as every other
    frameworkErrors: (err, _req, reply) => {
      const status = typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      // (this handler's reply type is the raw one; the JSON is written by hand)
      reply.statusCode = status;
      void reply.header("content-type", "application/json; charset=utf-8").send(JSON.stringify({ ok: false, error: errorOf(status, err) }) as never);
    },
  });
  // every failure is JSON with a code and a message a person can read; never a stack trace (routes may answer their own)
  app.setErrorHandler((err: { statusCode?: number; code?: string; message?: string }, req, reply) => {
    const status = typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err }, "request failed");
    return reply.code(status).send({ ok: false, error: errorOf(status, err) });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ ok: false, error: { code: "NOT_FOUND", message: "There is nothing at this address." } }));
  timeRequests(app);
  app.get("/healthz", async (_req, reply) => {
    if (!deps.isReady()) return reply.code(503).send({ ok: false, status: "starting" });
    return { ok: true };
  });
  app.get("/readyz", async (_req, reply) => {
    const r: ReadinessReport = deps.readiness
      ? await deps.readiness()
      : deps.isReady() ? { ready: true, checks: {}, failing: [] } : { ready: false, checks: { server: "starting" }, failing: ["server"] };
    if (r.ready) return { ok: true, checks: r.checks };
    return reply.code(503).send({ ok: false, error: `not ready: ${r.failing.map((f) => `${f} (${r.checks[f]})`).join("; ")}`, failing: r.failing, checks: r.checks });
  });
  if (deps.metrics !== false) metricsRoute(app);
  for (const register of deps.routes ?? []) await register(app);
  return app;
}
