import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/policies/backend.js';
import { policyObjective } from '../../src/policies/policyObjective.js';
import { maxKlRule } from '../../src/rules/maxKl.js';
import { rowKls } from '../../src/rules/rowKl.js';
import { trpoUpdate } from '../../src/streams/operators/trustRegionStep.js';
import type { PolicyUpdate } from '../../src/streams/types.js';
import { mean, policyCase, tsDistributions } from '../policies/fixtures.js';
import { policyStage, streamsOf, suiteBackends } from '../streams/operators/fixtures.js';
import { firstUpdate, heads, seeds, trpoOptions } from './fixtures.js';

const maxKlOf = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => Math.max(a, b), 0);
/** Fraction of the full step a search took: r^(steps − 1) when accepted, else 0. */
const fractionOf = (update: PolicyUpdate, ratio: number) => (update.accepted ? ratio ** (update.lineSearchSteps - 1) : 0);

for (const backend of suiteBackends()) {
  test(`[${backend}] rowKls: zero at θ_old, and their mean is the objective's mean KL (tfjs) (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, async (head, seed) => {
        const c = policyCase({ head, seed });
        const klAt = rowKls(c.spec, c.observations, c.rows, c.params);
        assert.equal(Array.from(klAt(c.params)), Array.from(new Float64Array(c.rows)));
        const moved = Float32Array.from(c.params, (p, i) => p + 0.05 * Math.sin(7 * i + seed));
        const objective = policyObjective(c.spec, c.params, c);
        const { kl } = objective.evaluate(moved);
        objective.dispose();
        const rows = klAt(moved);
        assert.ok(Math.abs(mean(rows) - kl) <= 1e-3 * kl, `mean of row KLs ${mean(rows)} vs tfjs ${kl} (${head}, seed ${seed})`);
        assert.ok(maxKlOf(rows) > mean(rows), 'the rows differ');
      }),
      { numRuns: 10, seed: 31 },
    );
  });

  test(`[${backend}] accepted max-KL steps keep every row's KL within δ (measured apart), hence the mean too (both heads)`, async () => {
    await selectBackend(backend);
    let accepted = 0, beyondMean = 0;
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 0.005, max: 0.2, noNaN: true }), async (head, seed, maxKl) => {
        const c = policyCase({ head, seed });
        const update = firstUpdate(maxKlRule({ ...trpoOptions, maxKl }), policyStage(c, c.advantages, streamsOf(seed)));
        if (!update.accepted) return;
        accepted++;
        const rows = tsDistributions(c, c.params, update.params).kl;
        assert.ok(maxKlOf(rows) <= maxKl * (1 + 1e-5), `max row KL ${maxKlOf(rows)} > δ = ${maxKl} (${head}, seed ${seed})`);
        assert.ok(mean(rows) <= maxKl * (1 + 1e-5) && Math.abs(update.kl - mean(rows)) <= 1e-3 * mean(rows), `reported mean KL ${update.kl} vs ${mean(rows)}`);
        assert.ok(Math.abs((update.diagnostics?.maxKl ?? NaN) - maxKlOf(rows)) <= 1e-4 * maxKl, `reported max KL ${update.diagnostics?.maxKl} vs ${maxKlOf(rows)}`);
        // the law has teeth: TRPO's mean-KL bound alone would have let this step's rows past δ
        if (trpoUpdate(policyStage(c, c.advantages, streamsOf(seed)), { ...trpoOptions, maxKl }).lineSearchSteps < update.lineSearchSteps) beyondMean++;
      }),
      { numRuns: 24, seed: 32 },
    );
    assert.ok(accepted >= 16 && beyondMean >= 8, `${accepted} accepted, ${beyondMean} shorter than TRPO's: the law was barely exercised`);
  });

  test(`[${backend}] with the same δ the max-KL step is never a larger fraction of the full step than TRPO's (both heads)`, async () => {
    await selectBackend(backend);
    let shorter = 0;
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 0.001, max: 0.2, noNaN: true }), fc.double({ min: 0.3, max: 0.9, noNaN: true }), async (head, seed, maxKl, backtrackRatio) => {
        const c = policyCase({ head, seed });
        const stage = policyStage(c, c.advantages, streamsOf(seed));
        const o = { ...trpoOptions, maxKl, backtrackRatio };
        const bounded = fractionOf(firstUpdate(maxKlRule(o), stage), backtrackRatio), trpo = fractionOf(trpoUpdate(stage, o), backtrackRatio);
        assert.ok(bounded <= trpo, `max-KL fraction ${bounded} > TRPO's ${trpo} (${head}, seed ${seed}, δ ${maxKl})`);
        if (bounded < trpo) shorter++;
      }),
      { numRuns: 24, seed: 33 },
    );
    assert.ok(shorter >= 8, `only ${shorter} of 24 max-KL steps were shorter than TRPO's`);
  });

  test(`[${backend}] the max-KL update leaks no tensors`, async () => {
    await selectBackend(backend);
    const c = policyCase({ head: 'categorical', seed: 34 });
    const before = tf.memory().numTensors;
    firstUpdate(maxKlRule(trpoOptions), policyStage(c));
    assert.is(tf.memory().numTensors, before);
  });
}

test.run();
