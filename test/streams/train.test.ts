import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, map, take, tap, toArray } from 'rxjs';
import type { TrainConfig } from '../../src/config/config.js';
import { resolveConfig } from '../../src/config/presets.js';
import { envIds } from '../../src/envs/registry.js';
import { train, trainRun } from '../../src/streams/train.js';
import type { UpdateOperator } from '../../src/streams/updateRule.js';
import { workerSamplers } from '../../src/node/index.js';
import { resumedAfterTwo } from './resumeRuns.js';
import type { IterationMetrics } from '../../src/streams/types.js';

const configFor = (env: string, overrides: Record<string, unknown>): TrainConfig => {
  const r = resolveConfig({ env, knownEnvs: envIds, file: overrides, flags: { backend: (process.env.TRPO_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm' } });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const small = (env = 'CartPole-v1', extra: Record<string, unknown> = {}) =>
  configFor(env, { totalSteps: 2000, numEnvs: 2, stepsPerEnv: 100, seed: 5, value: { epochs: 2, minibatchSize: 100 }, ...extra });
const withoutWall = (ms: IterationMetrics[]) => ms.map(({ wallSeconds: _, ...rest }) => rest);

test('same seed and backend: identical metrics apart from wallSeconds', async () => {
  const a = await lastValueFrom(train(small()).pipe(toArray()));
  const b = await lastValueFrom(train(small()).pipe(toArray()));
  assert.is(a.length, 10);
  assert.equal(withoutWall(a), withoutWall(b));
  const c = await lastValueFrom(train(small('CartPole-v1', { seed: 6 })).pipe(toArray()));
  assert.not.equal(withoutWall(a), withoutWall(c));
});

test('sampling on 2 worker threads gives the metrics of sampling in this thread', async () => {
  const config = small('CartPole-v1', { numEnvs: 3, totalSteps: 900 });
  const local = await lastValueFrom(train(config).pipe(toArray()));
  const threaded = await lastValueFrom(train(config, { sampler: workerSamplers(2) }).pipe(toArray()));
  assert.is(local.length, 3);
  assert.equal(withoutWall(threaded), withoutWall(local));
});

// KL ≤ δ itself, measured apart from the line search's own check, is a law of test/streams/operators/trustRegionStep.test.ts
test('metrics carry what each update did: a positive KL and gain when accepted, zeros when not, for both heads', async () => {
  for (const env of ['CartPole-v1', 'Pendulum-v1']) {
    const metrics = await lastValueFrom(train(small(env, { trpo: { maxKl: 0.005 } })).pipe(toArray()));
    assert.ok(metrics.some((m) => m.accepted));
    for (const m of metrics) {
      if (m.accepted) assert.ok(m.kl > 0 && m.surrogateGain > 0, JSON.stringify(m));
      else assert.equal([m.kl, m.surrogateGain], [0, 0]);
    }
    assert.is(metrics[metrics.length - 1].timesteps, 2000);
  }
});

test('take(n) stops the run after n iterations; the budget caps timesteps exactly', async () => {
  let iterations = 0;
  const metrics = await lastValueFrom(train(small()).pipe(tap(() => iterations++), take(3), toArray()));
  assert.is(metrics.length, 3);
  await new Promise((r) => setTimeout(r, 100));
  assert.is(iterations, 3, 'work went on after take(3) completed');
  const odd = await lastValueFrom(train(small('CartPole-v1', { totalSteps: 450 })).pipe(toArray()));
  assert.equal(odd.map((m) => m.timesteps), [200, 400, 450]);
});

test('the update rule is swappable: an operator that never steps leaves the policy untouched', async () => {
  const frozen: UpdateOperator = map((stage) => ({
    ...stage,
    update: { params: stage.state.policyParams, accepted: false, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0 },
  }));
  const results = await lastValueFrom(trainRun(small(), { update: () => frozen }).pipe(toArray()));
  const first = results[0].state.policyParams, last = results[results.length - 1].state.policyParams;
  assert.equal(Array.from(first), Array.from(last));
  assert.ok(results.every((r) => !r.metrics.accepted));
});

test('tensors do not leak: tf.memory().numTensors is flat over 50 iterations', async () => {
  const counts: number[] = [];
  await lastValueFrom(
    train(small('Pendulum-v1', { totalSteps: 50 * 40, numEnvs: 2, stepsPerEnv: 20, value: { epochs: 1, minibatchSize: 40 } })).pipe(
      tap(() => counts.push(tf.memory().numTensors)),
      toArray(),
    ),
  );
  assert.is(counts.length, 50);
  assert.is(counts[49], counts[4], `tensors ${counts[4]} → ${counts[49]}`);
});

test('checkpoint/resume is exact: 2 + 3 iterations through serialize/deserialize equal 5 straight', async () => {
  const { straight, firstTwo, restored, rest } = await resumedAfterTwo(small('Pendulum-v1', { totalSteps: 1000 }));
  assert.is(restored.wallSeconds, firstTwo[1].metrics.wallSeconds, 'the checkpoint keeps the training time');
  assert.ok(rest[0].metrics.wallSeconds > firstTwo[1].metrics.wallSeconds, 'wallSeconds counts on across a resume');
  assert.equal(withoutWall([...firstTwo, ...rest].map((r) => r.metrics)), withoutWall(straight.map((r) => r.metrics)));
  assert.equal(Array.from(rest[rest.length - 1].state.policyParams), Array.from(straight[straight.length - 1].state.policyParams));
});

test('learning works: CartPole-v1 improves within 30k steps', async () => {
  const metrics = await lastValueFrom(train(configFor('CartPole-v1', { totalSteps: 30_000, seed: 1 })).pipe(toArray()));
  const first = metrics[0].episodeReturnMean ?? 0, last = metrics[metrics.length - 1].episodeReturnMean ?? 0;
  assert.ok(last > 100 && last > 3 * first, `return ${first} → ${last}`);
});

test.run();
