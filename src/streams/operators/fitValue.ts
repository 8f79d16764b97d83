import type { OperatorFunction } from 'rxjs';
import { map } from 'rxjs';
import { adamStep } from '../../algebra/adam.js';
import { Rng } from '../../algebra/rng.js';
import { updateStats } from '../../algebra/runningStats.js';
import { normalizeValues, valueRegression } from '../../policies/valueFunction.js';
import type { Fitted, Updated, ValueFit } from '../types.js';

/** Options of {@link fitValue}. */
export interface ValueFitOptions {
  readonly learningRate: number;
  /** Passes over the batch. */
  readonly epochs: number;
  readonly minibatchSize: number;
}

const variance = (xs: ArrayLike<number>): number => {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i];
  mean /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - mean) ** 2;
  return v / xs.length;
};

/**
 * Fits the value network to the batch's GAE returns: `epochs` passes of shuffled minibatches,
 * one Adam step each. Emits the new weights and moments with the loss before and after.
 */
export const fitValueNetwork = (stage: Updated, options: ValueFitOptions): ValueFit => {
  const { state, batch, estimates, streams } = stage;
  const rng = new Rng(streams.value);
  const residual = estimates.returns.map((r, i) => r - estimates.values[i]);
  const returnsVariance = variance(estimates.returns);
  const explainedVariance = returnsVariance > 0 ? 1 - variance(residual) / returnsVariance : 0;
  const targetStats = state.valueTargetStats ? updateStats(state.valueTargetStats, estimates.returns) : null;
  const regression = valueRegression(state.valueSpec, batch.observations, normalizeValues(targetStats, estimates.returns), batch.rows);
  try {
    const lossBefore = regression.loss(state.valueParams);
    let params = state.valueParams, optimizer = state.valueOptimizer;
    const step = adamStep({ learningRate: options.learningRate });
    const order = new Int32Array(batch.rows);
    for (let i = 0; i < batch.rows; i++) order[i] = i;
    const size = Math.min(options.minibatchSize, batch.rows);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = batch.rows - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (let start = 0; start + size <= batch.rows; start += size) {
        const gradient = regression.gradient(params, order.subarray(start, start + size));
        ({ params, state: optimizer } = step(params, gradient, optimizer));
      }
    }
    return { params, optimizer, targetStats, lossBefore, loss: regression.loss(params), explainedVariance };
  } finally {
    regression.dispose();
  }
};

/** The value-fitting stage as an operator: {@link Updated} → {@link Fitted}. */
export const fitValue = (options: ValueFitOptions): OperatorFunction<Updated, Fitted> =>
  map((stage) => ({ ...stage, valueFit: fitValueNetwork(stage, options) }));
