import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NumpyGenerator } from '../../src/envs/numpyRandom.js';
import { DEFAULT_SEED, resetGenerator, restoredGenerator } from '../../src/envs/seeding.js';

test('resetGenerator: a seed gives default_rng(seed), no seed keeps the current generator or seeds with 0', () => {
  // np.random.default_rng(42).random() = 0.7739560485559633
  assert.is(resetGenerator('X-v0', null, 42).nextDouble(), 0.7739560485559633);
  const current = new NumpyGenerator(5);
  assert.ok(resetGenerator('X-v0', current) === current);
  assert.ok(resetGenerator('X-v0', current, 5) !== current);
  assert.equal(resetGenerator('X-v0', null).snapshot(), new NumpyGenerator(DEFAULT_SEED).snapshot());
  for (const bad of [-1, 1.5, NaN, 2 ** 53]) assert.throws(() => resetGenerator('X-v0', null, bad), (e: unknown) => e instanceof RangeError && /X-v0: seed must be a non-negative integer/.test(e.message));
});

test('restoredGenerator continues a saved generator; null/undefined mean none; anything else throws', () => {
  const g = new NumpyGenerator(9);
  g.nextDouble();
  const copy = restoredGenerator('X-v0', JSON.parse(JSON.stringify(g.snapshot())));
  assert.is(copy?.nextDouble(), g.nextDouble());
  assert.is(restoredGenerator('X-v0', null), null);
  assert.is(restoredGenerator('X-v0', undefined), null);
  for (const bad of [[1, 2, 3, 4], { state: 1, inc: 2 }, 'abc'])
    assert.throws(() => restoredGenerator('X-v0', bad), (e: unknown) => e instanceof TypeError && /X-v0: snapshot random must be a NumPy generator state/.test(e.message));
});

test.run();
