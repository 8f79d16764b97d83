import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { categorical, diagGaussian } from '../../src/algebra/distributions.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { selectBackend } from '../../src/policies/backend.js';
import { logStdOffset } from '../../src/policies/policySpec.js';
import type { PolicySpec } from '../../src/policies/policySpec.js';
import type { RolloutSamples } from '../../src/policies/vineObjective.js';
import { vineObjective } from '../../src/policies/vineObjective.js';
import { policyCase, tsDistributions, tsOutputs } from './fixtures.js';

const branchesOf = (spec: PolicySpec, k: number): number => (spec.head === 'categorical' ? spec.actions : k);

/** A random rollout set for a random policy: N states, each with its branches' actions (every action, or K Gaussian draws) and Q̂. */
const rolloutCase = (head: 'categorical' | 'gaussian', seed: number, states = 7, k = 4) => {
  const c = policyCase({ head, seed, rows: states });
  const rng = new Rng(rngStateFromSeed(seed + 1000));
  const branches = branchesOf(c.spec, k);
  const rows = states * branches;
  const outputs = tsOutputs(c.spec, c.params, c.observations, states);
  const actions =
    c.spec.head === 'categorical'
      ? Float32Array.from({ length: rows }, (_, r) => r % branches)
      : Float32Array.from({ length: rows * c.spec.actionDim }, (_, i) => {
          const d = (c.spec as { actionDim: number }).actionDim, n = Math.floor(i / (branches * d)), j = i % d;
          return outputs[n * d + j] + Math.exp(c.params[logStdOffset(c.spec) + j]) * rng.normal();
        });
  const q = Float64Array.from({ length: rows }, () => 10 * rng.normal());
  const samples = { states, branches, observations: c.observations, actions, q } satisfies RolloutSamples;
  return { ...c, samples };
};

/** θ_old plus a small random step. */
const perturbed = (params: Float32Array, seed: number, scale = 0.05): Float32Array => {
  const rng = new Rng(rngStateFromSeed(seed + 2000));
  return params.map((p) => p + scale * rng.normal());
};

/** The vine surrogate in float64 from the definitions: Eq. (15) for categorical, Eq. (16) (self-normalized) for Gaussian. */
const referenceSurrogate = (spec: PolicySpec, oldParams: ArrayLike<number>, samples: RolloutSamples, theta: ArrayLike<number>): number => {
  const { states, branches, observations, actions, q } = samples;
  const now = tsOutputs(spec, theta, observations, states), old = tsOutputs(spec, oldParams, observations, states);
  let total = 0;
  for (let n = 0; n < states; n++) {
    if (spec.head === 'categorical') {
      const p = categorical.probs(now.subarray(n * branches, (n + 1) * branches));
      for (let a = 0; a < branches; a++) total += p[a] * q[n * branches + a];
      continue;
    }
    const d = spec.actionDim, o = logStdOffset(spec);
    const logStd = Array.from({ length: d }, (_, j) => theta[o + j]), oldLogStd = Array.from({ length: d }, (_, j) => oldParams[o + j]);
    let weighted = 0, weights = 0;
    for (let k = 0; k < branches; k++) {
      const r = n * branches + k, action = actions.subarray(r * d, (r + 1) * d);
      const w = Math.exp(diagGaussian.logProb(now.subarray(n * d, (n + 1) * d), logStd, action) - diagGaussian.logProb(old.subarray(n * d, (n + 1) * d), oldLogStd, action));
      weighted += w * q[r];
      weights += w;
    }
    total += weighted / weights;
  }
  return total / states;
};

/** Central differences of the float64 reference surrogate at θ. */
const referenceGradient = (spec: PolicySpec, oldParams: Float32Array, samples: RolloutSamples, theta: ArrayLike<number>, h = 1e-5): Float64Array =>
  Float64Array.from({ length: theta.length }, (_, i) => {
    const up = Float64Array.from(theta), down = Float64Array.from(theta);
    up[i] += h;
    down[i] -= h;
    return (referenceSurrogate(spec, oldParams, samples, up) - referenceSurrogate(spec, oldParams, samples, down)) / (2 * h);
  });

const close = (actual: number, expected: number, scale: number, tol = 2e-4) => Math.abs(actual - expected) <= tol * Math.max(1, scale);
const maxAbs = (xs: ArrayLike<number>) => Array.from(xs).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

for (const backend of ['cpu', 'wasm'] as const) {
  test(`${backend}: categorical vine surrogate is Eq. (15), Σₐ π_θ(a|s) Q̂(s, a), as float64 computes it (at θ_old and a step away)`, async () => {
    await selectBackend(backend);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const c = rolloutCase('categorical', seed);
        const objective = vineObjective(c.spec, c.params, c.samples);
        try {
          const theta = perturbed(c.params, seed);
          const scale = maxAbs(c.samples.q);
          assert.ok(close(objective.surrogateOld, referenceSurrogate(c.spec, c.params, c.samples, c.params), scale), 'surrogate at θ_old');
          assert.ok(close(objective.evaluate(theta).surrogate, referenceSurrogate(c.spec, c.params, c.samples, theta), scale), 'evaluate at θ');
          assert.ok(close(objective.gradient(theta).surrogate, referenceSurrogate(c.spec, c.params, c.samples, theta), scale), 'gradient() surrogate at θ');
        } finally {
          objective.dispose();
        }
      }),
      { numRuns: 25 },
    );
  });

  test(`${backend}: categorical vine gradient equals central differences of the float64 surrogate`, async () => {
    await selectBackend(backend);
    for (const seed of [1, 2, 3]) {
      const c = rolloutCase('categorical', seed);
      const objective = vineObjective(c.spec, c.params, c.samples);
      try {
        const theta = perturbed(c.params, seed);
        const expected = referenceGradient(c.spec, c.params, c.samples, theta);
        const { gradient } = objective.gradient(theta);
        const scale = maxAbs(expected);
        gradient.forEach((g, i) => assert.ok(Math.abs(g - expected[i]) <= 1e-3 * scale, `component ${i}: ${g} vs ${expected[i]}`));
      } finally {
        objective.dispose();
      }
    }
  });

  test(`${backend}: Gaussian vine surrogate is the self-normalized Eq. (16): the mean Q̂ at θ_old, Σ wₖQ̂ₖ / Σ wₖ elsewhere`, async () => {
    await selectBackend(backend);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const c = rolloutCase('gaussian', seed);
        const objective = vineObjective(c.spec, c.params, c.samples);
        try {
          const scale = maxAbs(c.samples.q);
          // at θ_old every weight is 1: the mean of all Q̂
          const meanQ = c.samples.q.reduce((a: number, b: number) => a + b, 0) / c.samples.q.length;
          assert.ok(close(objective.surrogateOld, meanQ, scale), `surrogate at θ_old ${objective.surrogateOld} vs ${meanQ}`);
          const theta = perturbed(c.params, seed, 0.1);
          const expected = referenceSurrogate(c.spec, c.params, c.samples, theta);
          assert.ok(close(objective.evaluate(theta).surrogate, expected, scale), `evaluate ${objective.evaluate(theta).surrogate} vs ${expected}`);
        } finally {
          objective.dispose();
        }
      }),
      { numRuns: 25 },
    );
  });

  test(`${backend}: Gaussian vine gradient at θ_old is (1/N) Σₙ Σₖ ∇wₖ (Q̂ₖ − Q̄ₙ) / K, the derivative of the exact estimator`, async () => {
    await selectBackend(backend);
    for (const seed of [4, 5, 6]) {
      const c = rolloutCase('gaussian', seed);
      const objective = vineObjective(c.spec, c.params, c.samples);
      try {
        const expected = referenceGradient(c.spec, c.params, c.samples, c.params);
        const { gradient, surrogate } = objective.gradient(c.params);
        assert.ok(close(surrogate, objective.surrogateOld, 1, 1e-6));
        const scale = maxAbs(expected);
        gradient.forEach((g, i) => assert.ok(Math.abs(g - expected[i]) <= 1e-3 * scale, `component ${i}: ${g} vs ${expected[i]}`));
      } finally {
        objective.dispose();
      }
    }
  });

  test(`${backend}: the KL and entropy are over the rollout-set states; no tensor outlives dispose`, async () => {
    await selectBackend(backend);
    for (const head of ['categorical', 'gaussian'] as const) {
      const before = tf.memory().numTensors;
      const c = rolloutCase(head, 9);
      const objective = vineObjective(c.spec, c.params, c.samples);
      const theta = perturbed(c.params, 9);
      const { kl } = tsDistributions({ spec: c.spec, rows: c.samples.states, observations: c.observations, actions: new Float32Array(c.samples.states * 2) }, c.params, theta);
      const meanKl = kl.reduce((a, b) => a + b, 0) / kl.length;
      assert.ok(Math.abs(objective.evaluate(theta).kl - meanKl) <= 1e-5 + 1e-3 * meanKl, `${head}: kl ${objective.evaluate(theta).kl} vs ${meanKl}`);
      objective.gradient(theta);
      objective.fisherVectorProduct(new Float64Array(theta.length).fill(0.1));
      objective.dispose();
      assert.is(tf.memory().numTensors, before, `${head}: tensors leaked`);
    }
  });
}

test('a categorical rollout set must branch on every action, in order', () => {
  const c = rolloutCase('categorical', 11);
  const swapped = Float32Array.from(c.samples.actions);
  swapped[0] = 1;
  assert.throws(() => vineObjective(c.spec, c.params, { ...c.samples, actions: swapped }), /took action 1, expected 0/);
  assert.throws(() => vineObjective(c.spec, c.params, { ...c.samples, branches: 2, q: c.samples.q.slice(0, 14), actions: c.samples.actions.slice(0, 14) }), /branches on all 3 actions/);
});

test.run();
