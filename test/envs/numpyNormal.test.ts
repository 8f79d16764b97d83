import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ZIGGURAT_LEVELS, ZIGGURAT_R, ZIGGURAT_V, standardNormal, zigguratTables } from '../../src/envs/numpyNormal.js';
import { NumpyGenerator } from '../../src/envs/numpyRandom.js';

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);
const M52 = 2 ** 52;

// Reference values printed by NumPy 2.4.6:
//   g = np.random.default_rng(s); z = g.standard_normal(3000)
//   z[:4], the draws beyond r (the tail branch), hex(g.bit_generator.state['state']['state'])
const vectors = [
  {
    seed: 0,
    first: [0.1257302210933933, -0.1321048632913019, 0.6404226504432821, 0.10490011715303971],
    tail: [[303, -3.772275156122734], [478, -3.899421730054339]],
    stateAfter: 'e5befbc4d6455b85b0d44c300e14c2ff',
  },
  {
    seed: 7,
    first: [0.0012301533574825742, 0.2987455375084699, -0.2741378553622176, -0.8905918387572742],
    tail: [[2311, -3.661081810206792]],
    stateAfter: 'adc6a669bf9054422d2bb99ba978a7ba',
  },
] as const;

test('standard_normal consumes the stream as NumPy does and agrees with its values to 2.5e-14', () => {
  for (const v of vectors) {
    const g = new NumpyGenerator(v.seed);
    const zs = Array.from({ length: 3000 }, () => standardNormal(g));
    // every accept/reject decision (fast path, wedge, tail) matched, or the PCG64 state would differ
    assert.is(g.snapshot().state, v.stateAfter, `seed ${v.seed}`);
    v.first.forEach((want, i) => assert.ok(relErr(zs[i], want) < 2.5e-14, `seed ${v.seed} draw ${i}: ${zs[i]}, want ${want}`));
    for (const [i, want] of v.tail) assert.ok(relErr(zs[i], want) < 2.5e-14, `seed ${v.seed} tail draw ${i}: ${zs[i]}, want ${want}`);
    assert.equal(zs.map((z, i) => (Math.abs(z) > ZIGGURAT_R ? i : -1)).filter((i) => i >= 0), v.tail.map(([i]) => i));
  }
  // the NumpyGenerator method is the same draw
  assert.is(new NumpyGenerator(0).standardNormal(), standardNormal(new NumpyGenerator(0)));
});

test('ziggurat tables: r and v from the 256-level constants, every strip of area v', () => {
  const { k, w, f } = zigguratTables();
  assert.is(k.length, ZIGGURAT_LEVELS);
  // v = r·exp(−r²/2) + ∫_r^∞ exp(−x²/2) dx (mpmath, 40 digits: 0.004928673233974654931590913431847148883305)
  assert.is(ZIGGURAT_V, 0.004928673233974654931590913431847148883305);
  assert.is(w[ZIGGURAT_LEVELS - 1] * M52, ZIGGURAT_R);
  assert.is(f[0], 1);
  assert.is(f[ZIGGURAT_LEVELS - 1], Math.exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R));
  assert.is(k[1], 0);
  for (let i = 1; i < ZIGGURAT_LEVELS - 1; i++) {
    const inner = w[i] * M52, outer = w[i + 1] * M52;
    assert.ok(inner < outer && f[i] > f[i + 1], `edges and densities are monotone at ${i}`);
    // strip i+1 spans x ∈ [0, outer] between the densities at outer and inner
    assert.ok(relErr(outer * (f[i] - f[i + 1]), ZIGGURAT_V) < 1e-12, `strip ${i + 1} area`);
    assert.is(f[i], Math.exp(-0.5 * inner * inner));
    assert.is(k[i + 1], Math.floor((inner / outer) * M52));
    assert.ok(Number.isInteger(k[i + 1]) && k[i + 1] < M52);
  }
  // base strip: the rectangle up to r plus the tail, of area v in total
  assert.ok(relErr(w[0] * M52 * Math.exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R), ZIGGURAT_V) < 1e-15);
});

test('standard_normal draws have mean 0, variance 1 and normal tails; snapshots continue the stream', () => {
  const g = new NumpyGenerator(3);
  const n = 100000;
  const xs = Array.from({ length: n }, () => standardNormal(g));
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const beyond2 = xs.filter((x) => Math.abs(x) > 2).length / n; // 4.55 % for N(0, 1)
  assert.ok(Math.abs(mean) < 0.02 && Math.abs(variance - 1) < 0.02, `mean ${mean}, variance ${variance}`);
  assert.ok(Math.abs(beyond2 - 0.0455) < 0.004, `${beyond2}`);
  assert.ok(xs.every(Number.isFinite));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(30), (seed, skip) => {
      const a = new NumpyGenerator(seed);
      for (let i = 0; i < skip; i++) standardNormal(a);
      const b = new NumpyGenerator(a.snapshot());
      return Array.from({ length: 5 }, () => standardNormal(a)).join() === Array.from({ length: 5 }, () => standardNormal(b)).join();
    }),
    { numRuns: 50 },
  );
});

test.run();
