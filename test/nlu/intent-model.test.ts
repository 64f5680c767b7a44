// The learned intent model (src/nlu/intent-model.ts): masking, the feature rule, the committed weights' freshness, and
// how it is combined with the rules.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inputsHash, readSnapshot, trainingSources } from "../../src/nlu/intent-corpora.ts";
import { INTENT_MODEL } from "../../src/nlu/intent-model.data.ts";
import { featuresOf, FEATURE_VERSION, IntentModel, maskText, MASK } from "../../src/nlu/intent-model.ts";
import { genericFeatures, trainIntentModel, type TrainingExample } from "../../src/nlu/intent-train.ts";
import { RulesParser } from "../../src/nlu/rules-parser.ts";
import { ctx, ROOT } from "./fixtures.ts";

const masked = (folder: string, text: string) =>
  new RulesParser(readSnapshot(join(ROOT, "test/nlu/catalogs", folder, "catalog.json")), undefined, { intentModel: null }).traceSync(text, ctx()).trace.masked ?? "";

describe("masking", () => {
  it("a trade word that is a catalog product becomes ⟨P⟩, a count ⟨N⟩, a time ⟨T⟩", () => {
    const m = masked("hotpot", "两份毛肚 明天中午送到 再来3串");
    expect(m).toContain(MASK.product);
    expect(m).not.toContain("毛肚");
    expect(m).toContain(MASK.time);
    expect(m).toContain(MASK.number);
    expect(m).not.toMatch(/\d/);
  });

  it("brands, roles, stores and coupon codes become placeholders", () => {
    const m = masked("hotpot", "老地方解放碑店能用LDF50吗 想订个包间");
    expect(m).toContain(MASK.brand);
    expect(m).toContain(MASK.store);
    expect(m).toContain(MASK.coupon);
    expect(m).toContain(MASK.role);
    expect(m).not.toMatch(/解放碑|包间|ldf50/);
  });

  it("spans are replaced earliest first, longest first; the rest is kept", () => {
    expect(maskText("来两杯拿铁 at 3pm", [{ start: 3, end: 5, tag: "product" }]).replace(/\s+/g, " ").trim()).toBe("来两杯 ⟨P⟩ at ⟨T⟩");
  });

  it("features are Chinese 1–3-grams with placeholders as characters, and Latin word 1–2-grams", () => {
    const f = featuresOf(maskText("来一杯拿铁 please", [{ start: 3, end: 5, tag: "product" }]));
    expect(f).toEqual(expect.arrayContaining(["u:来", "b:来 一", "t:来 一 杯", "b:杯 ⟨P⟩", "t:一 杯 ⟨P⟩", "u:please", "b:⟨P⟩ please", "^:来", "$:please"]));
    expect(f.some((x) => x.startsWith("t:") && x.includes("please"))).toBe(false);
  });

  it("the fast scorer gives the same probabilities as the feature strings", () => {
    const model = new IntentModel(INTENT_MODEL);
    for (const text of ["来两杯 ⟨P⟩ 明天 ⟨T⟩ 送到 ⟨S⟩", "can i get a ⟨P⟩ , pick up at ⟨S⟩ ?", "⟨B⟩ 这个名字好好听 谁取的", "", "!!! ^_^ ⟨R⟩"]) {
      expect([...model.scoresOf(text)].map((x) => x.toFixed(9))).toEqual([...model.scores(featuresOf(text))].map((x) => x.toFixed(9)));
    }
  });
});

describe("the feature rule", () => {
  it("a feature seen in one catalog only is not in the model; one seen in three is", () => {
    const ex = (catalog: string, masked: string, intent: string): TrainingExample => ({ catalog, masked, intent });
    const examples = [
      ex("a", "我要 ⟨P⟩ 毛肚毛肚", "order"), ex("a", "附近的店在哪", "find_store"),
      ex("b", "我要 ⟨P⟩", "order"), ex("b", "附近的店在哪", "find_store"),
      ex("c", "我要 ⟨P⟩", "order"), ex("c", "附近的店在哪", "find_store"),
      ex("d", "店在哪", "find_store"),
    ];
    const data = trainIntentModel(examples, { prune: 0 });
    expect(Object.keys(data.weights)).toContain("b:我 要");
    expect(Object.keys(data.weights)).toContain("b:附 近");
    for (const f of Object.keys(data.weights)) expect(f).not.toContain("毛");
    expect(Object.keys(data.weights)).toContain("u:我");
    expect(genericFeatures([{ catalog: "a", features: ["x"] }, { catalog: "b", features: ["x"] }], 3).has("x")).toBe(false);
  });

  it("the committed model holds no feature of a single trade (every feature is generic language)", () => {
    expect(Object.keys(INTENT_MODEL.weights).length).toBeGreaterThan(100);
    for (const f of Object.keys(INTENT_MODEL.weights)) expect(f).not.toMatch(/\d/);
  });
});

describe("the committed model", () => {
  it("is not stale: trained on exactly today's training corpora (retrain: npx tsx scripts/train-intent-model.ts)", () => {
    const sources = trainingSources(ROOT);
    expect(INTENT_MODEL.featureVersion).toBe(FEATURE_VERSION);
    expect(INTENT_MODEL.trainedOn).toEqual(sources.map((s) => s.name));
    expect(INTENT_MODEL.inputsHash).toBe(inputsHash(sources));
  });

  it("never trained on a held-out corpus", () => {
    expect(INTENT_MODEL.trainedOn).not.toContain("bookshop");
    expect(INTENT_MODEL.trainedOn).not.toContain("home-services");
  });
});

describe("the combination", () => {
  const model = new IntentModel(INTENT_MODEL, { steps: [{ maxRulesConfidence: 0.5, minModelP: 0.6 }] });
  it("keeps a confident rules decision whatever the model says", () => {
    const rules = { intent: "order" as const, confidence: 0.94 };
    expect(model.combine(rules, () => "附近 的 店 在 哪")).toBe(rules);
  });
  it("answers where the rules have nothing and the model is sure", () => {
    const rules = { intent: "unknown" as const, confidence: 0.15 };
    expect(model.combine(rules, () => "⟨S⟩ 的 店 在 哪 里 ?").intent).toBe("find_store");
  });
});
