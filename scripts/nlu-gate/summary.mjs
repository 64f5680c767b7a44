#!/usr/bin/env node
// Line-weighted intent and all-entities accuracy of eval JSON files, with the count of corpora below the bars
// (tuned 97/95, held 95/92). Held corpora are those the README marks holdout.
//   node scripts/nlu-gate/summary.mjs A.json [B.json ...] [--groups groups.json] [--quiet]
import { readFileSync } from "node:fs";
const args = process.argv.slice(2);
const quiet = args.includes("--quiet");
const gi = args.indexOf("--groups");
const groups = gi >= 0 ? JSON.parse(readFileSync(args[gi + 1], "utf8")) : {};
const files = args.filter((a, i) => a.endsWith(".json") && !(gi >= 0 && i === gi + 1));
const heldNames = new Set(
  readFileSync("test/nlu/catalogs/README.md", "utf8").split("\n").filter((l) => /^\| `[^`]+` \|.*holdout/.test(l)).map((l) => l.split("`")[1]),
);
const rows = {};
for (const f of files) Object.assign(rows, JSON.parse(readFileSync(f, "utf8")));
function agg(names, iBar, eBar) {
  let n = 0, i = 0, e = 0, bi = 0, be = 0;
  for (const k of names) {
    const a = rows[k].all;
    n += a.n; i += a.intentAccuracy * a.n; e += a.allEntitiesExact * a.n;
    if (a.intentAccuracy < iBar) bi++;
    if (a.allEntitiesExact < eBar) be++;
  }
  return `${names.length} corpora, ${n} lines: intent ${(100 * i / n).toFixed(2)} entities ${(100 * e / n).toFixed(2)}; below ${100 * iBar}% intent ${bi}, below ${100 * eBar}% entities ${be}`;
}
const names = Object.keys(rows);
const held = names.filter((k) => heldNames.has(k));
const tuned = names.filter((k) => !heldNames.has(k));
if (tuned.length) console.log(`TUNED ${agg(tuned, 0.97, 0.95)}`);
if (held.length) console.log(`HELD  ${agg(held, 0.95, 0.92)}`);
for (const [g, list] of Object.entries(groups)) {
  const have = list.filter((k) => rows[k]);
  if (have.length) console.log(`${g} ${agg(have, 0.95, 0.92)}`);
}
if (!quiet) for (const k of names) {
  const a = rows[k].all;
  console.log(`  ${k.padEnd(28)} ${a.n}\t${(100 * a.intentAccuracy).toFixed(2)}\t${(100 * a.allEntitiesExact).toFixed(2)}${heldNames.has(k) ? "\theld" : ""}`);
}
