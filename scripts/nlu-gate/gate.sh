#!/usr/bin/env bash
# Gates a worktree's parser against the baseline scored from main (GATE_DIR/ev-base.json, hev-base.json):
#   scripts/nlu-gate/gate.sh base            # from main: score the baseline once
#   scripts/nlu-gate/gate.sh WT NAME         # build WT, score both splits, summarise and compare
# Keep a change only when held lines fixed exceed those broken and tuned lines do not get worse.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gd=${GATE_DIR:-/tmp/wg}; mkdir -p "$gd"
if [ "$1" = base ]; then
  cd "$here/../.."; npm run -s build > /dev/null
  "$here/eval.sh" tuned "$gd/ev-base.json"; "$here/eval.sh" held "$gd/hev-base.json"
  node "$here/summary.mjs" "$gd/ev-base.json" "$gd/hev-base.json" --quiet
  exit
fi
wt=$1 name=$2
cd "$wt"; npm run -s build > /dev/null
"$here/eval.sh" tuned "$gd/ev-$name.json"; "$here/eval.sh" held "$gd/hev-$name.json"
node "$here/summary.mjs" "$gd/ev-$name.json" "$gd/hev-$name.json" --quiet
echo "tuned:"; node "$here/compare.mjs" "$gd/ev-base.json" "$gd/ev-$name.json" | head -1
echo "held:"; node "$here/compare.mjs" "$gd/hev-base.json" "$gd/hev-$name.json" | head -1
