// Prints a markdown table of run directories: deterministic eval (10 episodes, seeds 0-9) at the
// end of training, the last training return, and wall time. Usage: node scripts/results-table.mjs DIR...
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluatePolicy, parsePolicy } from '../dist/index.js';

const rows = [];
for (const dir of process.argv.slice(2)) {
  const policy = parsePolicy(readFileSync(path.join(dir, 'policy.json'), 'utf8'));
  if (policy._tag === 'Left') throw new Error(`${dir}: ${policy.left.message}`);
  const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const metrics = readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const last = metrics[metrics.length - 1];
  const result = await evaluatePolicy(policy.right, { episodes: 10, seed: 0 });
  rows.push({ env: config.env, seed: config.seed, eval: result.returnMean, evalStd: result.returnStd, train: last.episodeReturnMean, steps: last.timesteps, wall: last.wallSeconds, unstable: metrics.reduce((n, m) => n + m.unstableEpisodes, 0) });
}
console.log('| env | seed | eval return (10 ep.) | last training return | steps | wall (s) | unstable episodes |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.env} | ${r.seed} | ${r.eval.toFixed(1)} ± ${r.evalStd.toFixed(1)} | ${r.train?.toFixed(1)} | ${r.steps} | ${r.wall.toFixed(0)} | ${r.unstable} |`);
const byEnv = Map.groupBy ? Map.groupBy(rows, (r) => r.env) : rows.reduce((m, r) => m.set(r.env, [...(m.get(r.env) ?? []), r]), new Map());
console.log('\n| env | seeds | eval mean over seeds | min | max |');
console.log('|---|---|---|---|---|');
for (const [env, rs] of byEnv) {
  const evals = rs.map((r) => r.eval);
  console.log(`| ${env} | ${rs.length} | ${(evals.reduce((a, b) => a + b, 0) / evals.length).toFixed(1)} | ${Math.min(...evals).toFixed(1)} | ${Math.max(...evals).toFixed(1)} |`);
}
