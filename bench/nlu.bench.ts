// Throughput of the offline rules parser: utterances per second of parseSync on one core, over the labelled
// corpora repeated for at least two seconds, on the demo catalog and on a 100k-product catalog.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { snapshotFromCatalog } from "../src/nlu/catalog-snapshot.ts";
import { defaultCorpusContext, loadCorpus } from "../src/nlu/eval.ts";
import type { CatalogSnapshot, ParseContext } from "../src/nlu/intent.ts";
import type { RulesParser } from "../src/nlu/rules-parser.ts";
// @ts-expect-error: a plain ES module of the build scripts, without types
import { buildState } from "../scripts/build-state.mjs";
import type { Figure } from "./figure.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Throughput on the demo catalog (the baseline), then on the demo catalog grown to `products` generated products
 * (names, aliases, tags, sizes, plus staff roles), over the demo corpus and every catalog corpus; the ratio shows what
 * the larger lexicon costs.
 */
export async function benchRulesParser(opts: { minMs?: number; products?: number } = {}): Promise<Figure[]> {
  const minMs = opts.minMs ?? 2000;
  // the parser as `npm start` runs it: the compiled build when it is current (tsx's wrappers of the sources cost about an
  // eighth of the rate), else the sources
  const compiled = buildState() === "current";
  const dist = "../dist/nlu/rules-parser.js";
  const { RulesParser } = (compiled ? await import(dist) : await import("../src/nlu/rules-parser.ts")) as { RulesParser: typeof import("../src/nlu/rules-parser.ts").RulesParser };
  const built = compiled ? "compiled dist/" : "sources through tsx: `npm run build` first to time the compiled parser";
  const demo = snapshotFromCatalog(JSON.parse(readFileSync(join(root, "prisma/demo/catalog.json"), "utf8")));
  const texts = [
    ...loadCorpus(join(root, "test/nlu/corpus.jsonl")).map((l) => l.text),
    ...catalogCorpora().flatMap((f) => loadCorpus(f).map((l) => l.text)),
  ];
  const ctx = defaultCorpusContext();
  const base = measure(new RulesParser(demo), texts, ctx, minMs);
  const n = opts.products ?? 100_000;
  const t0 = Date.now();
  const big = new RulesParser(grow(demo, n));
  const buildMs = Date.now() - t0;
  const large = measure(big, texts, ctx, minMs);
  return [
    { name: "nlu.rules.parseSync (demo catalog)", value: base.perSecond, unit: "utterances/s", note: `${base.count} parses of ${texts.length} distinct utterances, per CPU second; ${built}` },
    { name: `nlu.rules.parseSync (${n.toLocaleString("en")} products)`, value: large.perSecond, unit: "utterances/s", note: `${(large.perSecond / base.perSecond).toFixed(2)}× the demo catalog's rate; parser built in ${buildMs} ms` },
  ];
}

function catalogCorpora(): string[] {
  const dir = join(root, "test/nlu/catalogs");
  return readdirSync(dir).map((f) => join(dir, f, "corpus.jsonl")).filter((f) => existsSync(f));
}

/** The demo catalog plus `n` generated products over 50 brands: Chinese names, Latin aliases, tags, sizes, roles. */
export function grow(demo: CatalogSnapshot, n: number): CatalogSnapshot {
  const chars = "安百宝北贝必博彩灿晨城川春纯达丹德东朵繁飞丰福富港高格光广海航禾和恒红鸿华欢辉佳家嘉金锦晶景久聚俊凯康科可蓝朗乐立丽联良林灵龙隆美梦明铭南宁诺鹏品平奇庆秋瑞润森尚盛诗舒顺思泰天田通童万旺威文香祥新鑫星兴秀雅阳亿逸银盈永悠优雨源远悦云泽展臻正之志智中众卓子";
  const words = ["soft", "classic", "urban", "smart", "green", "royal", "pure", "swift", "bright", "cozy", "prime", "lite"];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T,>(a: ArrayLike<T>) => a[Math.floor(rnd() * a.length)];
  const brands = Array.from({ length: 50 }, (_, i) => ({ id: `gen${i}`, name: `${pick(chars)}${pick(chars)}${pick(chars)}${pick(chars)}`, aliases: [`Gen Brand ${i}`] }));
  const products = Array.from({ length: n }, (_, i) => {
    const len = 2 + Math.floor(rnd() * 4);
    let name = "";
    for (let k = 0; k < len; k++) name += pick(chars);
    return {
      id: `gen-p${i}`, brandId: brands[i % brands.length].id, name: `${name}${i % 7 === 0 ? "礼盒" : ""}`,
      aliases: [`${pick(words)} ${pick(words)} ${i}`], sizes: i % 3 === 0 ? ["S", "M", "L"] : i % 3 === 1 ? ["500ml", "1L"] : [],
      tags: [`类${i % 400}`, `tag${i % 400}`],
    };
  });
  return {
    ...demo,
    brands: [...demo.brands, ...brands],
    products: [...demo.products, ...products],
    roles: [...(demo.roles ?? []), ...Array.from({ length: 40 }, (_, i) => ({ role: `role${i}`, labels: { zh: [`${pick(chars)}${pick(chars)}师`], en: [`specialist ${i}`] } }))],
  };
}

function measure(parser: Pick<RulesParser, "parseSync">, texts: string[], ctx: ParseContext, minMs: number): { perSecond: number; count: number } {
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
  return { perSecond: Math.round((count / cpuMs) * 1000), count };
}
