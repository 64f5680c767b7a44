// Training of the intent model (intent-model.ts): a multinomial logistic regression over the features of masked
// messages, keeping only features that occur in the corpora of at least `minCatalogs` different catalogs (generic
// language across trades, not one trade's words). Deterministic: the same examples give the same weights.
import { INTENTS } from "./intent.ts";
import { featuresOf, FEATURE_VERSION, type IntentModelData } from "./intent-model.ts";

export interface TrainingExample {
  /** the catalog the line belongs to (the demo corpus counts as one) */
  catalog: string;
  masked: string;
  intent: string;
}

export interface TrainOptions {
  minCatalogs?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** weights smaller than this (in absolute value) are dropped from the committed file */
  prune?: number;
  /** how many of the last epochs' weights are averaged into the model */
  average?: number;
}

export const DEFAULT_TRAIN: Required<TrainOptions> = { minCatalogs: 3, epochs: 15, learningRate: 0.2, l2: 3e-3, prune: 0.05, average: 8 };

/** The features that occur in the corpora of at least `minCatalogs` catalogs. */
export function genericFeatures(examples: { catalog: string; features: string[] }[], minCatalogs: number): Set<string> {
  const seen = new Map<string, Set<string>>();
  for (const e of examples) {
    for (const f of e.features) {
      let s = seen.get(f);
      if (!s) seen.set(f, (s = new Set()));
      s.add(e.catalog);
    }
  }
  return new Set([...seen].filter(([, s]) => s.size >= minCatalogs).map(([f]) => f));
}

export function trainIntentModel(examples: TrainingExample[], opts: TrainOptions = {}, meta: { inputsHash?: string; trainedOn?: string[] } = {}): IntentModelData {
  const o = { ...DEFAULT_TRAIN, ...opts };
  const intents = INTENTS.filter((i) => examples.some((e) => e.intent === i));
  const K = intents.length;
  const cls = new Map(intents.map((i, k) => [i, k]));
  const featured = examples.map((e) => ({ catalog: e.catalog, features: featuresOf(e.masked), y: cls.get(e.intent as (typeof INTENTS)[number])! }));
  const keep = genericFeatures(featured, o.minCatalogs);
  const index = new Map<string, number>();
  for (const f of [...keep].sort()) index.set(f, index.size);
  const rows = featured.map((e) => ({ x: e.features.filter((f) => keep.has(f)).map((f) => index.get(f)!), y: e.y }));
  const W = new Float64Array(index.size * K);
  const b = new Float64Array(K);
  const z = new Float64Array(K);
  // a seeded shuffle: the same inputs give the same model
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const order = rows.map((_, i) => i);
  // (the weights kept are the mean of those at the end of the last epochs: one more corpus, which reorders every
  // epoch's shuffle, then moves the model less)
  const AW = new Float64Array(W.length);
  const Ab = new Float64Array(K);
  let averaged = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const lr = o.learningRate / (1 + epoch * 0.1);
    for (const r of order) {
      const { x, y } = rows[r];
      for (let k = 0; k < K; k++) {
        let s = b[k];
        for (const f of x) s += W[f * K + k];
        z[k] = s;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (z[k] > max) max = z[k];
      let sum = 0;
      for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k] - max);
      for (let k = 0; k < K; k++) {
        const g = z[k] / sum - (k === y ? 1 : 0);
        b[k] -= lr * g;
        for (const f of x) W[f * K + k] -= lr * (g + o.l2 * W[f * K + k]);
      }
    }
    if (epoch >= o.epochs - o.average) {
      for (let i = 0; i < W.length; i++) AW[i] += W[i];
      for (let k = 0; k < K; k++) Ab[k] += b[k];
      averaged++;
    }
  }
  for (let i = 0; i < W.length; i++) W[i] = AW[i] / averaged;
  for (let k = 0; k < K; k++) b[k] = Ab[k] / averaged;
  const round = (v: number) => Math.round(v * 100) / 100;
  const weights: Record<string, number[]> = {};
  for (const [f, i] of index) {
    const w: number[] = [];
    for (let k = 0; k < K; k++) if (Math.abs(W[i * K + k]) >= o.prune) w.push(k, round(W[i * K + k]));
    if (w.length) weights[f] = w;
  }
  return {
    featureVersion: FEATURE_VERSION,
    inputsHash: meta.inputsHash ?? "",
    trainedOn: meta.trainedOn ?? [],
    intents: [...intents],
    bias: [...b].map(round),
    weights,
  };
}
