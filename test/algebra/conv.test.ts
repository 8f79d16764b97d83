import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { ConvSpec } from '../../src/algebra/conv.js';
import { compileConv, convLayout, convParameterCount, convPatches } from '../../src/algebra/conv.js';
import { mlpLayout } from '../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';

test('convPatches: the transposed im2col matrix of a hand example', () => {
  // one 3×3 map, one channel, values 1…9; 2×2 windows at (0,0), (0,1), (1,0), (1,1)
  const patches = convPatches([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, [3, 3, 1], 2);
  assert.equal(Array.from(patches), [
    1, 2, 4, 5, // kernel entry (0, 0) of each window
    2, 3, 5, 6, // (0, 1)
    4, 5, 7, 8, // (1, 0)
    5, 6, 8, 9, // (1, 1)
  ]);
});

test('convPatches: entry ((di·k + dj)·c + ch, (row·h\' + i)·w\' + j) is input[row, i + di, j + dj, ch]', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (rows, h, w, c, k) => {
      fc.pre(k <= h && k <= w);
      const input = Float32Array.from({ length: rows * h * w * c }, (_, i) => i + 1);
      const patches = convPatches(input, rows, [h, w, c], k);
      const oh = h - k + 1, ow = w - k + 1, columns = rows * oh * ow;
      assert.is(patches.length, k * k * c * columns);
      for (let r = 0; r < rows; r++)
        for (let i = 0; i < oh; i++)
          for (let j = 0; j < ow; j++)
            for (let di = 0; di < k; di++)
              for (let dj = 0; dj < k; dj++)
                for (let ch = 0; ch < c; ch++)
                  assert.is(patches[((di * k + dj) * c + ch) * columns + (r * oh + i) * ow + j], input[((r * h + i + di) * w + j + dj) * c + ch]);
    }),
    { seed: 3, numRuns: 100 },
  );
});

// The textbook gather loop in float64: feature (i, j, o) = relu(b_o + Σ over (di, dj, ch) in that
// order of x[i + di, j + dj, ch] · K[di, dj, ch, o]), zero inputs skipped; then the dense part in
// input order. The compiled (scattering) pass must give these very bits: acting reproduces runs.
const referenceForward = (spec: ConvSpec, params: ArrayLike<number>, input: ArrayLike<number>, rows: number): Float64Array => {
  const { convs, denseOffset, dense } = convLayout(spec);
  let x = Float64Array.from(input);
  for (const layer of convs) {
    const [, w, c] = layer.input, [oh, ow, f] = layer.output, k = layer.kernel, size = layer.input[0] * w * c;
    const y = new Float64Array(rows * oh * ow * f);
    for (let r = 0; r < rows; r++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++)
          for (let o = 0; o < f; o++) {
            let a = params[layer.biasOffset + o];
            for (let di = 0; di < k; di++)
              for (let dj = 0; dj < k; dj++)
                for (let ch = 0; ch < c; ch++) {
                  const v = x[r * size + ((i + di) * w + j + dj) * c + ch];
                  if (v !== 0) a += v * params[layer.kernelOffset + ((di * k + dj) * c + ch) * f + o];
                }
            y[((r * oh + i) * ow + j) * f + o] = a > 0 ? a : 0;
          }
    x = y;
  }
  const layers = mlpLayout(dense);
  layers.forEach(({ inputDim: m, outputDim: n, weightOffset, biasOffset }, l) => {
    const y = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        let a = params[denseOffset + biasOffset + j];
        for (let i = 0; i < m; i++) if (x[r * m + i] !== 0) a += x[r * m + i] * params[denseOffset + weightOffset + i * n + j];
        y[r * n + j] = l === layers.length - 1 ? a : a > 0 ? a : 0;
      }
    x = y;
  });
  return x;
};

test('compileConv sums in the reference order, bit for bit, on sparse binary and dense real maps, one row or many', () => {
  const specArb = fc.record({
    inputShape: fc.tuple(fc.integer({ min: 3, max: 6 }), fc.integer({ min: 3, max: 6 }), fc.integer({ min: 1, max: 4 })),
    convLayers: fc.oneof(
      fc.tuple(fc.record({ filters: fc.integer({ min: 1, max: 5 }), kernel: fc.integer({ min: 1, max: 3 }) })),
      fc.tuple(fc.record({ filters: fc.integer({ min: 1, max: 3 }), kernel: fc.integer({ min: 1, max: 2 }) }), fc.record({ filters: fc.integer({ min: 1, max: 3 }), kernel: fc.integer({ min: 1, max: 2 }) })),
    ),
    hiddenSizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 0, maxLength: 2 }),
    outputDim: fc.integer({ min: 1, max: 4 }),
  });
  fc.assert(
    fc.property(specArb, fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.integer(), (spec, rows, binary, seed) => {
      const rng = new Rng(rngStateFromSeed(seed));
      const params = Float32Array.from({ length: convParameterCount(spec) }, () => rng.normal());
      const [h, w, c] = spec.inputShape;
      const input = Float32Array.from({ length: rows * h * w * c }, () => (binary ? (rng.uniform() < 0.1 ? 1 : 0) : rng.uniform() < 0.2 ? 0 : rng.normal()));
      const forward = compileConv(spec, params);
      const out = new Float64Array(rows * spec.outputDim);
      forward(input, rows, out);
      const expected = referenceForward(spec, params, input, rows);
      out.forEach((v, i) => assert.ok(Object.is(v, expected[i]), `output ${i}: ${v} vs ${expected[i]}`));
      // the same buffers, one row at a time: each row's output on its own
      const one = new Float64Array(spec.outputDim);
      for (let r = 0; r < rows; r++) {
        forward(input.subarray(r * h * w * c, (r + 1) * h * w * c), 1, one);
        one.forEach((v, k) => assert.ok(Object.is(v, expected[r * spec.outputDim + k]), `row ${r} alone, output ${k}`));
      }
    }),
    { seed: 5, numRuns: 200 },
  );
});

test.run();
