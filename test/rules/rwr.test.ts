import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { effectiveSampleSize, rewardWeights } from '../../src/algebra/rewardWeights.js';
import { selectBackend } from '../../src/policies/backend.js';
import { logStdOffset } from '../../src/policies/policySpec.js';
import { rwrRule } from '../../src/rules/rwr.js';
import type { RwrOptions } from '../../src/rules/rwr.js';
import type { PolicyCase } from '../policies/fixtures.js';
import { dot, mean, policyCase, tsDistributions, tsOutputs } from '../policies/fixtures.js';
import { policyStage, suiteBackends } from '../streams/operators/fixtures.js';
import { cosine, countsPlainlyWithoutLeaks, firstUpdate, heads, seeds, stepOf, tsRowScores, tsSurrogateGain } from './fixtures.js';

const rwr = (options: RwrOptions = {}) => rwrRule({ fitSteps: 10, learningRate: 0.01, ...options });

/** Σᵢ wᵢ log π_θ(aᵢ|sᵢ) in float64 (no tfjs). */
const tsWeightedLikelihood = (c: PolicyCase, weights: ArrayLike<number>, params: ArrayLike<number>) => dot(weights, tsDistributions(c, c.params, params).logProb);

/** The case with every observation equal to the first: one state, so the fit's optimum is the (weighted) empirical action distribution. */
const oneState = (c: PolicyCase): PolicyCase => {
  const d = c.observations.length / c.rows;
  return { ...c, observations: Float32Array.from(c.observations, (_, i) => c.observations[i % d]) };
};

/** The categorical distribution of the actions under weights `[k]`, and KL(p̂ ‖ π_θ(·|s)) at the one state. */
const empiricalKl = (c: PolicyCase, weights: ArrayLike<number>, params: ArrayLike<number>) => {
  const k = c.spec.head === 'categorical' ? c.spec.actions : 0;
  const p = new Float64Array(k);
  for (let i = 0; i < c.rows; i++) p[c.actions[i]] += weights[i];
  const logits = tsOutputs(c.spec, params, c.observations, 1);
  const top = Math.max(...logits), logZ = top + Math.log(logits.reduce((s, l) => s + Math.exp(l - top), 0));
  return p.reduce((s, pk, j) => (pk > 0 ? s + pk * (Math.log(pk) - (logits[j] - logZ)) : s), 0);
};

/** Σⱼ ((μⱼ − āⱼ)/σⱼ)² at the one state, with ā the weighted mean action and σ the old policy's. */
const meanDistance = (c: PolicyCase, weights: ArrayLike<number>, params: ArrayLike<number>) => {
  const d = c.actions.length / c.rows;
  const mu = tsOutputs(c.spec, params, c.observations, 1);
  let s = 0;
  for (let j = 0; j < d; j++) {
    let target = 0;
    for (let i = 0; i < c.rows; i++) target += weights[i] * c.actions[i * d + j];
    s += ((mu[j] - target) / Math.exp(c.params[logStdOffset(c.spec) + j])) ** 2;
  }
  return s;
};

for (const backend of suiteBackends()) {
  test(`[${backend}] the fit never lowers the weighted log-likelihood (float64), and reports its gain and the weights' effective size (both heads)`, async () => {
    await selectBackend(backend);
    let gained = 0;
    await fc.assert(
      // learning rates up to one that overshoots, where only keeping the best iterate saves the law
      fc.asyncProperty(heads, seeds, fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(0.003, 0.03, 1), async (head, seed, temperature, learningRate) => {
        const c = policyCase({ head, seed, rows: 32 });
        const weights = rewardWeights({ temperature })(c.advantages);
        const update = firstUpdate(rwr({ temperature, learningRate }), policyStage(c));
        const gain = tsWeightedLikelihood(c, weights, update.params) - tsWeightedLikelihood(c, weights, c.params);
        assert.ok(gain >= -1e-6, `weighted log-likelihood fell by ${-gain} (${head}, seed ${seed}, β ${temperature})`);
        const reported = update.diagnostics?.logLikelihoodGain ?? NaN;
        assert.ok(Math.abs(reported - gain) <= 1e-4 + 1e-3 * Math.abs(gain), `reported gain ${reported} vs float64 ${gain}`);
        assert.ok(Math.abs((update.diagnostics?.effectiveSampleSize ?? NaN) - effectiveSampleSize(weights)) <= 1e-9 * c.rows);
        if (update.accepted && gain > 1e-3) gained++;
      }),
      { numRuns: 24, seed: 61 },
    );
    assert.ok(gained >= 12, `only ${gained} of 24 fits gained: the law was barely exercised`);
  });

  test(`[${backend}] in one state the fit moves π toward the weighted empirical action distribution; a Gaussian σ is the weighted RMS residual (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 0, max: 2, noNaN: true }), async (head, seed, temperature) => {
        const c = oneState(policyCase({ head, seed, rows: 32 }));
        const weights = rewardWeights({ temperature })(c.advantages);
        const update = firstUpdate(rwr({ temperature }), policyStage(c));
        assert.ok(update.accepted, `not accepted (${head}, seed ${seed})`);
        if (head === 'categorical') {
          const before = empiricalKl(c, weights, c.params), after = empiricalKl(c, weights, update.params);
          assert.ok(after < before, `KL(p̂_w ‖ π) ${before} → ${after} (seed ${seed}, β ${temperature})`);
        } else {
          const before = meanDistance(c, weights, c.params), after = meanDistance(c, weights, update.params);
          assert.ok(after < before, `|μ − ā_w|² ${before} → ${after} (seed ${seed}, β ${temperature})`);
          const mu = tsOutputs(c.spec, update.params, c.observations, 1), d = mu.length;
          for (let j = 0; j < d; j++) {
            let second = 0;
            for (let i = 0; i < c.rows; i++) second += weights[i] * (c.actions[i * d + j] - mu[j]) ** 2;
            const std = Math.exp(update.params[logStdOffset(c.spec) + j]);
            assert.ok(Math.abs(std - Math.sqrt(second)) <= 1e-5 * std, `σ${j} ${std} vs weighted RMS residual ${Math.sqrt(second)}`);
          }
        }
      }),
      { numRuns: 16, seed: 62 },
    );
  });

  test(`[${backend}] with all-equal advantages the update is plain maximum likelihood: the β = 0 fit, along the data's log-likelihood gradient (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), async (head, seed, value, temperature) => {
        const c = policyCase({ head, seed, rows: 32 });
        const equal = firstUpdate(rwr({ temperature }), policyStage(c, new Float64Array(c.rows).fill(value)));
        assert.equal(Array.from(equal.params), Array.from(firstUpdate(rwr({ temperature: 0 }), policyStage(c)).params), 'the same update as β = 0');
        assert.ok(equal.diagnostics?.effectiveSampleSize === c.rows);
        // the network's step climbs the mean log-likelihood of the batch (σ has its closed form)
        const network = logStdOffset(c.spec);
        const scores = tsRowScores(c, Array.from({ length: c.rows }, (_, i) => i));
        const ml = Float64Array.from({ length: network }, (_, j) => mean(scores.map((g) => g[j])));
        const cos = cosine(stepOf(c, equal.params).subarray(0, network), ml);
        assert.ok(cos > 0.5, `cos(step, ∇ mean log-likelihood) = ${cos} (${head}, seed ${seed})`);
        // the law has teeth: unequal advantages weigh rows apart
        assert.not.equal(Array.from(firstUpdate(rwr({ temperature }), policyStage(c)).params), Array.from(equal.params));
      }),
      { numRuns: 12, seed: 63 },
    );
  });

  test(`[${backend}] the RWR update reports its measured KL and surrogate gain as TRPO does (both heads)`, async () => {
    await selectBackend(backend);
    for (const head of ['categorical', 'gaussian'] as const) {
      const c = policyCase({ head, seed: 64, rows: 32 });
      const update = firstUpdate(rwr(), policyStage(c));
      const kl = mean(tsDistributions(c, c.params, update.params).kl), gain = tsSurrogateGain(c, update.params);
      assert.ok(update.accepted && kl > 0 && Math.abs(update.kl - kl) <= 1e-3 * kl, `reported KL ${update.kl} vs float64 ${kl}`);
      assert.ok(Math.abs(update.surrogateGain - gain) <= 1e-3 * Math.abs(gain) + 1e-6, `reported gain ${update.surrogateGain} vs float64 ${gain}`);
      assert.ok(update.entropy > 0 && update.gradientNorm > 0 && update.lineSearchSteps === 0 && update.cgIterations === 0);
    }
  });

  test(`[${backend}] the RWR rule's state is plain data (counters) and the update leaks no tensors`, async () => {
    await selectBackend(backend);
    countsPlainlyWithoutLeaks(rwr(), policyCase({ head: 'gaussian', seed: 65 }));
  });
}

test('rwrRule refuses options it cannot run with', () => {
  assert.throws(() => rwrRule({ fitSteps: 0 }), /fitSteps/);
  assert.throws(() => rwrRule({ learningRate: 0 }), /learningRate/);
  assert.throws(() => rwrRule({ temperature: -1 }), /temperature/);
});

test.run();
