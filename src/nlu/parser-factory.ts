// Chooses the intent parser: the offline rules parser by default, the LLM parser (with the rules parser as its
// fallback) when OPENAI_API_KEY is set. Parsers are rebuilt when the catalog version changes.
import type { CatalogView } from "../app/catalog-view.ts";
import type { CatalogSnapshot, IntentParser } from "./intent.ts";
import { Lexicon } from "./lexicon.ts";
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
  const parser = await buildParser(view.snapshot, settings, view.lexicon);
  cache.clear();
  cache.set(key, parser);
  return parser;
}

/** The parser for one catalog snapshot: rules, or the LLM with the rules as its fallback. */
export async function buildParser(snapshot: CatalogSnapshot, settings: ParserSettings = {}, lexicon = new Lexicon(snapshot)): Promise<IntentParser> {
  const rules = safeRulesParser(snapshot, lexicon, settings.log);
  // counted for o2o_nlu_parse_total (src/ops/metrics.ts); the LLM parser's "fell back" log marks its rules answers
  if (!settings.openaiApiKey) return { parse: (text, ctx) => measureParse("rules", () => rules.parse(text, ctx)) };
  const { LlmParser } = await import("./llm-parser.ts");
  const log = (msg: string, extra?: Record<string, unknown>) => {
    if (msg === "llm parser fell back") noteParseFallback();
    settings.log?.(msg, extra);
  };
  const llm = new LlmParser({ apiKey: settings.openaiApiKey, baseURL: settings.openaiBaseUrl, model: settings.openaiModel ?? "gpt-4o-mini", catalog: snapshot, fallback: rules, log });
  return { parse: (text, ctx) => measureParse("llm", () => llm.parse(text, ctx)) };
}

/**
 * The rules parser for a catalog, never failing to build: a catalog the parser cannot read (a size it chokes on) must not
 * leave a merchant's bot unable to answer anything. It is built again without sizes, then with the brands alone, and
 * the error is logged for the operator.
 */
export function safeRulesParser(snapshot: CatalogSnapshot, lexicon: Lexicon, log?: ParserSettings["log"]): RulesParser {
  try {
    return new RulesParser(snapshot, lexicon);
  } catch (e) {
    log?.("rules parser could not read the catalog; parsing without sizes", { error: (e as Error).message });
  }
  const unsized: CatalogSnapshot = { ...snapshot, products: (snapshot.products ?? []).map((p) => ({ ...p, sizes: [] })) };
  try {
    return new RulesParser(unsized, new Lexicon(unsized));
  } catch (e) {
    log?.("rules parser could not read the catalog without sizes either; parsing brands alone", { error: (e as Error).message });
  }
  const bare: CatalogSnapshot = { brands: snapshot.brands ?? [], products: [], coupons: [] };
  return new RulesParser(bare, new Lexicon(bare));
}
