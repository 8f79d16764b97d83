import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { categorical, diagGaussian } from '../../src/algebra/distributions.js';
import { selectBackend } from '../../src/policies/backend.js';
import type { PolicySpec } from '../../src/policies/policySpec.js';
import { networkKinds } from '../../src/policies/network.js';
import type { NetworkKind } from '../../src/policies/networkSpec.js';
import { plainNetworkOf } from '../../src/policies/networkSpec.js';
import { logStdOffset, observationDim, policyParameterCount, policySpec } from '../../src/policies/policySpec.js';
import { policyObjective } from '../../src/policies/policyObjective.js';
import { networkSpecArbitrary, randomParams, relativeError } from './networkKinds.js';

const backends = ['cpu', 'wasm'] as const;

interface Case {
  readonly spec: PolicySpec;
  readonly params: Float32Array;
  readonly observations: Float32Array;
  readonly actions: Float32Array;
  readonly advantages: Float64Array;
  readonly rows: number;
}

/** Random weights (log-std varied too), observations, actions and advantages for `spec`. */
const caseOf = (spec: PolicySpec, rows: number, seed: number): Case => {
  const rng = new Rng(rngStateFromSeed(seed));
  const params = new Float32Array(policyParameterCount(spec));
  params.set(randomParams(spec.network, rng));
  if (spec.head === 'gaussian') for (let j = 0; j < spec.actionDim; j++) params[logStdOffset(spec) + j] = -0.3 + 0.2 * j;
  const observations = Float32Array.from({ length: rows * observationDim(spec) }, () => rng.normal());
  const actions =
    spec.head === 'categorical'
      ? Float32Array.from({ length: rows }, () => rng.int(spec.actions))
      : Float32Array.from({ length: rows * spec.actionDim }, () => rng.normal());
  const advantages = Float64Array.from({ length: rows }, () => rng.normal());
  return { spec, params, observations, actions, advantages, rows };
};

const makeCase = (head: 'categorical' | 'gaussian', activation: Activation, seed: number): Case =>
  caseOf(policySpec({ observationDim: 3, head, actionSize: head === 'categorical' ? 3 : 2, hiddenSizes: [5, 4], activation }), 24, seed);

/** Mean KL(π_old ‖ π_θ) over `rows` (all rows if omitted) in float64, straight from the definitions (no tfjs). */
const meanKl = (c: Case, theta: ArrayLike<number>, rows?: Int32Array): number => {
  const network = plainNetworkOf(c.spec.network), out = network.outputDim;
  const old = new Float64Array(c.rows * out), next = new Float64Array(c.rows * out);
  network.compile(c.params)(c.observations, c.rows, old);
  network.compile(theta)(c.observations, c.rows, next);
  const used = rows ?? Int32Array.from({ length: c.rows }, (_, r) => r);
  let total = 0;
  for (const r of used) {
    const p = old.subarray(r * out, (r + 1) * out), q = next.subarray(r * out, (r + 1) * out);
    if (c.spec.head === 'categorical') total += categorical.kl(p, q);
    else {
      const o = logStdOffset(c.spec), d = c.spec.actionDim;
      total += diagGaussian.kl(p, Array.from(c.params.subarray(o, o + d)), q, Array.from({ length: d }, (_, j) => theta[o + j]));
    }
  }
  return total / used.length;
};

/** H v of the mean KL (over `rows`) at θ_old by central finite differences: uᵀHv = (Q(u+v) − Q(u−v)) / 4. */
const finiteDifferenceHvp = (c: Case, v: Float64Array, rows?: Int32Array): Float64Array => {
  const eps = 1e-4, n = c.params.length; // small enough not to cross ReLU kinks, large enough for float64
  const quad = (w: Float64Array): number => {
    const plus = Float64Array.from(c.params, (p, i) => p + eps * w[i]);
    const minus = Float64Array.from(c.params, (p, i) => p - eps * w[i]);
    return (meanKl(c, plus, rows) + meanKl(c, minus, rows)) / (eps * eps);
  };
  return Float64Array.from({ length: n }, (_, i) => {
    const up = Float64Array.from(v), down = Float64Array.from(v, (x) => -x);
    up[i] += 1;
    down[i] += 1;
    return (quad(up) - quad(down)) / 4;
  });
};

const fisherOf = (c: Case, v: Float64Array, fisherRows?: Int32Array): Float64Array => {
  const objective = policyObjective(c.spec, c.params, c, { fisherRows });
  try {
    return objective.fisherVectorProduct(v);
  } finally {
    objective.dispose();
  }
};

/** A policy of the network kind and head, a batch, and a sorted Fisher subsample of its rows (as training draws it). */
const fisherSetting = (kind: NetworkKind, head: 'categorical' | 'gaussian') =>
  fc
    .tuple(fc.integer({ min: head === 'categorical' ? 2 : 1, max: 4 }), fc.integer({ min: 1, max: 12 }))
    .chain(([actionSize, rows]) =>
      fc.tuple(
        networkSpecArbitrary[kind](actionSize).map((network): PolicySpec =>
          head === 'categorical' ? { head, network, actions: actionSize } : { head, network, actionDim: actionSize },
        ),
        fc.constant(rows),
        fc.uniqueArray(fc.integer({ min: 0, max: rows - 1 }), { minLength: 1, maxLength: rows }).map((r) => Int32Array.from(r).sort()),
        fc.integer({ min: 0, max: 1_000_000 }),
      ),
    );

for (const backend of backends) {
  for (const kind of networkKinds)
    for (const head of ['categorical', 'gaussian'] as const) {
      test(`[${backend}] ${kind}: FVP on a Fisher subsample equals the finite-difference Hessian-vector product of the subsample's mean KL (${head})`, async () => {
        await selectBackend(backend);
        fc.assert(
          fc.property(fisherSetting(kind, head), ([spec, rows, fisherRows, seed]) => {
            const c = caseOf(spec, rows, seed);
            const rng = new Rng(rngStateFromSeed(seed + 1));
            const v = Float64Array.from(c.params, () => rng.normal());
            const err = relativeError(fisherOf(c, v, fisherRows), finiteDifferenceHvp(c, v, fisherRows));
            assert.ok(err < 1e-4, `relative error ${err} (rows ${Array.from(fisherRows)} of ${rows})`);
          }),
          { numRuns: 12, seed: 20153 },
        );
      });
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

  for (const head of ['categorical', 'gaussian'] as const) test(`[${backend}] at θ_old the surrogate is the mean advantage on both gradient paths and in evaluate, KL is 0; the gradient matches finite differences (${head})`, async () => {
    await selectBackend(backend);
    const c = makeCase(head, 'tanh', 11);
    const objective = policyObjective(c.spec, c.params, c);
    try {
      // surrogateOld against the float64 mean advantage, not against gradient(c.params): passing the very
      // old array takes the shortcut that reuses the θ_old forward pass, where the ratio is 1 by construction
      const meanAdvantage = c.advantages.reduce((s, a) => s + a, 0) / c.rows;
      assert.ok(Math.abs(objective.surrogateOld - meanAdvantage) < 1e-6, `surrogateOld ${objective.surrogateOld} vs ${meanAdvantage}`);
      const { gradient, surrogate } = objective.gradient(c.params);
      // the same point through the full path (a copy is not the old array): a fresh forward pass and ratio
      const full = objective.gradient(Float32Array.from(c.params));
      assert.ok(Math.abs(full.surrogate - meanAdvantage) < 1e-6 && Math.abs(surrogate - meanAdvantage) < 1e-6, `${full.surrogate}, ${surrogate} vs ${meanAdvantage}`);
      gradient.forEach((g, i) => assert.ok(Math.abs(g - full.gradient[i]) < 1e-6 * Math.max(1, Math.abs(g)), `gradient[${i}] ${g} vs ${full.gradient[i]}`));
      const at = objective.evaluate(c.params);
      assert.ok(Math.abs(at.kl) < 1e-6 && Math.abs(at.surrogate - meanAdvantage) < 1e-6, `KL ${at.kl}, surrogate ${at.surrogate} at θ_old`);
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
