// `npm run bench`: runs every benchmark and prints its figures. `npm run bench -- import nlu` runs a subset.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Figure } from "./figure.ts";

type Bench = () => Promise<Figure[]>;
const benches: Record<string, () => Promise<Bench>> = {
  import: async () => (await import("./import.bench.ts")).benchImport,
  nlu: async () => (await import("./nlu.bench.ts")).benchRulesParser,
  "store-match": async () => (await import("./domain.bench.ts")).benchStoreMatch,
  "chat-turn": async () => (await import("./chat-turn.bench.ts")).benchChatTurn,
  campaign: async () => (await import("./campaign.bench.ts")).benchCampaign,
  report: async () => (await import("./report.bench.ts")).benchReport,
  "plan-10m": async () => (await import("./campaign.bench.ts")).benchPlanTenMillion,
  "paid-broadcast": async () => (await import("./campaign.bench.ts")).benchPaidBroadcast,
  "webhook-turn": async () => (await import("./webhook-turn.bench.ts")).benchWebhookTurn,
  "scan-to-paid": async () => (await import("./scan-to-paid.bench.ts")).benchScanToPaid,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = Object.keys(benches).filter((n) => !wanted.length || wanted.includes(n));

if (names.length > 1) {
  // each benchmark in a fresh process: one's heap (a 100k-store world, a million imported rows) must not slow
  // down the next one's measurements with its garbage collection
  for (const name of names) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: "inherit" });
    if (r.status !== 0) process.exitCode = 1;
  }
} else {
  for (const name of names) {
    let figures: Figure[];
    try {
      figures = await (await benches[name]())();
    } catch (e) {
      console.log(`${name}: failed: ${(e as Error).message}`);
      process.exitCode = 1;
      continue;
    }
    for (const f of figures) console.log(`${f.name.padEnd(64)} ${String(f.value).padStart(12)} ${f.unit}${f.note ? `  (${f.note})` : ""}`);
  }
}
