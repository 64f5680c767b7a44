// Leave-one-catalog-out evaluation of the intent model (src/nlu/intent-model.ts) and of its combination with the rules:
// for each training source (the demo corpus and every tuned catalog corpus), a model is trained on all the others and
// scored on it, alone and combined with the rules under each candidate policy; intent and all-entities-exact are
// compared with the rules alone. `--blind DIR…` also scores catalog folders never trained on (rules alone against
// the combination with the model trained on everything), with the default policy.
//
//   npx tsx scripts/intent-loo.ts [--policies] [--blind test/nlu/catalogs/ktv …]
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate } from "../src/nlu/eval.ts";
import { loadSource, trainingSources, type LoadedSource } from "../src/nlu/intent-corpora.ts";
import { DEFAULT_POLICY, IntentModel, overrides, type CombinePolicy } from "../src/nlu/intent-model.ts";
import { trainIntentModel } from "../src/nlu/intent-train.ts";
import { RulesParser } from "../src/nlu/rules-parser.ts";
import { INTENT_MODEL } from "../src/nlu/intent-model.data.ts";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const args = process.argv.slice(2);
const blindAt = args.indexOf("--blind");
const blind = blindAt >= 0 ? args.slice(blindAt + 1) : [];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

interface Fold {
  source: LoadedSource;
  policy: CombinePolicy;
  model: IntentModel;
  combined: RulesParser;
  rules: { intent: number; entities: number };
  modelAlone: number;
  /** per line: rules' intent and confidence, model's intent and probability, label */
  lines: { rules: string; conf: number; model: string; p: number; label: string }[];
}

const t0 = Date.now();
const sources = trainingSources(root).map(loadSource);
const folds: Fold[] = [];
for (const source of sources) {
  const train = sources.filter((s) => s !== source).flatMap((s) => s.examples);
  const data = trainIntentModel(train);
  const policy: CombinePolicy = { ...DEFAULT_POLICY, steps: [...DEFAULT_POLICY.steps] };
  const model = new IntentModel(data, policy);
  const rulesOnly = new RulesParser(source.snapshot, undefined, { intentModel: null });
  const r = await evaluate(rulesOnly, source.lines, source.snapshot);
  const lines = source.lines.map((line, i) => {
    const { result, trace } = rulesOnly.traceSync(line.text, { now: new Date("2026-11-25T10:00:00+08:00"), timezone: "Asia/Shanghai", brandIds: line.brandIds ?? null });
    const m = model.predict(source.examples[i].masked);
    return { rules: result.intent, conf: trace.rules?.confidence ?? 0, model: m.intent, p: m.p, label: line.expect.intent };
  });
  folds.push({
    source, policy, model,
    combined: new RulesParser(source.snapshot, undefined, { intentModel: model }),
    rules: { intent: r.all.intentAccuracy, entities: r.all.allEntitiesExact },
    modelAlone: lines.filter((l) => l.model === l.label).length / lines.length,
    lines,
  });
}
console.error(`trained ${folds.length} folds in ${Date.now() - t0} ms`);

// where the rules are unsure, how do the two compare? (by the rules' confidence)
const all = folds.flatMap((f) => f.lines);
console.log("rules confidence   n   rules right  model right  model right where rules wrong (p≥0.5 / ≥0.7 / ≥0.9)  model wrong where rules right (same)");
for (const [lo, hi] of [[0, 0.2], [0.2, 0.56], [0.56, 0.66], [0.66, 0.76], [0.76, 0.85], [0.85, 0.9], [0.9, 1.01]]) {
  const b = all.filter((l) => l.conf >= lo && l.conf < hi);
  const fixes = (p: number) => b.filter((l) => l.rules !== l.label && l.model === l.label && l.p >= p).length;
  const breaks = (p: number) => b.filter((l) => l.rules === l.label && l.model !== l.label && l.p >= p).length;
  console.log(`[${lo.toFixed(2)}, ${hi.toFixed(2)})  ${String(b.length).padStart(5)}  ${String(b.filter((l) => l.rules === l.label).length).padStart(6)}  ${String(b.filter((l) => l.model === l.label).length).padStart(10)}      ${fixes(0.5)} / ${fixes(0.7)} / ${fixes(0.9)}      ${breaks(0.5)} / ${breaks(0.7)} / ${breaks(0.9)}`);
}

async function score(policy: CombinePolicy) {
  const rows = [];
  for (const f of folds) {
    f.policy.steps = policy.steps;
    f.policy.never = policy.never;
    f.policy.floor = policy.floor;
    const r = await evaluate(f.combined, f.source.lines, f.source.snapshot);
    rows.push({ name: f.source.name, n: f.source.lines.length, rules: f.rules, modelAlone: f.modelAlone, combined: { intent: r.all.intentAccuracy, entities: r.all.allEntitiesExact } });
  }
  return rows;
}

const summary = (rows: Awaited<ReturnType<typeof score>>) => {
  const n = rows.reduce((a, r) => a + r.n, 0);
  const w = (get: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + get(r) * r.n, 0) / n;
  const worst = Math.min(...rows.map((r) => Math.min(r.combined.intent - r.rules.intent, r.combined.entities - r.rules.entities)));
  const demo = rows.find((r) => r.name === "demo")!;
  return { intent: w((r) => r.combined.intent), entities: w((r) => r.combined.entities), worst, demoDrop: Math.min(demo.combined.intent - demo.rules.intent, demo.combined.entities - demo.rules.entities), rulesIntent: w((r) => r.rules.intent), rulesEntities: w((r) => r.rules.entities) };
};

// first contact: the rules as they were when each corpus arrived (dumped by scripts/intent-first-contact.sh: per line
// the old parser's intent and confidence), combined with this fold's model; intent only (the old parser's entities
// cannot be recomputed for another intent)
const fcAt = args.indexOf("--first-contact");
const firstContact = new Map<string, { intent: string; confidence: number }[]>();
if (fcAt >= 0) {
  const { existsSync, readFileSync } = await import("node:fs");
  for (const f of folds) {
    const file = join(args[fcAt + 1], `${f.source.name}.json`);
    if (existsSync(file)) firstContact.set(f.source.name, JSON.parse(readFileSync(file, "utf8")).lines);
  }
}
function firstContactScore(policy: CombinePolicy) {
  const rows = [];
  for (const f of folds) {
    const old = firstContact.get(f.source.name);
    if (!old) continue;
    let rules = 0, combined = 0;
    f.lines.forEach((l, i) => {
      const o = old[i];
      rules += +(o.intent === l.label);
      const take = overrides(policy, o, { intent: l.model, p: l.p });
      combined += +((take ? l.model : o.intent) === l.label);
    });
    rows.push({ name: f.source.name, n: f.lines.length, rules: rules / f.lines.length, combined: combined / f.lines.length, model: f.modelAlone });
  }
  return rows;
}

// the policy's intent on a fold, simulated from the per-line figures (no parse): the rules given, or today's
function simulate(policy: CombinePolicy, f: Fold, old?: { intent: string; confidence: number }[]) {
  let right = 0;
  f.lines.forEach((l, i) => {
    const o = old ? old[i] : { intent: l.rules, confidence: l.conf };
    const take = overrides(policy, o, { intent: l.model, p: l.p });
    right += +((take ? l.model : o.intent) === l.label);
  });
  return right;
}
if (args.includes("--sweep")) {
  const ps = [0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 1.01];
  const cs = [0.15, 0.5, 0.62, 0.75, 0.86, 0.88, 0.9, 0.93, 0.96, 0.99];
  const out = [];
  for (const c1 of cs) for (const p1 of ps) for (const c2 of cs) for (const p2 of ps) {
    if (c2 <= c1 || p2 <= p1) continue;
    const policy: CombinePolicy = { steps: [{ maxRulesConfidence: c1, minModelP: p1 }, { maxRulesConfidence: c2, minModelP: p2 }] };
    const fcFolds = folds.filter((f) => firstContact.has(f.source.name));
    const fcN = fcFolds.reduce((a, f) => a + f.lines.length, 0);
    const fc = fcFolds.reduce((a, f) => a + simulate(policy, f, firstContact.get(f.source.name)), 0) / fcN;
    const tunedN = folds.reduce((a, f) => a + f.lines.length, 0);
    const tuned = folds.reduce((a, f) => a + simulate(policy, f), 0) / tunedN;
    const worst = Math.min(...folds.map((f) => (simulate(policy, f) - simulate({ steps: [] }, f)) / f.lines.length));
    const demo = folds.find((f) => f.source.name === "demo")!;
    out.push({ policy, fc, tuned, worst, demo: simulate(policy, demo) - simulate({ steps: [] }, demo) });
  }
  out.sort((a, b) => b.fc - a.fc);
  console.log("\nsweep (intent only, simulated): first contact, tuned LOO, worst fold Δ, demo Δ lines");
  for (const o of out.filter((o) => o.demo >= 0 && o.worst >= -0.005).slice(0, 25)) console.log(`${JSON.stringify(o.policy.steps)}  ${pct(o.fc)}  ${pct(o.tuned)}  ${(o.worst * 100).toFixed(1)}  ${o.demo}`);
  console.log("frontier: the best first-contact intent for a given loss on the demo corpus (LOO, lines) and worst fold");
  for (const d of [0, -1, -2, -3, -5, -8, -12]) for (const w of [-0.005, -0.01, -0.02]) {
    const o = out.find((o) => o.demo >= d && o.worst >= w);
    if (o) console.log(`demo ≥ ${d}, worst ≥ ${w * 100}: ${JSON.stringify(o.policy.steps)}  ${pct(o.fc)}  ${pct(o.tuned)}  ${(o.worst * 100).toFixed(1)}  ${o.demo}`);
  }
  console.log("(unconstrained best)");
  for (const o of out.slice(0, 10)) console.log(`${JSON.stringify(o.policy.steps)}  ${pct(o.fc)}  ${pct(o.tuned)}  ${(o.worst * 100).toFixed(1)}  ${o.demo}`);
}

if (args.includes("--policies")) {
  const candidates: CombinePolicy[] = [];
  for (const never of [undefined, ["unknown" as const]]) {
    for (const c of [0.15, 0.3, 0.5, 0.55, 0.62, 0.65, 0.7, 0.75, 0.8, 0.86, 0.88, 0.9]) {
      for (const p of [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) candidates.push({ steps: [{ maxRulesConfidence: c, minModelP: p }], never });
    }
    for (const [c1, p1] of [[0.5, 0.5], [0.5, 0.7], [0.75, 0.7], [0.75, 0.8], [0.86, 0.8]]) {
      for (const [c2, p2] of [[0.9, 0.9], [0.9, 0.95], [0.93, 0.95], [0.96, 0.95], [0.99, 0.95], [0.99, 0.97]]) candidates.push({ steps: [{ maxRulesConfidence: c1, minModelP: p1 }, { maxRulesConfidence: c2, minModelP: p2 }], never });
    }
  }
  const results = [];
  for (const c of candidates) results.push({ c, s: summary(await score(c)) });
  results.sort((a, b) => b.s.intent - a.s.intent);
  const fc = (c: CombinePolicy) => {
    const rows = firstContactScore(c);
    const n = rows.reduce((a, r) => a + r.n, 0);
    return rows.length ? `${pct(rows.reduce((a, r) => a + r.rules * r.n, 0) / n)} → ${pct(rows.reduce((a, r) => a + r.combined * r.n, 0) / n)}` : "";
  };
  console.log("\npolicy (rules conf ≤ c and model p ≥ p; never)        LOO intent  entities  worst fold Δ  demo Δ  first contact intent");
  for (const { c, s } of results.slice(0, 60)) {
    console.log(`${c.steps.map((x) => `c≤${x.maxRulesConfidence} p≥${x.minModelP}`).join(", ").padEnd(30)} ${(c.never ?? []).join(",").padEnd(8)}  ${pct(s.intent)}  ${pct(s.entities)}  ${(s.worst * 100).toFixed(1).padStart(6)}  ${(s.demoDrop * 100).toFixed(1)}  ${fc(c)}`);
  }
  const base = summary(await score({ steps: [] }));
  console.log(`rules alone: ${pct(base.rulesIntent)} / ${pct(base.rulesEntities)}`);
}

const rows = await score(DEFAULT_POLICY);
const s = summary(rows);
console.log(`\nleave-one-catalog-out, policy ${JSON.stringify(DEFAULT_POLICY)}`);
console.log("| corpus | lines | rules alone (tuned on it) | model alone (LOO) | rules + model (LOO) |");
console.log("|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.name} | ${r.n} | ${pct(r.rules.intent)} / ${pct(r.rules.entities)} | ${pct(r.modelAlone)} | ${pct(r.combined.intent)} / ${pct(r.combined.entities)} |`);
const n = rows.reduce((a, r) => a + r.n, 0);
console.log(`| all (weighted) | ${n} | ${pct(s.rulesIntent)} / ${pct(s.rulesEntities)} | ${pct(rows.reduce((a, r) => a + r.modelAlone * r.n, 0) / n)} | ${pct(s.intent)} / ${pct(s.entities)} |`);
console.log("(intent / all entities exact; model alone: intent)");
if (firstContact.size) {
  console.log("\nfirst contact (the rules as they were when the corpus arrived), intent: rules alone vs rules + model (LOO)");
  console.log("| corpus | rules at first contact | model alone (LOO) | first-contact rules + model (LOO) |");
  console.log("|---|---|---|---|");
  const fcRows = firstContactScore(DEFAULT_POLICY);
  for (const r of fcRows) console.log(`| ${r.name} | ${pct(r.rules)} | ${pct(r.model)} | ${pct(r.combined)} |`);
  const m = fcRows.reduce((a, r) => a + r.n, 0);
  console.log(`| all (weighted) | ${pct(fcRows.reduce((a, r) => a + r.rules * r.n, 0) / m)} | ${pct(fcRows.reduce((a, r) => a + r.model * r.n, 0) / m)} | ${pct(fcRows.reduce((a, r) => a + r.combined * r.n, 0) / m)} |`);
}

if (blind.length) {
  console.log("\nblind corpora (never trained or tuned on): rules alone vs rules + the committed model");
  console.log("| corpus | lines | rules alone | model alone (intent) | rules + model |");
  console.log("|---|---|---|---|---|");
  const { readSnapshot } = await import("../src/nlu/intent-corpora.ts");
  const { lineContext } = await import("../src/nlu/eval.ts");
  const { loadCorpus } = await import("../src/nlu/eval.ts");
  for (const dir of blind) {
    const snapshot = readSnapshot(join(dir, "catalog.json"));
    const lines = loadCorpus(join(dir, "corpus.jsonl"));
    const a = await evaluate(new RulesParser(snapshot, undefined, { intentModel: null }), lines, snapshot);
    const model = new IntentModel(INTENT_MODEL, DEFAULT_POLICY);
    const b = await evaluate(new RulesParser(snapshot, undefined, { intentModel: model }), lines, snapshot);
    const rulesOnly = new RulesParser(snapshot, undefined, { intentModel: null });
    const alone = lines.filter((l) => model.predict(rulesOnly.traceSync(l.text, lineContext(l)).trace.masked ?? "").intent === l.expect.intent).length / lines.length;
    console.log(`| ${dir.split("/").pop()} | ${lines.length} | ${pct(a.all.intentAccuracy)} / ${pct(a.all.allEntitiesExact)} | ${pct(alone)} | ${pct(b.all.intentAccuracy)} / ${pct(b.all.allEntitiesExact)} |`);
  }
}
