import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng, rngStateFromSeed, splitRng } from '../../src/algebra/rng.js';

const draws = (r: Rng, n: number) => Array.from({ length: n }, () => r.nextUint32());

test('same seed, same stream; different seeds, different streams', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (a, b) => {
      assert.equal(draws(new Rng(rngStateFromSeed(a)), 8), draws(new Rng(rngStateFromSeed(a)), 8));
      if (a !== b) assert.not.equal(draws(new Rng(rngStateFromSeed(a)), 8), draws(new Rng(rngStateFromSeed(b)), 8));
    }),
    { seed: 12 },
  );
  assert.throws(() => rngStateFromSeed(1.5), /integer/);
});

test('state() round-trips: a restored generator continues the same sequence', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 0, max: 50 }), (seed, skip) => {
      const r = new Rng(rngStateFromSeed(seed));
      for (let i = 0; i < skip; i++) r.normal();
      const copy = new Rng(r.state());
      assert.equal([r.uniform(), r.normal(), r.int(7)], [copy.uniform(), copy.normal(), copy.int(7)]);
    }),
    { seed: 13 },
  );
});

test('splitRng is pure, and children differ from each other and from the parent', () => {
  const parent = rngStateFromSeed(42);
  const kids = splitRng(parent, 4);
  assert.equal(kids, splitRng(parent, 4));
  const streams = [parent, ...kids].map((s) => draws(new Rng(s), 4).join(','));
  assert.is(new Set(streams).size, 5);
});

test('uniform in [0, 1), int in range and unbiased enough, normal moments', () => {
  const r = new Rng(rngStateFromSeed(14));
  const n = 50_000;
  let sum = 0, sq = 0, lo = 1, hi = 0;
  const counts = new Array(5).fill(0);
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
    counts[r.int(5)]++;
    const z = r.normal();
    sum += z;
    sq += z * z;
  }
  assert.ok(lo >= 0 && hi < 1);
  counts.forEach((c) => assert.ok(Math.abs(c / n - 0.2) < 0.01));
  assert.ok(Math.abs(sum / n) < 0.02 && Math.abs(sq / n - 1) < 0.03);
});

test.run();
