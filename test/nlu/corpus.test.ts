// Runs the labelled corpus through the rules parser and holds the figures above their floors.
// The holdout lines were written independently of the rules; they measure generalisation.
import { describe, expect, it } from "vitest";
import { evaluate, formatReport, loadCorpus } from "../../src/nlu/eval.ts";
import { INTENTS, parseResultSchema } from "../../src/nlu/intent.ts";
import { RulesParser } from "../../src/nlu/rules-parser.ts";
import { CORPUS_PATH, demoSnapshot } from "./fixtures.ts";

const corpus = loadCorpus(CORPUS_PATH);

describe("corpus", () => {
  it("is big and balanced enough to mean something", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(330);
    for (const intent of INTENTS) expect(corpus.filter((l) => l.expect.intent === intent).length, intent).toBeGreaterThanOrEqual(10);
    const holdout = corpus.filter((l) => l.split === "holdout").length / corpus.length;
    expect(holdout).toBeGreaterThan(0.2);
    expect(holdout).toBeLessThan(0.3);
  });

  it("labels are valid parse results", () => {
    for (const l of corpus) expect(parseResultSchema.safeParse({ ...l.expect, confidence: 1 }).success, l.text).toBe(true);
  });

  it("the rules parser stays above its floors", async () => {
    const report = await evaluate(new RulesParser(demoSnapshot()), corpus, demoSnapshot());
    const summary = formatReport(report, { failures: 30, failuresFrom: "tune" });
    expect(report.all.intentAccuracy, summary).toBeGreaterThanOrEqual(0.95);
    expect(report.all.allEntitiesExact, summary).toBeGreaterThanOrEqual(0.9);
    expect(report.holdout.intentAccuracy, summary).toBeGreaterThanOrEqual(0.9);
  });
});
