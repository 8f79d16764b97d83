import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../../src/algebra/rng.js';
import { selectBackend } from '../../../src/policies/backend.js';
import { policyObjective } from '../../../src/policies/policyObjective.js';
import type { PolicySpec } from '../../../src/policies/policySpec.js';
import { logStdOffset, observationDim } from '../../../src/policies/policySpec.js';
import { subsampleRows, trpoUpdate } from '../../../src/streams/operators/trustRegionStep.js';
import type { TrustRegionOptions } from '../../../src/streams/operators/trustRegionStep.js';
import type { PolicyCase } from '../../policies/fixtures.js';
import { dot, mean, policyCase, policyNetwork, tsDistributions, tsOutputs } from '../../policies/fixtures.js';
import { policyStage, solve, streamsOf, suiteBackends } from './fixtures.js';

const options = (overrides: Partial<TrustRegionOptions> = {}): TrustRegionOptions => ({
  maxKl: 0.01,
  cgIterations: 10,
  cgDamping: 0.1,
  cgResidualTolerance: 1e-10,
  fisherFraction: 0.5,
  lineSearchBacktracks: 10,
  backtrackRatio: 0.5,
  ...overrides,
});

const heads = fc.constantFrom('categorical' as const, 'gaussian' as const);
const seeds = fc.integer({ min: 0, max: 1_000_000 });
const norm = (v: ArrayLike<number>) => Math.sqrt(dot(v, v));
const stepOf = (c: PolicyCase, params: Float32Array) => Float64Array.from(params, (p, i) => p - c.params[i]);
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => dot(a, b) / (norm(a) * norm(b));

/** The rows trpoUpdate's Fisher-vector products use, drawn the way it draws them. */
const fisherRowsOf = (c: PolicyCase, seed: number, fraction: number) => subsampleRows(c.rows, Math.ceil(c.rows * fraction), new Rng(streamsOf(seed).fisher));

for (const backend of suiteBackends()) {
  test(`[${backend}] the full step meets ½ sᵀ(F + λI)s = δ on the Fisher subsample trpoUpdate draws (both heads)`, async () => {
    await selectBackend(backend);
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 1e-3, max: 0.05, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), async (head, seed, maxKl, cgDamping) => {
        const c = policyCase({ head, seed });
        const o = options({ maxKl, cgDamping });
        const update = trpoUpdate(policyStage(c, c.advantages, streamsOf(seed)), o);
        // an accepted candidate is θ + rᵏ s, so s is recoverable from it (while rᵏ s is large next to float32's rounding of θ)
        if (!update.accepted || update.lineSearchSteps > 3) return;
        const fraction = o.backtrackRatio ** (update.lineSearchSteps - 1);
        const s = stepOf(c, update.params).map((x) => x / fraction);
        const objective = policyObjective(c.spec, c.params, c, { fisherRows: fisherRowsOf(c, seed, o.fisherFraction) });
        const quadratic = 0.5 * (dot(s, objective.fisherVectorProduct(s)) + cgDamping * dot(s, s));
        objective.dispose();
        checked++;
        assert.ok(Math.abs(quadratic - maxKl) < 2e-3 * maxKl, `½ sᵀ(F+λI)s = ${quadratic} vs δ = ${maxKl} (seed ${seed}, ${head})`);
      }),
      { numRuns: 12, seed: 1 },
    );
    assert.ok(checked >= 8, `only ${checked} of 12 runs reached the check`);
  });

  test(`[${backend}] without normalization, scaling the advantages by c > 0 leaves the new parameters unchanged (both heads)`, async () => {
    await selectBackend(backend);
    await fc.assert(
      fc.asyncProperty(heads, seeds, fc.double({ min: 0.01, max: 100, noNaN: true }), async (head, seed, scale) => {
        const c = policyCase({ head, seed });
        // An absolute CG residual tolerance is not scale-free (it could stop the two solves at different
        // iterations), and CG run on past convergence only stirs float32 noise: 5 iterations, no tolerance.
        const o = options({ cgIterations: 5, cgResidualTolerance: 0 });
        const base = trpoUpdate(policyStage(c, c.advantages, streamsOf(seed)), o);
        const scaled = trpoUpdate(policyStage(c, c.advantages.map((a) => scale * a), streamsOf(seed)), o);
        assert.is(scaled.accepted, base.accepted);
        assert.is(scaled.lineSearchSteps, base.lineSearchSteps);
        const a = stepOf(c, base.params), b = stepOf(c, scaled.params);
        const difference = norm(a.map((x, i) => x - b[i]));
        assert.ok(difference <= 1e-4 * norm(a), `steps differ by ${difference} (|step| ${norm(a)}, c = ${scale}, seed ${seed})`);
        assert.ok(Math.abs(scaled.kl - base.kl) <= 1e-4 * base.kl + 1e-8, `KL ${base.kl} vs ${scaled.kl}`);
      }),
      { numRuns: 10, seed: 2 },
    );
  });

  test(`[${backend}] a rejected step returns the old parameters themselves: zero advantages`, async () => {
    await selectBackend(backend);
    for (const head of ['categorical', 'gaussian'] as const) {
      const c = policyCase({ head, seed: 3 });
      const stage = policyStage(c, new Float64Array(c.rows));
      const update = trpoUpdate(stage, options());
      assert.is(update.accepted, false);
      assert.is(update.params, stage.state.policyParams);
      assert.equal([update.kl, update.surrogateGain, update.gradientNorm], [0, 0, 0]);
    }
  });

  test(`[${backend}] a rejected step returns the old parameters bit for bit: the Fisher subsample is blind to the first layer, so every backtracked step overshoots δ`, async () => {
    await selectBackend(backend);
    for (const head of ['categorical', 'gaussian'] as const)
      for (const seed of [4, 5, 6]) {
        const c = policyCase({ head, seed, rows: 8 });
        // The subsampled rows see zero observations: the Jacobian of their outputs in the first-layer
        // weights is 0, so there F + λI = λI with a tiny λ and the step moves those weights by ~√(2δ/λ);
        // the other rows, with large observations, turn that into a KL far above δ at every fraction tried.
        const o = options({ cgDamping: 1e-9, lineSearchBacktracks: 4 });
        const blind = fisherRowsOf(c, seed, o.fisherFraction);
        const observations = c.observations.map((x) => 3 * x);
        const d = observationDim(c.spec);
        for (const row of blind) observations.fill(0, row * d, (row + 1) * d);
        const stage = policyStage({ ...c, observations }, c.advantages, streamsOf(seed));
        const before = Uint8Array.from(new Uint8Array(c.params.buffer));
        const update = trpoUpdate(stage, o);
        assert.is(update.accepted, false, `${head} seed ${seed} accepted a step with KL ${update.kl}`);
        assert.is(update.lineSearchSteps, o.lineSearchBacktracks);
        assert.ok(update.gradientNorm > 0 && update.cgIterations > 0, 'the search had a direction to try');
        assert.equal(new Uint8Array(update.params.buffer, update.params.byteOffset, update.params.byteLength), before);
        assert.equal([update.kl, update.surrogateGain], [0, 0]);
      }
  });

  test(`[${backend}] the step direction is the dense solution of (F + λI)x = g, F and g built from float64 finite-difference Jacobians (both heads)`, async () => {
    await selectBackend(backend);
    for (const head of ['categorical', 'gaussian'] as const)
      for (const seed of [7, 8]) {
        const c = policyCase({ head, seed, rows: 12, observationDim: 2, hiddenSizes: [3], actionSize: 2 });
        const damping = 0.1;
        const { fisher, gradient } = denseFisherAndGradient(c);
        for (let i = 0; i < fisher.length; i++) fisher[i][i] += damping;
        const x = solve(fisher, gradient);
        const update = trpoUpdate(
          policyStage(c),
          options({ maxKl: 1e-3, cgDamping: damping, cgIterations: 3 * c.params.length, cgResidualTolerance: 1e-16, fisherFraction: 1 }),
        );
        assert.ok(update.accepted, `${head} seed ${seed}: no step accepted`);
        const step = stepOf(c, update.params);
        const cos = cosine(step, x);
        assert.ok(cos > 0.9999, `cos(step, dense solve) = ${cos} (${head}, seed ${seed})`);
        // the law has teeth: the natural gradient points elsewhere than the plain gradient here
        assert.ok(cosine(gradient, x) < 0.99, `cos(g, x) = ${cosine(gradient, x)}`);
      }
  });

  test(`[${backend}] accepted steps keep the mean KL within δ, measured by the float64 TypeScript distributions (both heads)`, async () => {
    await selectBackend(backend);
    let accepted = 0, backtracked = 0;
    await fc.assert(
      fc.asyncProperty(
        heads,
        seeds,
        fc.constantFrom('tanh' as const, 'relu' as const),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        async (head, seed, activation, maxKl) => {
          const c = policyCase({ head, seed, activation });
          const update = trpoUpdate(policyStage(c, c.advantages, streamsOf(seed)), options({ maxKl, cgDamping: 0.01 }));
          if (!update.accepted) return;
          accepted++;
          if (update.lineSearchSteps > 1) backtracked++;
          const kl = mean(tsDistributions(c, c.params, update.params).kl);
          assert.ok(kl <= maxKl * (1 + 1e-5), `mean KL ${kl} > δ = ${maxKl} (seed ${seed}, ${head}, ${activation})`);
          assert.ok(Math.abs(kl - update.kl) <= 1e-4 * kl + 1e-7, `reported KL ${update.kl} vs ${kl}`);
        },
      ),
      { numRuns: 24, seed: 3 },
    );
    assert.ok(accepted >= 16 && backtracked >= 4, `${accepted} accepted, ${backtracked} after backtracking: the law was barely exercised`);
  });

  test(`[${backend}] trpoUpdate leaks no tensors`, async () => {
    await selectBackend(backend);
    const c = policyCase({ head: 'gaussian', seed: 9 });
    const before = tf.memory().numTensors;
    trpoUpdate(policyStage(c), options());
    assert.is(tf.memory().numTensors, before);
  });
}

test('subsampleRows draws distinct sorted rows, as many as asked (at least 1, at most all)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: -5, max: 250 }), seeds, (rows, count, seed) => {
      const picked = subsampleRows(rows, count, new Rng(streamsOf(seed).fisher));
      assert.is(picked.length, Math.max(1, Math.min(rows, count)));
      for (let i = 0; i < picked.length; i++) {
        assert.ok(picked[i] >= 0 && picked[i] < rows);
        if (i > 0) assert.ok(picked[i] > picked[i - 1], 'sorted and distinct');
      }
    }),
    { numRuns: 200, seed: 4 },
  );
});

/**
 * F = (1/N) Σ Jᵢᵀ Mᵢ Jᵢ and g = (1/N) Σ Jᵢᵀ ∂log π(aᵢ)/∂outᵢ · Aᵢ at θ_old, with Jᵢ by central
 * differences of the float64 TypeScript forward pass and Mᵢ the analytic Fisher of the
 * distribution (no tfjs, no Fisher-vector product).
 */
const denseFisherAndGradient = (c: PolicyCase): { fisher: Float64Array[]; gradient: Float64Array } => {
  const spec: PolicySpec = c.spec;
  const n = c.params.length, k = policyNetwork(spec).outputDim, rows = c.rows, eps = 1e-6;
  const jacobian = Array.from({ length: n }, (_, j) => {
    const plus = Float64Array.from(c.params), minus = Float64Array.from(c.params);
    plus[j] += eps;
    minus[j] -= eps;
    const up = tsOutputs(spec, plus, c.observations, rows), down = tsOutputs(spec, minus, c.observations, rows);
    return up.map((u, i) => (u - down[i]) / (2 * eps)); // column j: ∂out[row, ·]/∂θⱼ, flattened [rows, k]
  });
  const out = tsOutputs(spec, c.params, c.observations, rows);
  const fisher = Array.from({ length: n }, () => new Float64Array(n));
  const gradient = new Float64Array(n);
  const logStd = spec.head === 'gaussian' ? Array.from({ length: k }, (_, j) => c.params[logStdOffset(spec) + j]) : [];
  for (let r = 0; r < rows; r++) {
    const o = out.subarray(r * k, (r + 1) * k);
    const m: number[][] = [], score: number[] = [];
    if (spec.head === 'categorical') {
      const z = Math.max(...o), e = Array.from(o, (v) => Math.exp(v - z)), total = e.reduce((a, b) => a + b, 0);
      const p = e.map((v) => v / total);
      for (let a = 0; a < k; a++) {
        m.push(p.map((pb, b) => (a === b ? p[a] : 0) - p[a] * pb));
        score.push((c.actions[r] === a ? 1 : 0) - p[a]);
      }
    } else
      for (let a = 0; a < k; a++) {
        const variance = Math.exp(2 * logStd[a]);
        m.push(Array.from({ length: k }, (_, b) => (a === b ? 1 / variance : 0)));
        score.push((c.actions[r * k + a] - o[a]) / variance);
      }
    for (let i = 0; i < n; i++) {
      const ji = jacobian[i].subarray(r * k, (r + 1) * k);
      for (let a = 0; a < k; a++) gradient[i] += (ji[a] * score[a] * c.advantages[r]) / rows;
      const mji = m.map((row) => dot(row, ji));
      for (let j = 0; j < n; j++) fisher[i][j] += dot(mji, jacobian[j].subarray(r * k, (r + 1) * k)) / rows;
    }
    if (spec.head === 'gaussian')
      for (let a = 0; a < k; a++) {
        const z = (c.actions[r * k + a] - o[a]) / Math.exp(logStd[a]);
        gradient[logStdOffset(spec) + a] += ((z * z - 1) * c.advantages[r]) / rows;
      }
  }
  if (spec.head === 'gaussian') for (let a = 0; a < k; a++) fisher[logStdOffset(spec) + a][logStdOffset(spec) + a] += 2; // Fisher of log σ, every row alike
  return { fisher, gradient };
};

test.run();
