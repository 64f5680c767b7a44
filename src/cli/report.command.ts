// `o2o report --brand BRAND [--json] [--from ISO] [--to ISO]`: per-store and per-campaign funnels (traffic, coupons,
// orders credited), out-of-stock events, unmet demand, checkout time at the till (median / p90 of scan → paid) and the
// share of completed deliveries on time against the store's delivery promise.
// Same use case as GET /admin/api/brands/:id/report.
import { Command } from "commander";
import { storeReport } from "../app/insight/store-report.ts";
import { money } from "../conversation/messages.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

/** "8.0 s / 41.2 s (5 bills)", or "—" without paid bills (no figure, not 0). */
function checkoutCell(l: { billsPaid: number; checkoutMedianMs: number | null; checkoutP90Ms: number | null }): string {
  if (l.checkoutMedianMs === null || l.checkoutP90Ms === null) return "—";
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `${s(l.checkoutMedianMs)} / ${s(l.checkoutP90Ms)} (${l.billsPaid} bill${l.billsPaid === 1 ? "" : "s"})`;
}

/** "92% (23 of 25, ≤15 min)", or "—" without a promise or completed deliveries (no figure, not 0). */
function onTimeCell(l: { onTimeShare: number | null; deliveriesOnTime: number; deliveriesCompleted: number; deliveryPromiseMinutes: number | null }): string {
  if (l.onTimeShare === null) return "—";
  const promise = l.deliveryPromiseMinutes === null ? "" : `, ≤${l.deliveryPromiseMinutes} min`;
  return `${Math.round(l.onTimeShare * 100)}% (${l.deliveriesOnTime} of ${l.deliveriesCompleted}${promise})`;
}

function instant(v: string | undefined, name: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new CliError(`${name} must be an ISO date or date-time, got "${v}"`);
  return d;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("per store: campaign reach, coupons claimed and redeemed, orders and revenue credited, unmet demand, checkout time, on-time deliveries")
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
        const head = ["store", "reach", "opened", "claimed", "redeemed", "orders", "revenue", "out of stock", "checkout median/p90", "on time", "unmet demand (top)"];
        const cells = (l: { reach: number; opened: number; claimed: number; redeemed: number; orders: number; revenueCents: number; outOfStock: number }) =>
          [String(l.reach), String(l.opened), String(l.claimed), String(l.redeemed), String(l.orders), money(l.revenueCents, r.currency, "zh"), String(l.outOfStock)];
        const rows = r.stores.map((s) => [s.name, ...cells(s), checkoutCell(s), onTimeCell(s), s.unmetDemand.slice(0, 3).map((d) => `${d.name ?? d.productId}${d.size ? ` ${d.size}` : ""}×${d.count}`).join(", ")]);
        rows.push(["TOTAL", ...cells(r.totals), checkoutCell(r.totals), onTimeCell(r.totals), ""]);
        for (const c of r.campaigns) rows.push([`campaign ${c.campaignId}: ${c.text.slice(0, 24)}`, ...cells({ ...c, outOfStock: 0 }).slice(0, 6), "", "", "", ""]);
        const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
        for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padEnd(width[i])).join("  "));
      });
    });
}
