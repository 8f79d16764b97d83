import * as tf from '@tensorflow/tfjs';
import type { RunningStats } from '../algebra/runningStats.js';
import { gatherRows } from '../algebra/rows.js';
import { networkOf } from './network.js';
import type { NetworkSpec } from './networkSpec.js';
import { disposeTensors, keepTensors, withTensors } from './tensorScope.js';

/** Network outputs in standardized units back to values: mean + std · z, in place (identity without stats). */
export const denormalizeValues = (stats: RunningStats | null, z: Float64Array): Float64Array => {
  if (!stats || stats.count === 0) return z;
  const mean = stats.mean[0], std = Math.sqrt(stats.m2[0] / stats.count + 1e-8);
  for (let i = 0; i < z.length; i++) z[i] = mean + std * z[i];
  return z;
};

/** Values to the network's standardized units: (v − mean) / std (a copy; identity without stats). */
export const normalizeValues = (stats: RunningStats | null, values: ArrayLike<number>): Float64Array => {
  const out = Float64Array.from(values);
  if (!stats || stats.count === 0) return out;
  const mean = stats.mean[0], std = Math.sqrt(stats.m2[0] / stats.count + 1e-8);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] - mean) / std;
  return out;
};

/** V(s) of each row of `observations` `[rows, inputDim]` through tfjs, as float64 `[rows]`. */
export const predictValues = (spec: NetworkSpec, params: Float32Array, observations: Float32Array, rows: number): Float64Array =>
  withTensors(() => {
    if (rows === 0) return new Float64Array(0);
    const network = networkOf(spec);
    const out = network.forward(params, tf.tensor2d(observations, [rows, network.inputDim]));
    return Float64Array.from(out.dataSync());
  });

/**
 * Regression data for a value network held as tensors: minibatch losses and gradients of the mean
 * squared error without copying the observations again. Dispose when done.
 */
export interface ValueRegression {
  /** Gradient of the mean squared error over `rows` (indices, repeats allowed) with respect to the flat parameters. */
  gradient(params: Float32Array, rows: Int32Array): Float64Array;
  /** Mean squared error over all rows. */
  loss(params: Float32Array): number;
  dispose(): void;
}

/** Holds `observations` `[rows, inputDim]` and `targets` `[rows]` for fitting `spec`. */
export const valueRegression = (spec: NetworkSpec, observations: Float32Array, targets: ArrayLike<number>, rows: number): ValueRegression => {
  const network = networkOf(spec);
  const inputDim = network.inputDim;
  const targets32 = Float32Array.from(targets);
  const held = keepTensors(() => ({
    x: tf.tensor2d(observations, [rows, inputDim]),
    y: tf.tensor2d(targets32, [rows, 1]),
  }));
  const mse = (theta: Float32Array, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => tf.mean(tf.squaredDifference(network.forward(theta, x), y));
  // gradient of the mean squared error by one hand-written backward pass (no autodiff tape)
  return {
    gradient: (params, indices) =>
      withTensors(() => {
        // minibatch rows and layer weights copied in JS: the same values as tf.gather / tf.slice, at a fraction of their cost on wasm
        const x = tf.tensor2d(gatherRows(observations, inputDim, indices), [indices.length, inputDim]);
        const y = tf.tensor2d(gatherRows(targets32, 1, indices), [indices.length, 1]);
        const trace = network.trace(params, x);
        const residual = tf.sub(trace.output, y);
        const gradient = network.vjp(trace, tf.mul(residual, 2 / indices.length) as tf.Tensor2D);
        return Float64Array.from(gradient.dataSync());
      }),
    loss: (params) => withTensors(() => mse(params, held.x, held.y).dataSync()[0]),
    dispose: () => disposeTensors(held),
  };
};
