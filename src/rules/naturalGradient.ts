import type { TrustRegionOptions } from '../streams/operators/trustRegionStep.js';
import { naturalDirection, withGradient } from '../streams/operators/trustRegionStep.js';
import type { UpdateRule } from '../streams/updateRule.js';
import type { RuleCounters } from './gradientRule.js';
import { countingRule, fixedStep } from './gradientRule.js';

/** Options of {@link naturalGradientRule}. */
export interface NaturalGradientOptions extends Pick<TrustRegionOptions, 'cgIterations' | 'cgDamping' | 'cgResidualTolerance' | 'fisherFraction'> {
  /** ε: the fixed step size (the paper swept it by factors of 3 and kept the best). */
  readonly stepSize: number;
}

/**
 * Natural policy gradient with a fixed step size (paper Sec. 8, after Kakade 2002): θ' = θ + ε · x,
 * x ≈ (F + λI)⁻¹ g by conjugate gradient on the same Fisher-vector products (same row subsample)
 * as TRPO, with no trust region and no line search. Every finite step is accepted; the update
 * reports its measured mean KL and surrogate gain, and `diagnostics: { stepSize }`. State: counters.
 *
 * @example
 * train(config, { update: (c) => naturalGradientRule({ ...c.trpo, stepSize: 0.1 }) })
 */
export const naturalGradientRule = (options: NaturalGradientOptions): UpdateRule<RuleCounters> =>
  countingRule('natural-gradient', (stage) =>
    withGradient(stage, options.fisherFraction, (start) => {
      const { x, iterations } = naturalDirection(start, options);
      return fixedStep(start, x, options.stepSize, iterations);
    }),
  );
