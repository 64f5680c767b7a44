// Throughput of the offline rules parser: utterances per second of parseSync on one core, over the
// labelled corpus repeated for at least two seconds. A harness imports and calls benchRulesParser().
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { snapshotFromCatalog } from "../src/nlu/catalog-snapshot.ts";
import { defaultCorpusContext, loadCorpus } from "../src/nlu/eval.ts";
import { RulesParser } from "../src/nlu/rules-parser.ts";
import type { Figure } from "./figure.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function benchRulesParser(opts: { minMs?: number } = {}): Promise<Figure[]> {
  const minMs = opts.minMs ?? 2000;
  const catalog = snapshotFromCatalog(JSON.parse(readFileSync(join(root, "prisma/demo/catalog.json"), "utf8")));
  const texts = loadCorpus(join(root, "test/nlu/corpus.jsonl")).map((l) => l.text);
  const ctx = defaultCorpusContext();
  const parser = new RulesParser(catalog);

  // Warm-up: JIT, regex compilation, memoised pinyin and Intl formatters.
  for (let i = 0; i < 3; i++) for (const t of texts) parser.parseSync(t, ctx);

  // Timed in CPU time of this process ("on one core"): on a busy machine wall time would also count
  // the time other processes held the core. The loop runs until both clocks pass minMs.
  let count = 0;
  let sink = 0;
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let wallMs = 0;
  let cpuMs = 0;
  while (wallMs < minMs || cpuMs < minMs) {
    for (const t of texts) sink += parser.parseSync(t, ctx).confidence;
    count += texts.length;
    wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    cpuMs = (cpu.user + cpu.system) / 1000;
    if (wallMs > 60_000) break; // a starved machine: report what was measured
  }
  if (Number.isNaN(sink)) throw new Error("unreachable"); // keeps the work observable
  return [
    { name: "nlu.rules.parseSync", value: Math.round((count / cpuMs) * 1000), unit: "utterances/s", note: `${count} parses, ${texts.length} distinct utterances, per CPU second` },
  ];
}
