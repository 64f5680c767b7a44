// `o2o demo simulate --days N [--seed S]`: N days of deterministic demo activity, written through the real use cases
// (src/app/demo/simulate-week.ts), ending now (or O2O_NOW). It never loads the demo catalog itself.
import { Command } from "commander";
import { MAX_DEMO_DAYS, simulateDemo } from "../app/demo/simulate-week.ts";
import { loadConfig } from "../config.ts";
import { engineDeps, systemClock } from "../runtime.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

function wholeNumber(v: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) throw new CliError(`${name} must be a whole number from ${min} to ${max}, got "${v}"`);
  return Number(v);
}

export function registerDemo(program: Command): void {
  const demo = program.command("demo").description("demo data for a fresh install");
  demo
    .command("simulate")
    .description("write N days of demo activity (follows, chat orders, a campaign and its funnel, claims, till redemptions, out-of-stock demand, bookings) for the catalog in the database")
    .option("--days <n>", `how many days, ending now (1-${MAX_DEMO_DAYS})`, "7")
    .option("--seed <n>", "the same seed writes the same activity", "1")
    .action(async (opts: { days: string; seed: string }) => {
      const days = wholeNumber(opts.days, "--days", 1, MAX_DEMO_DAYS);
      const seed = wholeNumber(opts.seed, "--seed", 0, 2 ** 31);
      const config = loadConfig();
      await withDb(async (db) => {
        if ((await db.prisma.brand.count()) === 0) throw new CliError("the database has no catalog: import one first (npx o2o import prisma/demo/catalog.json)");
        const summary = await simulateDemo(db, { days, seed, end: systemClock()(), engine: (bot, clock) => engineDeps(db, config, bot, { clock }) });
        console.log(JSON.stringify(summary));
      });
    });
}
