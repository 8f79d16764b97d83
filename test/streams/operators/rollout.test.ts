import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, map, of, toArray } from 'rxjs';
import type { TrainConfig } from '../../../src/config/config.js';
import { resolveConfig } from '../../../src/config/presets.js';
import { envIds } from '../../../src/envs/registry.js';
import { selectBackend } from '../../../src/policies/backend.js';
import { advantages } from '../../../src/streams/operators/advantages.js';
import { fitValue } from '../../../src/streams/operators/fitValue.js';
import { rollout } from '../../../src/streams/operators/rollout.js';
import { trustRegionStep } from '../../../src/streams/operators/trustRegionStep.js';
import { inProcessSampler } from '../../../src/streams/sampling/sampler.js';
import { completeIteration, iterationStreams } from '../../../src/streams/loop.js';
import { initialTrainingState, makeVectorEnv, trainRun } from '../../../src/streams/train.js';
import type { IterationResult, TrainingState } from '../../../src/streams/types.js';

const config = (env: string): TrainConfig => {
  const r = resolveConfig({
    env,
    knownEnvs: envIds,
    file: { totalSteps: 360, numEnvs: 3, stepsPerEnv: 40, seed: 11, value: { epochs: 2, minibatchSize: 40 } },
    flags: { backend: 'wasm' },
  });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

/** One iteration composed by hand from the stage operators, splitting the streams as `trainRun` does. */
const handIteration = async (c: TrainConfig, sampler: ReturnType<typeof inProcessSampler>, state: TrainingState): Promise<IterationResult> => {
  const { rng, streams } = iterationStreams(state);
  return lastValueFrom(
    of({ state: { ...state, rng }, streams }).pipe(
      rollout({ sampler, stepsPerEnv: c.stepsPerEnv }),
      advantages({ gamma: c.gamma, lambda: c.lambda, normalize: c.trpo.normalizeAdvantages }),
      trustRegionStep(c.trpo),
      fitValue(c.value),
      map((fitted) => completeIteration(fitted, 0)),
    ),
  );
};

test('rollout → advantages → trustRegionStep → fitValue, composed by hand, is what trainRun runs', async () => {
  for (const env of ['CartPole-v1', 'Pendulum-v1']) {
    const c = config(env);
    const fromTrain = await lastValueFrom(trainRun(c).pipe(toArray()));
    assert.is(fromTrain.length, 3);
    await selectBackend('wasm');
    const envs = await makeVectorEnv(c);
    const sampler = inProcessSampler(envs);
    let state = initialTrainingState(c, envs);
    for (const expected of fromTrain) {
      const result = await handIteration(c, sampler, state);
      const { wallSeconds: _a, ...metrics } = result.metrics;
      const { wallSeconds: _b, ...expectedMetrics } = expected.metrics;
      assert.equal(metrics, expectedMetrics, env);
      assert.equal(Array.from(result.state.policyParams), Array.from(expected.state.policyParams), `${env}: policy`);
      assert.equal(Array.from(result.state.valueParams), Array.from(expected.state.valueParams), `${env}: value net`);
      assert.equal(Array.from(result.state.observations), Array.from(expected.state.observations), `${env}: env observations`);
      assert.equal(result.state.rule, expected.state.rule, `${env}: rule state`);
      state = result.state;
    }
    await sampler.close();
  }
});

test('rollout samples numEnvs × stepsPerEnv rows and advances the env part of the state', async () => {
  const c = config('CartPole-v1');
  await selectBackend('wasm');
  const envs = await makeVectorEnv(c);
  const sampler = inProcessSampler(envs);
  const state = initialTrainingState(c, envs);
  const { streams } = iterationStreams(state);
  const sampled = await lastValueFrom(of({ state, streams }).pipe(rollout({ sampler, stepsPerEnv: 50 })));
  assert.is(sampled.batch.rows, 150);
  assert.is(sampled.batch.observations.length, 150 * 4);
  assert.is(sampled.state.timesteps, 150);
  assert.is(sampled.state.episodes, sampled.batch.episodeReturns.length);
  assert.ok(sampled.batch.episodeReturns.length > 0, 'a random CartPole policy ends episodes within 50 steps');
  assert.not.equal(Array.from(sampled.state.observations), Array.from(state.observations));
  await sampler.close();
});

test.run();
