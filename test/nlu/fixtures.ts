// Shared by the NLU tests: the demo catalog as a snapshot, the corpus's fixed "now", and items read as short lines.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { snapshotFromCatalog } from "../../src/nlu/catalog-snapshot.ts";
import { CORPUS_NOW, CORPUS_TIMEZONE, defaultCorpusContext } from "../../src/nlu/eval.ts";
import type { CatalogSnapshot, ParseContext, ParseResult } from "../../src/nlu/intent.ts";
import { RulesParser } from "../../src/nlu/rules-parser.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS_PATH = join(ROOT, "test/nlu/corpus.jsonl");

export function demoSnapshot(): CatalogSnapshot {
  return snapshotFromCatalog(JSON.parse(readFileSync(join(ROOT, "prisma/demo/catalog.json"), "utf8")));
}

/** Wednesday 2026-11-25 10:00 in Asia/Shanghai, the corpus's "now". */
export const NOW = new Date(CORPUS_NOW);
export const ctx = (brandIds: string[] | null = null): ParseContext => ({ now: NOW, timezone: CORPUS_TIMEZONE, brandIds });

/** The items a parser reads from a text, each as "product×quantity/size" (the size left out when there is none). */
export function itemLines(parser: { parseSync(text: string, ctx: ParseContext): ParseResult }, text: string): string[] {
  return parser.parseSync(text, defaultCorpusContext()).items.map((i) => `${i.productId}×${i.quantity}${i.size ? `/${i.size}` : ""}`);
}

/** The rules alone (no intent model) over a small catalog written in a test: no coupons, staff or roles unless given. */
export function rulesOnly(catalog: Pick<CatalogSnapshot, "brands" | "products"> & Partial<CatalogSnapshot>): RulesParser {
  return new RulesParser({ coupons: [], staff: [], staffRoles: [], roles: [], ...catalog } as CatalogSnapshot, undefined, { intentModel: null });
}

/** The rules alone (no intent model) over a catalog written in the import format in a test (descriptions read as the
 * app reads them: what a product is sold by, the amounts its sizes are given). */
export function rulesFromCatalog(catalog: unknown): RulesParser {
  return new RulesParser(snapshotFromCatalog(catalog), undefined, { intentModel: null });
}

/** The items a parser reads from a text, each as [productId, size, quantity]. */
export function itemTriples(parser: { parseSync(text: string, ctx: ParseContext): ParseResult }, text: string): (string | number | null)[][] {
  return parser.parseSync(text, defaultCorpusContext()).items.map((i) => [i.productId, i.size, i.quantity]);
}
