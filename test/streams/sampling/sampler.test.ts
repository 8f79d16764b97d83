import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeEnvAsync, registerEnv } from '../../../src/envs/registry.js';
import { VectorEnv } from '../../../src/envs/vectorEnv.js';
import { inProcessSampler } from '../../../src/streams/sampling/sampler.js';
import { workerSampler } from '../../../src/streams/sampling/workerSampler.js';
import type { SegmentRequest } from '../../../src/streams/sampling/segment.js';
import { segmentFixture } from './fixtures.js';
import { gridWalkEnv, gridWalkId } from '../../fixtures/gridWalkEnv.js';

/** `num` fresh envs of `id` (seeded 3 + i) and a request for a random policy on raw observations. */
const setup = async (id: string, num: number, stepsPerEnv: number) => {
  const envs = new VectorEnv(await Promise.all(Array.from({ length: num }, () => makeEnvAsync(id))));
  return { envs, ...segmentFixture(envs, { hidden: 16, stepsPerEnv, resetSeed: 3, stats: () => null }) };
};

// GridWalk-v0 is registered by its module (test/fixtures/gridWalkEnv.ts), which the workers import
for (const [id, steps] of [['CartPole-v1', 300], ['Hopper-v5', 150], [gridWalkId, 200]] as const) {
  test(`${id}: worker threads sample exactly what this thread samples, twice in a row`, async () => {
    const { envs, request } = await setup(id, 5, steps);
    const start = envs.snapshot();
    const local = inProcessSampler(envs);
    const workers = workerSampler(id, 5, 2);
    try {
      assert.is(workers.workers, 2);
      const a = await local.sample(start, request);
      const b = await workers.sample(start, request);
      assert.equal(b.segment, a.segment);
      assert.equal(b.envs, a.envs);
      const next: SegmentRequest = { ...request, observations: a.segment.endObservations, episodeReturns: a.segment.episodeReturns, episodeLengths: a.segment.episodeLengths };
      const a2 = await local.sample(a.envs, next);
      const b2 = await workers.sample(b.envs, next);
      assert.equal(b2.segment, a2.segment);
    } finally {
      await local.close();
      await workers.close();
    }
  });
}

test('an env registered without a module is refused for worker threads, naming the fix', () => {
  registerEnv('GridWalkLocal-v0', () => ({ ...gridWalkEnv(), id: 'GridWalkLocal-v0' }));
  assert.throws(() => workerSampler('GridWalkLocal-v0', 2, 2), /env 'GridWalkLocal-v0' cannot be sampled on worker threads: register it with registerEnv\('GridWalkLocal-v0', factory, \{ module: import\.meta\.url \}\)/);
});

test('a worker whose env module fails to load rejects the first request with the module error', async () => {
  const workers = workerSampler(gridWalkId, 2, 1, { modules: [new URL('../../fixtures/no-such-module.ts', import.meta.url).href] });
  const { envs, request } = await setup(gridWalkId, 2, 5);
  try {
    const error = await workers.sample(envs.snapshot(), request).then(() => null, (e: Error) => e);
    assert.ok(error, 'no error');
    assert.match(error!.message, /no-such-module/);
  } finally {
    await workers.close();
    envs.close();
  }
});

test('an env whose simulation goes unstable mid-segment is counted and leaves the batch finite', async () => {
  const { envs, request } = await setup('Hopper-v5', 2, 50);
  const workers = workerSampler('Hopper-v5', 2, 2);
  try {
    const start = envs.snapshot();
    const poisoned = { envs: start.envs.map((e, i) => (i === 1 ? { ...e, state: e.state.map((x, j) => (j === 8 ? NaN : x)) } : e)) };
    for (const sampler of [inProcessSampler(envs), workers]) {
      const { segment } = await sampler.sample(poisoned, request);
      assert.is(segment.unstableEpisodes, 1);
      assert.is(segment.terminated[1], 1, 'env 1 ends at its first step');
      for (const a of [segment.observations, segment.rawObservations, segment.rewards, segment.finalObservations, segment.endObservations]) assert.ok(a.every(Number.isFinite));
    }
  } finally {
    await workers.close();
    envs.close();
  }
});

test('an error inside a worker (a NaN action) rejects with the env and step named, and the pool still closes', async () => {
  const { envs, request } = await setup('Pendulum-v1', 2, 10);
  const workers = workerSampler('Pendulum-v1', 2, 2);
  try {
    const poisoned = { ...request, policyParams: request.policyParams.map(() => NaN) };
    let error: Error | null = null;
    await workers.sample(envs.snapshot(), poisoned).catch((e: Error) => (error = e));
    assert.ok(error, 'no error');
    assert.is((error as unknown as Error).name, 'InvalidValueError');
    assert.match((error as unknown as Error).message, /Pendulum-v1: non-finite action at step/);
  } finally {
    await workers.close();
    envs.close();
  }
});

test.run();
