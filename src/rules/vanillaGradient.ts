import { withGradient } from '../streams/operators/trustRegionStep.js';
import type { UpdateRule } from '../streams/updateRule.js';
import type { RuleCounters } from './gradientRule.js';
import { countingRule, fixedStep } from './gradientRule.js';

/** Options of {@link vanillaGradientRule}. */
export interface VanillaGradientOptions {
  /** ε: the fixed step size along the surrogate gradient. */
  readonly stepSize: number;
}

/**
 * Plain policy gradient on the surrogate (the paper's Sec. 8 baseline): θ' = θ + ε · g, with g the
 * gradient of L(θ) = mean(π_θ/π_old · A) at θ_old. No Fisher products, no line search; every finite
 * step is accepted and reports its measured mean KL, surrogate gain and `diagnostics: { stepSize }`.
 *
 * @example
 * train(config, { update: () => vanillaGradientRule({ stepSize: 0.05 }) })
 */
export const vanillaGradientRule = (options: VanillaGradientOptions): UpdateRule<RuleCounters> =>
  countingRule('vanilla-gradient', (stage) =>
    // no Fisher-vector products are taken, so a one-row subsample keeps their setup cheap
    withGradient(stage, 0, (start) => fixedStep(start, start.gradient, options.stepSize, 0)),
  );
