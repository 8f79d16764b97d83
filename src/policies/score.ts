/**
 * The score function ∇θ log π_θ(aᵢ|sᵢ) of a policy, one row per sample, never materialized as a
 * `[rows, parameterCount]` matrix: per-row scores of the distribution parameters, pushed through
 * the network's forward-mode J v and reverse-mode Jᵀ δ. What the surrogate gradient, the empirical
 * Fisher and a weighted maximum-likelihood fit share.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import type { Network, NetworkTrace } from './network.js';
import type { PolicySpec } from './policySpec.js';
import type { DistributionTensors } from './tfDistribution.js';
import { logStdTensor } from './tfDistribution.js';

/** ∂ log π(aᵢ|sᵢ) / ∂(distribution parameters) of every row. */
export interface RowScores {
  /** With respect to the network output (logits, or the Gaussian mean), `[rows, outputDim]`. */
  readonly output: tf.Tensor2D;
  /** With respect to the Gaussian's log σ, `[rows, actionDim]`; null for a categorical head. */
  readonly logStd: tf.Tensor2D | null;
}

/**
 * Row scores of actions `[rows, k]` (one-hot, or values) under `dist`: categorical `onehot − softmax`,
 * diagonal Gaussian `z/σ` for the mean and `z² − 1` for log σ, with z = (a − μ)/σ.
 *
 * @example
 * const scores = rowScores(spec, { output: trace.output, logStd: logStdTensor(spec, params) }, actionTensor(spec, samples));
 */
export const rowScores = (spec: PolicySpec, dist: DistributionTensors, actions: tf.Tensor2D): RowScores => {
  if (spec.head === 'categorical') return { output: tf.sub(actions, tf.softmax(dist.output)) as tf.Tensor2D, logStd: null };
  const inverseStd = tf.exp(tf.neg(dist.logStd as tf.Tensor1D));
  const z = tf.mul(tf.sub(actions, dist.output), inverseStd);
  return { output: tf.mul(z, inverseStd) as tf.Tensor2D, logStd: tf.sub(tf.square(z), 1) as tf.Tensor2D };
};

/**
 * Σᵢ uᵢ ∇θ log π(aᵢ|sᵢ), `[parameterCount]`, for row weights u `[rows, 1]`: the transposed
 * Jacobian of the log-prob vector applied to u (one backward pass).
 *
 * @example
 * const gradient = scoreVjp(network, trace, scores, tf.reshape(tf.div(ratioTimesAdvantage, rows), [-1, 1]));
 */
export const scoreVjp = (network: Network, trace: NetworkTrace, scores: RowScores, weights: tf.Tensor2D): tf.Tensor1D => {
  const onNetwork = network.vjp(trace, tf.mul(weights, scores.output) as tf.Tensor2D);
  return scores.logStd ? (tf.concat([onNetwork, tf.sum(tf.mul(weights, scores.logStd), 0)]) as tf.Tensor1D) : onNetwork;
};

/**
 * (∇θ log π(aᵢ|sᵢ))ᵀ v of every row, `[rows]`: the Jacobian of the log-prob vector applied to a
 * parameter tangent v `[parameterCount]` (one forward-mode pass).
 *
 * @example
 * const projections = scoreJvp(spec, network, trace, scores, Float32Array.from(v));
 */
export const scoreJvp = (spec: PolicySpec, network: Network, trace: NetworkTrace, scores: RowScores, tangent: Float32Array): tf.Tensor1D => {
  const onNetwork = tf.sum(tf.mul(scores.output, network.jvp(trace, tangent)), 1) as tf.Tensor1D;
  if (!scores.logStd) return onNetwork;
  return tf.add(onNetwork, tf.sum(tf.mul(scores.logStd, logStdTensor(spec, tangent) as tf.Tensor1D), 1)) as tf.Tensor1D;
};
