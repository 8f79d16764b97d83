import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { categorical, diagGaussian } from '../../src/algebra/distributions.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';

const logits = (k: number) => fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: k, maxLength: k });
const vec = (d: number, lo = -3, hi = 3) => fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: d, maxLength: d });

/** ∂²/∂ε² of KL(p ‖ p + ε u) at 0 by central differences, then polarization for uᵀFv. */
const hessianForm = (kl: (shift: number[]) => number, u: number[], v: number[]): number => {
  const eps = 1e-4;
  const quad = (w: number[]) => (kl(w.map((x) => eps * x)) + kl(w.map((x) => -eps * x))) / (eps * eps);
  return (quad(u.map((x, i) => x + v[i])) - quad(u.map((x, i) => x - v[i]))) / 4;
};

test('categorical: probabilities sum to 1; KL(p, p) = 0; KL = Σ p (log p − log q) ≥ Pinsker bound; entropy = −Σ p log p', () => {
  fc.assert(
    fc.property(logits(4), logits(4), (a, b) => {
      const total = [0, 1, 2, 3].reduce((s, i) => s + Math.exp(categorical.logProb(a, i)), 0);
      assert.ok(Math.abs(total - 1) < 1e-12);
      assert.ok(Math.abs(categorical.kl(a, a)) < 1e-12);
      // kl clamps at 0, so `kl ≥ 0` could not fail: check the value, and Pinsker's KL ≥ ½ (Σ|p − q|)²
      const [pa, pb] = [categorical.probs(a), categorical.probs(b)];
      const byDefinition = [0, 1, 2, 3].reduce((s, i) => s + pa[i] * (categorical.logProb(a, i) - categorical.logProb(b, i)), 0);
      assert.ok(Math.abs(categorical.kl(a, b) - Math.max(0, byDefinition)) < 1e-9 * Math.max(1, byDefinition), `${categorical.kl(a, b)} vs ${byDefinition}`);
      const l1 = pa.reduce((s, p, i) => s + Math.abs(p - pb[i]), 0);
      assert.ok(categorical.kl(a, b) >= 0.5 * l1 * l1 - 1e-12, `KL ${categorical.kl(a, b)} below Pinsker's ${0.5 * l1 * l1}`);
      const p = categorical.probs(a);
      const h = -p.reduce((s, pi) => s + (pi > 0 ? pi * Math.log(pi) : 0), 0);
      assert.ok(Math.abs(categorical.entropy(a) - h) < 1e-9);
    }),
    { seed: 8 },
  );
});

test('categorical: the analytic Fisher equals the Hessian of the KL', () => {
  fc.assert(
    fc.property(logits(3), vec(3), vec(3), (a, u, v) => {
      const fv = categorical.fisherVectorProduct(a, v);
      const analytic = u.reduce((s, x, i) => s + x * fv[i], 0);
      const numeric = hessianForm((shift) => categorical.kl(a, a.map((x, i) => x + shift[i])), u, v);
      assert.ok(Math.abs(analytic - numeric) < 1e-4 * Math.max(1, Math.abs(numeric)), `${analytic} vs ${numeric}`);
    }),
    { seed: 9 },
  );
});

/** KL(p ‖ q) of two diagonal Gaussians as Σⱼ ∫ pⱼ (log pⱼ − log qⱼ) by Simpson's rule over μ ± 12σ, from logProb alone. */
const klByQuadrature = (m: number[], s: number[], m2: number[], s2: number[]): number =>
  m.reduce((total, mean, j) => {
    const sigma = Math.exp(s[j]), intervals = 4000, lo = mean - 12 * sigma, h = (24 * sigma) / intervals;
    let integral = 0;
    for (let i = 0; i <= intervals; i++) {
      const x = [lo + i * h];
      const lp = diagGaussian.logProb([mean], [s[j]], x), lq = diagGaussian.logProb([m2[j]], [s2[j]], x);
      integral += (i === 0 || i === intervals ? 1 : i % 2 ? 4 : 2) * Math.exp(lp) * (lp - lq);
    }
    return total + (integral * h) / 3;
  }, 0);

test('diagonal Gaussian: KL(p, p) = 0, KL = ∫ p log(p/q) by quadrature, closed-form entropy, Fisher = Hessian of the KL', () => {
  fc.assert(
    fc.property(vec(2), vec(2, -2, 1), vec(2), vec(2, -2, 1), vec(4), vec(4), (m, s, m2, s2, u, v) => {
      assert.ok(Math.abs(diagGaussian.kl(m, s, m, s)) < 1e-12);
      // kl clamps at 0, so `kl ≥ 0` could not fail: check its value against the integral of its definition
      const integral = klByQuadrature(m, s, m2, s2);
      assert.ok(Math.abs(diagGaussian.kl(m, s, m2, s2) - integral) < 1e-6 * Math.max(1, integral), `${diagGaussian.kl(m, s, m2, s2)} vs ${integral}`);
      assert.ok(Math.abs(diagGaussian.entropy(s) - s.reduce((acc, x) => acc + x + 0.5 * Math.log(2 * Math.PI * Math.E), 0)) < 1e-12);
      const fv = diagGaussian.fisherVectorProduct(m, s, v.slice(0, 2), v.slice(2));
      const analytic = u.slice(0, 2).reduce((acc, x, i) => acc + x * fv.mean[i], 0) + u.slice(2).reduce((acc, x, i) => acc + x * fv.logStd[i], 0);
      const numeric = hessianForm((d) => diagGaussian.kl(m, s, m.map((x, i) => x + d[i]), s.map((x, i) => x + d[2 + i])), u, v);
      assert.ok(Math.abs(analytic - numeric) < 1e-4 * Math.max(1, Math.abs(numeric)), `${analytic} vs ${numeric}`);
    }),
    { seed: 10 },
  );
});

test('sampling: categorical frequencies and Gaussian moments match the parameters', () => {
  const rng = new Rng(rngStateFromSeed(11));
  const a = [0.5, -1, 1.2];
  const counts = [0, 0, 0];
  const n = 40_000;
  for (let i = 0; i < n; i++) counts[categorical.sample(a, rng)]++;
  categorical.probs(a).forEach((p, i) => assert.ok(Math.abs(counts[i] / n - p) < 0.01, `category ${i}`));
  let sum = 0, sq = 0;
  for (let i = 0; i < n; i++) {
    const x = diagGaussian.sample([2], [Math.log(0.5)], rng)[0];
    sum += x;
    sq += x * x;
  }
  const mean = sum / n, std = Math.sqrt(sq / n - mean * mean);
  assert.ok(Math.abs(mean - 2) < 0.01 && Math.abs(std - 0.5) < 0.01, `${mean} ${std}`);
  assert.is(categorical.mode(a), 2);
  assert.equal(Array.from(diagGaussian.mode([1.5, -2])), [1.5, -2]);
  assert.ok(Math.abs(diagGaussian.logProb([0], [0], [0]) + 0.5 * Math.log(2 * Math.PI)) < 1e-12);
});

test.run();
