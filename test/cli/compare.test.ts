// `trpo compare` end to end on CartPole-v1 with tiny budgets: 2 methods × 2 seeds of 2000 steps, the
// files it writes, a rerun that skips, a larger budget that resumes, a disagreeing run directory
// refused, and a failing run reported while the others finish. Runs the built CLI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseXml } from '../report/xml.js';
import { hashTree, metricsWithoutTimes, runCli } from './cliProcess.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-compare-'));
const config = path.join(scratch, 'small.json');
// a linear policy as the paper's cart-pole; 2 envs × 250 steps an iteration; CEM with 4 candidates
writeFileSync(config, JSON.stringify({ numEnvs: 2, stepsPerEnv: 250, policy: { hiddenSizes: [] }, value: { hiddenSizes: [8], epochs: 1 }, rule: { cem: { populationSize: 4 } } }));
const out = path.join(scratch, 'cmp');
const compare = (...extra: string[]) => runCli('compare', '--env', 'CartPole-v1', '--methods', 'trpo,cem', '--seeds', '2', '--config', config, '--jobs', '2', '--out', out, ...extra);
const runDirs = ['trpo/seed-0', 'trpo/seed-1', 'cem/seed-0', 'cem/seed-1'].map((d) => path.join(out, d));
const lastTimesteps = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').pop() ?? '{}') as { timesteps: number }).timesteps;

test('compare runs every (method, seed) as trpo train would, and writes comparison.svg, .md and .json', () => {
  const r = compare('--steps', '2000');
  assert.is(r.code, 0, r.stderr);
  for (const dir of runDirs) {
    assert.ok(existsSync(path.join(dir, 'checkpoint.json')), dir);
    assert.is(lastTimesteps(dir) >= 2000, true);
  }
  assert.is((JSON.parse(readFileSync(path.join(runDirs[2], 'config.json'), 'utf8')) as { method: string }).method, 'cem');
  // the same run as `trpo train --method trpo --seed 1` with the same config
  const direct = path.join(scratch, 'direct');
  const d = runCli('train', '--env', 'CartPole-v1', '--method', 'trpo', '--seed', '1', '--steps', '2000', '--config', config, '--out', direct, '--workers', '1');
  assert.is(d.code, 0, d.stderr);
  assert.is(metricsWithoutTimes(runDirs[1]), metricsWithoutTimes(direct));

  const elements = parseXml(readFileSync(path.join(out, 'comparison.svg'), 'utf8'));
  const series = (cls: string) => elements.filter((e) => e.attributes.class === cls).map((e) => e.attributes['data-series']);
  assert.equal(series('mean'), ['trpo', 'cem'], 'one mean line per method');
  assert.equal(series('band'), ['trpo', 'cem'], 'one band per method');

  const table = readFileSync(path.join(out, 'comparison.md'), 'utf8');
  assert.match(table, /^\| method \| seeds \| final return \(mean ± std\) \| samples per run \| wall time \(sum\) \| wall time per run \|$/m);
  assert.match(table, /^\| trpo \| 2 \| -?\d+\.\d ± \d+\.\d \| 2000 \| [\d.]+ s \| [\d.]+ s \|$/m);
  assert.match(table, /^\| cem \| 2 \| -?\d+\.\d ± \d+\.\d \| \d+ \| [\d.]+ s \| [\d.]+ s \|$/m);
  const json = JSON.parse(readFileSync(path.join(out, 'comparison.json'), 'utf8')) as { methods: { label: string; seeds: number[]; finalReturns: number[]; samples: number }[]; failed: unknown[] };
  assert.equal(json.methods.map((m) => [m.label, m.seeds]), [['trpo', [0, 1]], ['cem', [0, 1]]]);
  assert.ok(json.methods[1].samples > 2000, 'CEM counts its candidate evaluations');
  assert.equal(json.failed, []);
});

test('a rerun of the same command skips the finished runs and leaves them byte for byte', () => {
  const before = runDirs.map((dir) => hashTree(dir));
  const r = compare('--steps', '2000');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.match(/finished before, skipped/g)?.length, 4, r.stdout);
  assert.equal(runDirs.map((dir) => hashTree(dir)), before);
});

test('a finished vine run (it stops short of its budget, by less than an iteration) is skipped on a rerun, not resumed', () => {
  const vineConfig = path.join(scratch, 'vine.json');
  writeFileSync(vineConfig, JSON.stringify({ numEnvs: 2, stepsPerEnv: 100, policy: { hiddenSizes: [] }, value: { hiddenSizes: [8], epochs: 1 }, vine: { rolloutSetSize: 5, branchLength: 20, bootstrap: false } }));
  const vineOut = path.join(scratch, 'cmp-vine');
  const vine = () => runCli('compare', '--env', 'CartPole-v1', '--methods', 'trpo-vine', '--seeds', '1', '--config', vineConfig, '--jobs', '1', '--steps', '1000', '--out', vineOut);
  const first = vine();
  assert.is(first.code, 0, first.stderr);
  const dir = path.join(vineOut, 'trpo-vine', 'seed-0');
  assert.ok(lastTimesteps(dir) < 1000, `the vine run stopped at ${lastTimesteps(dir)}, short of its budget`);
  const before = hashTree(dir);
  const again = vine();
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /trpo-vine seed 0: finished before, skipped/);
  assert.equal(hashTree(dir), before);
});

test('a larger budget resumes each run from its checkpoint, keeping its metrics so far', () => {
  const before = runDirs.map((dir) => readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8'));
  const r = compare('--steps', '3000');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.match(/: resuming →/g)?.length, 4, r.stdout);
  runDirs.forEach((dir, i) => {
    assert.ok(readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').startsWith(before[i]), dir);
    assert.ok(lastTimesteps(dir) >= 3000, dir);
  });
});

test('a run directory whose config.json disagrees with the request is refused before anything runs (exit 2)', () => {
  const before = hashTree(out);
  const r = runCli('compare', '--env', 'CartPole-v1', '--methods', 'trpo', '--seeds', '1', '--steps', '3000', '--out', out);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /trpo\/seed-0\/config\.json disagrees with the requested run: .*policy\.hiddenSizes \(saved \[\], requested \[32,32\]\)/);
  assert.equal(hashTree(out), before);
});

test('a failing run is reported with the end of its output; the others finish and are compared; exit 1', () => {
  const other = path.join(scratch, 'with-failure');
  cpSync(runDirs[0], path.join(other, 'trpo', 'seed-0'), { recursive: true });
  writeFileSync(path.join(other, 'trpo', 'seed-0', 'checkpoint.json'), '{"format":"trpo-state/1"');
  const r = runCli('compare', '--env', 'CartPole-v1', '--methods', 'trpo', '--seeds', '2', '--steps', '4000', '--config', config, '--jobs', '2', '--out', other);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /trpo seed 0 failed \(exit code 2\); its output ended with:\n.*checkpoint\.json: unreadable checkpoint/);
  assert.match(r.stderr, /1 of 2 runs failed/);
  const json = JSON.parse(readFileSync(path.join(other, 'comparison.json'), 'utf8')) as { methods: { seeds: number[] }[]; failed: { label: string; seed: number }[] };
  assert.equal(json.methods[0].seeds, [1]);
  assert.equal(json.failed.map((f) => [f.label, f.seed]), [['trpo', 0]]);
  assert.ok(lastTimesteps(path.join(other, 'trpo', 'seed-1')) >= 4000);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
