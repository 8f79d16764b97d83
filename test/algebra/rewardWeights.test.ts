import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { effectiveSampleSize, rewardWeights } from '../../src/algebra/rewardWeights.js';

const advantages = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 });
// on a grid of 0.1, so no spread underflows (a spread of 1e-162 squares to 0)
const gridAdvantages = fc.array(fc.integer({ min: -10_000, max: 10_000 }).map((k) => k / 10), { minLength: 1, maxLength: 60 });
const temperatures = fc.double({ min: 0, max: 5, noNaN: true });
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

test('reward weights are nonnegative, finite and sum to 1, and their effective sample size lies in [1, n]', () => {
  fc.assert(
    fc.property(advantages, temperatures, (a, temperature) => {
      const w = rewardWeights({ temperature })(a);
      assert.is(w.length, a.length);
      assert.ok(w.every((x) => x >= 0 && Number.isFinite(x)), `weights ${w}`);
      assert.ok(Math.abs(sum(w) - 1) <= 1e-12, `sum ${sum(w)}`);
      const ess = effectiveSampleSize(w);
      assert.ok(ess >= 1 - 1e-9 && ess <= a.length * (1 + 1e-9), `ESS ${ess} of ${a.length}`);
    }),
    { numRuns: 300, seed: 51 },
  );
});

test('a larger advantage never gets a smaller weight; the weights do not depend on the advantages\' shift and scale', () => {
  fc.assert(
    fc.property(gridAdvantages, temperatures, fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-2, max: 1e2, noNaN: true }), (a, temperature, shift, scale) => {
      const w = rewardWeights({ temperature })(a);
      for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) if (a[i] > a[j]) assert.ok(w[i] >= w[j], `A ${a[i]} > ${a[j]} but w ${w[i]} < ${w[j]}`);
      const moved = rewardWeights({ temperature })(a.map((x) => scale * x + shift));
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(moved[i] - w[i]) <= 1e-9 + 1e-6 * w[i], `w ${w[i]} vs ${moved[i]} after x ↦ ${scale}x + ${shift}`);
    }),
    { numRuns: 200, seed: 52 },
  );
});

test('all-equal advantages, or β = 0, give uniform weights (plain maximum likelihood) with effective size n', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), advantages, (n, value, a) => {
      const uniform = Array.from({ length: n }, () => 1 / n);
      assert.equal(Array.from(rewardWeights({ temperature: 2 })(new Float64Array(n).fill(value))), uniform);
      assert.equal(Array.from(rewardWeights({ temperature: 0 })(a)), Array.from({ length: a.length }, () => 1 / a.length));
      assert.ok(Math.abs(effectiveSampleSize(uniform) - n) <= 1e-9 * n);
    }),
    { numRuns: 100, seed: 53 },
  );
});

test('β sharpens the weights: for β = 1 on advantages 0, 1, 2 (std √(2/3)) they are softmax(β A / std)', () => {
  const w = rewardWeights({ temperature: 1 })([0, 1, 2]);
  const e = [0, 1, 2].map((a) => Math.exp(a / Math.sqrt(2 / 3)));
  e.forEach((x, i) => assert.ok(Math.abs(w[i] - x / sum(e)) <= 1e-15, `w${i} ${w[i]} vs ${x / sum(e)}`));
  assert.ok(effectiveSampleSize(rewardWeights({ temperature: 3 })([0, 1, 2])) < effectiveSampleSize(w));
});

test('a negative or non-finite temperature, or non-finite advantages, are refused', () => {
  assert.throws(() => rewardWeights({ temperature: -1 })([1, 2]), /temperature/);
  assert.throws(() => rewardWeights({ temperature: Infinity })([1, 2]), /temperature/);
  assert.throws(() => rewardWeights({ temperature: 1 })([1, NaN]), /finite/);
  assert.throws(() => rewardWeights({ temperature: 1 })([]), /no advantages/);
});

test.run();
