// Evaluation of an IntentParser against a labelled JSONL corpus (test/nlu/corpus.jsonl).
//
// Each line: {"text", "expect": {intent, brandId, items, fulfillment, radiusMeters, when, couponCode,
// orderId, rating}, "split": "tune"|"holdout"}, optionally "brandIds" (a brand bot's restriction),
// "now" and "timezone". Relative dates in the corpus are labelled against CORPUS_NOW in
// CORPUS_TIMEZONE (a Wednesday). The "holdout" lines were written independently of the rules and are
// not used to tune them: their figures estimate how the parser does on unseen phrasing.
//
// Labelling conventions (what "correct" means for the rules parser and for any other parser):
// - items: every product mentioned, whatever the intent, but for one that names a coupon (the 秀禾服 of
//   "秀禾服88折的券领一张"; since session 10), nor for a person's title in 师 that holds its name (the 推拿 of "约个推拿师";
//   X师傅 and X老师 still name it; since session 11); quantity 1 unless stated; size in the catalog's spelling, or the size
//   as asked when the product does not have it (小杯, XS); null for a product without sizes. Sizes offered as a choice
//   ("瑜伽裤穿S还是M", "monthly or quarterly?", "20cm和25cm有啥区别 选哪个") are one item of that product with no size: the
//   customer has not chosen (since session 19; the tuned corpora's lines that listed each size were relabelled so).
// - brandId: the brand named; else the first product's brand; else the coupon's brand; else the kind of shop only
//   one brand is, as its own names say (药房 of 益康大药房, 茶楼 of 粤点轩茶楼; since session 9); else a category
//   word sold by exactly one brand (咖啡 → starbucks); else, for a store search, a booking or (since session 23) an
//   order, the brand of the store it names by a piece of its place before a word for a shop (项城店 for 丰禾农资 项城莲花
//   路店, the Binjiang store; since session 16; the tuned corpora's lines were relabelled so; 那家 on its own, "解放碑那家
//   几点关门", since session 23, relabelled the same way); else null.
// - when: only for order, book_appointment, find_store (see when.ts for default hours).
// - fulfillment: only for order and find_store. rating: only for feedback.
// - radiusMeters: any intent; lengths under 20 m are sizes, not radii.
// - couponCode: the code said, or the one coupon the message names by its title (its discount, 满300减50 or 8折, or
//   its own words, 新人首单); else null. (Corpora written before session 6 labelled only codes; their lines that name
//   a coupon by its title were relabelled when the parser learned titles.)
// - role (optional in a line): for book_appointment, the catalog role asked for by title or service; else null.
// - A booking's brand is scored by what it books: when the role asked for works at one brand's stores only, naming
//   that brand or not finds the same stores (booking-flow.ts filters stores by the role), so a booking labelled with
//   that brand and one parsed without it (or the other way round) agree. Scored so since session 7; writers labelled
//   role-only bookings both ways.
//
// A catalog corpus is a folder with catalog.json (the import format) and corpus.jsonl: `o2o nlu eval FOLDER…`
// scores each against its own catalog, with no database (test/nlu/catalogs/README.md).
import { readFileSync } from "node:fs";
import { staffBrands } from "./lexicon.ts";
import { INTENTS, type CatalogSnapshot, type Intent, type IntentParser, type ParseContext, type ParsedItem, type ParseResult } from "./intent.ts";

export const CORPUS_NOW = "2026-11-25T10:00:00+08:00";
export const CORPUS_TIMEZONE = "Asia/Shanghai";

export const ENTITY_FIELDS = ["brandId", "items", "fulfillment", "radiusMeters", "when", "couponCode", "orderId", "rating", "role"] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

export type Expectation = Pick<ParseResult, "intent" | EntityField>;

export interface CorpusLine {
  text: string;
  expect: Expectation;
  split: "tune" | "holdout";
  brandIds?: string[] | null;
  now?: string;
  timezone?: string;
}

export function defaultCorpusContext(): ParseContext {
  return { now: new Date(CORPUS_NOW), timezone: CORPUS_TIMEZONE, brandIds: null };
}

/** Reads a JSONL corpus; blank lines and lines starting with // are skipped. */
export function loadCorpus(path: string): CorpusLine[] {
  return parseCorpus(readFileSync(path, "utf8"));
}

export function parseCorpus(text: string): CorpusLine[] {
  const lines: CorpusLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.trim();
    if (!s || s.startsWith("//")) return;
    let obj: CorpusLine;
    try {
      obj = JSON.parse(s) as CorpusLine;
    } catch (e) {
      throw new Error(`corpus line ${i + 1}: ${(e as Error).message}`);
    }
    if (typeof obj.text !== "string" || !obj.expect || !INTENTS.includes(obj.expect.intent)) {
      throw new Error(`corpus line ${i + 1}: needs "text" and "expect.intent" (one of ${INTENTS.join(", ")})`);
    }
    obj.split = obj.split === "holdout" ? "holdout" : "tune";
    lines.push(obj);
  });
  return lines;
}

export interface IntentStats {
  support: number;
  predicted: number;
  tp: number;
  precision: number;
  recall: number;
  f1: number;
  /** one-vs-rest accuracy: (TP + TN) / N */
  accuracy: number;
  /** share of this intent's lines where intent and every entity match */
  exact: number;
}

export interface Failure {
  text: string;
  split: string;
  fields: string[];
  expected: Partial<Expectation>;
  got: Partial<ParseResult>;
}

export interface SplitReport {
  n: number;
  intentAccuracy: number;
  entityAccuracy: Record<EntityField, number>;
  /** every entity field matches (intent not required) */
  allEntitiesExact: number;
  /** intent and every entity field match */
  fullExact: number;
  perIntent: Partial<Record<Intent, IntentStats>>;
  confusion: { expected: Intent; predicted: Intent; count: number }[];
  failures: Failure[];
}

export interface EvalReport {
  all: SplitReport;
  tune: SplitReport;
  holdout: SplitReport;
}

interface Scored {
  line: CorpusLine;
  got: ParseResult;
  intentOk: boolean;
  fieldOk: Record<EntityField, boolean>;
}

const itemKey = (i: ParsedItem) => `${i.productId}|${i.quantity}|${i.size ?? ""}`;

/** Items compare as sets of (productId, quantity, size): the order of lines does not matter. */
export function sameItems(a: ParsedItem[] = [], b: ParsedItem[] = []): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(itemKey).sort();
  const y = b.map(itemKey).sort();
  return x.every((k, i) => k === y[i]);
}

/** role → the one brand whose stores staff it (roles staffed by several brands, or by none, are left out) */
export function roleBrands(catalog: CatalogSnapshot | null | undefined): Map<string, string> {
  return new Map([...staffBrands(catalog?.staff)].filter(([, set]) => set.size === 1).map(([role, set]) => [role, [...set][0]]));
}

function fieldMatches(field: EntityField, expected: Expectation, got: ParseResult, roleBrand: Map<string, string>): boolean {
  if (field === "items") return sameItems(expected.items ?? [], got.items ?? []);
  // role is scored only where the corpus labels it (catalog corpora do; the demo corpus predates roles)
  if (field === "role" && !("role" in expected)) return true;
  if (field === "brandId" && expected.intent === "book_appointment" && "role" in expected) {
    const booked = (r: Pick<ParseResult, "brandId" | "role">) => r.brandId ?? (r.role ? roleBrand.get(r.role) : undefined) ?? null;
    return booked(expected) === booked(got);
  }
  return (expected[field] ?? null) === (got[field] ?? null);
}

/** The context a corpus line is parsed in: its own now, time zone and bot brands where it sets them, else `base`'s. */
export function lineContext(line: CorpusLine, base: ParseContext = defaultCorpusContext()): ParseContext {
  return {
    now: line.now ? new Date(line.now) : base.now,
    timezone: line.timezone ?? base.timezone,
    brandIds: line.brandIds !== undefined ? line.brandIds : base.brandIds,
  };
}

/** Scores `parser` on `corpus`; `catalog` (the one the corpus is about) tells which roles only one brand staffs. */
export async function evaluate(parser: IntentParser, corpus: CorpusLine[], catalog?: CatalogSnapshot | null, ctx: ParseContext = defaultCorpusContext()): Promise<EvalReport> {
  const roleBrand = roleBrands(catalog);
  const scored: Scored[] = [];
  for (const line of corpus) {
    const got = await parser.parse(line.text, lineContext(line, ctx));
    const fieldOk = Object.fromEntries(ENTITY_FIELDS.map((f) => [f, fieldMatches(f, line.expect, got, roleBrand)])) as Record<EntityField, boolean>;
    scored.push({ line, got, intentOk: got.intent === line.expect.intent, fieldOk });
  }
  return {
    all: summarize(scored),
    tune: summarize(scored.filter((s) => s.line.split === "tune")),
    holdout: summarize(scored.filter((s) => s.line.split === "holdout")),
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function summarize(scored: Scored[]): SplitReport {
  const n = scored.length;
  const entityAccuracy = Object.fromEntries(
    ENTITY_FIELDS.map((f) => [f, ratio(scored.filter((s) => s.fieldOk[f]).length, n)]),
  ) as Record<EntityField, number>;
  const allOk = (s: Scored) => ENTITY_FIELDS.every((f) => s.fieldOk[f]);

  const perIntent: Partial<Record<Intent, IntentStats>> = {};
  for (const intent of INTENTS) {
    const support = scored.filter((s) => s.line.expect.intent === intent);
    const predicted = scored.filter((s) => s.got.intent === intent);
    if (!support.length && !predicted.length) continue;
    const tp = support.filter((s) => s.intentOk).length;
    const fp = predicted.length - tp;
    const fn = support.length - tp;
    const precision = ratio(tp, predicted.length);
    const recall = ratio(tp, support.length);
    perIntent[intent] = {
      support: support.length,
      predicted: predicted.length,
      tp,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      accuracy: ratio(n - fp - fn, n),
      exact: ratio(support.filter((s) => s.intentOk && allOk(s)).length, support.length),
    };
  }

  const pairs = new Map<string, number>();
  for (const s of scored) {
    if (s.intentOk) continue;
    const key = `${s.line.expect.intent}\u0000${s.got.intent}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const confusion = [...pairs]
    .map(([k, count]) => {
      const [expected, predicted] = k.split("\u0000") as [Intent, Intent];
      return { expected, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected));

  const failures: Failure[] = [];
  for (const s of scored) {
    const fields = [...(s.intentOk ? [] : ["intent"]), ...ENTITY_FIELDS.filter((f) => !s.fieldOk[f])];
    if (!fields.length) continue;
    const pick = <T extends object>(o: T) => Object.fromEntries(fields.map((f) => [f, (o as Record<string, unknown>)[f]]));
    failures.push({ text: s.line.text, split: s.line.split, fields, expected: pick(s.line.expect), got: pick(s.got) });
  }

  return {
    n,
    intentAccuracy: ratio(scored.filter((s) => s.intentOk).length, n),
    entityAccuracy,
    allEntitiesExact: ratio(scored.filter(allOk).length, n),
    fullExact: ratio(scored.filter((s) => s.intentOk && allOk(s)).length, n),
    perIntent,
    confusion,
    failures,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

/**
 * A readable text rendering: headline figures per split, per-intent table, per-entity table, confusions,
 * and optionally the first failures of one split (tests show only "tune" failures: reading holdout
 * failures would turn the holdout into tuning data).
 */
export function formatReport(report: EvalReport, opts: { failures?: number; failuresFrom?: "all" | "tune" | "holdout" } = {}): string {
  const out: string[] = [];
  const splits: ["all" | "tune" | "holdout", SplitReport][] = [["all", report.all], ["tune", report.tune], ["holdout", report.holdout]];
  out.push("split     n     intent  entities  full");
  for (const [name, r] of splits) {
    out.push(`${name.padEnd(8)} ${String(r.n).padStart(4)}  ${pct(r.intentAccuracy)}   ${pct(r.allEntitiesExact)}  ${pct(r.fullExact)}`);
  }
  out.push("", "per intent (all)     n  pred   prec  recall     f1    acc  exact   | tune rec | holdout rec");
  for (const intent of INTENTS) {
    const s = report.all.perIntent[intent];
    if (!s) continue;
    const t = report.tune.perIntent[intent];
    const h = report.holdout.perIntent[intent];
    out.push(
      `${intent.padEnd(18)} ${String(s.support).padStart(3)} ${String(s.predicted).padStart(5)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${pct(s.accuracy)} ${pct(s.exact)}   | ${t ? pct(t.recall) : "     -"}   | ${h ? pct(h.recall) : "     -"}`,
    );
  }
  out.push("", "entity exact match   all    tune  holdout");
  for (const f of ENTITY_FIELDS) {
    out.push(`${f.padEnd(16)} ${pct(report.all.entityAccuracy[f])}  ${pct(report.tune.entityAccuracy[f])}  ${pct(report.holdout.entityAccuracy[f])}`);
  }
  out.push("", "top confusions (expected → predicted)");
  if (!report.all.confusion.length) out.push("  none");
  for (const c of report.all.confusion.slice(0, 10)) out.push(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.predicted}`);
  const limit = opts.failures ?? 0;
  const failures = report[opts.failuresFrom ?? "all"].failures;
  if (limit > 0 && failures.length) {
    out.push("", `${opts.failuresFrom ?? "all"} failures (first ${Math.min(limit, failures.length)} of ${failures.length})`);
    for (const f of failures.slice(0, limit)) {
      out.push(`  [${f.split}] ${JSON.stringify(f.text)}  ${f.fields.join(",")}`);
      out.push(`      expected ${JSON.stringify(f.expected)}`);
      out.push(`      got      ${JSON.stringify(f.got)}`);
    }
  }
  return out.join("\n");
}

/** One line per corpus (all, and its holdout lines when it has any), for several corpora at once. */
export function formatSummary(reports: { name: string; report: EvalReport }[]): string {
  const out = ["corpus                 n   intent  entities   full  | holdout n  intent  entities"];
  for (const { name, report: r } of reports) {
    const h = r.holdout.n ? `${String(r.holdout.n).padStart(9)}  ${pct(r.holdout.intentAccuracy)}   ${pct(r.holdout.allEntitiesExact)}` : "        -";
    out.push(`${name.slice(0, 20).padEnd(20)} ${String(r.all.n).padStart(4)}  ${pct(r.all.intentAccuracy)}   ${pct(r.all.allEntitiesExact)}  ${pct(r.all.fullExact)}  | ${h}`);
  }
  return out.join("\n");
}
