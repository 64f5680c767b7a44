// Environment configuration, validated once at start-up (CONTRACT.md "Environment").
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default("./data"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.string().optional(),
  PAYMENT_SECRET: z.string().optional(),
  TELEGRAM_API_ROOT: z.string().optional(),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().optional(),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  REDIS_URL: z.string().optional(),
  ADMIN_TOKEN: z.string().optional(),
  LOG_LEVEL: z.string().default("info"),
  /** serve GET /metrics on this port instead of PORT (keeps it off the public listener) */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** SIGTERM/SIGINT: the hard deadline of the graceful stop, seconds */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(20),
});

export type Config = z.infer<typeof envSchema> & { publicUrl: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `PUBLIC_URL=` in an env file (compose, systemd) means unset, not "an empty URL"
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v?.trim() !== "")));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`invalid environment: ${first.path.join(".")}: ${first.message}`);
  }
  const c = parsed.data;
  return { ...c, publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, "") };
}
