import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { selectBackend } from '../../src/policies/backend.js';
import { policyObjective } from '../../src/policies/policyObjective.js';
import { logStdOffset } from '../../src/policies/policySpec.js';
import { entropy, klDivergence, logProb } from '../../src/policies/tfDistribution.js';
import { withTensors } from '../../src/policies/tensorScope.js';
import type { PolicyCase } from './fixtures.js';
import { dot, mean, policyCase, policyNetwork, tsDistributions, tsOutputs } from './fixtures.js';

const backends = ['cpu', 'wasm'] as const;
const heads = fc.constantFrom('categorical' as const, 'gaussian' as const);
const seeds = fc.integer({ min: 0, max: 1_000_000 });

/** θ + scale · N(0, I): parameters away from θ (the log-std moves too). */
const perturbed = (params: Float32Array, scale: number, seed: number) => {
  const rng = new Rng(rngStateFromSeed(seed));
  return Float32Array.from(params, (p) => p + scale * rng.normal());
};

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

/** The float64 surrogate mean(π_θ(a|s) / π_old(a|s) · A) of a case. */
const tsSurrogate = (c: PolicyCase, theta: ArrayLike<number>) => {
  const old = tsDistributions(c, c.params, c.params).logProb, next = tsDistributions(c, c.params, theta).logProb;
  return mean(next.map((lp, r) => Math.exp(lp - old[r]) * c.advantages[r]));
};

for (const backend of backends) {
  test(`[${backend}] log-prob, entropy and KL per row equal the float64 distributions on the same parameters (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, async (head, seed) => {
        const c = policyCase({ head, seed, rows: 10 });
        const other = perturbed(c.params, 0.5, seed + 1);
        const k = policyNetwork(c.spec).outputDim;
        // tfjs gets the TS forward pass's distribution parameters (rounded to float32); the reference recomputes them in float64
        const outA = Float32Array.from(tsOutputs(c.spec, c.params, c.observations, c.rows));
        const outB = Float32Array.from(tsOutputs(c.spec, other, c.observations, c.rows));
        const logStd = (p: Float32Array) => (c.spec.head === 'gaussian' ? p.subarray(logStdOffset(c.spec), logStdOffset(c.spec) + k) : null);
        const { tfLogProb, tfEntropy, tfKl } = withTensors(() => {
          const dist = (out: Float32Array, p: Float32Array) => {
            const s = logStd(p);
            return { output: tf.tensor2d(out, [c.rows, k]), logStd: s ? tf.tensor1d(s) : null };
          };
          const actions = c.spec.head === 'categorical' ? (tf.oneHot(tf.tensor1d(c.actions, 'int32'), k).toFloat() as tf.Tensor2D) : tf.tensor2d(c.actions, [c.rows, k]);
          const a = dist(outA, c.params), b = dist(outB, other);
          return {
            tfLogProb: Array.from(logProb(c.spec, b, actions).dataSync()),
            tfEntropy: Array.from(entropy(c.spec, b).dataSync()),
            tfKl: Array.from(klDivergence(c.spec, a, b).dataSync()),
          };
        });
        const reference = tsDistributions(c, c.params, other);
        for (let r = 0; r < c.rows; r++) {
          close(tfLogProb[r], reference.logProb[r], 2e-5, `log-prob row ${r}`);
          close(tfEntropy[r], reference.entropy[r], 2e-5, `entropy row ${r}`);
          close(tfKl[r], reference.kl[r], 2e-5, `KL row ${r}`);
        }
        assert.ok(reference.kl.some((x) => x > 1e-3), 'the two distributions differ');
      }),
      { numRuns: 8, seed: 31 },
    );
  });

  test(`[${backend}] the objective away from θ_old: KL, surrogate, its gradient and the entropy match the float64 reference (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, async (head, seed) => {
        const base = policyCase({ head, seed });
        const c = { ...base, params: perturbed(base.params, 0.3, seed + 2) }; // θ_old itself random, not the case's init
        const theta = perturbed(c.params, 0.2, seed + 3);
        const objective = policyObjective(c.spec, c.params, c);
        try {
          const at = objective.evaluate(theta);
          const reference = tsDistributions(c, c.params, theta);
          close(at.kl, mean(reference.kl), 1e-4, 'mean KL');
          assert.ok(mean(reference.kl) > 1e-3, 'θ is away from θ_old');
          close(at.surrogate, tsSurrogate(c, theta), 1e-4, 'surrogate');
          close(objective.entropy, mean(tsDistributions(c, c.params, c.params).entropy), 1e-5, 'entropy at θ_old');
          close(objective.surrogateOld, mean(c.advantages), 1e-6, 'surrogate at θ_old');
          // the gradient at θ (not the θ_old shortcut) against central differences of the float64 surrogate
          const { gradient, surrogate } = objective.gradient(theta);
          close(surrogate, tsSurrogate(c, theta), 1e-4, 'surrogate from gradient()');
          const rng = new Rng(rngStateFromSeed(seed + 4));
          const direction = Float64Array.from(theta, () => rng.normal());
          const eps = 1e-5;
          const fd = (tsSurrogate(c, Float64Array.from(theta, (p, i) => p + eps * direction[i])) - tsSurrogate(c, Float64Array.from(theta, (p, i) => p - eps * direction[i]))) / (2 * eps);
          close(dot(gradient, direction), fd, 1e-3, 'directional derivative');
        } finally {
          objective.dispose();
        }
      }),
      { numRuns: 8, seed: 32 },
    );
  });
}

test.run();
