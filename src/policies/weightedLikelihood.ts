/**
 * The weighted log-likelihood of a batch's actions under a policy, Σᵢ wᵢ log π_θ(aᵢ|sᵢ), and its
 * gradient: what a weighted maximum-likelihood fit (reward-weighted regression) climbs.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import type { PolicySamples } from './policyObjective.js';
import type { PolicySpec } from './policySpec.js';
import { networkOf } from './network.js';
import { rowScores, scoreVjp } from './score.js';
import { actionTensor, logProb, logStdTensor } from './tfDistribution.js';
import { disposeTensors, keepTensors, withTensors } from './tensorScope.js';

/** The weighted log-likelihood of one batch; owns tensors until `dispose()`. */
export interface WeightedLikelihood {
  /** Σᵢ wᵢ log π_θ(aᵢ|sᵢ) (nats) and its gradient `[parameterCount]` at θ. */
  evaluate(params: Float32Array): { readonly value: number; readonly gradient: Float64Array };
  dispose(): void;
}

/**
 * The weighted log-likelihood of `samples` (observations and actions) with row weights `[rows]`.
 * One forward pass and one hand-written backward pass per evaluation.
 *
 * @example
 * const likelihood = weightedLikelihood(spec, batch, weights);
 * try { const { value, gradient } = likelihood.evaluate(params); } finally { likelihood.dispose(); }
 */
export const weightedLikelihood = (spec: PolicySpec, samples: Pick<PolicySamples, 'rows' | 'observations' | 'actions'>, weights: ArrayLike<number>): WeightedLikelihood => {
  if (weights.length !== samples.rows) throw new Error(`weightedLikelihood: ${samples.rows} rows but ${weights.length} weights`);
  const network = networkOf(spec.network);
  const held = keepTensors(() => ({
    x: tf.tensor2d(samples.observations, [samples.rows, network.inputDim]),
    actions: actionTensor(spec, samples),
    weights: tf.tensor2d(Float32Array.from(weights), [samples.rows, 1]),
  }));
  return {
    evaluate: (params) =>
      withTensors(() => {
        const trace = network.trace(params, held.x);
        const dist = { output: trace.output, logStd: logStdTensor(spec, params) };
        const value = tf.sum(tf.mul(tf.reshape(held.weights, [-1]), logProb(spec, dist, held.actions))).dataSync()[0];
        const gradient = scoreVjp(network, trace, rowScores(spec, dist, held.actions), held.weights);
        return { value, gradient: Float64Array.from(gradient.dataSync()) };
      }),
    dispose: () => disposeTensors(held),
  };
};
