import * as tf from '@tensorflow/tfjs';
import { mlpLayout } from '../algebra/mlp.js';
import type { PolicySpec } from './policySpec.js';
import { actionWidth, logStdOffset } from './policySpec.js';
import { denseTensors, tfMlpForward } from './tfMlp.js';
import type { DistributionTensors } from './tfDistribution.js';
import { entropy, klDivergence, logProb } from './tfDistribution.js';
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
  gradient(params: Float32Array): SurrogateGradient;
  /** Surrogate L(θ) and mean KL(π_old ‖ π_θ) without gradients (for the line search). */
  evaluate(params: ArrayLike<number>): { readonly surrogate: number; readonly kl: number };
  /** Surrogate at θ_old (the mean advantage, the ratio being 1). */
  readonly surrogateOld: number;
  /** Mean entropy of π_old over the batch (nats). */
  readonly entropy: number;
  /** F v with F the Hessian of the mean KL at θ_old, on the Fisher subsample. */
  fisherVectorProduct(v: Float64Array): Float64Array;
  dispose(): void;
}

/** Options of {@link policyObjective}. */
export interface PolicyObjectiveOptions {
  /** Rows of the batch the Fisher-vector products use (Appendix C subsampling); all rows if omitted. */
  readonly fisherRows?: Int32Array;
}

const distributionAt = (spec: PolicySpec, theta: tf.Tensor1D, x: tf.Tensor2D): DistributionTensors => ({
  output: tfMlpForward(spec.mlp, theta, x).output,
  logStd: spec.head === 'gaussian' ? tf.slice(theta, logStdOffset(spec), spec.actionDim) : null,
});

const actionTensor = (spec: PolicySpec, samples: PolicySamples): tf.Tensor2D =>
  spec.head === 'categorical'
    ? (tf.oneHot(tf.tensor1d(samples.actions, 'int32'), spec.actions).toFloat() as tf.Tensor2D)
    : tf.tensor2d(samples.actions, [samples.rows, actionWidth(spec)]);

/** Builds the objective of `samples` around `oldParams`. */
export const policyObjective = (
  spec: PolicySpec,
  oldParams: Float32Array,
  samples: PolicySamples,
  options: PolicyObjectiveOptions = {},
): PolicyObjective => {
  const obsDim = spec.mlp.inputDim;
  const held = keepTensors(() => {
    const x = tf.tensor2d(samples.observations, [samples.rows, obsDim]);
    const actions = actionTensor(spec, samples);
    const advantages = tf.tensor1d(Float32Array.from(samples.advantages));
    const oldTheta = tf.tensor1d(oldParams);
    const oldDist = distributionAt(spec, oldTheta, x);
    const oldLogProb = logProb(spec, oldDist, actions);
    const oldEntropy = tf.mean(entropy(spec, oldDist));
    return { x, actions, advantages, oldOutput: oldDist.output, oldLogStd: oldDist.logStd, oldLogProb, oldEntropy, surrogateOld: tf.mean(advantages) };
  });
  const old: DistributionTensors = { output: held.oldOutput, logStd: held.oldLogStd };
  const surrogateOf = (theta: tf.Tensor1D): tf.Scalar => {
    const dist = distributionAt(spec, theta, held.x);
    const ratio = tf.exp(tf.sub(logProb(spec, dist, held.actions), held.oldLogProb));
    return tf.mean(tf.mul(ratio, held.advantages));
  };
  const fisher = fisherAt(spec, oldParams, samples, options.fisherRows);
  const surrogateOld = held.surrogateOld.dataSync()[0];

  return {
    surrogateOld,
    entropy: held.oldEntropy.dataSync()[0],
    gradient: (params) =>
      withTensors(() => {
        const theta = tf.tensor1d(params);
        const { value, grad } = tf.valueAndGrad(surrogateOf)(theta);
        return { surrogate: value.dataSync()[0], gradient: Float64Array.from(grad.dataSync()) };
      }),
    evaluate: (params) =>
      withTensors(() => {
        const theta = tf.tensor1d(Float32Array.from(params));
        const dist = distributionAt(spec, theta, held.x);
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
const fisherAt = (spec: PolicySpec, params: Float32Array, samples: PolicySamples, rows?: Int32Array) => {
  const obsDim = spec.mlp.inputDim;
  const count = rows ? rows.length : samples.rows;
  const xs = rows ? gatherRows(samples.observations, obsDim, rows) : samples.observations;
  const layout = mlpLayout(spec.mlp);
  const state = keepTensors(() => {
    const theta = tf.tensor1d(params);
    const x = tf.tensor2d(xs, [count, obsDim]);
    const { hidden, output } = tfMlpForward(spec.mlp, theta, x);
    const weights = denseTensors(spec.mlp, theta).map((d) => d.weight);
    // act'(z) expressed through the activation itself: tanh' = 1 − h², relu' = [h > 0]
    const slopes = hidden.map((h) => (spec.mlp.activation === 'tanh' ? tf.sub(1, tf.square(h)) : tf.cast(tf.greater(h, 0), 'float32')));
    const inputs = [x, ...hidden]; // input of each dense layer
    const probs = spec.head === 'categorical' ? tf.softmax(output) : null;
    const inverseVariance = spec.head === 'gaussian' ? tf.exp(tf.mul(-2, tf.slice(theta, logStdOffset(spec), spec.actionDim))) : null;
    return { inputs, weights, slopes, probs, inverseVariance };
  });
  const apply = (v: Float64Array): Float64Array =>
    withTensors(() => {
      const tangent = tf.tensor1d(Float32Array.from(v));
      const dLayers = denseTensors(spec.mlp, tangent);
      // forward mode: J v at the output
      let dh: tf.Tensor2D | null = null;
      dLayers.forEach((d, l) => {
        let dz = tf.add(tf.matMul(state.inputs[l], d.weight), d.bias) as tf.Tensor2D;
        if (dh) dz = tf.add(dz, tf.matMul(dh, state.weights[l])) as tf.Tensor2D;
        dh = l < state.slopes.length ? (tf.mul(state.slopes[l], dz) as tf.Tensor2D) : dz;
      });
      const jv = dh as unknown as tf.Tensor2D;
      // M (J v): the analytic Fisher of the distribution parameters
      let m: tf.Tensor2D;
      if (state.probs) {
        const pu = tf.mul(state.probs, jv);
        m = tf.sub(pu, tf.mul(state.probs, tf.sum(pu, 1, true))) as tf.Tensor2D;
      } else m = tf.mul(jv, state.inverseVariance as tf.Tensor1D) as tf.Tensor2D;
      // reverse mode: Jᵀ (M J v) / N
      let delta = tf.div(m, count) as tf.Tensor2D;
      const parts: tf.Tensor[] = new Array(2 * layout.length);
      for (let l = layout.length - 1; l >= 0; l--) {
        parts[2 * l] = tf.reshape(tf.matMul(state.inputs[l], delta, true, false), [-1]);
        parts[2 * l + 1] = tf.sum(delta, 0);
        if (l > 0) delta = tf.mul(tf.matMul(delta, state.weights[l], false, true), state.slopes[l - 1]) as tf.Tensor2D;
      }
      if (spec.head === 'gaussian') parts.push(tf.mul(2, tf.slice(tangent, logStdOffset(spec), spec.actionDim)));
      return Float64Array.from(tf.concat(parts).dataSync());
    });
  return { apply, dispose: () => disposeTensors(state) };
};

/** Copies the listed rows of a `[*, width]` row-major array. */
export const gatherRows = (source: Float32Array, width: number, rows: Int32Array): Float32Array => {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(source.subarray(r * width, (r + 1) * width), i * width));
  return out;
};
