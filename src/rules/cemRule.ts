/**
 * The cross-entropy method (paper §8) as an update rule over the policy's parameters.
 *
 * @module
 */
import { cemAsk, cemInit, cemTell } from '../algebra/cem.js';
import type { CemOptions, CemState } from '../algebra/cem.js';
import { mean } from '../algebra/vector.js';
import type { UpdateRule } from '../streams/updateRule.js';
import { askTellRule } from './askTellRule.js';
import type { CandidateEvaluationOptions } from './askTellRule.js';

/** Options of {@link cemRule}: the CEM options, the evaluation options and the starting spread. */
export interface CemRuleOptions extends CemOptions, CandidateEvaluationOptions {
  /** Initial standard deviation of every parameter (default 0.5). */
  readonly initialStd?: number;
}

/**
 * CEM as an {@link UpdateRule} named `cem`, starting from the run's initial policy parameters.
 * Its `sigma` diagnostic is the mean standard deviation over the parameters.
 *
 * @example
 * trainEvents(config, { update: () => cemRule({ populationSize: 20, eliteFraction: 0.2, noise: { initial: 0.1, decrement: 0.005 } }) })
 */
export const cemRule = (options: CemRuleOptions = {}): UpdateRule<CemState> =>
  askTellRule('cem', (params) => cemInit(params, options.initialStd ?? 0.5, options), { ask: cemAsk, tell: cemTell, mean: (s) => s.mean, sigma: (s) => mean(s.std) }, options);
