import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { compileMlp, initMlp, mlpForward, mlpLayout, mlpParameterCount } from '../../src/algebra/mlp.js';
import type { MlpSpec } from '../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';

const spec: MlpSpec = { inputDim: 3, hiddenSizes: [5, 4], outputDim: 2, activation: 'tanh' };

test('layout: weights [in, out] row-major then bias, layer after layer', () => {
  assert.is(mlpParameterCount(spec), 3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2);
  assert.equal(mlpLayout(spec).map((l) => [l.weightOffset, l.biasOffset]), [[0, 15], [20, 40], [44, 52]]);
});

test('orthogonal init: hidden columns orthonormal × √2, output gain as asked, zero biases', () => {
  const p = initMlp({ ...spec, hiddenSizes: [5] }, { outputGain: 0.01 }, new Rng(rngStateFromSeed(0)));
  // first layer [3, 5]: rows (3 vectors of length 5) orthonormal, scaled by √2
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 3; b++) {
      let dot = 0;
      for (let j = 0; j < 5; j++) dot += p[a * 5 + j] * p[b * 5 + j];
      assert.ok(Math.abs(dot - (a === b ? 2 : 0)) < 1e-5, `rows ${a},${b}: ${dot}`);
    }
  for (let j = 15; j < 20; j++) assert.is(p[j], 0);
});

test('forward pass equals a hand computation; compiled and one-shot passes agree', () => {
  const tiny: MlpSpec = { inputDim: 2, hiddenSizes: [2], outputDim: 1, activation: 'relu' };
  // W1 = [[1, -1], [2, 0.5]], b1 = [0.5, -3], W2 = [[2], [-1]], b2 = [0.25]
  const params = Float32Array.of(1, -1, 2, 0.5, 0.5, -3, 2, -1, 0.25);
  const out = new Float64Array(2);
  mlpForward(tiny, params, [1, 1, -1, 2], 2, out);
  // row 1: z = [1+2+0.5, -1+0.5-3] = [3.5, -3.5] → relu [3.5, 0] → 7.25
  // row 2: z = [-1+4+0.5, 1+1-3] = [3.5, -1] → relu [3.5, 0] → 7.25
  assert.equal(Array.from(out), [7.25, 7.25]);
  const p = initMlp(spec, { outputGain: 1 }, new Rng(rngStateFromSeed(1)));
  const x = Float32Array.from({ length: 9 }, (_, i) => Math.sin(i));
  const a = new Float64Array(6), b = new Float64Array(6);
  mlpForward(spec, p, x, 3, a);
  const f = compileMlp(spec, p);
  f(x.subarray(0, 3), 1, b); // a smaller call first, then the full one reuses grown buffers
  f(x, 3, b);
  assert.equal(Array.from(a), Array.from(b));
});

// The textbook loop, in float64: out_j = act(b_j + x_0 w_0j + x_1 w_1j + …), terms in input order,
// zero inputs skipped. The compiled pass must give these very bits (acting reproduces runs exactly).
const referenceForward = (s: MlpSpec, params: ArrayLike<number>, input: ArrayLike<number>, rows: number): Float64Array => {
  const layers = mlpLayout(s);
  let x = Float64Array.from(input);
  layers.forEach(({ inputDim: m, outputDim: n, weightOffset: wo, biasOffset: bo }, l) => {
    const y = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        let acc = params[bo + j];
        for (let i = 0; i < m; i++) if (x[r * m + i] !== 0) acc += x[r * m + i] * params[wo + i * n + j];
        y[r * n + j] = l === layers.length - 1 ? acc : s.activation === 'relu' ? Math.max(acc, 0) : Math.tanh(acc);
      }
    x = y;
  });
  return x;
};

test('the compiled pass sums in the reference order, bit for bit, for any widths, activation and zero inputs', () => {
  const specArb = fc.record({
    inputDim: fc.integer({ min: 1, max: 9 }),
    hiddenSizes: fc.array(fc.integer({ min: 1, max: 11 }), { minLength: 0, maxLength: 3 }),
    outputDim: fc.integer({ min: 1, max: 6 }),
    activation: fc.constantFrom('tanh' as const, 'relu' as const),
  });
  fc.assert(
    fc.property(specArb, fc.integer({ min: 1, max: 5 }), fc.integer(), (s, rows, seed) => {
      const rng = new Rng(rngStateFromSeed(seed));
      const params = Float32Array.from({ length: mlpParameterCount(s) }, () => rng.normal());
      const input = Float32Array.from({ length: rows * s.inputDim }, () => (rng.uniform() < 0.2 ? 0 : 3 * rng.normal()));
      const out = new Float64Array(rows * s.outputDim);
      compileMlp(s, params)(input, rows, out);
      const expected = referenceForward(s, params, input, rows);
      out.forEach((v, i) => assert.ok(Object.is(v, expected[i]), `output ${i}: ${v} vs ${expected[i]}`));
    }),
    { seed: 11, numRuns: 200 },
  );
});

test.run();
