import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { cmaesAsk, cmaesInit, cmaesParameters, cmaesTell, FULL_COVARIANCE_MAX_DIMENSION, symmetricEigen } from '../../src/algebra/cmaes.js';
import type { CmaesOptions, CmaesState } from '../../src/algebra/cmaes.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { decodeTree } from '../../src/streams/stateCodec.js';
import { asJson, ellipsoid, finalState, logAndExp, run, sphere } from './askTellRuns.js';
import type { Objective } from './askTellRuns.js';

const cmaes = { ask: cmaesAsk, tell: cmaesTell };
/** Runs CMA-ES minimizing `f` (telling −f) until f(mean) < target or the generation budget is spent. */
const minimize = (f: Objective, start: number[], sigma: number, seed: number, budget: number, target: number, options: CmaesOptions = {}) => {
  const history = run(cmaes, cmaesInit(start, sigma, options), (x) => -f(x), budget, seed, (s) => f(s.mean) < target);
  return { state: history[history.length - 1], history };
};
const startArb = (minN: number, maxN: number) => fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: minN, maxLength: maxN });

test('default parameters (tutorial Table 1): λ = 4 + ⌊3 ln n⌋, μ = ⌊λ/2⌋, positive log weights summing to 1; sep-CMA scales c₁, c_μ by (n+2)/3', () => {
  assert.is(cmaesInit(new Float64Array(10), 1).populationSize, 10);
  assert.is(cmaesInit(new Float64Array(2), 1).populationSize, 6);
  assert.is(cmaesInit(new Float64Array(100), 1).populationSize, 17);
  const p = cmaesParameters(10, 10, 'full');
  assert.is(p.parents, 5);
  assert.ok(Math.abs(p.weights.reduce((s, w) => s + w, 0) - 1) < 1e-15);
  assert.ok(p.weights.every((w, i) => w > 0 && (i === 0 || w < p.weights[i - 1])));
  assert.ok(Math.abs(p.muEff - 1 / p.weights.reduce((s, w) => s + w * w, 0)) < 1e-12);
  assert.ok(Math.abs(p.c1 - 2 / (11.3 ** 2 + p.muEff)) < 1e-15);
  const sep = cmaesParameters(10, 10, 'diagonal');
  assert.ok(Math.abs(sep.c1 / p.c1 - 4) < 1e-12 && Math.abs(sep.cMu / p.cMu - 4) < 1e-12, `${sep.c1 / p.c1} ${sep.cMu / p.cMu}`);
  assert.ok(sep.c1 + sep.cMu <= 1 && cmaesParameters(2, 6, 'diagonal').c1 + cmaesParameters(2, 6, 'diagonal').cMu <= 1);
});

test(`'auto' keeps a full covariance up to ${FULL_COVARIANCE_MAX_DIMENSION} dimensions and a diagonal above`, () => {
  const small = cmaesInit(new Float64Array(FULL_COVARIANCE_MAX_DIMENSION), 1), large = cmaesInit(new Float64Array(FULL_COVARIANCE_MAX_DIMENSION + 1), 1);
  assert.is(small.covarianceKind, 'full');
  assert.is(small.covariance.length, FULL_COVARIANCE_MAX_DIMENSION ** 2);
  assert.is(large.covarianceKind, 'diagonal');
  assert.is(large.covariance.length, FULL_COVARIANCE_MAX_DIMENSION + 1);
  assert.is(large.basis.length, 0);
});

test('symmetricEigen: V diag(values) Vᵀ reproduces a random symmetric matrix and V is orthogonal', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 49, maxLength: 49 }), (n, entries) => {
      const a = Float64Array.from({ length: n * n }, (_, k) => {
        const i = Math.floor(k / n), j = k % n;
        return entries[Math.min(i, j) * 7 + Math.max(i, j)];
      });
      const { values, vectors: v } = symmetricEigen(a, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let rebuilt = 0, gram = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += v[i * n + k] * values[k] * v[j * n + k];
          gram += v[k * n + i] * v[k * n + j];
        }
        assert.ok(Math.abs(rebuilt - a[i * n + j]) < 1e-9, `A[${i}][${j}] ${a[i * n + j]} rebuilt ${rebuilt}`);
        assert.ok(Math.abs(gram - (i === j ? 1 : 0)) < 1e-12, `VᵀV[${i}][${j}] = ${gram}`);
      }
    }),
    { seed: 2, numRuns: 150 },
  );
});

test('full CMA-ES converges on the sphere in 2–8 dimensions within 300 generations', () => {
  fc.assert(
    fc.property(startArb(2, 8), fc.integer({ min: 0, max: 1000 }), (start, seed) => {
      const { state } = minimize(sphere, start, 1, seed, 300, 1e-10);
      assert.ok(sphere(state.mean) < 1e-10, `f(mean) = ${sphere(state.mean)} after ${state.generation} generations`);
    }),
    { seed: 3, numRuns: 15 },
  );
});

test('σ shrinks near the optimum: started at the optimum of the sphere, σ falls by 100× within 100 generations', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 1000 }), fc.constantFrom<'full' | 'diagonal'>('full', 'diagonal'), (n, seed, covariance) => {
      const { state } = minimize(sphere, Array.from({ length: n }, () => 0), 1, seed, 100, -1, { covariance });
      assert.ok(state.sigma < 1e-2, `σ = ${state.sigma} after ${state.generation} generations`);
    }),
    { seed: 10, numRuns: 20 },
  );
});

test('full CMA-ES converges on an ellipsoid of condition 1e3 in 2–6 dimensions within 400 generations', () => {
  fc.assert(
    fc.property(startArb(2, 6), fc.integer({ min: 0, max: 1000 }), (start, seed) => {
      const { state } = minimize(ellipsoid, start, 1, seed, 400, 1e-10, { covariance: 'full' });
      assert.ok(ellipsoid(state.mean) < 1e-10, `f(mean) = ${ellipsoid(state.mean)} after ${state.generation} generations`);
    }),
    { seed: 4, numRuns: 15 },
  );
});

test('diagonal CMA-ES (sep-CMA) converges on the separable ellipsoid in 2–12 dimensions within 400 generations', () => {
  fc.assert(
    fc.property(startArb(2, 12), fc.integer({ min: 0, max: 1000 }), (start, seed) => {
      const { state } = minimize(ellipsoid, start, 1, seed, 400, 1e-10, { covariance: 'diagonal' });
      assert.is(state.covariance.length, start.length);
      assert.ok(ellipsoid(state.mean) < 1e-10, `f(mean) = ${ellipsoid(state.mean)} after ${state.generation} generations`);
    }),
    { seed: 5, numRuns: 15 },
  );
});

test('an order-preserving transform of the fitness (f vs exp(f)) gives the same trajectory bit for bit', () => {
  fc.assert(
    fc.property(startArb(1, 6), fc.integer({ min: 0, max: 1000 }), fc.constantFrom<'full' | 'diagonal'>('full', 'diagonal'), (start, seed, covariance) => {
      const [f, expF] = logAndExp(ellipsoid), start0 = cmaesInit(start, 0.5, { covariance });
      assert.equal(asJson(finalState(cmaes, start0, expF, 25, seed)), asJson(finalState(cmaes, start0, f, 25, seed)));
    }),
    { seed: 6, numRuns: 40 },
  );
});

// Whole trajectories are not compared: C starts at I, where its eigenvectors B are not unique, so a
// one-ulp difference in C (from rounding x − m at another offset) may rotate B and change every later
// draw B D z without changing the distribution. One ask and one tell at a time, and convergence, are.
test('translation invariance: shifting the mean, the candidates and the optimum shifts ask and tell; the shifted problem converges alike', () => {
  const near = (a: number, b: number, scale: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * scale, `${what}: ${a} vs ${b}`);
  fc.assert(
    fc.property(
      startArb(2, 6),
      fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 6, maxLength: 6 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.constantFrom<'full' | 'diagonal'>('full', 'diagonal'),
      (start, shiftAll, generations, seed, covariance) => {
        const shift = shiftAll.slice(0, start.length), n = start.length;
        const shifted: Objective = (x) => ellipsoid(Array.from(x, (v, i) => v - shift[i]));
        const state = minimize(ellipsoid, start, 1, seed, generations, 0, { covariance }).state;
        const moved: CmaesState = { ...state, mean: state.mean.map((m, i) => m + shift[i]) };
        const asked = cmaesAsk(state, new Rng(rngStateFromSeed(seed))), askedMoved = cmaesAsk(moved, new Rng(rngStateFromSeed(seed)));
        asked.forEach((x, k) => x.forEach((v, i) => near(askedMoved[k][i] - shift[i], v, 1 + Math.abs(shift[i]), `candidate ${k}[${i}]`)));
        const fitness = asked.map((x) => -ellipsoid(x));
        const told = cmaesTell(state, asked, fitness), toldMoved = cmaesTell(moved, askedMoved, fitness);
        near(toldMoved.sigma, told.sigma, told.sigma, 'σ');
        told.mean.forEach((m, i) => near(toldMoved.mean[i] - shift[i], m, 1 + Math.abs(shift[i]), `mean[${i}]`));
        told.sigmaPath.forEach((v, i) => near(toldMoved.sigmaPath[i], v, (1 + Math.abs(shift[i])) / told.sigma, `p_σ[${i}]`));
        told.covariancePath.forEach((v, i) => near(toldMoved.covariancePath[i], v, (1 + Math.abs(shift[i])) / told.sigma, `p_c[${i}]`));
        const scale = Math.max(...told.covariance) * (1 + Math.max(...shift.map(Math.abs))) / state.sigma ** 2;
        told.covariance.forEach((v, i) => near(toldMoved.covariance[i], v, scale, `C[${Math.floor(i / n)}][${i % n}]`));
        const solved = minimize(shifted, start.map((v, i) => v + shift[i]), 1, seed, 400, 1e-10, { covariance }).state;
        assert.ok(shifted(solved.mean) < 1e-10, `shifted f(mean) = ${shifted(solved.mean)} after ${solved.generation} generations`);
      },
    ),
    { seed: 7, numRuns: 40 },
  );
});

test('the covariance stays exactly symmetric and positive definite under any ranking, and B D² Bᵀ = C when fresh', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 30 * 10, maxLength: 30 * 10 }), fc.integer({ min: 0, max: 1000 }), (n, scores, seed) => {
      let state = cmaesInit(new Float64Array(n), 1, { covariance: 'full' });
      const rng = new Rng(rngStateFromSeed(seed));
      for (let g = 0; g < 30; g++) {
        const candidates = cmaesAsk(state, rng);
        state = cmaesTell(state, candidates, candidates.map((_, k) => scores[(g * candidates.length + k) % scores.length]));
        const c = state.covariance;
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.is(c[i * n + j], c[j * n + i], `C[${i}][${j}]`);
        const { values } = symmetricEigen(c, n);
        assert.ok(Math.min(...values) > 0, `eigenvalues ${values}`);
        if (state.decomposedAt === state.generation)
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
            let bd2b = 0;
            for (let k = 0; k < n; k++) bd2b += state.basis[i * n + k] * state.scales[k] ** 2 * state.basis[j * n + k];
            assert.ok(Math.abs(bd2b - c[i * n + j]) <= 1e-9 * Math.max(...values), `(B D² Bᵀ)[${i}][${j}] ${bd2b} vs C ${c[i * n + j]}`);
          }
      }
    }),
    { seed: 8, numRuns: 60 },
  );
});

test('the state round-trips through JSON (encodeTree/decodeTree) and continues with the same candidates', () => {
  for (const covariance of ['full', 'diagonal'] as const) {
    const { state } = minimize(ellipsoid, [1, -2, 0.5], 1, 9, 12, 0, { covariance });
    const restored = decodeTree(asJson(state)) as CmaesState;
    assert.equal(restored, state);
    assert.equal(cmaesAsk(restored, new Rng(rngStateFromSeed(1))), cmaesAsk(state, new Rng(rngStateFromSeed(1))));
  }
});

test('tell refuses a wrong number of candidates or a NaN fitness', () => {
  const state = cmaesInit([0, 0], 1);
  const candidates = cmaesAsk(state, new Rng(rngStateFromSeed(0)));
  assert.throws(() => cmaesTell(state, candidates.slice(1), candidates.slice(1).map(() => 0)), /expected 6 candidates/);
  assert.throws(() => cmaesTell(state, candidates, candidates.map((_, k) => (k === 2 ? NaN : k))), /NaN/);
  assert.throws(() => cmaesInit([0], 0), /sigma/);
});

test.run();
