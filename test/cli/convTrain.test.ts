import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// MinAtar from pixels through the built CLI (npm test builds dist/ first): the preset's conv policy
// and value nets train, save, resume, and act the same on any number of sampling workers.
const cli = path.resolve('dist/cli/main.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-conv-'));
const json = (dir: string, name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
const metrics = (dir: string) => readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').replace(/"wallSeconds":[^,}]*/g, '');
const train = (dir: string, ...args: string[]) => run('train', '--env', 'MinAtar/Breakout-v1', '--seed', '1', '--backend', 'wasm', '--out', dir, ...args);

test('MinAtar/Breakout-v1 trains 4096 steps with conv nets; 2048 on one worker resumed to 4096 on two equals 4096 straight', () => {
  const straight = path.join(scratch, 'straight'), split = path.join(scratch, 'split');
  const r = train(straight, '--steps', '4096', '--workers', '2');
  assert.is(r.code, 0, r.stderr);
  const config = json(straight, 'config.json');
  assert.is(config.policy.network, 'conv');
  assert.is(config.value.network, 'conv');
  const { state } = json(straight, 'checkpoint.json');
  const conv = { kind: 'conv', inputShape: [10, 10, 4], convLayers: [{ filters: 16, kernel: 3 }], hiddenSizes: [128] };
  assert.equal(state.policySpec.network, { ...conv, outputDim: 3 });
  assert.equal(state.valueSpec, { ...conv, outputDim: 1 });
  assert.equal(json(straight, 'policy.json').spec.network, { ...conv, outputDim: 3 });
  assert.is(train(split, '--steps', '2048', '--workers', '1').code, 0);
  const resumed = run('train', '--resume', split, '--steps', '4096', '--workers', '2');
  assert.is(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming at step 2048/);
  assert.is(metrics(split), metrics(straight));
  assert.is(readFileSync(path.join(split, 'policy.json'), 'utf8'), readFileSync(path.join(straight, 'policy.json'), 'utf8'));
  const e = run('eval', '--run', straight, '--episodes', '2', '--seed', '1');
  assert.is(e.code, 0, e.stderr);
  assert.is(JSON.parse(e.stdout.trim().split('\n').pop() as string).returns.length, 2);
});

test('a resume whose config.json asks for another conv net is refused, naming both', () => {
  const dir = path.join(scratch, 'refused');
  assert.is(train(dir, '--steps', '2048', '--workers', '1').code, 0);
  const config = json(dir, 'config.json');
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, value: { ...config.value, conv: { ...config.value.conv, filters: [8] } } }));
  const r = run('train', '--resume', dir, '--steps', '4096');
  assert.is(r.code, 2);
  assert.match(r.stderr, /value network conv net 10×10×4→conv 16@3×3→128→1 relu, but config.json on MinAtar\/Breakout-v1 implies conv net 10×10×4→conv 8@3×3→128→1 relu/);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
