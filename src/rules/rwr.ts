import { adamInit, adamStep } from '../algebra/adam.js';
import { effectiveSampleSize, rewardWeights } from '../algebra/rewardWeights.js';
import { norm } from '../algebra/vector.js';
import { policyObjective } from '../policies/policyObjective.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { logStdOffset } from '../policies/policySpec.js';
import { weightedLikelihood } from '../policies/weightedLikelihood.js';
import type { Estimated, PolicyUpdate } from '../streams/types.js';
import type { UpdateRule } from '../streams/updateRule.js';
import type { RuleCounters } from './gradientRule.js';
import { countingRule } from './gradientRule.js';
import { outputsOf } from './rowKl.js';

/** Options of {@link rwrRule}; every field has a default. */
export interface RwrOptions {
  /** β: inverse temperature of the weights exp(β Â / std(Â)) (default 1; see {@link rewardWeights}). */
  readonly temperature?: number;
  /** Adam steps of the weighted maximum-likelihood fit per update (default 10), from fresh moments. */
  readonly fitSteps?: number;
  /** Adam's learning rate (default 0.003). */
  readonly learningRate?: number;
  /** Lower bound on the refitted Gaussian σ (default 0.01), so the policy keeps exploring. */
  readonly minStd?: number;
}

/**
 * σⱼ = max(σ_min, √(Σᵢ wᵢ (aᵢⱼ − μⱼ(sᵢ))²)) in the log-std block: the weighted maximum-likelihood
 * standard deviation of a Gaussian head given its fitted means (weights sum to 1).
 */
const refitStd = (spec: PolicySpec, params: Float32Array, stage: Estimated, weights: Float64Array, minStd: number): Float32Array => {
  if (spec.head !== 'gaussian') return params;
  const { rows, observations, actions } = stage.batch;
  const d = spec.actionDim, means = outputsOf(spec, params, observations, rows);
  const refitted = Float32Array.from(params);
  for (let j = 0; j < d; j++) {
    let second = 0;
    for (let i = 0; i < rows; i++) second += weights[i] * (actions[i * d + j] - means[i * d + j]) ** 2;
    refitted[logStdOffset(spec) + j] = Math.log(Math.max(minStd, Math.sqrt(second)));
  }
  return refitted;
};

/**
 * Reward-weighted regression (Kober & Peters 2008; paper Sec. 8, Figure 4) as an update rule: the
 * new policy is a weighted maximum-likelihood fit to the batch's own (s, a), with the weights
 * wᵢ ∝ exp(β Âᵢ / std(Â)) of {@link rewardWeights} (nonnegative, summing to 1). The fit takes
 * `fitSteps` Adam steps on −Σᵢ wᵢ log π_θ(aᵢ|sᵢ) over the network's weights and keeps the best
 * iterate (so the weighted log-likelihood never decreases); a Gaussian head's σ is then set to
 * its weighted maximum-likelihood value given the fitted means (floored at `minStd`). No trust
 * region and no line search; state: counters.
 *
 * Reports the measured mean KL and surrogate gain as TRPO does, `gradientNorm` of the weighted
 * log-likelihood at θ_old, and `diagnostics: { effectiveSampleSize, logLikelihoodGain }` (the
 * weights' Kish size in rows, and Σ wᵢ log π gained by the fit in nats). An update that gains
 * nothing keeps θ_old (`accepted: false`).
 *
 * Config values: none required (all options have defaults); a registry may expose
 * `rwr: { temperature, fitSteps, learningRate, minStd }`.
 *
 * @example
 * train(config, { update: () => rwrRule({ temperature: 1, fitSteps: 10 }) })
 */
export const rwrRule = (options: RwrOptions = {}): UpdateRule<RuleCounters> => {
  const { temperature = 1, fitSteps = 10, learningRate = 0.003, minStd = 0.01 } = options;
  if (!Number.isInteger(fitSteps) || fitSteps < 1) throw new Error(`rwr: fitSteps must be a positive integer, got ${fitSteps}`);
  if (!(learningRate > 0) || !(minStd > 0)) throw new Error(`rwr: learningRate and minStd must be positive, got ${learningRate} and ${minStd}`);
  const weigh = rewardWeights({ temperature });
  const step = adamStep({ learningRate });
  return countingRule('rwr', (stage): PolicyUpdate => {
    const { state, batch, estimates } = stage;
    const spec = state.policySpec, old = state.policyParams;
    const weights = weigh(estimates.advantages);
    const samples = { rows: batch.rows, observations: batch.observations, actions: batch.actions, advantages: estimates.advantages };
    // the network's weights only: σ has its closed form below
    const fitted = spec.head === 'gaussian' ? logStdOffset(spec) : old.length;
    const likelihood = weightedLikelihood(spec, samples, weights);
    let before: number, after: number, gradientNorm: number, params: Float32Array;
    try {
      const start = likelihood.evaluate(old);
      before = start.value;
      gradientNorm = norm(start.gradient);
      let best = { params: old, value: before }, at = { params: old, ...start }, moments = adamInit(old.length);
      for (let k = 0; k < fitSteps; k++) {
        const ascent = Float64Array.from(at.gradient, (g, i) => (i < fitted ? -g : 0));
        const next = step(at.params, ascent, moments);
        moments = next.state;
        at = { params: next.params, ...likelihood.evaluate(next.params) };
        if (at.value > best.value) best = at;
      }
      params = refitStd(spec, best.params, stage, weights, minStd);
      after = params === best.params ? best.value : likelihood.evaluate(params).value;
    } finally {
      likelihood.dispose();
    }
    // one Fisher row: the objective serves the KL, surrogate and entropy, not Fisher products
    const objective = policyObjective(spec, old, samples, { fisherRows: Int32Array.of(0) });
    try {
      const accepted = after > before && params.every(Number.isFinite);
      const measured = accepted ? objective.evaluate(params) : { kl: 0, surrogate: objective.surrogateOld };
      return {
        params: accepted ? params : old,
        accepted,
        kl: measured.kl,
        surrogateGain: measured.surrogate - objective.surrogateOld,
        lineSearchSteps: 0,
        entropy: objective.entropy,
        cgIterations: 0,
        gradientNorm,
        diagnostics: { effectiveSampleSize: effectiveSampleSize(weights), logLikelihoodGain: accepted ? after - before : 0 },
      };
    } finally {
      objective.dispose();
    }
  });
};
