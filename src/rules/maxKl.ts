import type { TrustRegionOptions } from '../streams/operators/trustRegionStep.js';
import { trustRegionSearch, withGradient } from '../streams/operators/trustRegionStep.js';
import type { UpdateRule } from '../streams/updateRule.js';
import type { RuleCounters } from './gradientRule.js';
import { countingRule } from './gradientRule.js';
import { rowKls } from './rowKl.js';

/**
 * TRPO with the paper's max-KL constraint (Sec. 8): the same gradient, CG direction and full step
 * √(2δ / xᵀFx) · x, but the line search backtracks until the largest per-state divergence
 * max_i KL(π_old(·|sᵢ) ‖ π_new(·|sᵢ)) over the objective's states (the batch, or vine's rollout set) is ≤ δ and the surrogate improves, so it never
 * takes a larger fraction of the step than TRPO would. The row KLs are float64 ({@link rowKls}).
 * Reports the mean KL under `kl` (as TRPO does) and the bounded maximum as `diagnostics.maxKl`
 * (0 when rejected). State: counters.
 *
 * @example
 * train(config, { update: (c) => maxKlRule(c.trpo) })
 */
export const maxKlRule = (options: TrustRegionOptions): UpdateRule<RuleCounters> =>
  countingRule('max-kl', (stage) =>
    withGradient(stage, options.fisherFraction, (start) => {
      const klAt = rowKls(stage.state.policySpec, start.states.observations, start.states.rows, start.params);
      let meanKl = 0; // of the last candidate the search measured: the accepted one, when it accepts
      const update = trustRegionSearch(start, options, (candidate, mean) => {
        meanKl = mean;
        return klAt(candidate).reduce((a, b) => Math.max(a, b), 0);
      });
      return { ...update, kl: update.accepted ? meanKl : 0, diagnostics: { maxKl: update.kl } };
    }),
  );
