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
export const FEATURE_VERSION = 2;

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
const isLatinToken = (t: string) => t.charCodeAt(0) >= 97 && t.charCodeAt(0) <= 122;

/** The tokens of a masked message, by segment (stretches between punctuation that breaks a phrase). */
export function tokenize(masked: string): string[][] {
  const out: string[][] = [];
  for (const seg of masked.split(BREAK_RE)) {
    const tokens = seg.match(TOKEN_RE);
    if (tokens) out.push(tokens.map((t) => (t === "？" ? "?" : t === "！" ? "!" : t)));
  }
  return out;
}

/** The n-grams a message has, as callbacks (kind, tokens): the one definition both the features and the scorer use. */
function forEachGram(segments: string[][], visit: (kind: GramKind, a: string, b?: string, c?: string) => void): void {
  if (!segments.length) return;
  visit("^", segments[0][0]);
  for (const tokens of segments) {
    for (let i = 0; i < tokens.length; i++) {
      visit("u", tokens[i]);
      if (i + 1 < tokens.length) visit("b", tokens[i], tokens[i + 1]);
      if (i + 2 < tokens.length && !isLatinToken(tokens[i]) && !isLatinToken(tokens[i + 1]) && !isLatinToken(tokens[i + 2])) visit("t", tokens[i], tokens[i + 1], tokens[i + 2]);
    }
  }
  const last = segments[segments.length - 1];
  visit("$", last[last.length - 1]);
}

type GramKind = "u" | "b" | "t" | "^" | "$";
const KIND: Record<GramKind, number> = { u: 0, b: 1, t: 2, "^": 3, $: 4 };

/**
 * Features of a masked message, as "kind:tokens": Chinese 1–3-grams (u:来, b:来 一, t:来 一 杯; placeholders count as
 * characters), Latin word 1–2-grams (u:please, b:⟨P⟩ please; no trigram has a Latin word), the first and last token
 * (^:来, $:please).
 */
export function featuresOf(masked: string): string[] {
  const out = new Set<string>();
  forEachGram(tokenize(masked), (kind, a, b, c) => out.add(`${kind}:${c !== undefined ? `${a} ${b} ${c}` : b !== undefined ? `${a} ${b}` : a}`));
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

/** a slot for an n-gram key (both halves below 2^31) */
function slotHash(k1: number, k2: number): number {
  return (Math.imul(k1, 0x9e3779b1) ^ Math.imul(k2 + 0x7f4a7c15, 0x85ebca77)) >>> 7;
}

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - max);
  for (let k = 0; k < z.length; k++) z[k] /= sum;
  return z;
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
  /** the fast path: tokens as numbers, n-grams as numeric keys (no string is built per n-gram) */
  private readonly vocab = new Map<string, number>();
  /** vocab of the one-character tokens, by character code (most tokens: no string is hashed for them) */
  private readonly charVocab = new Int32Array(0x10000);
  /** the radix of the numeric n-gram keys: one more than the number of tokens */
  private readonly base: number;
  /**
   * The n-gram table, open addressing: slot i holds the key (kind and first token, second and third token) at 2i and
   * 2i+1 (0 = empty) and its n-gram's number + 1 in entryOf[i]. Small typed arrays: a message's lookups stay in cache.
   */
  private readonly slotKeys: Int32Array;
  private readonly entryOf: Int32Array;
  private readonly mask: number;
  /** n-gram e's weights are (weightIntent[k], weightValue[k]) for k from weightStart[e] to weightStart[e + 1] */
  private readonly weightStart: Int32Array;
  private readonly weightIntent: Int32Array;
  private readonly weightValue: Float64Array;
  /** the message during which each n-gram was last added (an n-gram said twice counts once) */
  private readonly addedIn: Int32Array;
  private message = 0;
  /** the scores of the message being predicted (predict reads them at once: no new array per message) */
  private readonly scratch: Float64Array;
  /** a segment's token numbers and whether each is Latin (kept between messages, grown when a segment is longer) */
  private ids = new Int32Array(64);
  private latin = new Uint8Array(64);

  constructor(data: IntentModelData, readonly policy: CombinePolicy = { steps: [] }) {
    this.intents = data.intents.map((i) => {
      if (!INTENTS.includes(i as Intent)) throw new Error(`intent model: unknown intent ${i}`);
      return i as Intent;
    });
    this.bias = Float64Array.from(data.bias);
    this.scratch = new Float64Array(this.bias.length);
    this.weights = new Map(Object.entries(data.weights));
    for (const f of this.weights.keys()) for (const t of f.slice(2).split(" ")) if (!this.vocab.has(t)) this.vocab.set(t, this.vocab.size + 1);
    for (const [t, id] of this.vocab) if (t.length === 1) this.charVocab[t.charCodeAt(0)] = id;
    this.base = this.vocab.size + 1;
    let slots = 16;
    while (slots < this.weights.size * 3) slots *= 2;
    this.mask = slots - 1;
    this.slotKeys = new Int32Array(slots * 2);
    this.entryOf = new Int32Array(slots);
    this.weightStart = new Int32Array(this.weights.size + 1);
    const pairs = [...this.weights.values()].reduce((n, w) => n + w.length / 2, 0);
    this.weightIntent = new Int32Array(pairs);
    this.weightValue = new Float64Array(pairs);
    this.addedIn = new Int32Array(this.weights.size);
    let e = 0;
    let at = 0;
    for (const [f, w] of this.weights) {
      const [a, b, c] = f.slice(2).split(" ").map((t) => this.vocab.get(t)!);
      const k1 = this.headKey(KIND[f[0] as GramKind], a);
      const k2 = this.tailKey(b ?? 0, c ?? 0);
      let i = slotHash(k1, k2) & this.mask;
      while (this.entryOf[i]) i = (i + 1) & this.mask;
      this.slotKeys[2 * i] = k1;
      this.slotKeys[2 * i + 1] = k2;
      this.entryOf[i] = e + 1;
      this.weightStart[e] = at;
      for (let k = 0; k < w.length; k += 2, at++) {
        this.weightIntent[at] = w[k];
        this.weightValue[at] = w[k + 1];
      }
      e++;
    }
    this.weightStart[e] = at;
  }

  /** a token's number in vocab, 0 for one the model has no n-gram of */
  private idOf(token: string): number {
    return token.length === 1 ? this.charVocab[token.charCodeAt(0)] : this.vocab.get(token) ?? 0;
  }

  /** the first half of an n-gram's key: its kind and first token (never 0: kinds count from 1) */
  private headKey(kind: number, a: number): number {
    return (kind + 1) * this.base + a;
  }

  private tailKey(b: number, c: number): number {
    return b * this.base + c;
  }

  /** adds one n-gram's weights, once per message */
  private add(z: Float64Array, kind: number, a: number, b: number, c: number): void {
    const k1 = this.headKey(kind, a);
    const k2 = this.tailKey(b, c);
    for (let i = slotHash(k1, k2) & this.mask; this.entryOf[i]; i = (i + 1) & this.mask) {
      if (this.slotKeys[2 * i] !== k1 || this.slotKeys[2 * i + 1] !== k2) continue;
      const e = this.entryOf[i] - 1;
      if (this.addedIn[e] === this.message) return;
      this.addedIn[e] = this.message;
      for (let k = this.weightStart[e]; k < this.weightStart[e + 1]; k++) z[this.weightIntent[k]] += this.weightValue[k];
      return;
    }
  }

  /** Probabilities per intent (the model's intents, in order) from feature strings (featuresOf). */
  scores(features: string[]): Float64Array {
    const z = Float64Array.from(this.bias);
    for (const f of features) {
      const w = this.weights.get(f);
      if (w) for (let k = 0; k < w.length; k += 2) z[w[k]] += w[k + 1];
    }
    return softmax(z);
  }

  /**
   * The same probabilities from a masked message, without building feature strings: tokens become numbers and
   * n-grams numeric keys (the n-grams of forEachGram, written out as loops: this runs on every message).
   */
  scoresOf(masked: string): Float64Array {
    return this.scoresInto(this.bias.slice(), masked);
  }

  /** scoresOf into z, which holds the bias on entry */
  private scoresInto(z: Float64Array, masked: string): Float64Array {
    // (after 2^31 messages the stamps start again from a clean slate)
    this.message = this.message === 0x7fffffff ? (this.addedIn.fill(0), 1) : this.message + 1;
    const segments = tokenize(masked);
    if (!segments.length) return softmax(z);
    const first = this.idOf(segments[0][0]);
    if (first) this.add(z, KIND["^"], first, 0, 0);
    let last = 0;
    for (const tokens of segments) {
      const n = tokens.length;
      if (n > this.ids.length) [this.ids, this.latin] = [new Int32Array(2 * n), new Uint8Array(2 * n)];
      const { ids, latin } = this;
      for (let i = 0; i < n; i++) {
        ids[i] = this.idOf(tokens[i]);
        latin[i] = isLatinToken(tokens[i]) ? 1 : 0;
      }
      for (let i = 0; i < n; i++) {
        const a = ids[i];
        if (!a) continue;
        this.add(z, KIND["u"], a, 0, 0);
        const b = i + 1 < n ? ids[i + 1] : 0;
        if (!b) continue;
        this.add(z, KIND["b"], a, b, 0);
        const c = i + 2 < n ? ids[i + 2] : 0;
        if (c && !latin[i] && !latin[i + 1] && !latin[i + 2]) this.add(z, KIND["t"], a, b, c);
      }
      last = ids[n - 1];
    }
    if (last) this.add(z, KIND["$"], last, 0, 0);
    return softmax(z);
  }

  predict(masked: string): ModelPrediction {
    this.scratch.set(this.bias);
    const p = this.scoresInto(this.scratch, masked);
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

/** How the committed model is combined with the rules (chosen by leave-one-catalog-out, test/nlu/catalogs/README.md; the
 * middle step, rules at 0.9 or less yield to a model at 0.93, added in session 24: held-out corpora gained 53 lines, lost 2). */
// (session 25: a rules guess at 0.5 or less — a bare brand, "来一个" with nothing named — yields to a model at 0.75: "丁俊晖今晚比赛几点直播"
// names the catalog's word but asks the shop nothing)
export const DEFAULT_POLICY: CombinePolicy = { steps: [{ maxRulesConfidence: 0.5, minModelP: 0.75 }, { maxRulesConfidence: 0.86, minModelP: 0.9 }, { maxRulesConfidence: 0.9, minModelP: 0.93 }, { maxRulesConfidence: 0.96, minModelP: 0.99 }] };

let committed: IntentModel | null | undefined;

/** The committed model with the default policy (null when the data file holds no weights). */
export function defaultIntentModel(): IntentModel | null {
  if (committed === undefined) committed = Object.keys(INTENT_MODEL.weights).length && DEFAULT_POLICY.steps.length ? new IntentModel(INTENT_MODEL, DEFAULT_POLICY) : null;
  return committed;
}
