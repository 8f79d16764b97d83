// Vine sampling (paper Sec. 5.2) through the whole training loop: step accounting, worker
// invariance, the trust region over the rollout set, resume, learning.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, tap, toArray } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import { rngStateFromSeed } from '../../src/algebra/rng.js';
import type { TrainConfig } from '../../src/config/config.js';
import { resolveConfig } from '../../src/config/presets.js';
import type { Env } from '../../src/envs/env.js';
import { envIds, makeEnvAsync } from '../../src/envs/registry.js';
import { workerSamplers } from '../../src/node/index.js';
import { rowKls } from '../../src/rules/rowKl.js';
import { vineEstimates } from '../../src/streams/operators/vineEstimates.js';
import { rolloutSetRows } from '../../src/streams/sampling/vineSampler.js';
import { resumedAfterTwo } from './resumeRuns.js';
import { train, trainRun } from '../../src/streams/train.js';
import type { Estimated, IterationMetrics, Sampled } from '../../src/streams/types.js';

const vineConfig = (env: string, overrides: Record<string, unknown> = {}): TrainConfig => {
  const r = resolveConfig({ env, knownEnvs: envIds, file: { seed: 3, ...overrides }, flags: { backend: 'wasm', sampling: 'vine' } });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const small = (env: string, extra: Record<string, unknown> = {}) =>
  vineConfig(env, { totalSteps: 6000, numEnvs: 2, stepsPerEnv: 100, value: { epochs: 2, minibatchSize: 100 }, vine: { rolloutSetSize: 12, branches: 3, branchLength: 20, bootstrap: false }, ...extra });
const withoutWall = (ms: IterationMetrics[]) => ms.map(({ wallSeconds: _, ...rest }) => rest);

/** The vine estimator with every sampled stage recorded on its way in. */
const recording = (into: Sampled[]) => (config: TrainConfig): OperatorFunction<Sampled, Estimated> => (source) =>
  source.pipe(
    tap((s) => into.push(s)),
    vineEstimates({ gamma: config.gamma, lambda: config.lambda, normalize: config.trpo.normalizeAdvantages, bootstrap: config.vine.bootstrap }),
  );

/** Env factory whose envs count every step they simulate (step and stepInto alike). */
const countingEnvs = (id: string) => {
  const counter = { steps: 0 };
  const make = async (): Promise<Env> => {
    const env = await makeEnvAsync(id);
    const counted = Object.create(env) as Env & { stepInto?: (...args: unknown[]) => unknown };
    counted.step = (action) => (counter.steps++, env.step(action));
    const into = (env as { stepInto?: (...args: unknown[]) => unknown }).stepInto;
    if (into) counted.stepInto = (...args: unknown[]) => (counter.steps++, into(...args));
    return counted;
  };
  return { counter, make };
};

test('the rollout set is drawn without replacement: min(N, rows) distinct sorted trunk rows', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1e6 }), (rows, size, seed) => {
      const chosen = rolloutSetRows(rows, size, rngStateFromSeed(seed));
      assert.is(chosen.length, Math.min(size, rows));
      assert.is(new Set(chosen).size, chosen.length, 'a row was drawn twice');
      chosen.forEach((row, i) => assert.ok(row >= 0 && row < rows && (i === 0 || row > chosen[i - 1])));
    }),
  );
  // every trunk row is as likely as any other: 2000 draws of 5 rows of 20
  const counts = new Array<number>(20).fill(0);
  for (let seed = 0; seed < 2000; seed++) rolloutSetRows(20, 5, rngStateFromSeed(seed)).forEach((row) => counts[row]++);
  counts.forEach((c, row) => assert.ok(Math.abs(c - 500) < 100, `row ${row} drawn ${c} times, expected ~500`));
});

for (const env of ['CartPole-v1', 'Pendulum-v1']) {
  test(`${env}: timesteps count every simulated step exactly, trunks and branches, within the budget`, async () => {
    const { counter, make } = countingEnvs(env);
    const sampled: Sampled[] = [];
    const config = small(env);
    const metrics = await lastValueFrom(train(config, { makeEnv: make, estimator: recording(sampled) }).pipe(toArray()));
    assert.ok(metrics.length >= 2);
    const last = metrics[metrics.length - 1];
    assert.is(last.timesteps, counter.steps, 'timesteps vs steps the envs simulated');
    assert.ok(last.timesteps <= config.totalSteps);
    let before = 0;
    sampled.forEach((s, i) => {
      const set = s.rolloutSet;
      assert.ok(set, 'a vine batch has a rollout set');
      if (!set) return;
      const branchSteps = set.lengths.reduce((a, b) => a + b, 0);
      assert.is(set.steps, branchSteps);
      assert.is(s.state.timesteps, before + s.batch.rows + branchSteps);
      assert.is(metrics[i].timesteps, s.state.timesteps);
      before = s.state.timesteps;
      // the states are trunk rows, without replacement, seen as the trunk saw them
      assert.is(new Set(set.rows).size, set.states);
      const d = s.batch.observationDim;
      set.rows.forEach((row, n) => assert.equal(set.observations.subarray(n * d, (n + 1) * d), s.batch.observations.subarray(row * d, (row + 1) * d)));
      assert.is(set.branches, env === 'CartPole-v1' ? 2 : 3);
      assert.is(set.states, config.vine.rolloutSetSize, `iteration ${i + 1}: a rollout set of ${set.states} states, not the whole N`);
    });
    // the run ended because a trunk holding N states and its longest branches no longer fit the budget
    const { rolloutSetSize: n, branchLength } = config.vine, branches = env === 'CartPole-v1' ? 2 : 3;
    const smallestTrunk = Math.ceil(n / config.numEnvs) * config.numEnvs;
    assert.ok(config.totalSteps - last.timesteps < smallestTrunk + n * branches * branchLength, `${config.totalSteps - last.timesteps} steps left unused`);
  });

  test(`${env}: the same batches and metrics on 1 and 2 worker threads`, async () => {
    const config = small(env, { numEnvs: 3, totalSteps: 4000 });
    const one = await lastValueFrom(trainRun(config, { sampler: workerSamplers(1) }).pipe(toArray()));
    const two = await lastValueFrom(trainRun(config, { sampler: workerSamplers(2) }).pipe(toArray()));
    assert.ok(one.length >= 2);
    assert.equal(withoutWall(two.map((r) => r.metrics)), withoutWall(one.map((r) => r.metrics)));
    assert.equal(Array.from(two[two.length - 1].state.policyParams), Array.from(one[one.length - 1].state.policyParams));
  });

  test(`${env}: accepted vine steps keep the mean KL over the rollout set ≤ δ, measured in float64`, async () => {
    const sampled: Sampled[] = [];
    const config = small(env, { totalSteps: 8000 });
    const results = await lastValueFrom(trainRun(config, { estimator: recording(sampled) }).pipe(toArray()));
    let accepted = 0;
    results.forEach(({ metrics, state }, i) => {
      const s = sampled[i], set = s.rolloutSet;
      if (!set || !metrics.accepted) return;
      accepted++;
      const kls = rowKls(state.policySpec, set.observations, set.states, s.state.policyParams)(state.policyParams);
      const meanKl = kls.reduce((a, b) => a + b, 0) / kls.length;
      assert.ok(meanKl <= config.trpo.maxKl * (1 + 1e-3), `iteration ${metrics.iteration}: KL ${meanKl} > δ`);
      assert.ok(Math.abs(meanKl - metrics.kl) <= 1e-3 * config.trpo.maxKl, `iteration ${metrics.iteration}: reported KL ${metrics.kl} is not the rollout set's ${meanKl}`);
    });
    assert.ok(accepted > 0, 'no step was accepted');
  });
}

test('checkpoint/resume of a vine run is exact: 2 iterations, serialize/deserialize, the rest equal a straight run', async () => {
  const { straight, firstTwo, rest } = await resumedAfterTwo(small('Pendulum-v1'));
  assert.equal(withoutWall([...firstTwo, ...rest].map((r) => r.metrics)), withoutWall(straight.map((r) => r.metrics)));
});

test('learning works: vine CartPole-v1 (default preset) improves within 30k simulated steps', async () => {
  const metrics = await lastValueFrom(train(vineConfig('CartPole-v1', { totalSteps: 30_000, seed: 1 })).pipe(toArray()));
  const first = metrics[0].episodeReturnMean ?? 0, last = metrics[metrics.length - 1].episodeReturnMean ?? 0;
  assert.ok(last > 45 && last > 2 * first, `return ${first} → ${last}`);
  assert.ok(metrics[metrics.length - 1].timesteps <= 30_000);
});

test.run();
