/**
 * Sample weights of reward-weighted regression (Kober & Peters 2008; the paper's Sec. 8 and
 * Figure 4 compare it): nonnegative weights that sum to 1 and grow with a sample's advantage.
 *
 * @module
 */
import { dot, mean, variance } from './vector.js';

/** Options of {@link rewardWeights}. */
export interface RewardWeightOptions {
  /**
   * β ≥ 0: inverse temperature on the advantages in units of their standard deviation. β = 0 gives
   * uniform weights (plain maximum likelihood); for normally distributed advantages the effective
   * sample size is about n · exp(−β²), so β = 1 keeps about 37% of the batch.
   */
  readonly temperature: number;
}

/**
 * wᵢ = exp(β (Aᵢ − max A) / std(A)) / Σⱼ exp(β (Aⱼ − max A) / std(A)), `[n]`: Kober & Peters'
 * exponential transform u(r) = exp(β r) of the returns, here of the advantages, with β measured in
 * units of the batch's advantage spread so the weights do not depend on the reward scale, and the
 * maximum subtracted so no term overflows. All-equal advantages (zero spread) give uniform weights.
 *
 * @example
 * rewardWeights({ temperature: 1 })([0, 1, 2]) // Float64Array [0.09, 0.245, 0.665] (about)
 */
export const rewardWeights = (options: RewardWeightOptions): ((advantages: ArrayLike<number>) => Float64Array) => {
  const { temperature } = options;
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new Error(`rewardWeights: temperature must be a finite number ≥ 0, got ${temperature}`);
  return (advantages) => {
    const n = advantages.length;
    if (n === 0) throw new Error('rewardWeights: no advantages');
    const spread = Math.sqrt(variance(advantages));
    if (!Number.isFinite(spread) || !Number.isFinite(mean(advantages))) throw new Error('rewardWeights: advantages must be finite');
    if (!(spread > 0)) return new Float64Array(n).fill(1 / n);
    let top = -Infinity;
    for (let i = 0; i < n; i++) top = Math.max(top, advantages[i]);
    const weights = Float64Array.from(advantages, (a) => Math.exp((temperature * (a - top)) / spread));
    const total = weights.reduce((s, w) => s + w, 0); // ≥ 1: the top term is exp(0)
    return weights.map((w) => w / total);
  };
};

/**
 * Kish's effective sample size 1 / Σ wᵢ² of weights that sum to 1: n for uniform weights, 1 when
 * one sample holds all the weight.
 *
 * @example
 * effectiveSampleSize([0.25, 0.25, 0.25, 0.25]) // 4
 */
export const effectiveSampleSize = (weights: ArrayLike<number>): number => 1 / dot(weights, weights);
