import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { normalizeObservation } from '../../src/algebra/runningStats.js';
import { makeEnv } from '../../src/envs/registry.js';
import { loadPolicy, readSavedPolicy } from '../../src/node/loadPolicy.js';
import { evaluateOn } from '../../src/streams/evaluate.js';
import { policyFromSaved } from '../../src/streams/loadedPolicy.js';

// A small Pendulum run with normalized observations, trained by the built CLI (npm test builds dist/ first).
const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-load-policy-'));
const run = path.join(scratch, 'run');
const config = path.join(scratch, 'config.json');
writeFileSync(config, JSON.stringify({ numEnvs: 2, stepsPerEnv: 200, normalizeObservations: true, value: { epochs: 1 } }));
const cli = (...args: string[]) => spawnSync(process.execPath, [path.resolve('dist/cli/main.js'), ...args], { encoding: 'utf8' });
const trained = cli('train', '--env', 'Pendulum-v1', '--steps', '800', '--seed', '2', '--config', config, '--out', run, '--workers', '1');

const loaded = () => {
  const policy = loadPolicy(run);
  if (E.isLeft(policy)) throw new Error(policy.left.message);
  return policy.right;
};

test('loadPolicy(run).act({ deterministic: true }) plays the episodes trpo eval reports', () => {
  assert.is(trained.status, 0, trained.stderr);
  const policy = loaded();
  assert.is(policy.head, 'gaussian');
  assert.is(policy.env, 'Pendulum-v1');
  // evaluateOn steps the env with policy.act(observation, { deterministic: true })
  const { returns, lengths } = evaluateOn(makeEnv('Pendulum-v1'), policy, { episodes: 3, seed: 5 });
  const evaluated = cli('eval', '--run', run, '--episodes', '3', '--seed', '5');
  assert.is(evaluated.status, 0, evaluated.stderr);
  const summary = JSON.parse(evaluated.stdout.trim().split('\n').pop() as string);
  assert.equal(returns, summary.returns);
  assert.equal(lengths, summary.lengths);
});

test('act applies the saved observation normalizer', () => {
  const saved = readSavedPolicy(run);
  if (E.isLeft(saved)) throw new Error(saved.left.message);
  const stats = saved.right.observationStats;
  assert.ok(stats && stats.count > 0, 'the run normalizes observations');
  const raw = Float32Array.from([0.3, -0.9, 2.5]);
  const normalized = new Float32Array(3);
  normalizeObservation(stats, raw, normalized);
  const withoutStats = policyFromSaved({ ...saved.right, observationStats: null });
  const action = loaded().act(raw, { deterministic: true }) as Float32Array;
  assert.equal(Array.from(action), Array.from(withoutStats.act(normalized, { deterministic: true }) as Float32Array));
  assert.not.equal(Array.from(action), Array.from(withoutStats.act(raw, { deterministic: true }) as Float32Array));
});

test('act samples with the given generator: the same state draws the same action, around the mode', () => {
  const policy = loaded();
  const observation = [1, 0, 0];
  const draw = (seed: number) => Array.from(policy.act(observation, { deterministic: false, rng: new Rng(rngStateFromSeed(seed)) }) as Float32Array);
  assert.equal(draw(1), draw(1));
  assert.not.equal(draw(1), draw(2));
  assert.throws(() => policy.act([1, 0], { deterministic: true }), /observations of length 3, got 2/);
});

test('a CartPole policy acts with a number', () => {
  const policy = policyFromSaved({
    format: 'trpo-policy/1',
    env: 'CartPole-v1',
    spec: { head: 'categorical', network: { kind: 'mlp', inputDim: 4, hiddenSizes: [], outputDim: 2, activation: 'tanh' }, actions: 2 },
    // no hidden layer: the logits are linear in the observation, and these weights make them differ for the two below
    params: Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0]),
    observationStats: null,
    iteration: 0,
    timesteps: 0,
  });
  assert.is(policy.head, 'categorical');
  const a = policy.act([2, -1, 0, 0], { deterministic: true }), b = policy.act([-1, 2, 0, 0], { deterministic: true });
  assert.type(a, 'number');
  assert.is.not(a, b, 'the argmax follows the observation');
});

test.run();
