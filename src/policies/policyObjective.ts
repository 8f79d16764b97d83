import * as tf from '@tensorflow/tfjs';
import type { PolicySpec } from './policySpec.js';
import type { Network, NetworkTrace } from './network.js';
import { networkOf } from './network.js';
import { rowScores, scoreVjp } from './score.js';
import type { DistributionTensors } from './tfDistribution.js';
import { actionTensor, entropy, klDivergence, logProb, logStdTensor } from './tfDistribution.js';
import { disposeTensors, keepTensors, withTensors } from './tensorScope.js';
import type { FisherKind } from './fisher.js';
import { empiricalFisherAt, fisherAt } from './fisher.js';

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

const distributionAt = (spec: PolicySpec, network: Network, theta: Float32Array, x: tf.Tensor2D): DistributionTensors => ({
  output: network.forward(theta, x),
  logStd: logStdTensor(spec, theta),
});

/** The forward pass at θ_old that an objective keeps, with its inputs. */
export interface OldPass {
  readonly params: Float32Array;
  readonly trace: NetworkTrace;
  readonly logStd: tf.Tensor1D | null;
  readonly x: tf.Tensor2D;
}

/**
 * The forward trace and log-std at θ for a gradient: the kept pass when `params` is the very
 * θ_old array, a new one otherwise (inside the caller's tensor scope).
 *
 * @example const { trace, logStd } = traceAt(spec, network, old, params);
 */
export const traceAt = (spec: PolicySpec, network: Network, old: OldPass, params: Float32Array): { readonly trace: NetworkTrace; readonly logStd: tf.Tensor1D | null } =>
  params === old.params ? { trace: old.trace, logStd: old.logStd } : { trace: network.trace(params, old.x), logStd: logStdTensor(spec, params) };

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
        const { trace, logStd } = traceAt(spec, network, { params: oldParams, trace: held.oldTrace, logStd: held.oldLogStd, x: held.x }, params);
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

