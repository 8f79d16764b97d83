import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { NumpyGenerator, PCG64_MULTIPLIER, seedSequenceState, uint32Words } from '../../src/envs/numpyRandom.js';

// Reference values printed by NumPy 2.4.6 (SeedSequence and PCG64 are unchanged since NumPy 1.17):
//   np.random.SeedSequence(s).generate_state(8, np.uint32)
//   np.random.default_rng(s).bit_generator.state['state'] -> {'state', 'inc'}
//   np.random.default_rng(s).bit_generator.random_raw(3)
const vectors = [
  {
    seed: 0n,
    words: [0xb0f478be, 0xdb2cd7e7, 0x2c71ba49, 0xabf4641a, 0x9d7b8d41, 0x20c6ed6d, 0x223c39d4, 0x2c4099de],
    state: '1aa1b5345996452d09585eb7a69561e3',
    inc: '418ddadb3af71a82588133bc447873a9',
    raw: [0xa30febcfd9c2825fn, 0x4510bdf882d9d721n, 0xa7d3da94ecde8b8n],
  },
  {
    seed: 42n,
    words: [0xcd540ab7, 0x9f1e2e6d, 0x79fb94b6, 0xd57873dc, 0x64d420b7, 0x7d282a1b, 0x4692d5ff, 0x33657971],
    state: 'cea44f6798798f2aacbc7c9d68860ac8',
    inc: 'fa505436c9a8416e66caf2e28d25abff',
    raw: [0xc621fbcd16d92688n, 0x705a5661a791ffc1n, 0xdbcd12c26eda1624n],
  },
  {
    seed: 2n ** 32n + 5n, // two entropy words
    words: [0xe249d9ac, 0xf9c15bd6, 0x36320ed7, 0xb2021b40, 0xe6dcf739, 0x9388b47f, 0xad6439e1, 0x5eeba8d9],
    state: '2931d0c6dbee79bfece8058fe085a345',
    inc: '271168ffcdb9ee72bdd751b35ac873c3',
    raw: [0xc6323ec321deb8d1n, 0x78814821c73a0583n, 0xb22536d8e0ec17c0n],
  },
  {
    seed: 2n ** 130n + 3n, // five entropy words: more than the pool holds
    words: [0xaf65bea7, 0xeb069f5, 0x9d6338c5, 0xfc050c90, 0x983b1389, 0x766104a4, 0x44cd81a, 0x466d47d8],
    state: '41b9edd7c8a51f7b9980ee82badcb797',
    inc: 'ecc20949307627128cda8fb00899b035',
    raw: null,
  },
] as const;

test('SeedSequence.generate_state matches NumPy word for word', () => {
  for (const v of vectors) assert.equal(Array.from(seedSequenceState(v.seed, 8)), [...v.words], `seed ${v.seed}`);
  // generate_state(4) is a prefix of generate_state(8)
  assert.equal(Array.from(seedSequenceState(0, 4)), [...vectors[0].words.slice(0, 4)]);
});

test('default_rng(seed) has NumPy PCG64 state and increment, and the same raw outputs', () => {
  for (const v of vectors) {
    const g = new NumpyGenerator(v.seed);
    assert.equal(g.snapshot(), { state: v.state, inc: v.inc }, `seed ${v.seed}`);
    if (v.raw) assert.equal([g.nextUint64(), g.nextUint64(), g.nextUint64()], [...v.raw]);
  }
  assert.is(new NumpyGenerator(0).snapshot().state, new NumpyGenerator(0n).snapshot().state);
});

test('random() and uniform() are NumPy next_double and low + (high − low)·u', () => {
  // np.random.default_rng(s).random(), then .uniform(-0.05, 0.05), then .uniform([-π, -1], [π, 1])
  const cases = [
    [0, 0.6369616873214543, -0.02302132862361297, [-2.8841484100105235, -0.9669447289429418]],
    [1, 0.5118216247002567, 0.045046369632593536, [-2.2358110930610913, 0.8972988942744877]],
    [42, 0.7739560485559633, -0.006112156024794771, [2.2531371815723604, 0.3947360581187278]],
  ] as const;
  for (const [seed, random, uniform, pair] of cases) {
    const g = new NumpyGenerator(seed);
    assert.is(g.nextDouble(), random);
    assert.is(g.uniform(-0.05, 0.05), uniform);
    assert.equal([g.uniform(-Math.PI, Math.PI), g.uniform(-1, 1)], [...pair]);
  }
  // default_rng(7).random(1000)[[0, 1, 999]] and the state after the 1000 draws
  const g = new NumpyGenerator(7);
  const draws = Array.from({ length: 1000 }, () => g.nextDouble());
  assert.equal([draws[0], draws[1], draws[999]], [0.625095466604667, 0.8972138009695755, 0.20272320262916632]);
  assert.equal(g.snapshot(), { state: '7dfeb913edd5c36aca9fa0a8f4271610', inc: 'c4751896ce8acebf66887f5ac070d959' });
});

test('constants: PCG64 multiplier and entropy words as NumPy has them', () => {
  // numpy/random/src/pcg64/pcg64.h: PCG_DEFAULT_MULTIPLIER_HIGH/LOW
  assert.is(PCG64_MULTIPLIER, 0x2360ed051fc65da44385df649fccf645n);
  assert.equal(uint32Words(0), [0]);
  assert.equal(uint32Words(2n ** 32n + 5n), [5, 1]);
  assert.throws(() => uint32Words(-1), /non-negative/);
});

test('snapshot → new generator continues the same stream; draws lie in [0, 1)', () => {
  fc.assert(
    fc.property(fc.nat({ max: 2 ** 31 }), fc.nat({ max: 50 }), (seed, skip) => {
      const g = new NumpyGenerator(seed);
      for (let i = 0; i < skip; i++) g.nextUint64();
      const copy = new NumpyGenerator(JSON.parse(JSON.stringify(g.snapshot())));
      for (let i = 0; i < 5; i++) {
        const u = g.nextDouble();
        assert.is(copy.nextDouble(), u);
        assert.ok(u >= 0 && u < 1);
      }
    }),
    { seed: 6 },
  );
});

test('bad seeds and states are refused', () => {
  assert.throws(() => new NumpyGenerator(-1), /non-negative integer/);
  assert.throws(() => new NumpyGenerator(0.5), /non-negative integer/);
  assert.throws(() => new NumpyGenerator({ state: 'xyz', inc: '1' }), /hex strings/);
  assert.throws(() => new NumpyGenerator(0).uniform(-Infinity, 0), /finite/);
});

test.run();
