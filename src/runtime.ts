// Composition root shared by every door (npm start, the CLI, tests): configuration, database, engine dependencies.
import { findBot, type BotConfig } from "./bot-config.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/database.ts";
import { loadCatalogView } from "./app/catalog-view.ts";
import { paymentSecret } from "./app/settings.ts";
import type { EngineDeps } from "./conversation/engine.ts";
import type { IntentParser, ParseContext } from "./nlu/intent.ts";
import { parserFor } from "./nlu/parser-factory.ts";
import { createTranscriber } from "./nlu/transcriber.ts";

/** The clock: real time, or O2O_NOW (an ISO instant) pinned for demos and tests. */
export function systemClock(env: NodeJS.ProcessEnv = process.env): () => Date {
  const pinned = env.O2O_NOW ? new Date(env.O2O_NOW) : null;
  if (pinned && Number.isNaN(pinned.getTime())) throw new Error(`O2O_NOW is not an ISO date-time: ${env.O2O_NOW}`);
  return pinned ? () => new Date(pinned) : () => new Date();
}

/** A parser that follows catalog changes: resolves the current catalog view on every call (cached by version). */
export function catalogParser(db: Db, config: Partial<Pick<Config, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_MODEL">>, log?: EngineDeps["log"]): IntentParser {
  return {
    async parse(text: string, ctx: ParseContext) {
      const view = await loadCatalogView(db);
      const p = await parserFor(view, { openaiApiKey: config.OPENAI_API_KEY, openaiBaseUrl: config.OPENAI_BASE_URL, openaiModel: config.OPENAI_MODEL, log });
      return p.parse(text, ctx);
    },
  };
}

export async function engineDeps(db: Db, config: Config, bot: BotConfig | string | undefined, extra: Partial<EngineDeps> = {}): Promise<EngineDeps> {
  const b = typeof bot === "object" ? bot : findBot(bot);
  const transcribe = config.OPENAI_API_KEY
    ? createTranscriber({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: process.env.OPENAI_TRANSCRIBE_MODEL })
    : undefined;
  return {
    db,
    bot: b,
    transcribe,
    parser: catalogParser(db, config, extra.log),
    signer: { publicUrl: config.publicUrl, secret: await paymentSecret(db) },
    clock: systemClock(),
    ...extra,
  };
}
