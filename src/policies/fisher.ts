/**
 * The Fisher-vector product of a policy at θ_old: the analytic Hessian of the mean
 * KL(π_old ‖ π_θ) over a set of states (paper Sec. 6 and Appendix C), shared by the single-path
 * and vine objectives, and the empirical Fisher of sampled score vectors (paper Sec. 8).
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../algebra/rows.js';
import type { Network } from './network.js';
import type { PolicySpec } from './policySpec.js';
import { actionWidth } from './policySpec.js';
import { rowScores, scoreJvp, scoreVjp } from './score.js';
import { actionTensor, logStdTensor } from './tfDistribution.js';
import { disposeTensors, keepTensors, withTensors } from './tensorScope.js';

/** The states a Fisher matrix averages over, `[rows, obsDim]` as the policy sees them. */
export interface FisherStates {
  readonly rows: number;
  readonly observations: Float32Array;
}

/**
 * `'kl-hessian'`: the Hessian of the mean KL at θ_old, i.e. the analytic Fisher averaged over the
 * states (paper, Appendix C). `'empirical'`: the second moment of the sampled score vectors,
 * (1/n) Σᵢ gᵢ gᵢᵀ with gᵢ = ∇θ log π(aᵢ|sᵢ) at the batch's own actions (paper Sec. 8).
 */
export type FisherKind = 'kl-hessian' | 'empirical';

/** F v on a fixed set of states; owns tensors until `dispose()`. */
export interface FisherVectorProduct {
  readonly apply: (v: Float64Array) => Float64Array;
  readonly dispose: () => void;
}

/**
 * Gauss–Newton form of the mean-KL Hessian at θ_old: F v = (1/N) Σ Jᵢᵀ Mᵢ Jᵢ v, with Jᵢ the
 * Jacobian of the distribution parameters and Mᵢ their analytic Fisher. J v is a forward-mode
 * pass carried beside the stored activations, Jᵀ(·) a hand-written backward pass: first-order
 * tensor ops only, so it is exact where tfjs's second-order gradients are not (tfjs issue 3252).
 * `rows` subsamples the states (Appendix C); all of them when absent.
 *
 * @example
 * const fisher = fisherAt(spec, networkOf(spec.network), params, { rows, observations }, fisherRows);
 * const fv = fisher.apply(v); fisher.dispose();
 */
export const fisherAt = (spec: PolicySpec, network: Network, params: Float32Array, samples: FisherStates, rows?: Int32Array): FisherVectorProduct => {
  const obsDim = network.inputDim;
  const count = rows ? rows.length : samples.rows;
  const xs = rows ? gatherRows(samples.observations, obsDim, rows) : samples.observations;
  const state = keepTensors(() => {
    const trace = network.reusable(network.trace(params, tf.tensor2d(xs, [count, obsDim])));
    const probs = spec.head === 'categorical' ? tf.softmax(trace.output) : null;
    const logStd = logStdTensor(spec, params);
    const inverseVariance = logStd ? tf.exp(tf.mul(-2, logStd)) : null;
    return { trace, probs, inverseVariance };
  });
  const apply = (v: Float64Array): Float64Array =>
    withTensors(() => {
      const tangent = Float32Array.from(v);
      const jv = network.jvp(state.trace, tangent);
      // M (J v): the analytic Fisher of the distribution parameters
      let m: tf.Tensor2D;
      if (state.probs) {
        const pu = tf.mul(state.probs, jv);
        m = tf.sub(pu, tf.mul(state.probs, tf.sum(pu, 1, true))) as tf.Tensor2D;
      } else m = tf.mul(jv, state.inverseVariance as tf.Tensor1D) as tf.Tensor2D;
      const jtmjv = network.vjp(state.trace, tf.div(m, count) as tf.Tensor2D);
      // the log-std block: the same Fisher entry 2 for every row, no Jacobian in between
      const full = spec.head === 'gaussian' ? tf.concat([jtmjv, tf.mul(2, logStdTensor(spec, tangent) as tf.Tensor1D)]) : jtmjv;
      return Float64Array.from(full.dataSync());
    });
  return { apply, dispose: () => disposeTensors(state) };
};

/** Sampled states with the action taken in each, `[rows, actionWidth]`: what the empirical Fisher needs. */
export interface FisherSamples extends FisherStates {
  readonly actions: Float32Array;
}

/**
 * The empirical Fisher F̂ = (1/n) Σᵢ gᵢ gᵢᵀ of the subsample's score vectors gᵢ = ∇θ log π(aᵢ|sᵢ)
 * at θ_old, applied matrix-free as F̂ v = Jᵀ(J v) / n with J the `[n, parameterCount]` Jacobian of
 * the rows' log-probs: one forward-mode pass for the n projections gᵢᵀ v, one backward pass to
 * weigh the scores by them — the same tensor work as the Gauss–Newton product of {@link fisherAt}.
 *
 * @example
 * const fisher = empiricalFisherAt(spec, networkOf(spec.network), params, { rows, observations, actions }, fisherRows);
 */
export const empiricalFisherAt = (spec: PolicySpec, network: Network, params: Float32Array, samples: FisherSamples, rows?: Int32Array): FisherVectorProduct => {
  const count = rows ? rows.length : samples.rows;
  const xs = rows ? gatherRows(samples.observations, network.inputDim, rows) : samples.observations;
  const actions = rows ? gatherRows(samples.actions, actionWidth(spec), rows) : samples.actions;
  const state = keepTensors(() => {
    const trace = network.reusable(network.trace(params, tf.tensor2d(xs, [count, network.inputDim])));
    const scores = rowScores(spec, { output: trace.output, logStd: logStdTensor(spec, params) }, actionTensor(spec, { rows: count, actions }));
    return { trace, scores };
  });
  const apply = (v: Float64Array): Float64Array =>
    withTensors(() => {
      const projections = scoreJvp(spec, network, state.trace, state.scores, Float32Array.from(v));
      return Float64Array.from(scoreVjp(network, state.trace, state.scores, tf.reshape(tf.div(projections, count), [-1, 1]) as tf.Tensor2D).dataSync());
    });
  return { apply, dispose: () => disposeTensors(state) };
};
