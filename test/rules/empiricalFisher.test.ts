import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { selectBackend } from '../../src/policies/backend.js';
import { policyObjective } from '../../src/policies/policyObjective.js';
import { empiricalFisherRule } from '../../src/rules/empiricalFisher.js';
import { subsampleRows, trpoUpdate } from '../../src/streams/operators/trustRegionStep.js';
import type { PolicyCase } from '../policies/fixtures.js';
import { dot, mean, policyCase, tsDistributions } from '../policies/fixtures.js';
import { relativeError } from '../policies/networkKinds.js';
import { policyStage, solve, streamsOf, suiteBackends } from '../streams/operators/fixtures.js';
import { cosine, countsPlainlyWithoutLeaks, firstUpdate, heads, seeds, stepOf, trpoOptions, tsPolicyGradient, tsRowScores } from './fixtures.js';

/** The empirical Fisher-vector product of the objective on `rows` (tfjs, float32). */
const empiricalProduct = (c: PolicyCase, rows: Int32Array) => {
  const objective = policyObjective(c.spec, c.params, c, { fisherRows: rows, fisher: 'empirical' });
  return { apply: objective.fisherVectorProduct, dispose: () => objective.dispose() };
};

/** Dense float64 (1/n) Σᵢ gᵢ gᵢᵀ `[P][P]` from per-row scores. */
const denseFisher = (scores: readonly Float64Array[]): Float64Array[] => {
  const p = scores[0].length;
  return Array.from({ length: p }, (_, a) => Float64Array.from({ length: p }, (_, b) => mean(scores.map((g) => g[a] * g[b]))));
};
const times = (m: readonly Float64Array[], v: ArrayLike<number>) => Float64Array.from(m, (row) => dot(row, v));

/** A standard normal vector `[n]`. */
const vectorOf = (seed: number, n: number) => {
  const rng = new Rng(rngStateFromSeed(seed));
  return Float64Array.from({ length: n }, () => rng.normal());
};

/** A policy case with a sorted Fisher subsample of its rows. */
const withRows = fc.tuple(heads, seeds, fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 16 })).map(([head, seed, rows]) => ({
  c: policyCase({ head, seed }),
  rows: Int32Array.from(rows).sort(),
  seed,
}));

for (const backend of suiteBackends()) {
  test(`[${backend}] the empirical FVP equals the dense float64 (1/n) Σ gᵢ gᵢᵀ v of per-row scores on the Fisher subsample (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(withRows, async ({ c, rows, seed }) => {
        const v = vectorOf(seed + 1, c.params.length);
        const product = empiricalProduct(c, rows);
        const fv = product.apply(v);
        product.dispose();
        const expected = times(denseFisher(tsRowScores(c, rows)), v);
        const error = relativeError(fv, expected);
        assert.ok(error < 2e-4, `relative error ${error} (${c.spec.head}, seed ${seed}, ${rows.length} rows)`);
      }),
      { numRuns: 16, seed: 41 },
    );
  });

  test(`[${backend}] the empirical Fisher is symmetric and positive semidefinite: uᵀF̂v = vᵀF̂u, vᵀF̂v ≥ 0 (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(withRows, async ({ c, rows, seed }) => {
        const u = vectorOf(seed + 2, c.params.length), v = vectorOf(seed + 3, c.params.length);
        const product = empiricalProduct(c, rows);
        const fu = product.apply(u), fv = product.apply(v);
        product.dispose();
        const scale = Math.sqrt(dot(u, fu) * dot(v, fv));
        assert.ok(Math.abs(dot(u, fv) - dot(v, fu)) <= 1e-5 * scale, `uᵀF̂v ${dot(u, fv)} vs vᵀF̂u ${dot(v, fu)}`);
        assert.ok(dot(v, fv) >= -1e-7 * dot(v, v), `vᵀF̂v = ${dot(v, fv)}`);
      }),
      { numRuns: 16, seed: 42 },
    );
  });

  test(`[${backend}] the rule steps along x = (F̂ + λI)⁻¹g of the dense empirical Fisher on the rule's Fisher rows, not TRPO's direction (both heads)`, async () => {
    await selectBackend(backend);
    let compared = 0, unlikeTrpo = 0;
    // enough CG iterations to solve the small system, so the direction is the exact solve's
    const options = { ...trpoOptions, cgIterations: 60, cgResidualTolerance: 1e-14 };
    await fc.assert(
      fc.asyncProperty(heads, seeds, async (head, seed) => {
        const c = policyCase({ head, seed });
        const stage = policyStage(c, c.advantages, streamsOf(seed));
        const update = firstUpdate(empiricalFisherRule(options), stage);
        if (!update.accepted) return;
        compared++;
        const rows = subsampleRows(c.rows, Math.ceil(c.rows * options.fisherFraction), new Rng(streamsOf(seed).fisher));
        const damped = denseFisher(tsRowScores(c, rows)).map((row, i) => row.map((m, j) => m + (i === j ? options.cgDamping : 0)));
        const x = solve(damped, tsPolicyGradient(c));
        const step = stepOf(c, update.params);
        assert.ok(cosine(step, x) > 0.999, `cos(step, dense solve) = ${cosine(step, x)} (${head}, seed ${seed})`);
        if (cosine(step, stepOf(c, trpoUpdate(stage, options).params)) < 0.99) unlikeTrpo++; // the law has teeth
      }),
      { numRuns: 16, seed: 43 },
    );
    assert.ok(compared >= 10 && unlikeTrpo >= 5, `${compared} compared, ${unlikeTrpo} unlike TRPO's step: the law was barely exercised`);
  });

  test(`[${backend}] accepted empirical-Fisher steps keep the mean KL (measured apart, float64) within δ and report it (both heads)`, async () => {
    await selectBackend(backend);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 0.002, max: 0.2, noNaN: true }), async (head, seed, maxKl) => {
        const c = policyCase({ head, seed });
        const update = firstUpdate(empiricalFisherRule({ ...trpoOptions, maxKl }), policyStage(c, c.advantages, streamsOf(seed)));
        if (!update.accepted) return;
        accepted++;
        const kl = mean(tsDistributions(c, c.params, update.params).kl);
        assert.ok(kl <= maxKl * (1 + 1e-4), `mean KL ${kl} > δ = ${maxKl} (${head}, seed ${seed})`);
        assert.ok(Math.abs(update.kl - kl) <= 1e-3 * kl, `reported KL ${update.kl} vs float64 ${kl}`);
        assert.ok(update.surrogateGain > 0 && update.cgIterations > 0 && update.lineSearchSteps >= 1);
      }),
      { numRuns: 24, seed: 44 },
    );
    assert.ok(accepted >= 16, `only ${accepted} of 24 steps accepted`);
  });

  test(`[${backend}] the empirical-Fisher rule's state is plain data (counters) and the update leaks no tensors`, async () => {
    await selectBackend(backend);
    countsPlainlyWithoutLeaks(empiricalFisherRule(trpoOptions), policyCase({ head: 'gaussian', seed: 45 }));
  });
}

test.run();
