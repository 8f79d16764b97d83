import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { axpy, axpyInPlace, dot, mean, norm, scaleInPlace, variance } from '../../src/algebra/vector.js';

const pairArb = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc.tuple(...[0, 1, 2].map(() => fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }))),
);

test('documented examples', () => {
  assert.is(dot([1, 2], [3, 4]), 11);
  assert.is(norm([3, 4]), 5);
  assert.equal(Array.from(axpyInPlace(2, [1, 1], Float64Array.of(0, 1))), [2, 3]);
  assert.equal(Array.from(axpy(0.5, [2, 4], [1, 1])), [2, 3]);
  assert.equal(Array.from(scaleInPlace(2, Float64Array.of(1, -3))), [2, -6]);
  assert.is(mean([1, 2, 6]), 3);
  assert.is(variance([1, 3]), 1);
  assert.ok(Number.isNaN(mean([])) && Number.isNaN(variance([])));
});

test('dot is symmetric and linear; norm² = dot(a, a); norm scales with |α|', () => {
  fc.assert(
    fc.property(pairArb, fc.double({ min: -10, max: 10, noNaN: true }), ([a, b, c], alpha) => {
      assert.is(dot(a, b), dot(b, a));
      const linear = dot(axpy(alpha, b, c), a), parts = dot(c, a) + alpha * dot(b, a);
      assert.ok(Math.abs(linear - parts) <= 1e-9 * (1 + Math.abs(parts) + Math.abs(alpha) * norm(a) * norm(b) + norm(a) * norm(c)));
      assert.ok(Math.abs(norm(a) ** 2 - dot(a, a)) <= 1e-9 * (1 + dot(a, a)));
      assert.ok(Math.abs(norm(scaleInPlace(alpha, Float64Array.from(a))) - Math.abs(alpha) * norm(a)) <= 1e-9 * (1 + Math.abs(alpha) * norm(a)));
    }),
    { seed: 30 },
  );
});

test('axpy returns y + αx without touching its inputs; axpyInPlace and out = y write into y', () => {
  fc.assert(
    fc.property(pairArb, fc.double({ min: -10, max: 10, noNaN: true }), ([x, y], alpha) => {
      const expected = y.map((v, i) => v + alpha * x[i]);
      const ys = Float64Array.from(y);
      assert.equal(Array.from(axpy(alpha, x, ys)), expected);
      assert.equal(Array.from(ys), y);
      assert.ok(axpy(alpha, x, ys, ys) === ys);
      assert.equal(Array.from(ys), expected);
      const inPlace = Float64Array.from(y);
      assert.ok(axpyInPlace(alpha, x, inPlace) === inPlace);
      assert.equal(Array.from(inPlace), expected);
    }),
    { seed: 31 },
  );
});

test('variance is the two-pass population variance: shift-invariant, scales with α²', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (xs, shift) => {
      const v = variance(xs);
      assert.ok(v >= 0);
      assert.ok(Math.abs(mean(xs.map((x) => x + shift)) - (mean(xs) + shift)) <= 1e-9 * (1 + Math.abs(shift)));
      assert.ok(Math.abs(variance(xs.map((x) => x + shift)) - v) <= 1e-6 * (1 + v), 'shift-invariant');
      assert.ok(Math.abs(variance(xs.map((x) => 3 * x)) - 9 * v) <= 1e-9 * (1 + 9 * v));
    }),
    { seed: 32 },
  );
});

test('length mismatches are reported', () => {
  assert.throws(() => dot([1, 2], [1]), /dot: vectors of equal length expected, got 2 and 1/);
  assert.throws(() => axpyInPlace(1, [1], new Float64Array(2)), /axpyInPlace/);
  assert.throws(() => axpy(1, [1], [1, 2]), /axpy/);
  assert.throws(() => axpy(1, [1, 2], [1, 2], new Float64Array(3)), /axpy \(out\)/);
});

test.run();
