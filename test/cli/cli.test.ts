import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Runs the built CLI (npm test builds dist/ first), as a user would.
const cli = path.resolve('dist/cli/main.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-cli-'));
const file = (name: string, text: string) => {
  const p = path.join(scratch, name);
  writeFileSync(p, text);
  return p;
};

test('--version prints the package version', () => {
  const r = run('--version');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
});

test('--help works on every command', () => {
  for (const args of [['--help'], ['train', '--help'], ['eval', '--help'], ['plot', '--help'], ['compare', '--help'], ['worker', '--help']]) {
    const r = run(...args);
    assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stdout.includes('Usage: trpo'), r.stdout);
  }
});

// bad input (exit 2, nothing written) is test/cli/badInput.test.ts

test('train writes config, metrics, policy and checkpoint; eval prints JSON last', () => {
  const out = path.join(scratch, 'run');
  const cfg = file('small.json', JSON.stringify({ numEnvs: 4, stepsPerEnv: 100, value: { epochs: 1 } }));
  const r = run('train', '--env', 'CartPole-v1', '--steps', '600', '--seed', '3', '--config', cfg, '--num-envs', '2', '--out', out);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /backend (wasm|cpu|tensorflow)/);
  assert.equal(readdirSync(out).sort(), ['checkpoint.json', 'config.json', 'metrics.jsonl', 'policy.json']);
  const config = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8'));
  assert.is(config.seed, 3);
  assert.is(config.numEnvs, 2, '--num-envs overrides the config file');
  assert.is(config.backend, /backend (\w+)/.exec(r.stdout)?.[1], 'config.json records the backend that ran, not auto');
  assert.is(config.trpo.maxKl, 0.01);
  const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 3);
  for (const key of ['iteration', 'timesteps', 'episodeReturnMean', 'episodeLengthMean', 'episodes', 'kl', 'surrogateGain', 'entropy', 'valueLoss', 'lineSearchSteps', 'accepted', 'wallSeconds'])
    assert.ok(key in lines[0], `metrics lack ${key}`);
  assert.is(lines[2].timesteps, 600);
  const again = run('train', '--env', 'CartPole-v1', '--steps', '600', '--out', out);
  assert.is(again.code, 2, 'an existing run directory must not be overwritten');
  const e = run('eval', '--run', out, '--episodes', '3', '--seed', '1');
  assert.is(e.code, 0, e.stderr);
  const summary = JSON.parse(e.stdout.trim().split('\n').pop() as string);
  assert.is(summary.episodes, 3);
  assert.type(summary.returnMean, 'number');
  assert.type(summary.returnStd, 'number');
  assert.is(summary.returns.length, 3);
  assert.is(summary.lengths.length, 3);
  assert.ok(Math.abs(summary.returns.reduce((a: number, b: number) => a + b, 0) / 3 - summary.returnMean) < 1e-9, 'returnMean is the mean of the returns');
  const svg = path.join(scratch, 'curves.svg');
  const p = run('plot', '--runs', out, out, '--out', svg);
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stdout, /CartPole-v1: 1 seed \(2 runs\)/, 'the same run twice is one seed');
  assert.match(readFileSync(svg, 'utf8'), /<svg[\s\S]*CartPole-v1: episode return \(1 seed\)[\s\S]*<\/svg>/);
});

test('train --resume continues a saved run: 600 steps then resume to 1000 equals 1000 straight', () => {
  const cfg = file('resume.json', JSON.stringify({ numEnvs: 2, stepsPerEnv: 100, value: { epochs: 1 } }));
  const straight = path.join(scratch, 'straight'), split = path.join(scratch, 'split');
  assert.is(run('train', '--env', 'CartPole-v1', '--steps', '1000', '--seed', '8', '--config', cfg, '--out', straight).code, 0);
  assert.is(run('train', '--env', 'CartPole-v1', '--steps', '600', '--seed', '8', '--config', cfg, '--out', split).code, 0);
  const done = run('train', '--resume', split);
  assert.is(done.code, 2, 'a finished run needs a larger --steps');
  assert.match(done.stderr, /already has 600 of 600 steps/);
  const r = run('train', '--resume', split, '--steps', '1000');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /resuming at step 600/);
  const metrics = (dir: string) => readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').replace(/"wallSeconds":[^,}]*/g, '');
  assert.is(metrics(split), metrics(straight));
  assert.is(readFileSync(path.join(split, 'policy.json'), 'utf8'), readFileSync(path.join(straight, 'policy.json'), 'utf8'));
  const broken = path.join(scratch, 'broken');
  assert.is(run('train', '--env', 'CartPole-v1', '--steps', '200', '--config', cfg, '--out', broken).code, 0);
  writeFileSync(path.join(broken, 'checkpoint.json'), '{"format":"trpo-state/1","state":');
  const policyBefore = readFileSync(path.join(broken, 'policy.json'), 'utf8');
  const bad = run('train', '--resume', broken, '--steps', '400');
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /checkpoint\.json: unreadable checkpoint/);
  assert.is(readFileSync(path.join(broken, 'policy.json'), 'utf8'), policyBefore, 'a failed resume must not touch the run');
});

test('train --sampling vine: config.json records it, every branch step counts, and the run resumes as vine', () => {
  const cfg = file('vine.json', JSON.stringify({ numEnvs: 2, stepsPerEnv: 50, value: { epochs: 1 }, vine: { rolloutSetSize: 10, branchLength: 10 } }));
  const out = path.join(scratch, 'vine');
  const r = run('train', '--env', 'CartPole-v1', '--sampling', 'vine', '--steps', '900', '--seed', '2', '--config', cfg, '--out', out, '--workers', '2');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /vine sampling/);
  const config = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8'));
  assert.is(config.sampling, 'vine');
  assert.equal(config.vine, { rolloutSetSize: 10, branches: 4, branchLength: 10, bootstrap: true });
  const lines = () => readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { timesteps: number });
  const before = lines();
  // each iteration: 100 trunk steps plus its branches (10 states × 2 actions × up to 10 steps); the last one shrinks to fit 900
  before.forEach((m, i) => {
    const step = m.timesteps - (i === 0 ? 0 : before[i - 1].timesteps);
    assert.ok(step <= 300 && (step > 100 || i === before.length - 1), `iteration ${i + 1} took ${step} steps`);
  });
  assert.ok(before[before.length - 1].timesteps <= 900);
  const resumed = run('train', '--resume', out, '--steps', '1800', '--workers', '1');
  assert.is(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`vine sampling.*resuming at step ${before[before.length - 1].timesteps}`));
  const after = lines();
  assert.ok(after.length > before.length);
  assert.ok(after[after.length - 1].timesteps <= 1800 && after[after.length - 1].timesteps > 1500);
});

test('train --workers 2 writes the metrics of --workers 1', () => {
  const cfg = file('three.json', JSON.stringify({ numEnvs: 3, stepsPerEnv: 100, value: { epochs: 1 } }));
  const metrics = (workers: string) => {
    const out = path.join(scratch, `w${workers}`);
    const r = run('train', '--env', 'CartPole-v1', '--steps', '900', '--seed', '4', '--config', cfg, '--workers', workers, '--out', out);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`${workers} sampling worker`));
    return readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').replace(/"wallSeconds":[^,}]*/g, '');
  };
  assert.is(metrics('2'), metrics('1'));
});

test('train --method: npg (step size from the config file) and cma-es on a linear policy; config.json and the checkpoint record the method; a resume continues it', () => {
  const config = file('methods.json', JSON.stringify({ numEnvs: 2, stepsPerEnv: 100, policy: { hiddenSizes: [] }, value: { hiddenSizes: [8], epochs: 1 }, rule: { npg: { stepSize: 0.05 }, 'cma-es': { populationSize: 4 } } }));
  for (const [method, ruleName] of [['npg', 'natural-gradient'], ['cma-es', 'cmaes']]) {
    const out = path.join(scratch, `method-${method}`);
    const r = run('train', '--env', 'CartPole-v1', '--method', method, '--steps', '400', '--config', config, '--out', out, '--workers', '1');
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`training CartPole-v1 with ${method} for 400 steps`));
    assert.is(JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8')).method, method);
    assert.is(JSON.parse(readFileSync(path.join(out, 'checkpoint.json'), 'utf8')).state.rule.name, ruleName);
    const lines = readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    if (method === 'npg') assert.ok(lines.every((m) => m.diagnostics.stepSize === 0.05), 'the configured step size');
    else assert.ok(lines.every((m) => Number.isFinite(m.diagnostics.sigma)), 'CMA-ES reports its step size');
    const resumed = run('train', '--resume', out, '--steps', '800', '--workers', '1');
    assert.is(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`with ${method} for 800 steps .*resuming at step`));
  }
});

test.run();
