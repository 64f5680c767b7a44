// `npm run bench`: runs every benchmark and prints its figures. `npm run bench -- import nlu` runs a subset.
import type { Figure } from "./figure.ts";
import { benchImport } from "./import.bench.ts";

type Bench = () => Promise<Figure[]>;
const benches: Record<string, () => Promise<Bench>> = {
  import: async () => benchImport,
  nlu: async () => (await import("./nlu.bench.ts")).benchRulesParser,
  "store-match": async () => (await import("./domain.bench.ts")).benchStoreMatch,
  "chat-turn": async () => (await import("./chat-turn.bench.ts")).benchChatTurn,
  campaign: async () => (await import("./campaign.bench.ts")).benchCampaign,
  report: async () => (await import("./report.bench.ts")).benchReport,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const [name, load] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  let figures: Figure[];
  try {
    figures = await (await load())();
  } catch (e) {
    console.log(`${name}: failed: ${(e as Error).message}`);
    process.exitCode = 1;
    continue;
  }
  for (const f of figures) console.log(`${f.name.padEnd(64)} ${String(f.value).padStart(12)} ${f.unit}${f.note ? `  (${f.note})` : ""}`);
}
