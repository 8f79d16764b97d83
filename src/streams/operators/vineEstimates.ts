import type { OperatorFunction } from 'rxjs';
import { map } from 'rxjs';
import { centerPerState } from '../../algebra/branchBaseline.js';
import { normalizeAdvantages } from '../../algebra/gae.js';
import { denormalizeValues, predictValues } from '../../policies/valueFunction.js';
import type { AdvantageOptions } from './advantages.js';
import { estimateAdvantages } from './advantages.js';
import type { Estimated, RolloutSet, Sampled, TrainingState, VineEstimates } from '../types.js';

/** Options of {@link vineEstimates}: GAE's for the trunk, and how branch returns become Q̂. */
export interface VineEstimateOptions extends AdvantageOptions {
  /**
   * Add γ^L V(s_L) to a branch cut before a terminal state (by its length or the time limit), V the
   * state's value network (default in the config: false, as in the paper: Q̂ is the branch's own return).
   */
  readonly bootstrap: boolean;
}

/**
 * Q̂ of every branch of a rollout set: its discounted return (plus γ^L V(s_L) for a cut branch
 * when `bootstrap`), minus its state's mean over the branches, rescaled to unit std over the
 * rollout set when `normalize` (a positive constant: it scales the surrogate and its gradient,
 * not the trust-region step's direction, as single path's advantage normalization does).
 *
 * @example
 * const { q } = estimateVineQ(state, rolloutSet, { gamma: 0.99, lambda: 1, normalize: true, bootstrap: false });
 */
export const estimateVineQ = (state: TrainingState, rolloutSet: RolloutSet, options: Pick<VineEstimateOptions, 'gamma' | 'normalize' | 'bootstrap'>): VineEstimates => {
  const q = Float64Array.from(rolloutSet.returns);
  if (options.bootstrap) {
    const cutRows: number[] = [];
    rolloutSet.cut.forEach((c, row) => c && cutRows.push(row));
    const d = rolloutSet.observations.length / rolloutSet.states;
    const inputs = new Float32Array(cutRows.length * d);
    cutRows.forEach((row, i) => inputs.set(rolloutSet.finalObservations.subarray(row * d, (row + 1) * d), i * d));
    const values = denormalizeValues(state.valueTargetStats, predictValues(state.valueSpec, state.valueParams, inputs, cutRows.length));
    cutRows.forEach((row, i) => (q[row] += options.gamma ** rolloutSet.lengths[row] * values[i]));
  }
  const centered = centerPerState(q, rolloutSet.branches);
  return { q: options.normalize ? normalizeAdvantages(centered) : centered };
};

/**
 * Vine's estimator stage (paper Sec. 5.2): GAE on the trunk (what the value network is fitted
 * on) and, when the batch has a rollout set, Q̂ of its branches ({@link estimateVineQ}); the
 * policy update then optimizes the vine surrogate. {@link Sampled} → {@link Estimated}.
 *
 * @example
 * sampled$.pipe(vineEstimates({ gamma: 0.99, lambda: 0.97, normalize: true, bootstrap: false }))
 */
export const vineEstimates = (options: VineEstimateOptions): OperatorFunction<Sampled, Estimated> =>
  map((sampled) => {
    const estimates = estimateAdvantages(sampled.state, sampled.batch, options);
    return sampled.rolloutSet ? { ...sampled, estimates, vine: estimateVineQ(sampled.state, sampled.rolloutSet, options) } : { ...sampled, estimates };
  });
