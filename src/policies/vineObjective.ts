/**
 * The vine surrogate of one rollout set (paper Sec. 5.2): Eq. (15) for categorical policies
 * (every action branched), the self-normalized importance-sampling estimator Eq. (16) for Gaussian
 * ones, with the mean KL and its Fisher-vector product over the rollout-set states.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import { fisherAt } from './fisher.js';
import type { Network, NetworkTrace } from './network.js';
import { networkOf } from './network.js';
import type { PolicyObjective, PolicyObjectiveOptions } from './policyObjective.js';
import { traceAt } from './policyObjective.js';
import type { PolicySpec } from './policySpec.js';
import { actionWidth } from './policySpec.js';
import type { DistributionTensors } from './tfDistribution.js';
import { entropy, klDivergence, logProb, logStdTensor } from './tfDistribution.js';
import { disposeTensors, keepTensors, withTensors } from './tensorScope.js';

/** What the vine surrogate learns from: states, the first action of each branch and its Q̂. */
export interface RolloutSamples {
  /** N, the rollout-set size. */
  readonly states: number;
  /** Branches per state: K for a Gaussian policy; for a categorical one, every action (branch k took action k). */
  readonly branches: number;
  /** The states' observations as the policy sees them, `[N, obsDim]`. */
  readonly observations: Float32Array;
  /** First action of each branch, `[N · branches, actionWidth]`, state-major. */
  readonly actions: Float32Array;
  /** Q̂ of each branch `[N · branches]` (any per-state constant may be subtracted). */
  readonly q: ArrayLike<number>;
}

/** Checks that a categorical rollout set branched on every action, in order. */
const checkSamples = (spec: PolicySpec, samples: RolloutSamples): void => {
  const { states, branches, observations, actions, q } = samples;
  const rows = states * branches;
  if (observations.length !== states * networkOf(spec.network).inputDim) throw new Error(`vineObjective: ${observations.length} observation values for ${states} states`);
  if (actions.length !== rows * actionWidth(spec) || q.length !== rows) throw new Error(`vineObjective: expected ${rows} branch actions and Q̂ values, got ${actions.length} and ${q.length}`);
  if (spec.head !== 'categorical') return;
  if (branches !== spec.actions) throw new Error(`vineObjective: a categorical policy branches on all ${spec.actions} actions, got ${branches} branches`);
  for (let r = 0; r < rows; r++) if (actions[r] !== r % branches) throw new Error(`vineObjective: branch ${r % branches} of state ${Math.floor(r / branches)} took action ${actions[r]}, expected ${r % branches}`);
};

/** `[N, d]` → `[N · B, d]`: each state's row repeated for its B branches. */
const perBranch = (t: tf.Tensor2D, branches: number): tf.Tensor2D => {
  const [n, d] = t.shape;
  return tf.reshape(tf.tile(tf.expandDims(t, 1), [1, branches, 1]), [n * branches, d]);
};

/**
 * Builds the vine objective of `samples` around `oldParams`:
 * - categorical (Eq. 15): L(θ) = (1/N) Σₙ Σₐ π_θ(a|sₙ) Q̂(sₙ, a);
 * - Gaussian (Eq. 16): L(θ) = (1/N) Σₙ Σₖ wₖ Q̂ₖ / Σₖ wₖ with wₖ = π_θ(aₖ|sₙ) / π_old(aₖ|sₙ), the
 *   actions drawn from q = π_old. `evaluate` computes this exact (self-normalized) surrogate for
 *   the line search; its gradient at θ_old is (1/N) Σₙ Σₖ ∇wₖ (Q̂ₖ − Q̄ₙ) / K.
 *
 * The KL, entropy and Fisher-vector products (Gauss–Newton, subsampled by `options.fisherRows`)
 * are over the N states. Gradients are closed-form in the distribution parameters followed by one
 * backward pass through the network, as in `policyObjective`. Owns tensors until `dispose()`.
 *
 * @example
 * const objective = vineObjective(spec, params, { states: 2, branches: 2, observations, actions: Float32Array.of(0, 1, 0, 1), q: [1, 0, 0, 1] });
 * const { surrogate, gradient } = objective.gradient(params);
 * objective.dispose();
 */
export const vineObjective = (spec: PolicySpec, oldParams: Float32Array, samples: RolloutSamples, options: PolicyObjectiveOptions = {}): PolicyObjective => {
  checkSamples(spec, samples);
  const network = networkOf(spec.network);
  const { states, branches } = samples;
  const held = keepTensors(() => {
    const x = tf.tensor2d(samples.observations, [states, network.inputDim]);
    const q = tf.tensor2d(Float32Array.from(samples.q), [states, branches]);
    const actions = spec.head === 'gaussian' ? tf.tensor2d(samples.actions, [states * branches, spec.actionDim]) : null;
    const oldTrace = network.trace(oldParams, x);
    const oldDist: DistributionTensors = { output: oldTrace.output, logStd: logStdTensor(spec, oldParams) };
    const oldLogProb = actions ? tf.reshape(logProb(spec, { output: perBranch(oldDist.output, branches), logStd: oldDist.logStd }, actions), [states, branches]) : null;
    const oldEntropy = tf.mean(entropy(spec, oldDist));
    return { x, q, actions, oldTrace, oldOutput: oldDist.output, oldLogStd: oldDist.logStd, oldLogProb, oldEntropy };
  });
  const old: DistributionTensors = { output: held.oldOutput, logStd: held.oldLogStd };

  /** Per-state weights over the branches `[N, B]` and the per-state surrogate Lₙ `[N, 1]` at a distribution. */
  const weightsAt = (dist: DistributionTensors): { weights: tf.Tensor2D; perState: tf.Tensor2D } => {
    const weights =
      spec.head === 'categorical'
        ? tf.softmax(dist.output) // Eq. (15): π_θ(a|s) over every action
        : tf.softmax(tf.sub(tf.reshape(logProb(spec, { output: perBranch(dist.output, branches), logStd: dist.logStd }, held.actions as tf.Tensor2D), [states, branches]), held.oldLogProb as tf.Tensor2D)); // Eq. (16): wₖ / Σ wₖ
    return { weights: weights as tf.Tensor2D, perState: tf.sum(tf.mul(weights, held.q), 1, true) as tf.Tensor2D };
  };
  const surrogateOf = (dist: DistributionTensors): number => tf.mean(weightsAt(dist).perState).dataSync()[0];
  const fisher = fisherAt(spec, network, oldParams, { rows: states, observations: samples.observations }, options.fisherRows);
  const surrogateOld = withTensors(() => surrogateOf(old));

  return {
    surrogateOld,
    entropy: held.oldEntropy.dataSync()[0],
    gradient: (params) =>
      withTensors(() => {
        const { trace, logStd } = traceAt(spec, network, { params: oldParams, trace: held.oldTrace, logStd: held.oldLogStd, x: held.x }, params);
        const { weights, perState } = weightsAt({ output: trace.output, logStd });
        // ∂L/∂(log-weight of branch k of state n) = ŵₙₖ (Q̂ₙₖ − Lₙ) / N, for both estimators
        const coefficient = tf.div(tf.mul(weights, tf.sub(held.q, perState)), states) as tf.Tensor2D;
        const gradient = spec.head === 'categorical' ? network.vjp(trace, coefficient) : gaussianGradient(network, trace, logStd as tf.Tensor1D, held.actions as tf.Tensor2D, coefficient, branches);
        return { surrogate: tf.mean(perState).dataSync()[0], gradient: Float64Array.from(gradient.dataSync()) };
      }),
    evaluate: (params) =>
      withTensors(() => {
        const theta = Float32Array.from(params);
        const dist: DistributionTensors = { output: network.forward(theta, held.x), logStd: logStdTensor(spec, theta) };
        return { surrogate: surrogateOf(dist), kl: tf.mean(klDivergence(spec, old, dist)).dataSync()[0] };
      }),
    fisherVectorProduct: fisher.apply,
    dispose: () => {
      fisher.dispose();
      disposeTensors(held);
    },
  };
};

/**
 * Gradient of a Gaussian policy from per-branch coefficients cₙₖ on log π(aₙₖ|sₙ): the mean part
 * Σₖ cₙₖ zₙₖ / σ through the network, the log-std part Σₙₖ cₙₖ (zₙₖ² − 1), z = (a − μ) / σ.
 */
const gaussianGradient = (network: Network, trace: NetworkTrace, logStd: tf.Tensor1D, actions: tf.Tensor2D, coefficient: tf.Tensor2D, branches: number): tf.Tensor1D => {
  const [states, d] = trace.output.shape;
  const inverseStd = tf.exp(tf.neg(logStd));
  const z = tf.mul(tf.sub(actions, perBranch(trace.output, branches)), inverseStd);
  const c = tf.reshape(coefficient, [states * branches, 1]);
  const meanCoefficient = tf.sum(tf.reshape(tf.mul(c, tf.mul(z, inverseStd)), [states, branches, d]), 1) as tf.Tensor2D;
  return tf.concat([network.vjp(trace, meanCoefficient), tf.sum(tf.mul(c, tf.sub(tf.square(z), 1)), 0)]) as tf.Tensor1D;
};
