#!/usr/bin/env bash
# The rules parser as it was when each corpus of waves 4–8 arrived ("first contact" in test/nlu/catalogs/README.md),
# run over today's corpus files: per line its intent and confidence, into OUT/<folder>.json, for
# `npx tsx scripts/intent-loo.ts --first-contact OUT`. Old sources are unpacked with git archive (no worktree).
# Their overall figures reproduce the README's first-contact column.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/intent-first-contact}
mkdir -p "$out"
# folder → the commit whose parser first met it (the commit that added it when it came alone, else its parent)
declare -A AT=([hotpot]=4094036 [appliance-store]=4094036 [photo-studio]=b0010d3 [hardware-store]=ac6a8ad [tailor-shoes]=ac6a8ad
  [massage-spa]=fec9601 [bike-shop]=fec9601 [music-store]=fec9601 [dental]=2bc2b46 [laundry]=2bc2b46 [wine-shop]=2bc2b46
  [auto-care]=7a56c28 [fitness]=7a56c28 [cosmetics]=7a56c28)
for f in "${!AT[@]}"; do
  c=${AT[$f]}; tree="$out/src-$c"
  if [ ! -d "$tree" ]; then
    mkdir -p "$tree" && git -C "$root" archive "$c" src | tar -x -C "$tree"
    ln -s "$root/node_modules" "$tree/node_modules"; cp "$root/package.json" "$tree/"
  fi
  (cd "$tree" && npx tsx "$root/scripts/intent-first-contact-dump.mts" "$tree" "$root/test/nlu/catalogs/$f" > "$out/$f.json")
  echo "$f $c $(node -e "const d=require('$out/$f.json');console.log((d.intent*100).toFixed(1), (d.entities*100).toFixed(1))")"
done
