// Prints the markdown tables of docs/games.md from the runs kept by scripts/games-results.sh:
// one row per run, then one per game (mean over seeds). Usage: node scripts/games-table.mjs [ARCHIVE]
// (default docs/games-runs). The training return is the last metrics line's episodeReturnMean: the
// mean of the last 100 episodes that ended during training, the measure of MinAtar's published
// curves; the eval return is 100 episodes of the deterministic policy (`trpo eval`, episode i from
// reset(i)).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const archive = process.argv[2] ?? 'docs/games-runs';
if (!existsSync(archive)) { console.error(`no such folder: ${archive}`); process.exit(2); }

const rows = readdirSync(archive).filter((name) => existsSync(path.join(archive, name, 'eval.json'))).sort().map((name) => {
  const dir = path.join(archive, name);
  const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const metrics = gunzipSync(readFileSync(path.join(dir, 'metrics.jsonl.gz'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  const evaluation = JSON.parse(readFileSync(path.join(dir, 'eval.json'), 'utf8'));
  const last = metrics[metrics.length - 1];
  return {
    game: config.env.replace(/^MinAtar\//, ''), sampling: config.sampling, seed: config.seed, frames: last.timesteps, wallSeconds: last.wallSeconds,
    train: last.episodeReturnMean ?? NaN, evalMean: evaluation.returnMean, evalStd: evaluation.returnStd,
  };
});

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fixed = (x) => (Number.isFinite(x) ? x.toFixed(2) : '—'); // — : no episode ended during training

console.log('| game | sampling | seed | frames | training return (last 100 episodes) | eval return (100 episodes, deterministic) | training time (min) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.game} | ${r.sampling} | ${r.seed} | ${(r.frames / 1e6).toFixed(2)}M | ${fixed(r.train)} | ${r.evalMean.toFixed(2)} ± ${r.evalStd.toFixed(2)} | ${(r.wallSeconds / 60).toFixed(1)} |`);

const groups = new Map();
for (const r of rows) {
  const key = `${r.game} | ${r.sampling}`;
  groups.set(key, [...(groups.get(key) ?? []), r]);
}
console.log('\n| game | sampling | seeds | training return, mean over seeds (min–max) | eval return, mean over seeds (min–max) |');
console.log('|---|---|---|---|---|');
for (const [key, rs] of groups) {
  const train = rs.map((r) => r.train), evals = rs.map((r) => r.evalMean);
  const range = (xs) => `${fixed(mean(xs))} (${fixed(Math.min(...xs))}–${fixed(Math.max(...xs))})`;
  console.log(`| ${key} | ${rs.map((r) => r.seed).join(', ')} | ${range(train)} | ${range(evals)} |`);
}
