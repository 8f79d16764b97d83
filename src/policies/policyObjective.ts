import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../algebra/rows.js';
import type { PolicySpec } from './policySpec.js';
import { actionWidth } from './policySpec.js';
import type { Network } from './network.js';
import { networkOf } from './network.js';
import { rowScores, scoreJvp, scoreVjp } from './score.js';
import type { DistributionTensors } from './tfDistribution.js';
import { actionTensor, entropy, klDivergence, logProb, logStdTensor } from './tfDistribution.js';
import { disposeTensors, keepTensors, withTensors } from './tensorScope.js';

/** The samples a policy update learns from, as plain arrays. */
export interface PolicySamples {
  readonly rows: number;
  /** Observations as the policy sees them (normalized), `[rows, obsDim]`. */
  readonly observations: Float32Array;
  /** Actions taken: indices for a categorical head, `[rows, actionDim]` vectors for a Gaussian. */
  readonly actions: Float32Array;
  /** Advantage estimates `[rows]`. */
  readonly advantages: ArrayLike<number>;
}

/** Surrogate value and its gradient at given parameters. */
export interface SurrogateGradient {
  /** L(θ) = mean(π_θ(a|s)/π_old(a|s) · A), paper Eq. (14) with sample averages. */
  readonly surrogate: number;
  readonly gradient: Float64Array;
}

/**
 * The TRPO objective of one batch at fixed old parameters: the surrogate and its gradient, the
 * mean KL(π_old ‖ π_θ), and the Fisher-vector product of the mean KL at θ_old (paper, Appendix C).
 * Owns tensors until `dispose()`; create and dispose it within one synchronous update.
 */
export interface PolicyObjective {
  /** Surrogate and gradient at θ; passing the very `oldParams` array reuses the forward pass at θ_old. */
  gradient(params: Float32Array): SurrogateGradient;
  /** Surrogate L(θ) and mean KL(π_old ‖ π_θ) without gradients (for the line search). */
  evaluate(params: ArrayLike<number>): { readonly surrogate: number; readonly kl: number };
  /** Surrogate at θ_old (the mean advantage, the ratio being 1). */
  readonly surrogateOld: number;
  /** Mean entropy of π_old over the batch (nats). */
  readonly entropy: number;
  /** F v at θ_old on the Fisher subsample: F the Hessian of the mean KL, or the empirical Fisher (`options.fisher`). */
  fisherVectorProduct(v: Float64Array): Float64Array;
  dispose(): void;
}

/** Options of {@link policyObjective}. */
export interface PolicyObjectiveOptions {
  /** Rows of the batch the Fisher-vector products use (Appendix C subsampling); all rows if omitted. */
  readonly fisherRows?: Int32Array;
  /** Which Fisher matrix the products use (default `'kl-hessian'`, TRPO's); see {@link FisherKind}. */
  readonly fisher?: FisherKind;
}

/**
 * `'kl-hessian'`: the Hessian of the mean KL at θ_old, i.e. the analytic Fisher averaged over the
 * states (paper, Appendix C). `'empirical'`: the second moment of the sampled score vectors,
 * (1/n) Σᵢ gᵢ gᵢᵀ with gᵢ = ∇θ log π(aᵢ|sᵢ) at the batch's own actions (paper Sec. 8).
 */
export type FisherKind = 'kl-hessian' | 'empirical';

const distributionAt = (spec: PolicySpec, network: Network, theta: Float32Array, x: tf.Tensor2D): DistributionTensors => ({
  output: network.forward(theta, x),
  logStd: logStdTensor(spec, theta),
});

/** Builds the objective of `samples` around `oldParams`. */
export const policyObjective = (
  spec: PolicySpec,
  oldParams: Float32Array,
  samples: PolicySamples,
  options: PolicyObjectiveOptions = {},
): PolicyObjective => {
  const network = networkOf(spec.network);
  const obsDim = network.inputDim;
  const held = keepTensors(() => {
    const x = tf.tensor2d(samples.observations, [samples.rows, obsDim]);
    const actions = actionTensor(spec, samples);
    const advantages = tf.tensor1d(Float32Array.from(samples.advantages));
    // the forward pass at θ_old, kept: it serves the old log-probs, the KL and the gradient at θ_old
    const oldTrace = network.trace(oldParams, x);
    const oldDist = { output: oldTrace.output, logStd: logStdTensor(spec, oldParams) };
    const oldLogProb = logProb(spec, oldDist, actions);
    const oldEntropy = tf.mean(entropy(spec, oldDist));
    return { x, actions, advantages, oldTrace, oldOutput: oldDist.output, oldLogStd: oldDist.logStd, oldLogProb, oldEntropy, surrogateOld: tf.mean(advantages) };
  });
  const old: DistributionTensors = { output: held.oldOutput, logStd: held.oldLogStd };
  const fisher = (options.fisher === 'empirical' ? empiricalFisherAt : fisherAt)(spec, network, oldParams, samples, options.fisherRows);
  const surrogateOld = held.surrogateOld.dataSync()[0];

  return {
    surrogateOld,
    entropy: held.oldEntropy.dataSync()[0],
    gradient: (params) =>
      withTensors(() => {
        // ∂L/∂(distribution parameters) in closed form, then one hand-written backward pass
        const atOld = params === oldParams;
        const trace = atOld ? held.oldTrace : network.trace(params, held.x);
        const logStd = atOld ? held.oldLogStd : logStdTensor(spec, params);
        const ratio = tf.exp(tf.sub(logProb(spec, { output: trace.output, logStd }, held.actions), held.oldLogProb));
        const weighted = tf.mul(ratio, held.advantages);
        const w = tf.reshape(tf.div(weighted, samples.rows), [-1, 1]) as tf.Tensor2D;
        const gradient = scoreVjp(network, trace, rowScores(spec, { output: trace.output, logStd }, held.actions), w);
        return { surrogate: tf.mean(weighted).dataSync()[0], gradient: Float64Array.from(gradient.dataSync()) };
      }),
    evaluate: (params) =>
      withTensors(() => {
        const dist = distributionAt(spec, network, Float32Array.from(params), held.x);
        const ratio = tf.exp(tf.sub(logProb(spec, dist, held.actions), held.oldLogProb));
        const surrogate = tf.mean(tf.mul(ratio, held.advantages)).dataSync()[0];
        const kl = tf.mean(klDivergence(spec, old, dist)).dataSync()[0];
        return { surrogate, kl };
      }),
    fisherVectorProduct: fisher.apply,
    dispose: () => {
      fisher.dispose();
      disposeTensors(held);
    },
  };
};

/**
 * Gauss–Newton form of the mean-KL Hessian at θ_old: F v = (1/N) Σ Jᵢᵀ Mᵢ Jᵢ v, with Jᵢ the
 * Jacobian of the distribution parameters and Mᵢ their analytic Fisher. J v is a forward-mode
 * pass carried beside the stored activations, Jᵀ(·) a hand-written backward pass: first-order
 * tensor ops only, so it is exact where tfjs's second-order gradients are not (tfjs issue 3252).
 */
const fisherAt = (spec: PolicySpec, network: Network, params: Float32Array, samples: PolicySamples, rows?: Int32Array): FisherProduct => {
  const { count, xs } = fisherSamples(spec, network, samples, rows);
  const state = keepTensors(() => {
    const trace = network.reusable(network.trace(params, tf.tensor2d(xs, [count, network.inputDim])));
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

/** A Fisher-vector product over tensors it owns until `dispose()`. */
interface FisherProduct {
  readonly apply: (v: Float64Array) => Float64Array;
  readonly dispose: () => void;
}

/** The Fisher subsample's row count, observations `[count, obsDim]` and actions `[count, actionWidth]` (all rows if `rows` is omitted). */
const fisherSamples = (spec: PolicySpec, network: Network, samples: PolicySamples, rows?: Int32Array) =>
  rows
    ? { count: rows.length, xs: gatherRows(samples.observations, network.inputDim, rows), actions: gatherRows(samples.actions, actionWidth(spec), rows) }
    : { count: samples.rows, xs: samples.observations, actions: samples.actions };

/**
 * The empirical Fisher F̂ = (1/n) Σᵢ gᵢ gᵢᵀ of the subsample's score vectors gᵢ = ∇θ log π(aᵢ|sᵢ)
 * at θ_old, applied matrix-free as F̂ v = Jᵀ(J v) / n with J the `[n, parameterCount]` Jacobian of
 * the rows' log-probs: one forward-mode pass for the n projections gᵢᵀ v, one backward pass to
 * weigh the scores by them — the same tensor work as the Gauss–Newton product above.
 */
const empiricalFisherAt = (spec: PolicySpec, network: Network, params: Float32Array, samples: PolicySamples, rows?: Int32Array): FisherProduct => {
  const { count, xs, actions } = fisherSamples(spec, network, samples, rows);
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
