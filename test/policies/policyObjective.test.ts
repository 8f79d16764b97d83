import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { initMlp, mlpForward } from '../../src/algebra/mlp.js';
import type { Activation } from '../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { categorical, diagGaussian } from '../../src/algebra/distributions.js';
import { selectBackend } from '../../src/policies/backend.js';
import type { PolicySpec } from '../../src/policies/policySpec.js';
import { logStdOffset, policyParameterCount, policySpec } from '../../src/policies/policySpec.js';
import { policyObjective } from '../../src/policies/policyObjective.js';

const backends = ['cpu', 'wasm'] as const;

interface Case {
  readonly spec: PolicySpec;
  readonly params: Float32Array;
  readonly observations: Float32Array;
  readonly actions: Float32Array;
  readonly advantages: Float64Array;
  readonly rows: number;
}

const makeCase = (head: 'categorical' | 'gaussian', activation: Activation, seed: number): Case => {
  const rng = new Rng(rngStateFromSeed(seed));
  const rows = 24, obsDim = 3;
  const spec = policySpec({ observationDim: obsDim, head, actionSize: head === 'categorical' ? 3 : 2, hiddenSizes: [5, 4], activation });
  const params = new Float32Array(policyParameterCount(spec));
  params.set(initMlp(spec.mlp, { outputGain: 1 }, rng));
  for (let i = 0; i < params.length; i++) params[i] += 0.1 * rng.normal(); // nonzero biases too
  if (spec.head === 'gaussian') for (let j = 0; j < spec.actionDim; j++) params[logStdOffset(spec) + j] = -0.3 + 0.2 * j;
  const observations = Float32Array.from({ length: rows * obsDim }, () => rng.normal());
  const actions =
    spec.head === 'categorical' ? Float32Array.from({ length: rows }, () => rng.int(3)) : Float32Array.from({ length: rows * 2 }, () => rng.normal());
  const advantages = Float64Array.from({ length: rows }, () => rng.normal());
  return { spec, params, observations, actions, advantages, rows };
};

/** Mean KL(π_old ‖ π_θ) in float64, straight from the definitions (no tfjs). */
const meanKl = (c: Case, theta: ArrayLike<number>): number => {
  const out = c.spec.mlp.outputDim;
  const old = new Float64Array(c.rows * out), next = new Float64Array(c.rows * out);
  mlpForward(c.spec.mlp, c.params, c.observations, c.rows, old);
  mlpForward(c.spec.mlp, theta, c.observations, c.rows, next);
  let total = 0;
  for (let r = 0; r < c.rows; r++) {
    const p = old.subarray(r * out, (r + 1) * out), q = next.subarray(r * out, (r + 1) * out);
    if (c.spec.head === 'categorical') total += categorical.kl(p, q);
    else {
      const o = logStdOffset(c.spec), d = c.spec.actionDim;
      total += diagGaussian.kl(p, Array.from(c.params.subarray(o, o + d)), q, Array.from({ length: d }, (_, j) => theta[o + j]));
    }
  }
  return total / c.rows;
};

/** H v of the mean KL at θ_old by central finite differences: uᵀHv = (Q(u+v) − Q(u−v)) / 4. */
const finiteDifferenceHvp = (c: Case, v: Float64Array): Float64Array => {
  const eps = 1e-4, n = c.params.length; // small enough not to cross ReLU kinks, large enough for float64
  const quad = (w: Float64Array): number => {
    const plus = Float64Array.from(c.params, (p, i) => p + eps * w[i]);
    const minus = Float64Array.from(c.params, (p, i) => p - eps * w[i]);
    return (meanKl(c, plus) + meanKl(c, minus)) / (eps * eps);
  };
  return Float64Array.from({ length: n }, (_, i) => {
    const up = Float64Array.from(v), down = Float64Array.from(v, (x) => -x);
    up[i] += 1;
    down[i] += 1;
    return (quad(up) - quad(down)) / 4;
  });
};

const relativeError = (a: Float64Array, b: Float64Array): number => {
  let diff = 0, norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff / norm);
};

const fisherOf = (c: Case, v: Float64Array): Float64Array => {
  const objective = policyObjective(c.spec, c.params, c);
  try {
    return objective.fisherVectorProduct(v);
  } finally {
    objective.dispose();
  }
};

for (const backend of backends) {
  for (const head of ['categorical', 'gaussian'] as const) {
    for (const activation of ['tanh', 'relu'] as const) {
      test(`[${backend}] FVP equals the finite-difference Hessian-vector product of the mean KL (${head}, ${activation})`, async () => {
        await selectBackend(backend);
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), async (seed) => {
            const c = makeCase(head, activation, seed);
            const rng = new Rng(rngStateFromSeed(seed + 1));
            const v = Float64Array.from(c.params, () => rng.normal());
            const err = relativeError(fisherOf(c, v), finiteDifferenceHvp(c, v));
            assert.ok(err < 1e-4, `relative error ${err} (seed ${seed})`);
          }),
          { numRuns: 4, seed: 20153 },
        );
      });
    }
  }

  test(`[${backend}] FVP is symmetric positive semi-definite and leaks no tensors`, async () => {
    await selectBackend(backend);
    const c = makeCase('categorical', 'tanh', 7);
    const rng = new Rng(rngStateFromSeed(3));
    const before = tf.memory().numTensors;
    const u = Float64Array.from(c.params, () => rng.normal()), v = Float64Array.from(c.params, () => rng.normal());
    const fu = fisherOf(c, u), fv = fisherOf(c, v);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0);
    assert.ok(Math.abs(dot(u, fv) - dot(v, fu)) < 1e-5 * Math.abs(dot(u, fv)) + 1e-7);
    assert.ok(dot(v, fv) >= 0);
    assert.is(tf.memory().numTensors, before);
  });

  for (const head of ['categorical', 'gaussian'] as const) test(`[${backend}] surrogate gradient matches finite differences; KL(θ_old) = 0 (${head})`, async () => {
    await selectBackend(backend);
    const c = makeCase(head, 'tanh', 11);
    const objective = policyObjective(c.spec, c.params, c);
    try {
      const { gradient, surrogate } = objective.gradient(c.params);
      assert.ok(Math.abs(surrogate - objective.surrogateOld) < 1e-6);
      const at = objective.evaluate(c.params);
      assert.ok(Math.abs(at.kl) < 1e-6, `KL at θ_old ${at.kl}`);
      const rng = new Rng(rngStateFromSeed(5));
      const dir = Float64Array.from(c.params, () => rng.normal());
      const eps = 1e-2;
      const plus = objective.evaluate(Float64Array.from(c.params, (p, i) => p + eps * dir[i])).surrogate;
      const minus = objective.evaluate(Float64Array.from(c.params, (p, i) => p - eps * dir[i])).surrogate;
      const fd = (plus - minus) / (2 * eps);
      const analytic = gradient.reduce((s, g, i) => s + g * dir[i], 0);
      assert.ok(Math.abs(fd - analytic) < 2e-3 * Math.max(1, Math.abs(analytic)), `fd ${fd} vs ${analytic}`);
    } finally {
      objective.dispose();
    }
  });
}

test.run();
