// A learned intent model of generic language, combined with the rules (issue 13). The message is first masked: every
// catalog word the parser found (product, brand, store, role, category, size, coupon code, order id) becomes a
// placeholder, numbers become ⟨N⟩ and times ⟨T⟩, so what is left is the language around them ("来⟨N⟩份⟨P⟩ 送到⟨S⟩").
// Features are character 1–3-grams of Chinese (placeholders count as characters) and lower-cased word uni- and bigrams
// of Latin text. A multinomial logistic regression over features seen in the corpora of at least three catalogs
// (trained by scripts/train-intent-model.ts, weights in intent-model.data.ts) gives a distribution over intents.
// Pure: no I/O, a few map lookups per message.
import { INTENTS, type CatalogSnapshot, type Intent } from "./intent.ts";
import type { Decision } from "./intent-rules.ts";
import { INTENT_MODEL } from "./intent-model.data.ts";
import type { Span } from "./text.ts";

export const MASK = {
  product: "⟨P⟩",
  brand: "⟨B⟩",
  store: "⟨S⟩",
  role: "⟨R⟩",
  category: "⟨C⟩",
  size: "⟨Z⟩",
  coupon: "⟨K⟩",
  orderId: "⟨O⟩",
  number: "⟨N⟩",
  time: "⟨T⟩",
} as const;
export type MaskTag = keyof typeof MASK;

export interface MaskSpan extends Span {
  tag: MaskTag;
}

/** Bumped whenever masking or features change: the committed model is then stale (test/nlu/intent-model.test.ts). */
export const FEATURE_VERSION = 1;

const ZH_DIGIT = "[一二两三四五六七八九十半]";
// generic words of time (days, parts of the day, clock times, dates): grammar, not a trade's words
const TIME_RE = new RegExp(
  [
    `(?:大后天|后天|明天|今天|昨天|前天|今晚|明晚|今早|明早|周末|这周[一二三四五六日天末]?|下周[一二三四五六日天末]?|下下周[一二三四五六日天]?|本周[一二三四五六日天末]?|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天])`,
    `(?:上午|下午|中午|晚上|早上|傍晚|凌晨|夜里)`,
    `(?:\\d{1,2}|${ZH_DIGIT}{1,3})\\s*(?:点|點)(?:半|一刻|三刻|\\s*\\d{1,2}\\s*分?)?`,
    `\\d{1,2}\\s*[:：]\\s*\\d{2}`,
    `\\d{1,2}\\s*(?:月)\\s*\\d{1,2}\\s*(?:日|号)?`,
    `\\d{1,2}\\s*(?:号|日)(?![\\u4e00-\\u9fff]{0,1}技)`,
    `(?<![a-z])(?:\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)|today|tomorrow|tonight|tonite|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|morning|afternoon|evening|noon|next week|this week)(?![a-z])`,
  ].join("|"),
  "g",
);
const NUMBER_RE = /\d+(?:[.,]\d+)?/g;

/**
 * The message with catalog words, times and numbers replaced by placeholders. `spans` are the parser's own findings
 * in `lower` (overlaps keep the earliest, then the longest).
 */
export function maskText(lower: string, spans: MaskSpan[]): string {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  const gap = (text: string) => text.replace(TIME_RE, ` ${MASK.time} `).replace(NUMBER_RE, ` ${MASK.number} `);
  for (const s of sorted) {
    if (s.start < at) continue;
    out += `${gap(lower.slice(at, s.start))} ${MASK[s.tag]} `;
    at = s.end;
  }
  return out + gap(lower.slice(at));
}

const TOKEN_RE = /⟨[A-Z]⟩|[\u3400-\u9fff]|[a-z][a-z']*|[?？]|[!！]|[^\s\p{P}\p{S}a-z\u3400-\u9fff\d]|[\p{S}]/gu;
const BREAK_RE = /[,，。.;；:：、~～()（）"“”'‘’\[\]【】《》\-—…/\\|]/;

/** Features of a masked message: Chinese 1–3-grams (placeholders count as characters), Latin word 1–2-grams. */
export function featuresOf(masked: string): string[] {
  const out = new Set<string>();
  // segments: stretches between punctuation that breaks a phrase
  const segments = masked.split(BREAK_RE);
  let first = true;
  let lastToken: string | null = null;
  for (const seg of segments) {
    const tokens = seg.match(TOKEN_RE)?.map((t) => (t === "？" ? "?" : t === "！" ? "!" : t)) ?? [];
    if (!tokens.length) continue;
    if (first) {
      out.add(`^${tokens[0]}`);
      first = false;
    }
    lastToken = tokens[tokens.length - 1];
    const latin = tokens.map((t) => /^[a-z]/.test(t));
    for (let i = 0; i < tokens.length; i++) {
      out.add(tokens[i]);
      if (i + 1 < tokens.length) out.add(`${tokens[i]}${latin[i] || latin[i + 1] ? " " : ""}${tokens[i + 1]}`);
      if (i + 2 < tokens.length && !latin[i] && !latin[i + 1] && !latin[i + 2]) out.add(`${tokens[i]}${tokens[i + 1]}${tokens[i + 2]}`);
    }
  }
  if (lastToken) out.add(`${lastToken}$`);
  return [...out];
}

/**
 * The words a store is called by: its name, the name without its brand ("禾麦烘焙(深圳福田中心店)" → 深圳福田中心店) and
 * that without the word for a shop (深圳福田中心).
 */
export function storeWords(catalog: Pick<CatalogSnapshot, "stores" | "brands">): string[] {
  const words = new Set<string>();
  const brandNames = new Map<string, string[]>();
  for (const b of catalog.brands ?? []) brandNames.set(b.id, [b.name, ...(b.aliases ?? [])].map((n) => n.normalize("NFKC").toLowerCase()).sort((x, y) => y.length - x.length));
  for (const st of catalog.stores ?? []) {
    const name = st.name.normalize("NFKC").toLowerCase().trim();
    if (!name) continue;
    words.add(name);
    const brand = (brandNames.get(st.brandId) ?? []).find((n) => n && name.startsWith(n));
    const rest = (brand ? name.slice(brand.length) : name).replace(/^[\s(（]+|[\s)）]+$/g, "");
    for (const part of [rest, ...rest.split(/[\s()（）·]+/)]) {
      if (part.length < 2 || part === name) continue;
      words.add(part);
      const place = part.replace(/(?:官方旗舰店|旗舰店|体验店|分店|门店|店|\s*(?:store|branch|shop))$/, "");
      if (place.length >= 2 && place !== part) words.add(place);
      // (the district without the city: 滨江店 of 杭州滨江店)
      if (/^[\u4e00-\u9fff]{4,}店$/.test(part)) for (let i = 1; part.length - i >= 3; i++) words.add(part.slice(i));
    }
  }
  return [...words];
}

/** The committed weights: a sparse multinomial logistic regression. */
export interface IntentModelData {
  /** FEATURE_VERSION and a hash of the training inputs, to tell a stale model */
  featureVersion: number;
  inputsHash: string;
  /** the catalog corpora trained on (plus the demo corpus) */
  trainedOn: string[];
  intents: string[];
  bias: number[];
  /** feature → [class index, weight, class index, weight, …] */
  weights: Record<string, number[]>;
}

export interface ModelPrediction {
  intent: Intent;
  p: number;
}

/**
 * When the model's answer replaces the rules': the rules' answer is kept unless its confidence is at most
 * `maxRulesConfidence` of one of the steps and the model's probability is at least that step's `minModelP`.
 */
export interface CombinePolicy {
  steps: { maxRulesConfidence: number; minModelP: number }[];
  /** intents the model may never answer with */
  never?: Intent[];
  /** a rules decision at or below this confidence is a refusal (a prompt injection, 0.05) and is kept */
  floor?: number;
}

/** Whether the model's prediction replaces the rules' decision under a policy. */
export function overrides(policy: CombinePolicy, rules: { intent: string; confidence: number }, m: { intent: string; p: number }): boolean {
  if (m.intent === rules.intent || policy.never?.includes(m.intent as Intent) || rules.confidence <= (policy.floor ?? 0.1)) return false;
  return policy.steps.some((s) => rules.confidence <= s.maxRulesConfidence && m.p >= s.minModelP);
}

export class IntentModel {
  private readonly intents: Intent[];
  private readonly bias: Float64Array;
  private readonly weights: Map<string, number[]>;

  constructor(data: IntentModelData, readonly policy: CombinePolicy = { steps: [] }) {
    this.intents = data.intents.map((i) => {
      if (!INTENTS.includes(i as Intent)) throw new Error(`intent model: unknown intent ${i}`);
      return i as Intent;
    });
    this.bias = Float64Array.from(data.bias);
    this.weights = new Map(Object.entries(data.weights));
  }

  /** Probabilities per intent (the model's intents, in order). */
  scores(features: string[]): Float64Array {
    const z = Float64Array.from(this.bias);
    for (const f of features) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let k = 0; k < w.length; k += 2) z[w[k]] += w[k + 1];
    }
    let max = -Infinity;
    for (const v of z) if (v > max) max = v;
    let sum = 0;
    for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - max);
    for (let k = 0; k < z.length; k++) z[k] /= sum;
    return z;
  }

  predict(masked: string): ModelPrediction {
    const p = this.scores(featuresOf(masked));
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    return { intent: this.intents[best], p: p[best] };
  }

  /** Whether the rules' confidence is low enough for the model to be asked at all (so most messages skip it). */
  consulted(rules: Decision): boolean {
    if (rules.confidence <= (this.policy.floor ?? 0.1)) return false;
    return this.policy.steps.some((s) => rules.confidence <= s.maxRulesConfidence);
  }

  /** The rules' decision, or the model's where the policy lets it decide. `masked` is computed only when needed. */
  combine(rules: Decision, masked: () => string): Decision {
    if (!this.consulted(rules)) return rules;
    const m = this.predict(masked());
    return overrides(this.policy, rules, m) ? { intent: m.intent, confidence: Math.round(m.p * 0.9 * 100) / 100 } : rules;
  }
}

/** How the committed model is combined with the rules (chosen by leave-one-catalog-out, test/nlu/catalogs/README.md). */
export const DEFAULT_POLICY: CombinePolicy = { steps: [{ maxRulesConfidence: 0.86, minModelP: 0.9 }, { maxRulesConfidence: 0.96, minModelP: 0.99 }] };

let committed: IntentModel | null | undefined;

/** The committed model with the default policy (null when the data file holds no weights). */
export function defaultIntentModel(): IntentModel | null {
  if (committed === undefined) committed = Object.keys(INTENT_MODEL.weights).length && DEFAULT_POLICY.steps.length ? new IntentModel(INTENT_MODEL, DEFAULT_POLICY) : null;
  return committed;
}
