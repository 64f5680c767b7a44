// `o2o nlu --json [--bot BOT] "UTTERANCE"` (or one utterance per stdin line) and `o2o nlu eval FILE`.
import { createInterface } from "node:readline";
import { Command } from "commander";
import { botBrandIds, findBot } from "../bot-config.ts";
import { loadConfig } from "../config.ts";
import { evaluate, formatReport, loadCorpus } from "../nlu/eval.ts";
import type { IntentParser, ParseContext, ParseResult } from "../nlu/intent.ts";
import { catalogParser, systemClock } from "../runtime.ts";
import { withDb } from "./with-db.ts";

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
    .option("--json", "print one JSON object per utterance (CONTRACT.md fields)")
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
    .description("score the parser on a labelled corpus (JSON lines with text, expect, split): accuracy per intent and entity, confusions")
    .argument("<file>", "corpus file, e.g. test/nlu/corpus.jsonl")
    .option("--failures <n>", "how many failures to list", "15")
    .option("--json", "print the report as JSON")
    .action(async (file: string, opts: { failures: string; json?: boolean }) => {
      const config = loadConfig();
      const corpus = loadCorpus(file);
      await withDb(async (db) => {
        const report = await evaluate(catalogParser(db, config), corpus);
        process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : `${formatReport(report, { failures: Number(opts.failures) })}\n`);
      }, { needsCatalog: true });
    });
}
