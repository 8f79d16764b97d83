import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { emptyStats, mergeStats, normalizeObservation, statsVariance, updateStats } from '../../src/algebra/runningStats.js';

const rowsArb = (dim: number) => fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: dim, maxLength: 40 * dim }).map((xs) => xs.slice(0, xs.length - (xs.length % dim)));
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

test('merging the stats of two halves equals the stats of the whole (Chan et al.)', () => {
  fc.assert(
    fc.property(rowsArb(3), rowsArb(3), (a, b) => {
      const whole = updateStats(emptyStats(3), [...a, ...b]);
      const merged = mergeStats(updateStats(emptyStats(3), a), updateStats(emptyStats(3), b));
      assert.is(merged.count, whole.count);
      for (let j = 0; j < 3; j++) {
        assert.ok(near(merged.mean[j], whole.mean[j]));
        assert.ok(Math.abs(merged.m2[j] - whole.m2[j]) <= 1e-9 * Math.max(1, whole.m2[j]));
      }
    }),
    { seed: 6 },
  );
});

test('row-by-row updates agree with one batch update and with the two-pass formulas', () => {
  fc.assert(
    fc.property(rowsArb(2), (xs) => {
      fc.pre(xs.length > 0);
      let stats = emptyStats(2);
      for (let r = 0; r < xs.length / 2; r++) stats = updateStats(stats, xs.slice(2 * r, 2 * r + 2));
      const n = xs.length / 2;
      for (let j = 0; j < 2; j++) {
        const col = xs.filter((_, i) => i % 2 === j);
        const mean = col.reduce((s, x) => s + x, 0) / n;
        const variance = col.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
        assert.ok(near(stats.mean[j], mean));
        assert.ok(Math.abs(statsVariance(stats)[j] - variance) <= 1e-7 * Math.max(1, variance));
      }
    }),
    { seed: 7 },
  );
});

test('normalizeObservation standardizes and clips; empty stats leave values as they are', () => {
  const stats = updateStats(emptyStats(1), [0, 2, 4, 6]); // mean 3, var 5
  const out = new Float64Array(1);
  normalizeObservation(stats, [3 + Math.sqrt(5)], out);
  assert.ok(Math.abs(out[0] - 1) < 1e-6);
  normalizeObservation(stats, [1e9], out);
  assert.is(out[0], 10);
  normalizeObservation(emptyStats(1), [0.25], out);
  assert.ok(Math.abs(out[0] - 0.25) < 1e-8);
  assert.not.ok(mergeStats(stats, emptyStats(1)) !== stats);
});

test.run();
