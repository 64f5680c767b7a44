// Item failures of an eval JSON by class (missing, extra, wrong-product, size, quantity, line-count); --show=CLASS lists
// that class's lines. Use it on tuned eval files only (ev-*.json), never to read held-out lines.
//   node scripts/nlu-gate/item-failures.mjs /tmp/wg/ev-base.json [--show=size]
import fs from "node:fs";
const f=process.argv[2]; const show=process.argv.find(a=>a.startsWith("--show="))?.slice(7);
const held=new Set(fs.readFileSync("test/nlu/catalogs/README.md","utf8").split("\n").filter((l)=>/^\| `[^`]+` \|.*holdout/.test(l)).map((l)=>l.split("`")[1]));
const r=JSON.parse(fs.readFileSync(f));const c={};
for (const [k,v] of Object.entries(r)) for (const x of v.all.failures) {
  if (!x.fields.includes("items")) continue;
  const e=x.expected.items||[], g=x.got.items||[];
  const ids=new Set(e.map(i=>i.productId)), gids=new Set(g.map(i=>i.productId));
  let cls;
  if ([...ids].some(i=>!gids.has(i)) && [...gids].some(i=>!ids.has(i))) cls="wrong-product";
  else if ([...ids].some(i=>!gids.has(i))) cls="missing";
  else if ([...gids].some(i=>!ids.has(i))) cls="extra";
  else if (e.length!==g.length) cls="line-count";
  else {
    const q=e.some(i=>{const h=g.find(j=>j.productId===i.productId&&j.size===i.size);return h&&h.quantity!==i.quantity;});
    cls=q?"quantity":"size";
  }
  c[cls]=(c[cls]||0)+1;
  if (show===cls && !held.has(k)) console.log(k, "|", x.text, "| exp", JSON.stringify(e), "| got", JSON.stringify(g));
}
console.log(JSON.stringify(c));
