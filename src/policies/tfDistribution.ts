import * as tf from '@tensorflow/tfjs';
import type { PolicySpec } from './policySpec.js';
import { logStdOffset } from './policySpec.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Distribution parameters of a batch as tensors: categorical logits `[rows, k]`, or a Gaussian's
 * mean `[rows, d]` with its state-independent log-std `[d]`.
 */
export interface DistributionTensors {
  readonly output: tf.Tensor2D;
  readonly logStd: tf.Tensor1D | null;
}

/** Log-probability of each row's action `[rows]`; actions: one-hot `[rows, k]` or values `[rows, d]`. */
export const logProb = (spec: PolicySpec, dist: DistributionTensors, actions: tf.Tensor2D): tf.Tensor1D => {
  if (spec.head === 'categorical') return tf.sum(tf.mul(tf.logSoftmax(dist.output), actions), 1);
  const logStd = dist.logStd as tf.Tensor1D;
  const z = tf.div(tf.sub(actions, dist.output), tf.exp(logStd));
  return tf.sub(tf.mul(-0.5, tf.sum(tf.square(z), 1)), tf.add(tf.sum(logStd), 0.5 * spec.actionDim * LOG_2PI));
};

/** KL(old ‖ new) of each row `[rows]`. */
export const klDivergence = (spec: PolicySpec, old: DistributionTensors, next: DistributionTensors): tf.Tensor1D => {
  if (spec.head === 'categorical') {
    const logPOld = tf.logSoftmax(old.output);
    return tf.sum(tf.mul(tf.exp(logPOld), tf.sub(logPOld, tf.logSoftmax(next.output))), 1) as tf.Tensor1D;
  }
  const oldLogStd = old.logStd as tf.Tensor1D, newLogStd = next.logStd as tf.Tensor1D;
  const varianceRatio = tf.exp(tf.mul(2, tf.sub(oldLogStd, newLogStd))); // σ_old² / σ_new²
  const meanTerm = tf.div(tf.square(tf.sub(old.output, next.output)), tf.exp(tf.mul(2, newLogStd)));
  const perDim = tf.add(tf.mul(0.5, tf.add(varianceRatio, meanTerm)), tf.sub(tf.sub(newLogStd, oldLogStd), 0.5));
  return tf.sum(perDim, 1) as tf.Tensor1D;
};

/** Entropy of each row `[rows]`. */
export const entropy = (spec: PolicySpec, dist: DistributionTensors): tf.Tensor1D => {
  if (spec.head === 'categorical') {
    const logP = tf.logSoftmax(dist.output);
    return tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), 1)) as tf.Tensor1D;
  }
  const perRow = tf.add(tf.sum(dist.logStd as tf.Tensor1D), 0.5 * spec.actionDim * (1 + LOG_2PI));
  return tf.add(tf.zeros([dist.output.shape[0]]), perRow) as tf.Tensor1D;
};

/** The log-std block of flat Gaussian-policy parameters as a tensor (null for a categorical head). */
export const logStdTensor = (spec: PolicySpec, theta: Float32Array): tf.Tensor1D | null =>
  spec.head === 'gaussian' ? tf.tensor1d(theta.subarray(logStdOffset(spec), logStdOffset(spec) + spec.actionDim)) : null;
