import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { conjugateGradient } from '../../src/algebra/cg.js';

/** A random SPD matrix AᵀA + εI of size n from a flat list of entries. */
const spd = (n: number, entries: number[]): Float64Array => {
  const a = Float64Array.from({ length: n * n }, (_, i) => entries[i % entries.length] + (i % (n + 1) === 0 ? 1 : 0));
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[k * n + i] * a[k * n + j];
    m[i * n + j] = s + (i === j ? 0.1 : 0);
  }
  return m;
};
const matVec = (m: Float64Array, n: number) => (v: Float64Array) => Float64Array.from({ length: n }, (_, i) => v.reduce((s, x, j) => s + m[i * n + j] * x, 0));

test('CG solves random SPD systems (n iterations are exact up to rounding)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 64, maxLength: 64 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 8, maxLength: 8 }), (n, entries, bs) => {
      const m = spd(n, entries);
      const b = Float64Array.from(bs.slice(0, n));
      const { x } = conjugateGradient({ maxIterations: 10 * n, residualTolerance: 1e-24 })(matVec(m, n), b);
      const r = matVec(m, n)(x).map((v, i) => v - b[i]);
      const norm = Math.sqrt(r.reduce((s, v) => s + v * v, 0));
      assert.ok(norm <= 1e-6 * Math.max(1, Math.sqrt(b.reduce((s, v) => s + v * v, 0))), `residual ${norm}`);
    }),
    { seed: 1, numRuns: 200 },
  );
});

test('damping solves (A + λI) x = b', () => {
  const n = 3, m = spd(n, [0.3, -1, 0.7, 0.2, 1.5]);
  const b = Float64Array.of(1, -2, 0.5);
  const { x } = conjugateGradient({ maxIterations: 50, residualTolerance: 1e-30, damping: 0.5 })(matVec(m, n), b);
  const { ax: accumulated } = conjugateGradient({ maxIterations: 50, residualTolerance: 1e-30, damping: 0.5 })(matVec(m, n), b);
  const ax = matVec(m, n)(x).map((v, i) => v + 0.5 * x[i]);
  ax.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-9));
  accumulated.forEach((v, i) => assert.ok(Math.abs(v - ax[i]) < 1e-9, 'accumulated (A + λI) x'));
});

test('iteration cap and tolerance are honoured; b = 0 gives x = 0 with no iterations', () => {
  const n = 6, m = spd(n, [0.9, -0.4, 1.1, 0.3, -0.8, 0.25, 0.6]);
  const b = Float64Array.from({ length: n }, (_, i) => i - 2);
  let calls = 0;
  const counted = (v: Float64Array) => (calls++, matVec(m, n)(v));
  const r = conjugateGradient({ maxIterations: 3 })(counted, b);
  assert.is(r.iterations, 3);
  assert.is(calls, 3);
  const zero = conjugateGradient()(matVec(m, n), new Float64Array(n));
  assert.is(zero.iterations, 0);
  assert.equal(Array.from(zero.x), new Array(n).fill(0));
});

test.run();
