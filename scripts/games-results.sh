#!/usr/bin/env bash
# Runs the MinAtar table of docs/games.md, one (game, seed) at a time, 5M frames each with the
# default preset, and keeps each finished run's record in docs/games-runs/<Game>-s<seed>/
# (config.json, metrics.jsonl.gz, eval.json: 100 deterministic episodes) so that the figure can be
# redrawn without the run folders. A run folder that exists is resumed (`train --resume`), a
# finished one skipped; stop it any time. Takes about an hour a run on 2 cores. Two instances may run
# side by side (the results do not depend on timing): each takes the next run no other is training.
# Usage: bash scripts/games-results.sh [RUNS_DIR] [GAME-SEED[-vine] ...]   e.g. Breakout-0 Asterix-1 Breakout-0-vine
#   default RUNS_DIR runs/games; default runs: every game of -v1 on seeds 0, 1, 2, in seed order,
#   single path. A -vine item trains with --sampling vine into <Game>-vine-s<seed>.
# Then: bash scripts/games-results.sh --plot   (draws docs/games-curves-<Game>.svg from docs/games-runs)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${GAMES_STEPS:-5000000}   # GAMES_STEPS and GAMES_ARCHIVE: for trying the script on a small scale
archive=${GAMES_ARCHIVE:-docs/games-runs}
games=(Breakout SpaceInvaders Freeway Asterix Seaquest)

plot() {
  # one figure per game (docs/games-curves-<Game>.svg; GAMES_FIGURES sets the folder), single path and vine side by side
  local figures=${GAMES_FIGURES:-docs}
  for game in "${games[@]}"; do
    local tmp; tmp=$(mktemp -d)
    local dirs=()
    for kept in "$archive/$game"-s[0-9]* "$archive/$game"-vine-s[0-9]*; do
      [ -e "$kept/eval.json" ] || continue
      local name; name=$(basename "$kept")
      mkdir -p "$tmp/$name"
      cp "$kept/config.json" "$tmp/$name/"
      gunzip -c "$kept/metrics.jsonl.gz" > "$tmp/$name/metrics.jsonl"
      dirs+=("$tmp/$name")
    done
    if [ ${#dirs[@]} -gt 0 ]; then node dist/cli/main.js plot --runs "${dirs[@]}" --out "$figures/games-curves-$game.svg"; fi
    rm -rf "$tmp"
  done
}

node scripts/build-if-stale.mjs
if [ "${1:-}" = "--plot" ]; then plot; exit 0; fi
runs="${1:-runs/games}"
shift || true
wanted=("$@")
if [ ${#wanted[@]} -eq 0 ]; then
  for seed in 0 1 2; do for game in "${games[@]}"; do wanted+=("$game-$seed"); done; done
fi
mkdir -p "$runs" "$archive"
for item in "${wanted[@]}"; do
  sampling=single-path; name=$item
  if [[ $item == *-vine ]]; then sampling=vine; name=${item%-vine}; fi
  game=${name%-*}; seed=${name##*-}
  case "$game" in Breakout|SpaceInvaders|Freeway|Asterix|Seaquest) ;; *) echo "unknown game in '$item' (GAME-SEED[-vine], GAME one of ${games[*]})" >&2; exit 2 ;; esac
  [[ $seed =~ ^[0-9]+$ ]] || { echo "bad seed in '$item' (GAME-SEED[-vine])" >&2; exit 2; }
  tag=$game; [ "$sampling" = vine ] && tag=$game-vine
  dir="$runs/$tag-s$seed"; kept="$archive/$tag-s$seed"
  [ -e "$kept/eval.json" ] && { echo "$tag seed $seed: kept in $kept"; continue; }
  # one instance per run folder: an flock on $dir.lock, which the kernel drops when its holder dies
  exec 9> "$dir.lock"
  flock -n 9 || { echo "$tag seed $seed: another instance is training it"; continue; }
  done_steps=$( [ -e "$dir/metrics.jsonl" ] && tail -n 1 "$dir/metrics.jsonl" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).timesteps)}catch{console.log(0)}})' || echo 0)
  # $dir.trained: training ended (a vine run ends short of --steps when no whole iteration fits)
  if [ -e "$dir.trained" ] || [ "$done_steps" -ge "$steps" ] 2>/dev/null; then
    echo "$tag seed $seed: trained ($done_steps steps)"
  elif [ -e "$dir/checkpoint.json" ]; then
    node dist/cli/main.js train --resume "$dir" --steps "$steps"
  else
    node dist/cli/main.js train --env "MinAtar/$game-v1" --sampling "$sampling" --seed "$seed" --steps "$steps" --out "$dir"
  fi
  touch "$dir.trained"
  mkdir -p "$kept"
  cp "$dir/config.json" "$kept/"
  gzip -9 -c "$dir/metrics.jsonl" > "$kept/metrics.jsonl.gz"
  node dist/cli/main.js eval --run "$dir" --episodes 100 > "$kept/eval.json.tmp"
  mv "$kept/eval.json.tmp" "$kept/eval.json"
done
