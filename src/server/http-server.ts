// The fastify server: /healthz now; payment pages, webhooks, the Mini App and the admin API register here.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";

export interface ServerDeps {
  logger: Logger;
  /** true once the database and the bots are ready */
  isReady: () => boolean;
  routes?: ((app: FastifyInstance) => Promise<void> | void)[];
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  // request logs stay out of the way at info level; warnings and errors still show
  const app: FastifyInstance = Fastify({ loggerInstance: deps.logger.child({ component: "http" }, { level: "warn" }) as unknown as FastifyBaseLogger, bodyLimit: 1_000_000 });
  app.get("/healthz", async (_req, reply) => {
    if (!deps.isReady()) return reply.code(503).send({ ok: false, status: "starting" });
    return { ok: true };
  });
  for (const register of deps.routes ?? []) await register(app);
  return app;
}
