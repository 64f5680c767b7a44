#!/usr/bin/env node
// Lines fixed and broken between two eval JSON files of the same corpora (a line fails if any field or the intent
// is wrong). Held corpora give counts only; --texts lists the tuned lines.
//   node scripts/nlu-gate/compare.mjs BEFORE.json AFTER.json [--texts]
import { readFileSync } from "node:fs";
const [a, b] = process.argv.slice(2).filter((x) => x.endsWith(".json")).map((f) => JSON.parse(readFileSync(f, "utf8")));
const texts = process.argv.includes("--texts");
const heldNames = new Set(
  readFileSync("test/nlu/catalogs/README.md", "utf8").split("\n").filter((l) => /^\| `[^`]+` \|.*holdout/.test(l)).map((l) => l.split("`")[1]),
);
let fixed = 0, broke = 0;
const per = [];
for (const k of Object.keys(b)) {
  if (!a[k]) continue;
  const fa = new Map(a[k].all.failures.map((f) => [f.text, f]));
  const fb = new Map(b[k].all.failures.map((f) => [f.text, f]));
  const fx = [...fa.keys()].filter((t) => !fb.has(t));
  const br = [...fb.keys()].filter((t) => !fa.has(t));
  fixed += fx.length; broke += br.length;
  if (fx.length || br.length) per.push(`  ${k}${heldNames.has(k) ? " (held)" : ""}: +${fx.length} -${br.length}`);
  if (texts && !heldNames.has(k)) {
    for (const t of fx) per.push(`    fixed  ${t}`);
    for (const t of br) per.push(`    broke  ${t}  [${fb.get(t).fields.join(",")}] got ${JSON.stringify(fb.get(t).got)}`);
  }
}
console.log(`fixed ${fixed} broke ${broke}`);
console.log(per.join("\n"));
