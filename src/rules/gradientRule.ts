/**
 * What the paper's gradient-based rules (Sec. 8) share: a state of plain counters, and the fixed
 * step θ' = θ + ε · d along a direction, measured and reported the way TRPO reports its steps.
 *
 * @module
 */
import type { Estimated, PolicyUpdate } from '../streams/types.js';
import type { GradientStart } from '../streams/operators/trustRegionStep.js';
import type { UpdateRule } from '../streams/updateRule.js';

/** A gradient rule's state: how many updates it made and how many of them it accepted (plain data). */
export interface RuleCounters {
  readonly updates: number;
  readonly accepted: number;
}

/**
 * An {@link UpdateRule} whose state counts its updates, from a function of one batch.
 *
 * @example
 * const rule = countingRule('identity', (stage) => ({ params: stage.state.policyParams, accepted: false, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0 }));
 */
export const countingRule = (name: string, update: (stage: Estimated) => PolicyUpdate): UpdateRule<RuleCounters> => ({
  name,
  init: () => ({ updates: 0, accepted: 0 }),
  update: (stage, counters) => {
    const step = update(stage);
    return { update: step, ruleState: { updates: counters.updates + 1, accepted: counters.accepted + (step.accepted ? 1 : 0) } };
  },
});

/**
 * The step θ' = θ + ε · d (no trust region, no line search), with its mean KL and surrogate gain
 * measured on the batch; `diagnostics: { stepSize: ε }`. A step that is not finite keeps θ
 * (`accepted: false`); any finite step is accepted.
 *
 * @example
 * withGradient(stage, 0.1, (start) => fixedStep(start, start.gradient, 0.01, 0))
 */
export const fixedStep = (start: GradientStart, direction: Float64Array, stepSize: number, cgIterations: number): PolicyUpdate => {
  const params = Float32Array.from(start.params, (p, i) => p + stepSize * direction[i]);
  if (!params.every(Number.isFinite)) return start.rejected(cgIterations);
  const { surrogate, kl } = start.objective.evaluate(params);
  return {
    params,
    accepted: true,
    kl,
    surrogateGain: surrogate - start.objective.surrogateOld,
    lineSearchSteps: 0,
    entropy: start.entropy,
    cgIterations,
    gradientNorm: start.gradientNorm,
    diagnostics: { stepSize },
  };
};
