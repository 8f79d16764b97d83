/**
 * The update-rule contract: a policy update as data plus functions. A rule keeps its own state as
 * plain data (in the training state, so it is checkpointed and restored on resume), turns one
 * estimated batch into new parameters, and may ask for candidate parameter vectors to be
 * evaluated by rollouts (what derivative-free rules such as CEM or random search need).
 *
 * @module
 */
import type { Observable, OperatorFunction } from 'rxjs';
import { concatMap, isObservable, map, of, take } from 'rxjs';
import type { RngState } from '../algebra/rng.js';
import type { PolicySpec } from '../policies/policySpec.js';
import type { Estimated, PolicyUpdate, Updated } from './types.js';

/** Candidate parameter vectors to evaluate by whole episodes. */
export interface CandidateRequest {
  readonly candidates: readonly Float32Array[];
  /** Episodes per candidate; episode e of every candidate starts from the same reset seed. */
  readonly episodes: number;
  /** Act with the distribution's mode (default: sample, with the same noise stream per episode index). */
  readonly deterministic?: boolean;
}

/** Returns of evaluated candidates. */
export interface CandidateScores {
  /** `returns[c][e]`: return of candidate c in episode e. */
  readonly returns: readonly (readonly number[])[];
  /** Mean return of each candidate. */
  readonly means: readonly number[];
  /** Env steps the evaluation took (they count toward the run's timesteps). */
  readonly timesteps: number;
}

/** What the loop offers a rule during one update. */
export interface RuleContext {
  /** A random stream of the rule's own for this update (perturbations, sampling), apart from the evaluation's. */
  readonly rng: RngState;
  /** Evaluates candidate parameters by rollouts on fresh envs of the run's env. */
  evaluate(request: CandidateRequest): Observable<CandidateScores>;
}

/** One update by a rule: the policy update, the rule's next state, and extra env steps it used. */
export interface RuleStep<S> {
  readonly update: PolicyUpdate;
  readonly ruleState: S;
  /** Env steps spent inside the update (candidate evaluations); default 0. */
  readonly timesteps?: number;
}

/**
 * A policy-update rule. `S` is the rule's own state: plain data (numbers, arrays, typed arrays,
 * objects), no closures or tensors, so it goes into checkpoints as it is.
 *
 * @example
 * const keepParams: UpdateRule<null> = {
 *   name: 'identity',
 *   init: () => null,
 *   update: (stage) => ({ update: { params: stage.state.policyParams, accepted: false, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0 }, ruleState: null }),
 * };
 */
export interface UpdateRule<S> {
  /** Names the rule in checkpoints (a resume refuses a checkpoint of another rule). */
  readonly name: string;
  /** The rule's state before its first update. */
  init(spec: PolicySpec, params: Float32Array): S;
  /** One update from an estimated batch; may return an Observable (e.g. when it evaluates candidates). */
  update(stage: Estimated, ruleState: S, context: RuleContext): RuleStep<S> | Observable<RuleStep<S>>;
}

/** An update stage: an operator over the stream of estimated batches. */
export type UpdateOperator = OperatorFunction<Estimated, Updated>;

/** A rule's state in `stage`, or its initial state when the run has none yet. */
const ruleStateOf = <S>(rule: UpdateRule<S>, stage: Estimated): S => {
  const saved = stage.state.rule;
  if (saved === null) return rule.init(stage.state.policySpec, stage.state.policyParams);
  if (saved.name !== rule.name) throw new Error(`the training state holds the state of update rule '${saved.name}', but the run uses '${rule.name}'`);
  return saved.state as S;
};

/**
 * A rule as the loop's update stage: each estimated batch goes through `rule.update` with the
 * rule's state from the training state; the new state and any extra timesteps go back into it.
 *
 * @example
 * estimated$.pipe(ruleOperator(trpoRule(config.trpo), contextOf))
 */
export const ruleOperator = <S>(rule: UpdateRule<S>, contextOf: (stage: Estimated) => RuleContext): UpdateOperator =>
  concatMap((stage: Estimated) => {
    const out = rule.update(stage, ruleStateOf(rule, stage), contextOf(stage));
    return (isObservable(out) ? out.pipe(take(1)) : of(out)).pipe(
      map(
        (step): Updated => ({
          ...stage,
          update: step.update,
          state: { ...stage.state, timesteps: stage.state.timesteps + (step.timesteps ?? 0), rule: { name: rule.name, state: step.ruleState } },
        }),
      ),
    );
  });

/** Whether an update stage is a rule (an object with `update`) rather than an operator. */
export const isUpdateRule = <S>(stage: UpdateRule<S> | UpdateOperator): stage is UpdateRule<S> => typeof stage !== 'function';
