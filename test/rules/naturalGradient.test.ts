import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/policies/backend.js';
import { naturalGradientRule } from '../../src/rules/naturalGradient.js';
import type { NaturalGradientOptions } from '../../src/rules/naturalGradient.js';
import { trpoUpdate } from '../../src/streams/operators/trustRegionStep.js';
import { mean, policyCase, tsDistributions } from '../policies/fixtures.js';
import { policyStage, streamsOf, suiteBackends } from '../streams/operators/fixtures.js';
import { cosine, firstUpdate, heads, norm, seeds, stepOf, trpoOptions, tsPolicyGradient, tsSurrogateGain } from './fixtures.js';

const npg = (overrides: Partial<NaturalGradientOptions> = {}) => naturalGradientRule({ ...trpoOptions, stepSize: 0.05, ...overrides });

for (const backend of suiteBackends()) {
  test(`[${backend}] natural gradient moves along TRPO's direction x ≈ (F + λI)⁻¹g on the same batch and Fisher rows (both heads)`, async () => {
    await selectBackend(backend);
    let compared = 0, unlikeGradient = 0;
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 1e-3, max: 0.3, noNaN: true }), async (head, seed, stepSize) => {
        const c = policyCase({ head, seed });
        const stage = policyStage(c, c.advantages, streamsOf(seed));
        const trpo = trpoUpdate(stage, trpoOptions);
        const natural = firstUpdate(npg({ stepSize }), stage);
        assert.ok(natural.accepted, 'a natural-gradient step is always accepted');
        assert.is(natural.cgIterations, trpo.cgIterations);
        assert.is(natural.gradientNorm, trpo.gradientNorm);
        if (!trpo.accepted) return;
        compared++;
        const step = stepOf(c, natural.params);
        const cos = cosine(step, stepOf(c, trpo.params));
        assert.ok(cos > 0.9999, `cos(natural step, TRPO step) = ${cos} (${head}, seed ${seed}, ε ${stepSize})`);
        if (cosine(step, tsPolicyGradient(c)) < 0.99) unlikeGradient++; // the law has teeth: x is not g
      }),
      { numRuns: 16, seed: 11 },
    );
    assert.ok(compared >= 10 && unlikeGradient >= 5, `${compared} compared, ${unlikeGradient} unlike the plain gradient: the law was barely exercised`);
  });

  test(`[${backend}] the natural-gradient step scales linearly with ε (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 1e-3, max: 0.1, noNaN: true }), fc.double({ min: 1.5, max: 9, noNaN: true }), async (head, seed, stepSize, factor) => {
        const c = policyCase({ head, seed });
        const stage = policyStage(c, c.advantages, streamsOf(seed));
        const small = stepOf(c, firstUpdate(npg({ stepSize }), stage).params);
        const large = stepOf(c, firstUpdate(npg({ stepSize: factor * stepSize }), stage).params);
        const ratio = norm(large) / norm(small);
        assert.ok(Math.abs(ratio - factor) <= 1e-4 * factor, `|step(${factor}ε)| / |step(ε)| = ${ratio} (${head}, seed ${seed}, ε ${stepSize})`);
        assert.ok(cosine(small, large) > 0.99999, 'one direction');
      }),
      { numRuns: 16, seed: 12 },
    );
  });

  test(`[${backend}] the natural-gradient update reports its measured KL and surrogate gain as TRPO does, and ε in diagnostics`, async () => {
    await selectBackend(backend);
    for (const head of ['categorical', 'gaussian'] as const) {
      const c = policyCase({ head, seed: 13 });
      const update = firstUpdate(npg({ stepSize: 0.2 }), policyStage(c));
      const ts = tsDistributions(c, c.params, update.params);
      const kl = mean(ts.kl), gain = tsSurrogateGain(c, update.params);
      assert.ok(kl > 0 && Math.abs(update.kl - kl) <= 1e-3 * kl, `reported KL ${update.kl} vs float64 ${kl}`);
      assert.ok(Math.abs(update.surrogateGain - gain) <= 1e-3 * Math.abs(gain) + 1e-6, `reported gain ${update.surrogateGain} vs float64 ${gain}`);
      assert.equal(update.diagnostics, { stepSize: 0.2 });
      assert.is(update.lineSearchSteps, 0);
      assert.ok(update.cgIterations > 0 && update.entropy > 0 && update.gradientNorm > 0);
    }
  });

  test(`[${backend}] the natural-gradient update leaks no tensors`, async () => {
    await selectBackend(backend);
    const c = policyCase({ head: 'gaussian', seed: 14 });
    const before = tf.memory().numTensors;
    firstUpdate(npg(), policyStage(c));
    assert.is(tf.memory().numTensors, before);
  });
}

test.run();
