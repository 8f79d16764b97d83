#!/usr/bin/env bash
# Reproduces docs/results.md: trains the four MuJoCo tasks with the default preset on seeds 0-2
# (1M env steps each), evaluates every run deterministically (10 episodes) and draws the curves.
# Usage: bash scripts/mujoco-results.sh [RUNS_DIR]   (default runs/mujoco; takes hours on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-runs/mujoco}"
mkdir -p "$runs"
npm run build --silent
for env in Hopper-v5 Walker2d-v5 HalfCheetah-v5 Swimmer-v5; do
  for seed in 0 1 2; do
    [ -e "$runs/$env-s$seed" ] || node dist/cli/main.js train --env "$env" --seed "$seed" --out "$runs/$env-s$seed"
  done
done
node scripts/results-table.mjs "$runs"/*-s?
node dist/cli/main.js plot --runs "$runs"/*-s? --out docs/mujoco-curves.svg
