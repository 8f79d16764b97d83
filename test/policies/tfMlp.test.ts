import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { initMlp } from '../../src/algebra/mlp.js';
import type { MlpSpec } from '../../src/algebra/mlp.js';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { selectBackend } from '../../src/policies/backend.js';
import { denseTensors, tfMlpForward } from '../../src/policies/tfMlp.js';
import { withTensors } from '../../src/policies/tensorScope.js';

for (const backend of ['cpu', 'wasm'] as const) {
  test(`[${backend}] layers built from a Float32Array equal the slices of the same parameters as a tensor, bit for bit, and so do forward passes`, async () => {
    await selectBackend(backend);
    const spec: MlpSpec = { inputDim: 5, hiddenSizes: [7, 4], outputDim: 3, activation: 'tanh' };
    const rng = new Rng(rngStateFromSeed(3));
    const params = initMlp(spec, { outputGain: 1 }, rng);
    const x = Float32Array.from({ length: 6 * 5 }, () => rng.normal());
    const before = tf.memory().numTensors;
    withTensors(() => {
      const fromArray = denseTensors(spec, params), fromTensor = denseTensors(spec, tf.tensor1d(params));
      assert.is(fromArray.length, 3);
      fromArray.forEach((layer, l) => {
        assert.equal(layer.weight.shape, fromTensor[l].weight.shape);
        assert.equal(Array.from(layer.weight.dataSync()), Array.from(fromTensor[l].weight.dataSync()));
        assert.equal(Array.from(layer.bias.dataSync()), Array.from(fromTensor[l].bias.dataSync()));
      });
      const input = tf.tensor2d(x, [6, 5]);
      const a = tfMlpForward(spec, params, input), b = tfMlpForward(spec, tf.tensor1d(params), input);
      assert.equal(Array.from(a.output.dataSync()), Array.from(b.output.dataSync()));
      assert.is(a.weights.length, 3);
    });
    assert.is(tf.memory().numTensors, before, 'no tensor leaks');
  });
}

test.run();
