import { test } from 'uvu';
import * as assert from 'uvu/assert';
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

test.run();
