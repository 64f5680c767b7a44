// Chooses the intent parser: the offline rules parser by default, the LLM parser (with the rules parser as its
// fallback) when OPENAI_API_KEY is set. Parsers are rebuilt when the catalog version changes.
import type { CatalogView } from "../app/catalog-view.ts";
import type { IntentParser } from "./intent.ts";
import { RulesParser } from "./rules-parser.ts";
import { measureParse, noteParseFallback } from "../ops/metrics.ts";

export interface ParserSettings {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  openaiModel?: string;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

const cache = new Map<string, IntentParser>();

export async function parserFor(view: CatalogView, settings: ParserSettings = {}): Promise<IntentParser> {
  const key = `${view.version}|${settings.openaiApiKey ? `llm:${settings.openaiBaseUrl ?? ""}:${settings.openaiModel ?? ""}` : "rules"}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rules = new RulesParser(view.snapshot);
  // counted for o2o_nlu_parse_total (src/ops/metrics.ts); the LLM parser's "fell back" log marks its rules answers
  let parser: IntentParser = { parse: (text, ctx) => measureParse("rules", () => rules.parse(text, ctx)) };
  if (settings.openaiApiKey) {
    const { LlmParser } = await import("./llm-parser.ts");
    const log = (msg: string, extra?: Record<string, unknown>) => {
      if (msg === "llm parser fell back") noteParseFallback();
      settings.log?.(msg, extra);
    };
    const llm = new LlmParser({ apiKey: settings.openaiApiKey, baseURL: settings.openaiBaseUrl, model: settings.openaiModel ?? "gpt-4o-mini", catalog: view.snapshot, fallback: rules, log });
    parser = { parse: (text, ctx) => measureParse("llm", () => llm.parse(text, ctx)) };
  }
  cache.clear();
  cache.set(key, parser);
  return parser;
}
