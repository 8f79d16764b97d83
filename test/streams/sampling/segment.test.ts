import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { emptyStats, updateStats } from '../../../src/algebra/runningStats.js';
import { makeEnv } from '../../../src/envs/registry.js';
import type { ClassicEnvId } from '../../../src/envs/registry.js';
import { VectorEnv } from '../../../src/envs/vectorEnv.js';
import { observationDim } from '../../../src/policies/policySpec.js';
import { segmentFixture } from './fixtures.js';
import { concatSegments, envGroups, groupEnvState, groupRequest, sampleSegment } from '../../../src/streams/sampling/segment.js';

/** `num` fresh envs of `id` (seeded 7 + i), with a request for a random policy and some observation statistics. */
const setup = (id: ClassicEnvId, num: number, stepsPerEnv: number) => {
  const envs = VectorEnv.ofCopies(() => makeEnv(id), num);
  const stats = (dim: number) => updateStats(emptyStats(dim), Float32Array.from({ length: dim * 5 }, (_, i) => Math.sin(i)));
  return { envs, ...segmentFixture(envs, { hidden: 8, stepsPerEnv, resetSeed: 7, stats }) };
};

for (const id of ['CartPole-v1', 'Pendulum-v1'] as const) {
  test(`${id}: any split of the envs into groups gives the batch of one group`, () => {
    const num = 5, steps = 230; // CartPole episodes end and reset inside the segment
    const whole = setup(id, num, steps);
    const start = whole.envs.snapshot();
    const reference = sampleSegment(whole.envs, whole.request);
    assert.ok(reference.finished.length > 0 || id === 'Pendulum-v1');
    for (const groups of [2, 3, 5]) {
      const parts = envGroups(num, groups).map((g) => {
        const envs = VectorEnv.ofCopies(() => makeEnv(id), g.count);
        envs.restore(groupEnvState(start, g));
        return sampleSegment(envs, groupRequest(whole.request, g));
      });
      const obsDim = observationDim(whole.spec);
      const joined = concatSegments(parts, obsDim, whole.spec.head === 'categorical' ? 1 : whole.spec.actionDim);
      assert.equal(joined, reference, `${groups} groups`);
    }
  });
}

test('the segment records episodes, truncations and the raw observations the policy saw', () => {
  const { envs, request } = setup('Pendulum-v1', 2, 205); // Pendulum truncates at 200
  const segment = sampleSegment(envs, request);
  assert.equal(Array.from(segment.finished.filter((_, i) => i % 4 === 0)), [199, 199]);
  assert.is(segment.truncated[199 * 2], 1);
  assert.is(segment.truncated[199 * 2 + 1], 1);
  assert.is(segment.truncated.reduce((a, b) => a + b, 0), 2);
  assert.equal(Array.from(segment.episodeLengths), [5, 5]);
  assert.equal(Array.from(segment.rawObservations.subarray(0, 6)), Array.from(request.observations));
  assert.ok(segment.finalObservations.subarray(199 * 2 * 3, 199 * 2 * 3 + 3).some((x) => x !== 0));
});

test('envGroups partitions the envs into contiguous, non-empty, near-equal groups', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 64 }), (num, groups) => {
      const gs = envGroups(num, groups);
      assert.is(gs.length, Math.min(num, groups));
      let next = 0;
      for (const g of gs) {
        assert.is(g.start, next);
        assert.ok(g.count >= 1);
        next += g.count;
      }
      assert.is(next, num);
      const sizes = gs.map((g) => g.count);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
    }),
  );
});

test.run();
