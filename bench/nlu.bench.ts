// Throughput of the offline rules parser: utterances per second of parseSync on one core, over the
// labelled corpus repeated for at least two seconds. A harness imports and calls benchRulesParser().
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { snapshotFromCatalog } from "../src/nlu/catalog-snapshot.ts";
import { defaultCorpusContext, loadCorpus } from "../src/nlu/eval.ts";
import { RulesParser } from "../src/nlu/rules-parser.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function benchRulesParser(opts: { minMs?: number } = {}): Promise<{ name: string; value: number; unit: string }[]> {
  const minMs = opts.minMs ?? 2000;
  const catalog = snapshotFromCatalog(JSON.parse(readFileSync(join(root, "prisma/demo/catalog.json"), "utf8")));
  const texts = loadCorpus(join(root, "test/nlu/corpus.jsonl")).map((l) => l.text);
  const ctx = defaultCorpusContext();
  const parser = new RulesParser(catalog);

  // Warm-up: JIT, regex compilation, memoised pinyin and Intl formatters.
  for (let i = 0; i < 3; i++) for (const t of texts) parser.parseSync(t, ctx);

  let count = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < minMs) {
    for (const t of texts) sink += parser.parseSync(t, ctx).confidence;
    count += texts.length;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (Number.isNaN(sink)) throw new Error("unreachable"); // keeps the work observable
  return [{ name: "nlu.rules.parseSync", value: Math.round((count / elapsedMs) * 1000), unit: "utterances/s" }];
}
