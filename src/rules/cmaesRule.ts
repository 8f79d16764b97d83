/**
 * CMA-ES (paper §8) as an update rule over the policy's parameters.
 *
 * @module
 */
import { cmaesAsk, cmaesInit, cmaesTell } from '../algebra/cmaes.js';
import type { CmaesOptions, CmaesState } from '../algebra/cmaes.js';
import type { UpdateRule } from '../streams/updateRule.js';
import { askTellRule } from './askTellRule.js';
import type { CandidateEvaluationOptions } from './askTellRule.js';

/** Options of {@link cmaesRule}: the CMA-ES options, the evaluation options and the starting step size. */
export interface CmaesRuleOptions extends CmaesOptions, CandidateEvaluationOptions {
  /** Initial step size σ₀ (default 0.5). */
  readonly initialSigma?: number;
}

/**
 * CMA-ES as an {@link UpdateRule} named `cmaes`, starting from the run's initial policy
 * parameters (full covariance up to 100 parameters, sep-CMA above unless `covariance` says otherwise).
 * Its `sigma` diagnostic is the step size σ.
 *
 * @example
 * trainEvents(config, { update: () => cmaesRule({ initialSigma: 0.5, episodes: 2 }) })
 */
export const cmaesRule = (options: CmaesRuleOptions = {}): UpdateRule<CmaesState> =>
  askTellRule('cmaes', (params) => cmaesInit(params, options.initialSigma ?? 0.5, options), { ask: cmaesAsk, tell: cmaesTell, mean: (s) => s.mean, sigma: (s) => s.sigma }, options);
