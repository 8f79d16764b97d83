import type { TrustRegionOptions } from '../streams/operators/trustRegionStep.js';
import { trustRegionSearch, withGradient } from '../streams/operators/trustRegionStep.js';
import type { UpdateRule } from '../streams/updateRule.js';
import type { RuleCounters } from './gradientRule.js';
import { countingRule } from './gradientRule.js';

/**
 * TRPO whose conjugate gradient runs on the empirical Fisher (paper Sec. 8, "empirical FIM"):
 * the second moment (1/n) Σᵢ gᵢ gᵢᵀ of the score vectors gᵢ = ∇θ log π(aᵢ|sᵢ) at the sampled
 * actions, on the same `fisherFraction` row subsample and with the same damping, instead of the
 * analytic Hessian of the mean KL. Everything else is TRPO's: the full step √(2δ / xᵀF̂x) · x and a
 * backtracking line search on the measured mean KL ≤ δ and a surrogate improvement. The products
 * are exact and matrix-free (one forward-mode and one backward pass each). State: counters.
 *
 * Config values: the `trpo` block (maxKl, cgIterations, cgDamping, cgResidualTolerance,
 * fisherFraction, lineSearchBacktracks, backtrackRatio).
 *
 * @example
 * train(config, { update: (c) => empiricalFisherRule(c.trpo) })
 */
export const empiricalFisherRule = (options: TrustRegionOptions): UpdateRule<RuleCounters> =>
  countingRule('empirical-fisher', (stage) => withGradient(stage, options.fisherFraction, (start) => trustRegionSearch(start, options), 'empirical'));
