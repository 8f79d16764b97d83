// The dense layer's three products at a game run's shapes (2,048 rows, 1024 → 128: MinAtar's conv
// torso into its hidden layer): the forward X·W, and the backward Xᵀ·D and D·Wᵀ, each both ways
// tfjs offers: an explicit transpose then a plain matMul (what tfMlp.ts and tfConv.ts do), and the
// matMul transpose flag. On wasm only the plain form reaches XNNPACK; a flag takes a scalar loop.
// Each product is read back as one sum inside a tensor scope: reading a large typed array out of
// tf.tidy costs more than the product (tidy walks it element by element looking for tensors).
import * as tf from '@tensorflow/tfjs';
import { withTensors } from '../src/policies/tensorScope.js';
import { time } from './timing.js';

/** Records `dense products [2048,1024]·[1024,128]: …` rows (ms per product, median of 3 after a warm-up). */
export const benchDenseProducts = (record: (name: string, value: string) => void): void => {
  const rows = 2048, inputs = 1024, units = 128;
  const x = tf.randomNormal([rows, inputs]) as tf.Tensor2D, w = tf.randomNormal([inputs, units]) as tf.Tensor2D, d = tf.randomNormal([rows, units]) as tf.Tensor2D;
  const ms = (product: () => tf.Tensor): number => time(3, () => withTensors(() => tf.sum(product()).dataSync()));
  const name = `dense products [${rows},${inputs}]·[${inputs},${units}] (ms)`;
  record(`${name}: forward X·W`, ms(() => tf.matMul(x, w)).toFixed(1));
  record(`${name}: Xᵀ·D, transpose + matMul / transposeA flag`, `${ms(() => tf.matMul(tf.transpose(x), d)).toFixed(1)} / ${ms(() => tf.matMul(x, d, true, false)).toFixed(1)}`);
  record(`${name}: D·Wᵀ, transpose + matMul / transposeB flag`, `${ms(() => tf.matMul(d, tf.transpose(w))).toFixed(1)} / ${ms(() => tf.matMul(d, w, false, true)).toFixed(1)}`);
  tf.dispose([x, w, d]);
};
