import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { backtrackingLineSearch } from '../../src/algebra/lineSearch.js';

// A toy trust region: KL grows quadratically with the step, the gain is concave in it.
const toy = (klScale: number, gainSlope: number, gainCurvature: number) => (p: Float64Array) => {
  const s = p[0];
  return { kl: klScale * s * s, surrogateGain: gainSlope * s - gainCurvature * s * s };
};

test('never returns a step with KL > δ; rejected steps keep the old parameters', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
      (klScale, slope, curvature, delta) => {
        const search = backtrackingLineSearch({ maxKl: delta, maxBacktracks: 10, backtrackRatio: 0.8 });
        const problem = toy(klScale, slope, curvature);
        const r = search(problem, Float64Array.of(0), Float64Array.of(1), slope);
        if (r.accepted) {
          // measured at the parameters returned, not taken from the search's own report
          const at = problem(r.params);
          assert.ok(at.kl <= delta, `KL ${at.kl} at the returned step`);
          assert.ok(at.surrogateGain > 0);
          assert.equal([r.kl, r.surrogateGain], [at.kl, at.surrogateGain]);
          assert.ok(Math.abs(r.params[0] - r.stepFraction) < 1e-12);
        } else {
          assert.is(r.params[0], 0);
          assert.is(r.kl, 0);
          assert.is(r.stepFraction, 0);
        }
        assert.ok(r.steps >= 1 && r.steps <= 10);
      },
    ),
    { seed: 2, numRuns: 500 },
  );
});

test('takes the first qualifying fraction 1, r, r², ... and counts evaluations', () => {
  const search = backtrackingLineSearch({ maxKl: 0.01, maxBacktracks: 10, backtrackRatio: 0.5 });
  // KL = s²: the full step (KL 1) and s = 0.5, 0.25, 0.125 (KL 0.0156) fail, s = 0.0625 passes
  const r = search(toy(1, 1, 0), Float64Array.of(0), Float64Array.of(1), 1);
  assert.ok(r.accepted);
  assert.is(r.steps, 5);
  assert.is(r.stepFraction, 0.0625);
});

test('a step that worsens the surrogate or is NaN is rejected', () => {
  const search = backtrackingLineSearch({ maxKl: 1, maxBacktracks: 4 });
  const worse = search(toy(0.1, -1, 0), Float64Array.of(3), Float64Array.of(1), -1);
  assert.not.ok(worse.accepted);
  assert.is(worse.params[0], 3);
  assert.is(worse.steps, 4);
  const nan = search(() => ({ kl: NaN, surrogateGain: 1 }), Float64Array.of(0), Float64Array.of(1), 1);
  assert.not.ok(nan.accepted);
});

test('minImprovementRatio demands a share of the expected improvement', () => {
  const strict = backtrackingLineSearch({ maxKl: 1, maxBacktracks: 1, minImprovementRatio: 0.5 });
  assert.not.ok(strict(() => ({ kl: 0, surrogateGain: 0.1 }), Float64Array.of(0), Float64Array.of(1), 1).accepted);
  assert.ok(strict(() => ({ kl: 0, surrogateGain: 0.6 }), Float64Array.of(0), Float64Array.of(1), 1).accepted);
});

test.run();
