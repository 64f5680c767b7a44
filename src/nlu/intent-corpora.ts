// The intent model's training inputs (scripts/train-intent-model.ts, scripts/intent-loo.ts, the staleness test): the
// demo corpus and the catalog corpora marked "tune" in test/nlu/catalogs/README.md — never a held-out corpus, never a
// folder the README does not list (a blind corpus copied in for testing). Each line is masked by the rules parser
// itself (RulesParser.traceSync, with no model), against its own catalog.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readCatalogFile } from "../catalog/read-catalog-file.ts";
import { snapshotFromCatalog } from "./catalog-snapshot.ts";
import { lineContext, loadCorpus, type CorpusLine } from "./eval.ts";
import type { CatalogSnapshot } from "./intent.ts";
import { FEATURE_VERSION } from "./intent-model.ts";
import type { TrainingExample } from "./intent-train.ts";
import { RulesParser } from "./rules-parser.ts";

export const DEMO = "demo";

export interface CorpusSource {
  /** folder name, or "demo" */
  name: string;
  catalogPath: string;
  corpusPath: string;
}

export function catalogsDir(root: string): string {
  return join(root, "test/nlu/catalogs");
}

/** The demo corpus and every catalog folder the README's table marks as `tune`, in README order. */
export function trainingSources(root: string): CorpusSource[] {
  const readme = readFileSync(join(catalogsDir(root), "README.md"), "utf8");
  const tuned = [...readme.matchAll(/^\|\s*`([^`]+)`\s*\|[^\n]*\|\s*tune\s*\|\s*$/gm)].map((m) => m[1]);
  return [
    { name: DEMO, catalogPath: join(root, "prisma/demo/catalog.json"), corpusPath: join(root, "test/nlu/corpus.jsonl") },
    ...tuned.map((name) => folderSource(root, name)),
  ];
}

export function folderSource(root: string, name: string): CorpusSource {
  const dir = join(catalogsDir(root), name);
  return { name, catalogPath: join(dir, "catalog.json"), corpusPath: join(dir, "corpus.jsonl") };
}

/** A hash of everything the model is trained from: the feature version, each source's name, catalog and corpus. */
export function inputsHash(sources: CorpusSource[]): string {
  const h = createHash("sha256");
  h.update(`features:${FEATURE_VERSION}\n`);
  for (const s of sources) {
    h.update(`${s.name}\n`);
    h.update(readFileSync(s.catalogPath));
    h.update(readFileSync(s.corpusPath));
  }
  return h.digest("hex").slice(0, 16);
}

/** A catalog import file as the parser's snapshot; throws with the file's first error (and how many more) if invalid. */
export function readSnapshot(path: string): CatalogSnapshot {
  const read = readCatalogFile(path);
  if (read.errors.length) throw new Error(`${path}: ${read.errors[0]}${read.errors.length > 1 ? ` (and ${read.errors.length - 1} more)` : ""}`);
  return snapshotFromCatalog(read.catalog);
}


export interface LoadedSource extends CorpusSource {
  snapshot: CatalogSnapshot;
  lines: CorpusLine[];
  examples: TrainingExample[];
}

/** A source's lines, each masked by the rules parser alone. */
export function loadSource(s: CorpusSource): LoadedSource {
  if (!existsSync(s.corpusPath)) throw new Error(`no corpus at ${s.corpusPath}`);
  const snapshot = readSnapshot(s.catalogPath);
  const lines = loadCorpus(s.corpusPath);
  const rules = new RulesParser(snapshot, undefined, { intentModel: null });
  const examples = lines.map((line) => ({ catalog: s.name, masked: rules.traceSync(line.text, lineContext(line)).trace.masked ?? "", intent: line.expect.intent }));
  return { ...s, snapshot, lines, examples };
}
