// Parses texts against one tuned catalog folder (refuses a held-out one) as the eval does, printing each result:
//   npx tsx scripts/nlu-gate/parse.mts test/nlu/catalogs/FOLDER "text" ["text" ...]
//   npx tsx scripts/nlu-gate/parse.mts demo "来杯拿铁"      (the demo catalog)
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { defaultCorpusContext } from "../../src/nlu/eval.ts";
import { buildParser } from "../../src/nlu/parser-factory.ts";
import { readSnapshot } from "../../src/nlu/intent-corpora.ts";

const [folder, ...texts] = process.argv.slice(2);
const name = basename(folder);
const held = readFileSync("test/nlu/catalogs/README.md", "utf8").split("\n").some((l) => l.startsWith(`| \`${name}\` |`) && /holdout/.test(l));
if (held) {
  console.error(`${name} is held out: its catalog is not parsed against while the parser changes`);
  process.exit(2);
}
const parser = await buildParser(readSnapshot(folder === "demo" ? "prisma/demo/catalog.json" : join(folder, "catalog.json")));
for (const t of texts) {
  const r = await parser.parse(t, defaultCorpusContext());
  console.log(t, JSON.stringify({ intent: r.intent, brandId: r.brandId, items: r.items, fulfillment: r.fulfillment, radiusMeters: r.radiusMeters, when: r.when, couponCode: r.couponCode, orderId: r.orderId, rating: r.rating, role: r.role }));
}
