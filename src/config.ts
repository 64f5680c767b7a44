// Environment configuration, validated once at start-up (README.md "Configuration").
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
  /** per-brand admin tokens, "brandId=token,brandId=token": a brand's manager sees only that brand */
  ADMIN_BRAND_TOKENS: z.string().optional(),
  /** "1": the Mini App's name-only web sign-in (a demo shop's convenience; anyone can be anyone) */
  LOCAL_SIGN_IN: z.string().optional(),
  /** "0": a first start stays empty (no demo catalog, no simulated week) */
  DEMO: z.string().optional(),
  /** the bot username the Mini App's "Log in with Telegram" button uses (its domain set with @BotFather /setdomain) */
  TELEGRAM_LOGIN_BOT: z.string().regex(/^[A-Za-z0-9_]{3,64}$/).optional(),
  LOG_LEVEL: z.string().default("info"),
  /** serve GET /metrics on this port instead of PORT (keeps it off the public listener) */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** SIGTERM/SIGINT: the hard deadline of the graceful stop, seconds */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(20),
});

export type Config = z.infer<typeof envSchema> & { publicUrl: string; adminBrandTokens: Record<string, string>; localSignIn: boolean; demo: boolean };

/** "gxg=tok1,starbucks=tok2" as { gxg: "tok1", starbucks: "tok2" }; refuses short tokens, which could be guessed. */
export function parseBrandTokens(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf("=");
    const brand = part.slice(0, i).trim();
    const token = part.slice(i + 1).trim();
    if (i <= 0 || token.length < 16) throw new Error(`invalid environment: ADMIN_BRAND_TOKENS: "${brand || part}" needs brandId=token with a token of 16+ characters`);
    out[brand] = token;
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `PUBLIC_URL=` in an env file (compose, systemd) means unset, not "an empty URL"
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v?.trim() !== "")));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`invalid environment: ${first.path.join(".")}: ${first.message}`);
  }
  const c = parsed.data;
  return {
    ...c, publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ""),
    adminBrandTokens: parseBrandTokens(c.ADMIN_BRAND_TOKENS), localSignIn: c.LOCAL_SIGN_IN === "1", demo: c.DEMO !== "0",
  };
}
