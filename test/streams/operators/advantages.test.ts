import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gae } from '../../../src/algebra/gae.js';
import { policySpec } from '../../../src/policies/policySpec.js';
import { selectBackend } from '../../../src/policies/backend.js';
import { estimateAdvantages } from '../../../src/streams/operators/advantages.js';
import { mean } from '../../policies/fixtures.js';
import { batchOf, stateOf, suiteBackends, valueNetwork } from './fixtures.js';

// A linear value network V(s) = s₀ + 2 s₁ + ½ (no hidden layer): small integer observations give
// values that float32 holds exactly, so the expected estimates below are exact.
const V = (s: readonly number[]) => s[0] + 2 * s[1] + 0.5;
const valueSpec = valueNetwork(2, []);
const valueParams = Float32Array.of(1, 2, 0.5);

// 2 envs × 3 steps, time-major (row = t · 2 + env).
// env 0: t0 plain, t1 terminated, t2 plain (bootstraps from its next observation)
// env 1: t0 truncated (final observation [1, 1]), t1 and t2 plain (bootstraps)
const observations = [[1, 0], [0, 1], [0, 0], [2, 0], [-1, 0], [0, -1]];
const finalObservations = [[7, 7], [1, 1], [7, 7], [7, 7], [7, 7], [7, 7]]; // only row 1's is read
const bootstrapObservations = [[3, 0], [0, 2]];
const batch = batchOf({
  numEnvs: 2,
  observationDim: 2,
  actionWidth: 1,
  observations: Float32Array.from(observations.flat()),
  actions: new Float32Array(6),
  rewards: Float64Array.of(1, 2, 3, 4, 5, 6),
  terminated: Uint8Array.of(0, 0, 1, 0, 0, 0),
  truncated: Uint8Array.of(0, 1, 0, 0, 0, 0),
  finalObservations: Float32Array.from(finalObservations.flat()),
  bootstrapObservations: Float32Array.from(bootstrapObservations.flat()),
});
const state = (valueTargetStats: { count: number; mean: Float64Array; m2: Float64Array } | null) =>
  stateOf({
    policySpec: policySpec({ observationDim: 2, head: 'categorical', actionSize: 2, hiddenSizes: [], activation: 'tanh' }),
    policyParams: new Float32Array(6),
    valueSpec,
    valueParams,
    valueTargetStats,
  });

// γ = λ = ½, so γλ = ¼. Values: [1.5, 2.5, 0.5, 2.5, −0.5, −1.5]; V([3,0]) = 3.5, V([0,2]) = 4.5, V([1,1]) = 3.5.
// env 0, t2: δ = 5 + ½·3.5 − (−0.5) = 7.25                      A = 7.25
//        t1: terminated: δ = 3 + 0 − 0.5 = 2.5                  A = 2.5 (no carry)
//        t0: δ = 1 + ½·0.5 − 1.5 = −0.25                        A = −0.25 + ¼·2.5 = 0.375
// env 1, t2: δ = 6 + ½·4.5 − (−1.5) = 9.75                      A = 9.75
//        t1: δ = 4 + ½·(−1.5) − 2.5 = 0.75                      A = 0.75 + ¼·9.75 = 3.1875
//        t0: truncated: δ = 2 + ½·3.5 − 2.5 = 1.25              A = 1.25 (no carry)
const expectedValues = [1.5, 2.5, 0.5, 2.5, -0.5, -1.5];
const expectedAdvantages = [0.375, 1.25, 2.5, 3.1875, 7.25, 9.75];
const expectedReturns = expectedAdvantages.map((a, i) => a + expectedValues[i]);

for (const backend of suiteBackends()) {
  test(`[${backend}] the hand-computed GAE: terminated rows stop at 0, truncated ones use V(final observation), segment ends bootstrap`, async () => {
    await selectBackend(backend);
    assert.equal(observations.map(V), expectedValues); // the linear network is what the comment says
    const e = estimateAdvantages(state(null), batch, { gamma: 0.5, lambda: 0.5, normalize: false });
    assert.equal(Array.from(e.values), expectedValues);
    assert.equal(Array.from(e.advantages), expectedAdvantages);
    assert.equal(Array.from(e.returns), expectedReturns);
  });

  test(`[${backend}] normalization rescales the advantages to mean 0, std 1 and leaves values and returns unscaled`, async () => {
    await selectBackend(backend);
    const e = estimateAdvantages(state(null), batch, { gamma: 0.5, lambda: 0.5, normalize: true });
    const m = mean(e.advantages), std = Math.sqrt(mean(e.advantages.map((a) => (a - m) ** 2)));
    assert.ok(Math.abs(m) < 1e-12 && Math.abs(std - 1) < 1e-8, `mean ${m}, std ${std}`);
    const rawMean = mean(expectedAdvantages), rawStd = Math.sqrt(mean(expectedAdvantages.map((a) => (a - rawMean) ** 2)));
    e.advantages.forEach((a, i) => assert.ok(Math.abs(a - (expectedAdvantages[i] - rawMean) / rawStd) < 1e-8, `row ${i}`));
    assert.equal(Array.from(e.values), expectedValues);
    assert.equal(Array.from(e.returns), expectedReturns);
  });

  test(`[${backend}] with target statistics the network's outputs are denormalized (rows, final and bootstrap observations alike)`, async () => {
    await selectBackend(backend);
    // targets seen so far: count 4, mean 10, variance 9 → V = 10 + 3 · network output
    const stats = { count: 4, mean: Float64Array.of(10), m2: Float64Array.of(36) };
    const std = Math.sqrt(9 + 1e-8);
    const e = estimateAdvantages(state(stats), batch, { gamma: 0.5, lambda: 0.5, normalize: false });
    const denormalized = (s: readonly number[]) => 10 + std * V(s);
    e.values.forEach((v, i) => assert.ok(Math.abs(v - denormalized(observations[i])) < 1e-12, `row ${i}: ${v}`));
    const reference = gae({ gamma: 0.5, lambda: 0.5 })({
      numEnvs: 2,
      rewards: batch.rewards,
      values: Float64Array.from(observations, denormalized),
      terminated: batch.terminated,
      truncated: batch.truncated,
      finalValues: Float64Array.from(finalObservations, (s, i) => (batch.truncated[i] ? denormalized(s) : 0)),
      bootstrapValues: Float64Array.from(bootstrapObservations, denormalized),
    });
    e.advantages.forEach((a, i) => assert.ok(Math.abs(a - reference.advantages[i]) < 1e-9, `row ${i}: ${a} vs ${reference.advantages[i]}`));
    e.returns.forEach((r, i) => assert.ok(Math.abs(r - reference.returns[i]) < 1e-9, `row ${i}`));
  });
}

test.run();
