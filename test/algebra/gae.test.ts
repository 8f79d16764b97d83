import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { discountedReturns, gae, normalizeAdvantages } from '../../src/algebra/gae.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-9) =>
  Array.from(a).forEach((x, i) => assert.ok(Math.abs(x - b[i]) <= tol * Math.max(1, Math.abs(b[i])), `index ${i}: ${x} vs ${b[i]}`));

/** A random batch of T steps × E envs with episode ends sprinkled in. */
const batchArb = fc.record({
  envs: fc.integer({ min: 1, max: 3 }),
  steps: fc.integer({ min: 1, max: 12 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  gamma: fc.double({ min: 0, max: 1, noNaN: true }),
}).map(({ envs, steps, seed, gamma }) => {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const n = envs * steps;
  const ends = Array.from({ length: n }, () => rand());
  return {
    gamma,
    input: {
      numEnvs: envs,
      rewards: Float64Array.from({ length: n }, () => rand() * 2 - 1),
      values: Float64Array.from({ length: n }, () => rand() * 4 - 2),
      terminated: Uint8Array.from(ends, (e) => (e < 0.15 ? 1 : 0)),
      truncated: Uint8Array.from(ends, (e) => (e >= 0.15 && e < 0.25 ? 1 : 0)),
      finalValues: Float64Array.from({ length: n }, () => rand() * 4 - 2),
      bootstrapValues: Float64Array.from({ length: envs }, () => rand() * 4 - 2),
    },
  };
});

/** Discounted return of each row by walking each env's episode segments forward. */
const bootstrappedReturns = (b: ReturnType<typeof batchArb.generate> extends never ? never : { gamma: number; input: Parameters<ReturnType<typeof gae>>[0] }) => {
  const { numEnvs, rewards, terminated, truncated, finalValues, bootstrapValues } = b.input;
  const steps = rewards.length / numEnvs, out = new Float64Array(rewards.length);
  for (let e = 0; e < numEnvs; e++) {
    let start = 0;
    for (let t = 0; t < steps; t++) {
      const i = t * numEnvs + e;
      const end = terminated[i] || truncated[i] || t === steps - 1;
      if (!end) continue;
      const bootstrap = terminated[i] ? 0 : truncated[i] ? finalValues[i] : bootstrapValues[e];
      const seg = Array.from({ length: t - start + 1 }, (_, k) => rewards[(start + k) * numEnvs + e]);
      discountedReturns(seg, b.gamma, bootstrap).forEach((r, k) => (out[(start + k) * numEnvs + e] = r));
      start = t + 1;
    }
  }
  return out;
};

test('λ = 1: advantages are discounted returns (bootstrapped per episode end) minus values', () => {
  fc.assert(
    fc.property(batchArb, (b) => {
      const { advantages, returns } = gae({ gamma: b.gamma, lambda: 1 })(b.input);
      const expected = bootstrappedReturns(b);
      close(returns, expected);
      close(advantages, expected.map((r, i) => r - b.input.values[i]));
    }),
    { seed: 3, numRuns: 300 },
  );
});

test('λ = 0: advantages are one-step TD errors; terminated steps do not bootstrap, truncated ones use the final value', () => {
  fc.assert(
    fc.property(batchArb, (b) => {
      const { numEnvs, rewards, values, terminated, truncated, finalValues, bootstrapValues } = b.input;
      const { advantages } = gae({ gamma: b.gamma, lambda: 0 })(b.input);
      const steps = rewards.length / numEnvs;
      const expected = rewards.map((r, i) => {
        const t = Math.floor(i / numEnvs), e = i % numEnvs;
        const next = terminated[i] ? 0 : truncated[i] ? finalValues[i] : t === steps - 1 ? bootstrapValues[e] : values[i + numEnvs];
        return r + b.gamma * next - values[i];
      });
      close(advantages, expected);
    }),
    { seed: 4, numRuns: 300 },
  );
});

test('a truncated episode differs from a terminated one by γ·V(final observation)', () => {
  const base = { numEnvs: 1, rewards: Float64Array.of(1, 1), values: Float64Array.of(0, 0), finalValues: Float64Array.of(0, 10), bootstrapValues: Float64Array.of(0) };
  const terminated = gae({ gamma: 0.9, lambda: 0.95 })({ ...base, terminated: Uint8Array.of(0, 1), truncated: Uint8Array.of(0, 0) });
  const truncated = gae({ gamma: 0.9, lambda: 0.95 })({ ...base, terminated: Uint8Array.of(0, 0), truncated: Uint8Array.of(0, 1) });
  assert.ok(Math.abs(truncated.advantages[1] - terminated.advantages[1] - 9) < 1e-12);
});

test('shape errors are reported', () => {
  assert.throws(() => gae({ gamma: 1, lambda: 1 })({ numEnvs: 2, rewards: new Float64Array(3), values: new Float64Array(3), terminated: new Uint8Array(3), truncated: new Uint8Array(3), finalValues: new Float64Array(3), bootstrapValues: new Float64Array(2) }), /3 rows do not split into 2 envs/);
});

test('normalizeAdvantages gives mean 0 and std 1', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 50 }), (xs) => {
      fc.pre(new Set(xs).size > 1 && Math.max(...xs) - Math.min(...xs) > 0.1);
      const z = normalizeAdvantages(Float64Array.from(xs));
      const mean = z.reduce((a, b) => a + b, 0) / z.length;
      const std = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
      assert.ok(Math.abs(mean) < 1e-9 && Math.abs(std - 1) < 1e-6);
    }),
    { seed: 5 },
  );
});

test.run();
