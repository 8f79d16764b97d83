import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { emptyStats, updateStats } from '../../src/algebra/runningStats.js';
import { selectBackend } from '../../src/policies/backend.js';
import type { NetworkSpec } from '../../src/policies/networkSpec.js';
import { plainNetworkOf } from '../../src/policies/networkSpec.js';
import { denormalizeValues, normalizeValues, predictValues, valueRegression } from '../../src/policies/valueFunction.js';

for (const backend of ['cpu', 'wasm'] as const) {
  for (const activation of ['tanh', 'relu'] as const) {
    test(`[${backend}] value MSE and its gradient over a minibatch (hand-written backward) match the TS forward and finite differences; predictions match the TS forward (${activation})`, async () => {
      await selectBackend(backend);
      const spec: NetworkSpec = { kind: 'mlp', inputDim: 3, hiddenSizes: [6, 5], outputDim: 1, activation };
      const network = plainNetworkOf(spec);
      const rng = new Rng(rngStateFromSeed(21));
      const params = network.init({ outputGain: 1 }, rng);
      const rows = 16;
      const x = Float32Array.from({ length: rows * 3 }, () => rng.normal());
      const y = Float64Array.from({ length: rows }, () => rng.normal());
      const before = tf.memory().numTensors;
      const regression = valueRegression(spec, x, y, rows);
      const minibatch = Int32Array.of(3, 0, 7, 7, 12, 5, 15); // shuffled, one row twice
      const gradient = regression.gradient(params, minibatch);
      const loss = regression.loss(params);
      const squaredErrors = (p: ArrayLike<number>) => {
        const out = new Float64Array(rows);
        network.compile(p)(x, rows, out);
        return out.map((v, i) => (v - y[i]) ** 2);
      };
      const allRows = (p: ArrayLike<number>) => squaredErrors(p).reduce((s, e) => s + e, 0) / rows;
      const mse = (p: ArrayLike<number>) => {
        const errors = squaredErrors(p);
        return minibatch.reduce((s, r) => s + errors[r], 0) / minibatch.length;
      };
      assert.ok(Math.abs(loss - allRows(params)) < 1e-5 * Math.max(1, loss));
      const dir = Float64Array.from(params, () => rng.normal());
      const eps = 1e-5;
      const fd = (mse(Float64Array.from(params, (p, i) => p + eps * dir[i])) - mse(Float64Array.from(params, (p, i) => p - eps * dir[i]))) / (2 * eps);
      const analytic = gradient.reduce((s, g, i) => s + g * dir[i], 0);
      assert.ok(Math.abs(fd - analytic) < 1e-3 * Math.max(1, Math.abs(fd)), `${fd} vs ${analytic}`);
      regression.dispose();
      const predicted = predictValues(spec, params, x, rows);
      const reference = new Float64Array(rows);
      network.compile(params)(x, rows, reference);
      predicted.forEach((v, i) => assert.ok(Math.abs(v - reference[i]) < 1e-5, `row ${i}`));
      assert.is(tf.memory().numTensors, before);
    });
  }
}

test('target normalization round-trips', () => {
  const stats = updateStats(emptyStats(1), [10, 20, 30, 40]);
  const values = Float64Array.of(5, 25, 100);
  const back = denormalizeValues(stats, normalizeValues(stats, values));
  back.forEach((v, i) => assert.ok(Math.abs(v - values[i]) < 1e-9));
  assert.equal(Array.from(normalizeValues(null, values)), Array.from(values));
});

test.run();
