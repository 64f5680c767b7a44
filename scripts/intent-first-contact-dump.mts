// For scripts/intent-first-contact.sh: prints, per corpus line, an old rules parser's intent and confidence
import { readFileSync } from "node:fs";
import { join } from "node:path";
const tree = process.argv[2], folder = process.argv[3];
const { RulesParser } = await import(join(tree, "src/nlu/rules-parser.ts"));
const { snapshotFromCatalog } = await import(join(tree, "src/nlu/catalog-snapshot.ts"));
const { loadCorpus, evaluate } = await import(join(tree, "src/nlu/eval.ts"));
const snap = snapshotFromCatalog(JSON.parse(readFileSync(join(folder, "catalog.json"), "utf8")));
const p = new RulesParser(snap);
const lines = loadCorpus(join(folder, "corpus.jsonl"));
const out = [];
for (const l of lines) {
  const r = p.parseSync(l.text, { now: new Date(l.now ?? "2026-11-25T10:00:00+08:00"), timezone: l.timezone ?? "Asia/Shanghai", brandIds: l.brandIds ?? null });
  out.push({ intent: r.intent, confidence: r.confidence });
}
const rep = await evaluate(p, lines);
console.log(JSON.stringify({ folder, intent: rep.all.intentAccuracy, entities: rep.all.allEntitiesExact, lines: out }));
