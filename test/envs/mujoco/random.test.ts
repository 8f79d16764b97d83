import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ResetRandom, resetRandomState } from '../../../src/envs/mujoco/random.js';

const draws = (random: ResetRandom, n: number): number[] => Array.from({ length: n }, () => random.nextDouble());

test('a seed gives the same stream every time; nearby seeds and the high 32 bits give other streams', () => {
  assert.equal(draws(new ResetRandom(resetRandomState(42)), 8), draws(new ResetRandom(resetRandomState(42)), 8));
  const streams = [0, 1, 2, 2 ** 32, 2 ** 32 + 1, -1, Number.MAX_SAFE_INTEGER].map((seed) => draws(new ResetRandom(resetRandomState(seed)), 2).join());
  assert.is(new Set(streams).size, streams.length);
  assert.throws(() => resetRandomState(0.5), RangeError);
  assert.throws(() => resetRandomState(2 ** 53), RangeError);
});

test('xoshiro128** from a given state (reference values of the published algorithm)', () => {
  // xoshiro128** with s = {1, 2, 3, 4}: the first outputs are 11520, 0, 5927040, 70819200
  const random = new ResetRandom([1, 2, 3, 4]);
  assert.equal([random.nextUint32(), random.nextUint32(), random.nextUint32(), random.nextUint32()], [11520, 0, 5927040, 70819200]);
  assert.throws(() => new ResetRandom([0, 0, 0, 0]), RangeError);
  assert.throws(() => new ResetRandom([1, 2, 3, 2 ** 32]), RangeError);
});

test('state() captures the stream: a generator built from it continues identically', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(50), (seed, skip) => {
      const random = new ResetRandom(resetRandomState(seed));
      draws(random, skip);
      const copy = new ResetRandom(random.state());
      return draws(copy, 5).join() === draws(random, 5).join();
    }),
  );
});

test('uniform(low, high) stays in [low, high); doubles in [0, 1) have mean 1/2', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: 1e-6, max: 10, noNaN: true }), (seed, scale) => {
      const random = new ResetRandom(resetRandomState(seed));
      for (let i = 0; i < 20; i++) {
        const u = random.uniform(-scale, scale);
        if (!(u >= -scale && u < scale)) return false;
      }
      return true;
    }),
  );
  const us = draws(new ResetRandom(resetRandomState(7)), 100000);
  const mean = us.reduce((a, b) => a + b, 0) / us.length;
  assert.ok(us.every((u) => u >= 0 && u < 1));
  assert.ok(Math.abs(mean - 0.5) < 0.005, `${mean}`);
});

test('standardNormal has mean 0, variance 1 and normal tails', () => {
  const random = new ResetRandom(resetRandomState(3));
  const n = 100000;
  const xs = Array.from({ length: n }, () => random.standardNormal());
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const beyond2 = xs.filter((x) => Math.abs(x) > 2).length / n; // 4.55 % for N(0, 1)
  assert.ok(Math.abs(mean) < 0.02 && Math.abs(variance - 1) < 0.02, `mean ${mean}, variance ${variance}`);
  assert.ok(Math.abs(beyond2 - 0.0455) < 0.004, `${beyond2}`);
  assert.ok(xs.every(Number.isFinite));
});

test.run();
