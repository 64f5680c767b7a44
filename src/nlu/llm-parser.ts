// The LLM intent parser: an OpenAI-compatible chat model answering in a strict JSON schema, with the
// rules parser as its safety net. The rules parser runs first on every message (it is pure and fast):
// its answer seeds the catalog candidates in the prompt, repairs any field the LLM gets wrong, and is
// returned whole whenever the LLM is slow, down, or answers something unusable. `parse` never throws.
//
// The LLM only names an intent and entities. Prices, discounts and stock are never asked of it, and
// whatever it names is checked against the catalog before anyone sees it (llm-normalize.ts).
import { ChatOpenAI } from "@langchain/openai";
import { emptyResult, type CatalogSnapshot, type IntentParser, type ParseContext, type ParseResult } from "./intent.ts";
import { brandCategories, DEFAULT_LIMITS, selectCandidates, type CandidateLimits } from "./llm-candidates.ts";
import { classifyLlmError, type FallbackInfo } from "./llm-errors.ts";
import { CatalogIndex, normalizeLlmResult } from "./llm-normalize.ts";
import { PromptTemplate, renderSystemPrompt, renderUserMessage } from "./llm-prompt.ts";
import { LLM_SCHEMA_NAME, llmResultSchema } from "./llm-schema.ts";
import { normalizeText } from "./text.ts";

export const DEFAULT_LLM_TIMEOUT_MS = 4000;

export interface LlmParserOptions {
  apiKey: string;
  /** an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1; default: OpenAI */
  baseURL?: string;
  model: string;
  catalog: CatalogSnapshot;
  /** answers whenever the LLM cannot (normally the RulesParser over the same catalog) */
  fallback: IntentParser;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** per-message budget for the LLM call, ms (default 4000) */
  timeoutMs?: number;
  /** the system prompt template file (default prompts/intent-parser.v1.txt) */
  promptFile?: string;
  /** caps on the catalog candidates listed in the prompt */
  candidateLimits?: Partial<CandidateLimits>;
}

interface Invokable {
  invoke(input: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
}

class TimedOut extends Error {
  override name = "TimeoutError";
}

export class LlmParser implements IntentParser {
  private readonly model: Invokable;
  private readonly template: PromptTemplate;
  private readonly catalog: CatalogSnapshot;
  private readonly index: CatalogIndex;
  private readonly categories: Map<string, string[]>;
  private readonly fallback: IntentParser;
  private readonly log: (msg: string, extra?: Record<string, unknown>) => void;
  private readonly timeoutMs: number;
  private readonly limits: CandidateLimits;

  constructor(opts: LlmParserOptions) {
    this.catalog = opts.catalog ?? { brands: [], products: [], coupons: [] };
    this.fallback = opts.fallback;
    this.log = opts.log ?? (() => {});
    this.timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_LLM_TIMEOUT_MS;
    this.limits = { ...DEFAULT_LIMITS, ...opts.candidateLimits };
    this.template = PromptTemplate.load(opts.promptFile);
    this.index = new CatalogIndex(this.catalog);
    this.categories = brandCategories(this.catalog);
    const reasoning = /^o\d/.test(opts.model) || (opts.model.startsWith("gpt-5") && !opts.model.startsWith("gpt-5-chat"));
    const chat = new ChatOpenAI({
      model: opts.model,
      apiKey: opts.apiKey,
      configuration: opts.baseURL ? { baseURL: opts.baseURL } : undefined,
      timeout: this.timeoutMs,
      maxRetries: 0,
      // reasoning models accept only the default temperature
      ...(reasoning ? {} : { temperature: 0 }),
    });
    this.model = chat.withStructuredOutput(llmResultSchema, { name: LLM_SCHEMA_NAME }) as unknown as Invokable;
  }

  async parse(text: string, ctx: ParseContext): Promise<ParseResult> {
    const rules = await this.rulesAnswer(text, ctx);
    const { orig, lower } = normalizeText(text);
    if (!orig) return rules; // nothing to ask about

    const started = Date.now();
    let raw: unknown;
    try {
      raw = await this.ask(orig, ctx, rules);
    } catch (err) {
      return this.fellBack(rules, err instanceof TimedOut ? { reason: "timeout" } : classifyLlmError(err, false), started);
    }
    try {
      const normalized = normalizeLlmResult({ raw, rules, text: orig, lower, ctx, index: this.index });
      if (!normalized) return this.fellBack(rules, { reason: "invalid_output", detail: "answer failed validation" }, started);
      if (normalized.repaired.length) this.safeLog("llm parser repaired answer", { fields: normalized.repaired });
      return normalized.result;
    } catch (err) {
      return this.fellBack(rules, { reason: "invalid_output", detail: String(err).slice(0, 200) }, started);
    }
  }

  private async rulesAnswer(text: string, ctx: ParseContext): Promise<ParseResult> {
    try {
      return await this.fallback.parse(text, ctx);
    } catch {
      return emptyResult("unknown", 0);
    }
  }

  /** One model call, bounded by the timeout whatever the SDK does with it. */
  private async ask(text: string, ctx: ParseContext, rules: ParseResult): Promise<unknown> {
    const candidates = selectCandidates(this.catalog, text, ctx, rules, this.limits);
    const system = renderSystemPrompt(this.template, {
      now: ctx?.now, timezone: ctx?.timezone, brandIds: Array.isArray(ctx?.brandIds) ? ctx.brandIds : null,
      candidates, brandCategories: this.categories,
    });
    const messages = [
      { role: "system", content: system },
      { role: "user", content: renderUserMessage(text) },
    ];
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new TimedOut(`no answer within ${this.timeoutMs} ms`));
        abort.abort();
      }, this.timeoutMs);
    });
    const call = this.model.invoke(messages, { signal: abort.signal });
    call.catch(() => {}); // after a timeout its rejection (aborted) is expected and ignored
    try {
      return await Promise.race([call, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private fellBack(rules: ParseResult, info: FallbackInfo, started: number): ParseResult {
    this.safeLog("llm parser fell back", { ...info, ms: Date.now() - started });
    return rules;
  }

  private safeLog(msg: string, extra: Record<string, unknown>): void {
    try {
      this.log(msg, extra);
    } catch {
      // a broken logger must not break parsing
    }
  }
}
