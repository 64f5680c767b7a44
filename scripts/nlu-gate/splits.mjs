#!/usr/bin/env node
// Prints the catalog folders of one split, read from test/nlu/catalogs/README.md's table:
//   node scripts/nlu-gate/splits.mjs tuned|held [repo root]
// A row whose split column says "holdout" is held out; "tune" is tuned on.
import { readFileSync } from "node:fs";
import { join } from "node:path";
const [split, root = "."] = process.argv.slice(2);
if (split !== "tuned" && split !== "held") {
  console.error("usage: splits.mjs tuned|held [root]");
  process.exit(2);
}
const rows = readFileSync(join(root, "test/nlu/catalogs/README.md"), "utf8").split("\n").filter((l) => /^\| `[^`]+` \|/.test(l));
const out = [];
for (const row of rows) {
  const cells = row.split("|").map((c) => c.trim());
  const folder = cells[1].replace(/`/g, "");
  const held = /holdout/.test(cells[cells.length - 2]);
  if ((split === "held") === held) out.push(join(root, "test/nlu/catalogs", folder));
}
console.log(out.join("\n"));
