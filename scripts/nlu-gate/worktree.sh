#!/usr/bin/env bash
# A git worktree for one piece of parser work, built and ready to gate:
#   scripts/nlu-gate/worktree.sh NAME   ->  /work/wt/NAME on branch wt-NAME from main's HEAD
set -euo pipefail
main=$(cd "$(dirname "$0")/../.." && pwd)
name=$1 wt=${WT_ROOT:-/work/wt}/$1
mkdir -p "$(dirname "$wt")"
git -C "$main" worktree add -q "$wt" -b "wt-$name" HEAD
ln -s "$main/node_modules" "$wt/node_modules"
mkdir -p "$wt/src/db" && cp -r "$main/src/db/generated" "$wt/src/db/"
(cd "$wt" && npm run -s build > /dev/null)
echo "$wt"
