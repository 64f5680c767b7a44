#!/usr/bin/env bash
# Scores one split as JSON (run from a repo root or worktree that has a built dist/):
#   scripts/nlu-gate/eval.sh tuned OUT.json   # the demo corpus and every tuned catalog
#   scripts/nlu-gate/eval.sh held OUT.json    # every held-out catalog (read its counts with summary.mjs, never its lines)
set -euo pipefail
split=$1 out=$2
mapfile -t folders < <(node "$(dirname "$0")/splits.mjs" "$split" .)
extra=()
[ "$split" = tuned ] && extra=(--catalog prisma/demo/catalog.json test/nlu/corpus.jsonl)
node bin/o2o.js nlu eval --json --failures 1000 "${extra[@]}" "${folders[@]}" > "$out"
