import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseXml } from '../report/xml.js';
import { runCli } from './cliProcess.js';

// `trpo plot` on run folders written here (config.json, metrics.jsonl, eval.jsonl as `trpo train`
// writes them), so no training is needed.

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-plot-'));
const config = (seed: number, overrides: Record<string, unknown> = {}) => ({ env: 'CartPole-v1', seed, totalSteps: 1000, numEnvs: 1, stepsPerEnv: 100, backend: 'cpu', trpo: { maxKl: 0.01 }, method: 'trpo', ...overrides });
const runDir = (name: string, cfg: Record<string, unknown>, iterations: number, evals = 0): string => {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(cfg));
  const line = (i: number) => ({ iteration: i, timesteps: i * 100, episodeReturnMean: i === 1 ? null : 10 * i + (cfg.seed as number), kl: 0.005, entropy: 0.69 - i / 100, valueLoss: 1 / i, explainedVariance: 0.5, wallSeconds: i });
  writeFileSync(path.join(dir, 'metrics.jsonl'), Array.from({ length: iterations }, (_, i) => `${JSON.stringify(line(i + 1))}\n`).join(''));
  if (evals > 0)
    writeFileSync(path.join(dir, 'eval.jsonl'), Array.from({ length: evals }, (_, i) => `${JSON.stringify({ iteration: 2 * (i + 1), timesteps: 200 * (i + 1), returnMean: 100 + i, returnStd: 0, returns: [100 + i], lengths: [100] })}\n`).join(''));
  return dir;
};

const seed0 = runDir('seed0', config(0), 10, 3);
const seed1 = runDir('seed1', config(1), 6);
const seed1Again = runDir('seed1-again', config(1, { backend: 'wasm', totalSteps: 400 }), 4);
const npg = runDir('npg', config(0, { method: 'npg' }), 8);

test('plot groups by experiment, counts seeds by config seed, and says which runs repeat a seed', () => {
  const out = path.join(scratch, 'curves.svg');
  const r = runCli('plot', '--runs', seed0, seed1, seed1Again, npg, '--out', out, '--panels', 'return,eval,kl,entropy,value-loss,explained-variance');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /CartPole-v1 \[method=trpo\]: 2 seeds \(3 runs\); CartPole-v1 \[method=npg\]: 1 seed/);
  assert.match(r.stdout, /note: CartPole-v1 \[method=trpo\]: seed 1 has 2 runs, counted once; drawn: \S*seed1 \(furthest\), not drawn: \S*seed1-again/);
  const svg = readFileSync(out, 'utf8');
  const elements = parseXml(svg);
  const titles = elements.filter((e) => e.name === 'text' && e.attributes['font-weight'] === 'bold').length;
  assert.is(titles, 6, 'a panel per requested metric');
  for (const title of ['episode return', 'eval return', 'KL per update', 'entropy', 'value loss', 'explained variance']) assert.match(svg, new RegExp(`CartPole-v1: ${title}<`));
  assert.match(svg, /method=trpo \(2 seeds\)/);
  assert.match(svg, /method=trpo \(1 seed\)/, 'eval: only seed 0 has eval.jsonl');
  assert.match(svg, /δ = 0.01/);
  assert.is(elements.filter((e) => e.attributes.class === 'reference').length, 1);
  // return panel: the trpo band spans the step counts seeds 0 and 1 both reach (200 … 600), nothing is cut
  const bands = elements.filter((e) => e.attributes.class === 'band' && e.attributes['data-series'] === 'method=trpo (2 seeds)');
  assert.ok(bands.length >= 1);
  assert.is(bands[0].attributes.points.split(' ').length, 2 * 5);
  assert.not.match(svg, /NaN/);
});

test('plot of one seed: no band; the default panel is the episode return', () => {
  const out = path.join(scratch, 'one.svg');
  const r = runCli('plot', '--runs', seed1, seed1Again, '--out', out);
  assert.is(r.code, 0, r.stderr);
  const svg = readFileSync(out, 'utf8');
  assert.match(svg, /CartPole-v1: episode return \(1 seed\)/);
  assert.not.match(svg, /class="band"/);
  assert.is(parseXml(svg).filter((e) => e.name === 'text' && e.attributes['font-weight'] === 'bold').length, 1);
});

test.run();
