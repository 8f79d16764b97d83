import type { OperatorFunction } from 'rxjs';
import { map } from 'rxjs';
import { gae, normalizeAdvantages } from '../../algebra/gae.js';
import { denormalizeValues, predictValues } from '../../policies/valueFunction.js';
import type { AdvantageEstimates, Batch, Estimated, Sampled, TrainingState } from '../types.js';

/** Options of {@link advantages}. */
export interface AdvantageOptions {
  readonly gamma: number;
  readonly lambda: number;
  /** Rescale advantages to mean 0, std 1 for the policy update (returns stay unscaled). */
  readonly normalize: boolean;
}

/**
 * Values of every row, of the final observations of truncated episodes and of each env's
 * bootstrap observation, in one batched forward pass of the value network.
 */
const batchValues = (state: TrainingState, batch: Batch) => {
  const { rows, observationDim: d, numEnvs } = batch;
  const truncatedRows: number[] = [];
  for (let i = 0; i < rows; i++) if (batch.truncated[i]) truncatedRows.push(i);
  const inputs = new Float32Array((rows + truncatedRows.length + numEnvs) * d);
  inputs.set(batch.observations);
  truncatedRows.forEach((row, k) => inputs.set(batch.finalObservations.subarray(row * d, (row + 1) * d), (rows + k) * d));
  inputs.set(batch.bootstrapObservations, (rows + truncatedRows.length) * d);
  const all = denormalizeValues(state.valueTargetStats, predictValues(state.valueSpec, state.valueParams, inputs, rows + truncatedRows.length + numEnvs));
  const finalValues = new Float64Array(rows);
  truncatedRows.forEach((row, k) => (finalValues[row] = all[rows + k]));
  return { values: all.slice(0, rows), finalValues, bootstrapValues: all.slice(rows + truncatedRows.length) };
};

/** GAE(γ, λ) estimates of a batch under the state's value network. */
export const estimateAdvantages = (state: TrainingState, batch: Batch, options: AdvantageOptions): AdvantageEstimates => {
  const { values, finalValues, bootstrapValues } = batchValues(state, batch);
  const { advantages, returns } = gae({ gamma: options.gamma, lambda: options.lambda })({
    numEnvs: batch.numEnvs,
    rewards: batch.rewards,
    values,
    terminated: batch.terminated,
    truncated: batch.truncated,
    finalValues,
    bootstrapValues,
  });
  return { values, returns, advantages: options.normalize ? normalizeAdvantages(advantages) : advantages };
};

/** The advantage stage as an operator: {@link Sampled} → {@link Estimated}. */
export const advantages = (options: AdvantageOptions): OperatorFunction<Sampled, Estimated> =>
  map((sampled) => ({ ...sampled, estimates: estimateAdvantages(sampled.state, sampled.batch, options) }));
