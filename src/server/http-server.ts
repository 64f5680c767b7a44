// The fastify server: /healthz (liveness), /readyz (readiness), /metrics (Prometheus); payment pages, webhooks, the
// Mini App and the admin API register here. Every request is timed into o2o_http_request_duration_seconds by its
// route pattern (never the raw URL, so ids do not multiply the series).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { httpDuration, registry } from "../ops/metrics.ts";
import type { ReadinessReport } from "../ops/readiness.ts";

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
  const app: FastifyInstance = Fastify({ loggerInstance: deps.logger.child({ component: "http" }, { level: "warn" }) as unknown as FastifyBaseLogger, bodyLimit: 1_000_000 });
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
