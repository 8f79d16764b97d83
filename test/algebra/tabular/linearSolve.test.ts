import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { solveLinear } from '../../../src/algebra/tabular/linearSolve.js';

const entries = (n: number) => fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n });

test('solveLinear: A x = b for well-conditioned A (random plus a dominant diagonal), any row order', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(fc.constant(n), entries(n * n), entries(n))), ([n, raw, b]) => {
      // rows are shifted by one so the dominant entries sit off the diagonal: pivoting must swap
      const a = Float64Array.from(raw, (v, i) => v + (Math.floor(i / n) === ((i % n) + 1) % n ? 50 : 0));
      const x = solveLinear(a, b);
      for (let r = 0; r < n; r++) {
        let ax = 0;
        for (let c = 0; c < n; c++) ax += a[r * n + c] * x[c];
        assert.ok(Math.abs(ax - b[r]) < 1e-10, `row ${r}: ${ax} vs ${b[r]}`);
      }
    }),
    { numRuns: 200, seed: 3 },
  );
});

test('solveLinear: a zero leading entry needs a row swap; singular matrices and bad shapes throw', () => {
  assert.equal([...solveLinear([0, 1, 1, 0], [2, 3])], [3, 2]);
  assert.throws(() => solveLinear([1, 2, 2, 4], [1, 1]), /singular/);
  assert.throws(() => solveLinear([1, 2, 3], [1, 1]), /\[2, 2\] matrix expected/);
});

test.run();
