// `o2o report --brand BRAND [--json] [--from ISO] [--to ISO]`: per-store traffic, coupons, orders credited, unmet demand.
import { Command } from "commander";
import { storeReport } from "../app/insight/store-report.ts";
import { money } from "../conversation/messages.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

function instant(v: string | undefined, name: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new CliError(`${name} must be an ISO date or date-time, got "${v}"`);
  return d;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("per store: campaign reach, coupons claimed and redeemed, orders and revenue credited, unmet demand")
    .requiredOption("--brand <id>", "the brand")
    .option("--from <iso>", "from this instant (inclusive)")
    .option("--to <iso>", "until this instant (exclusive)")
    .option("--json", "print JSON")
    .action(async (opts: { brand: string; from?: string; to?: string; json?: boolean }) => {
      const from = instant(opts.from, "--from");
      const to = instant(opts.to, "--to");
      await withDb(async (db) => {
        const r = await storeReport(db, { brandId: opts.brand, from, to });
        if (!r) throw new CliError(`unknown brand "${opts.brand}"`);
        if (opts.json) {
          console.log(JSON.stringify(r));
          return;
        }
        const head = ["store", "reach", "claimed", "redeemed", "orders", "revenue", "unmet demand (top)"];
        const rows = r.stores.map((s) => [s.name, String(s.reach), String(s.claimed), String(s.redeemed), String(s.orders), money(s.revenueCents, r.currency, "zh"), s.unmetDemand.slice(0, 3).map((d) => `${d.name ?? d.productId}${d.size ? ` ${d.size}` : ""}×${d.count}`).join(", ")]);
        rows.push(["TOTAL", String(r.totals.reach), String(r.totals.claimed), String(r.totals.redeemed), String(r.totals.orders), money(r.totals.revenueCents, r.currency, "zh"), ""]);
        const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
        for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(width[i])).join("  "));
      });
    });
}
