// `o2o nlu --json [--bot BOT] "UTTERANCE"` (or one utterance per stdin line) and `o2o nlu eval FILE`.
import { createInterface } from "node:readline";
import { Command } from "commander";
import { botBrandIds, findBot } from "../bot-config.ts";
import { loadConfig } from "../config.ts";
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { readSnapshot } from "../nlu/intent-corpora.ts";
import { evaluate, formatReport, formatSummary, loadCorpus, type EvalReport } from "../nlu/eval.ts";
import { buildParser } from "../nlu/parser-factory.ts";
import { CliError } from "./cli-error.ts";
import type { CatalogSnapshot, IntentParser, ParseContext, ParseResult } from "../nlu/intent.ts";
import { catalogParser, systemClock } from "../runtime.ts";
import { withDb } from "./with-db.ts";
import { loadCatalogView } from "../app/catalog-view.ts";

const FIELDS = ["intent", "brandId", "items", "fulfillment", "radiusMeters", "when", "couponCode", "orderId", "rating", "confidence"] as const;

/** Exactly the contract's fields, in the contract's order. */
export function contractJson(r: ParseResult): string {
  return JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, r[f]])));
}

function pretty(r: ParseResult): string {
  const parts = [`${r.intent} (${r.confidence.toFixed(2)})`];
  for (const f of FIELDS.slice(1, -1)) {
    const v = r[f];
    if (v !== null && !(Array.isArray(v) && v.length === 0)) parts.push(`${f}=${JSON.stringify(v)}`);
  }
  return parts.join("  ");
}

async function parseSafely(parser: IntentParser, text: string, ctx: ParseContext): Promise<ParseResult> {
  return parser.parse(text.slice(0, 5000), ctx);
}

export function registerNlu(program: Command): void {
  const nlu = program
    .command("nlu")
    .description("understand one utterance (or one per stdin line) against the catalog in the database")
    .argument("[utterance]", "the text; without it, reads one utterance per stdin line (batch mode)")
    .option("--json", "print one JSON object per utterance (the fields in docs/chat-protocol.md)")
    .option("--bot <id>", "speak as this bot (its brands and time zone); default: the marketplace bot")
    .action(async (utterance: string | undefined, opts: { json?: boolean; bot?: string }) => {
      const config = loadConfig();
      const bot = findBot(opts.bot);
      await withDb(async (db) => {
        const parser = catalogParser(db, config, (msg, extra) => process.env.O2O_DEBUG && console.error(msg, extra ?? ""));
        const ctx = (): ParseContext => ({ now: systemClock()(), timezone: bot.timezone, brandIds: botBrandIds(bot) });
        const print = (r: ParseResult) => process.stdout.write(`${opts.json ? contractJson(r) : pretty(r)}\n`);
        if (utterance !== undefined) {
          print(await parseSafely(parser, utterance, ctx()));
          return;
        }
        const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of rl) print(await parseSafely(parser, line, ctx()));
      }, { needsCatalog: true });
    });

  nlu
    .command("eval")
    .description("score the parser on labelled corpora: a corpus file (against the catalog in the database) or a folder with catalog.json + corpus.jsonl (against that catalog, no database); accuracy per catalog, per intent and per entity")
    .argument("<paths...>", "corpus files or catalog folders, e.g. test/nlu/corpus.jsonl test/nlu/catalogs/*")
    .option("--failures <n>", "how many failures to list per corpus", "15")
    .option("--catalog <file>", "score corpus files against this catalog file instead of the database's")
    .option("--json", "print the reports as JSON")
    .action(async (paths: string[], opts: { failures: string; json?: boolean; catalog?: string }) => {
      const config = loadConfig();
      const settings = { openaiApiKey: config.OPENAI_API_KEY, openaiBaseUrl: config.OPENAI_BASE_URL, openaiModel: config.OPENAI_MODEL };
      const folders = paths.filter((p) => isFolder(p));
      // corpus files are JSON lines; anything else a glob brings along (a README) is not a corpus
      const files = paths.filter((p) => !isFolder(p) && /\.jsonl?$/i.test(p));
      const reports: { name: string; report: EvalReport }[] = [];
      for (const dir of folders) {
        const catalog = readCatalogFolder(dir);
        reports.push({ name: basename(dir), report: await evaluate(await buildParser(catalog, settings), loadCorpus(join(dir, "corpus.jsonl")), catalog) });
      }
      if (files.length && opts.catalog) {
        const catalog = readCatalog(opts.catalog);
        const parser = await buildParser(catalog, settings);
        for (const f of files) reports.push({ name: basename(f), report: await evaluate(parser, loadCorpus(f), catalog) });
      } else if (files.length) {
        await withDb(async (db) => {
          const { snapshot } = await loadCatalogView(db);
          for (const f of files) reports.push({ name: basename(f), report: await evaluate(catalogParser(db, config), loadCorpus(f), snapshot) });
        }, { needsCatalog: true });
      }
      // (the parent `nlu` command also has --json and may take the flag first)
      if (opts.json || nlu.opts().json) {
        process.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0].report : Object.fromEntries(reports.map((r) => [r.name, r.report])))}\n`);
        return;
      }
      const out: string[] = [];
      if (reports.length > 1) out.push(formatSummary(reports), "");
      for (const r of reports) out.push(reports.length > 1 ? `== ${r.name} ==` : "", formatReport(r.report, { failures: Number(opts.failures) }), "");
      process.stdout.write(`${out.join("\n").trim()}\n`);
    });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new CliError(`cannot read ${path}`);
  }
}

/** A catalog folder's catalog.json as the parser's snapshot (validated by the import schema's reader). */
function readCatalogFolder(dir: string): CatalogSnapshot {
  return readCatalog(join(dir, "catalog.json"));
}

function readCatalog(file: string): CatalogSnapshot {
  try {
    return readSnapshot(file);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}
