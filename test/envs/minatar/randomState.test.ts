import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { MT_STATE_WORDS, RandomState, isRandomStateSeed } from '../../../src/envs/minatar/randomState.js';

// Reference values printed by NumPy 2.4.6 (legacy RandomState, unchanged since NumPy 1.x):
//   np.random.RandomState(0).randint(0, 2**32, size=5, dtype=np.uint64)  (a full 32-bit range: raw outputs)
//   np.random.RandomState(0).rand(), ...
test('raw outputs of RandomState(0) are MT19937 genrand_int32 with init_genrand seeding', () => {
  const random = new RandomState(0);
  assert.equal(Array.from({ length: 5 }, () => random.nextUint32()), [0x8c7f0aac, 0x97c4aa2f, 0xb716a675, 0xd821ccc0, 0x9a4eb343]);
});

test('the seeded key before the first twist: np.random.RandomState(1).get_state()[1]', () => {
  const key = new RandomState(1).snapshot();
  assert.equal(key.key.slice(0, 3), [1, 1812433254, 3713160357]);
  assert.is(key.key[MT_STATE_WORDS - 1], 2069268389);
  assert.is(key.pos, MT_STATE_WORDS, 'the first draw twists');
});

test('rand() is NumPy random_sample: 53 bits from two outputs', () => {
  const random = new RandomState(0);
  assert.is(random.rand(), 0.5488135039273248);
  assert.is(random.rand(), 0.7151893663724195);
  assert.is(new RandomState(4294967295).rand(), 0.0976320289940138);
  // 400 doubles = 800 outputs: across the second twist; np.random.RandomState(0) after rand(400)
  const long = new RandomState(0);
  for (let i = 0; i < 400; i++) long.rand();
  assert.is(long.rand(), 0.4012595008036087);
  assert.is(long.snapshot().pos, 178);
});

test('randint is the legacy masked rejection sampler: MinAtar draw sequences', () => {
  // r = np.random.RandomState(0); r.randint(2), r.randint(1, 6, 8), r.randint(1, 9), r.randint(7)
  const random = new RandomState(0);
  assert.is(random.randint(2), 0);
  assert.equal(Array.from({ length: 8 }, () => random.randint(1, 6)), [1, 4, 4, 4, 2, 4, 3, 5]);
  assert.is(random.randint(1, 9), 8);
  assert.is(random.randint(7), 6);
  // np.random.RandomState(12345).randint(0, 1000, 5)
  const other = new RandomState(12345);
  assert.equal(Array.from({ length: 5 }, () => other.randint(0, 1000)), [482, 485, 285, 129, 420]);
});

test('randint over one value draws nothing', () => {
  const random = new RandomState(3);
  random.rand();
  const before = random.snapshot();
  assert.is(random.randint(1), 0);
  assert.is(random.randint(5, 6), 5);
  assert.equal(random.snapshot(), before);
});

test('seeds: integers in [0, 2**32 - 1] only (NumPy raises on others)', () => {
  for (const seed of [-1, 2 ** 32, 0.5, Number.NaN]) {
    assert.not.ok(isRandomStateSeed(seed));
    assert.throws(() => new RandomState(seed), RangeError);
  }
  assert.ok(isRandomStateSeed(0) && isRandomStateSeed(2 ** 32 - 1));
});

test('snapshot/restore and writeTo/readFrom continue the stream exactly (property)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.nat(1500), (seed, draws) => {
    const random = new RandomState(seed);
    for (let i = 0; i < draws; i++) random.nextUint32();
    const copy = new RandomState(0);
    copy.restore(JSON.parse(JSON.stringify(random.snapshot())));
    const flat = new Float64Array(MT_STATE_WORDS + 1);
    random.writeTo(flat, 0);
    const copy2 = new RandomState(0);
    copy2.readFrom(flat, 0);
    for (let i = 0; i < 700; i++) {
      const want = random.nextUint32();
      if (copy.nextUint32() !== want || copy2.nextUint32() !== want) return false;
    }
    return true;
  }), { numRuns: 30 });
});

test('a malformed snapshot is refused', () => {
  const random = new RandomState(0);
  assert.throws(() => random.restore({ key: [1, 2, 3], pos: 0 }), /624 words/);
  assert.throws(() => random.restore({ key: new Array(624).fill(0), pos: 625 }), /pos/);
  assert.throws(() => random.restore({ key: new Array(624).fill(-1), pos: 0 }), /uint32/);
});

test.run();
