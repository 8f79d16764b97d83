import * as tf from '@tensorflow/tfjs';
import type { MlpSpec } from '../algebra/mlp.js';
import { tfMlpForward } from './tfMlp.js';
import { disposeTensors, keepTensors, withTensors } from './tensorScope.js';

/** V(s) of each row of `observations` `[rows, inputDim]` through tfjs, as float64 `[rows]`. */
export const predictValues = (spec: MlpSpec, params: Float32Array, observations: Float32Array, rows: number): Float64Array =>
  withTensors(() => {
    if (rows === 0) return new Float64Array(0);
    const out = tfMlpForward(spec, tf.tensor1d(params), tf.tensor2d(observations, [rows, spec.inputDim])).output;
    return Float64Array.from(out.dataSync());
  });

/**
 * Regression data for a value network held as tensors: minibatch losses and gradients of the mean
 * squared error without copying the observations again. Dispose when done.
 */
export interface ValueRegression {
  /** Mean squared error over `rows` and its gradient with respect to the flat parameters. */
  lossAndGradient(params: Float32Array, rows: Int32Array): { readonly loss: number; readonly gradient: Float64Array };
  /** Mean squared error over all rows. */
  loss(params: Float32Array): number;
  dispose(): void;
}

/** Holds `observations` `[rows, inputDim]` and `targets` `[rows]` for fitting `spec`. */
export const valueRegression = (spec: MlpSpec, observations: Float32Array, targets: ArrayLike<number>, rows: number): ValueRegression => {
  const held = keepTensors(() => ({
    x: tf.tensor2d(observations, [rows, spec.inputDim]),
    y: tf.tensor2d(Float32Array.from(targets), [rows, 1]),
  }));
  const mse = (theta: tf.Tensor1D, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => tf.mean(tf.squaredDifference(tfMlpForward(spec, theta, x).output, y));
  return {
    lossAndGradient: (params, indices) =>
      withTensors(() => {
        const idx = tf.tensor1d(indices, 'int32');
        const x = tf.gather(held.x, idx) as tf.Tensor2D, y = tf.gather(held.y, idx) as tf.Tensor2D;
        const { value, grad } = tf.valueAndGrad((theta: tf.Tensor) => mse(theta as tf.Tensor1D, x, y))(tf.tensor1d(params));
        return { loss: value.dataSync()[0], gradient: Float64Array.from(grad.dataSync()) };
      }),
    loss: (params) => withTensors(() => mse(tf.tensor1d(params), held.x, held.y).dataSync()[0]),
    dispose: () => disposeTensors(held),
  };
};
