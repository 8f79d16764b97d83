import type { ConjugateGradientResult } from '../../algebra/cg.js';
import { conjugateGradient } from '../../algebra/cg.js';
import { backtrackingLineSearch } from '../../algebra/lineSearch.js';
import { Rng } from '../../algebra/rng.js';
import { subsampleRows } from '../../algebra/rows.js';
import { dot } from '../../algebra/vector.js';
import type { PolicyObjective } from '../../policies/policyObjective.js';
import type { FisherKind } from '../../policies/fisher.js';
import { policyObjective } from '../../policies/policyObjective.js';
import type { FisherStates } from '../../policies/fisher.js';
import { vineObjective } from '../../policies/vineObjective.js';
import type { Estimated, PolicyUpdate } from '../types.js';
import { noCandidates } from '../candidates.js';
import type { UpdateOperator, UpdateRule } from '../updateRule.js';
import { ruleOperator } from '../updateRule.js';

/** Options of {@link trustRegionStep}; defaults follow the paper (Sec. 6, Appendix C). */
export interface TrustRegionOptions {
  /** δ: bound on the mean KL(π_old ‖ π_new) (paper: 0.01). */
  readonly maxKl: number;
  readonly cgIterations: number;
  readonly cgDamping: number;
  readonly cgResidualTolerance: number;
  /** Fraction of rows the Fisher-vector products use (Appendix C: 0.1). */
  readonly fisherFraction: number;
  readonly lineSearchBacktracks: number;
  readonly backtrackRatio: number;
}

export { subsampleRows } from '../../algebra/rows.js';


/**
 * What every gradient rule starts from: the batch's objective around θ_old (Fisher-vector products
 * on the rows drawn from `streams.fisher`), the surrogate gradient g and the policy's entropy.
 */
export interface GradientStart {
  readonly params: Float32Array;
  readonly objective: PolicyObjective;
  /** The states the objective's KL averages over: the batch rows (single path) or the rollout set (vine). */
  readonly states: FisherStates;
  readonly gradient: Float64Array;
  readonly gradientNorm: number;
  readonly entropy: number;
  /** The update that keeps the old parameters (`accepted: false`), after `cgIterations` CG iterations. */
  readonly rejected: (cgIterations: number) => PolicyUpdate;
}

/**
 * The objective a stage asks for: the vine surrogate over its rollout set when it carries vine
 * estimates (paper Sec. 5.2), else the single-path surrogate over its batch (Sec. 5.1). The Fisher
 * rows are `fisherFraction` of the objective's states, drawn from `streams.fisher`; `fisher` picks
 * the matrix (the empirical Fisher needs single-path samples).
 *
 * @example
 * const { objective, states } = stageObjective(stage, 0.1); objective.dispose();
 */
export const stageObjective = (stage: Estimated, fisherFraction: number, fisher: FisherKind = 'kl-hessian'): { readonly objective: PolicyObjective; readonly states: FisherStates } => {
  const { state, batch, estimates, streams, rolloutSet, vine } = stage;
  const params = state.policyParams;
  const fisherRowsOf = (rows: number) => subsampleRows(rows, Math.ceil(rows * fisherFraction), new Rng(streams.fisher));
  if (vine && rolloutSet) {
    // the vine batch has no single sampled action per state to take a score at
    if (fisher === 'empirical') throw new Error('the empirical Fisher needs single-path samples; vine sampling has none');
    const states = { rows: rolloutSet.states, observations: rolloutSet.observations };
    const samples = { states: rolloutSet.states, branches: rolloutSet.branches, observations: rolloutSet.observations, actions: rolloutSet.actions, q: vine.q };
    return { objective: vineObjective(state.policySpec, params, samples, { fisherRows: fisherRowsOf(states.rows) }), states };
  }
  const objective = policyObjective(
    state.policySpec,
    params,
    { rows: batch.rows, observations: batch.observations, actions: batch.actions, advantages: estimates.advantages },
    { fisherRows: fisherRowsOf(batch.rows), fisher },
  );
  return { objective, states: { rows: batch.rows, observations: batch.observations } };
};

/**
 * Runs `step` on the stage's {@link GradientStart} and disposes the objective afterwards; a zero or
 * non-finite gradient keeps the old parameters without calling `step`. The objective is the one
 * {@link stageObjective} picks (single path or vine); `fisher` picks the matrix the start's
 * Fisher-vector products use (default TRPO's KL Hessian).
 *
 * @example
 * const update = withGradient(stage, config.trpo.fisherFraction, (start) => trustRegionSearch(start, config.trpo));
 */
export const withGradient = (stage: Estimated, fisherFraction: number, step: (start: GradientStart) => PolicyUpdate, fisher: FisherKind = 'kl-hessian'): PolicyUpdate => {
  const params = stage.state.policyParams;
  const { objective, states } = stageObjective(stage, fisherFraction, fisher);
  try {
    const { gradient } = objective.gradient(params);
    const entropy = objective.entropy;
    const gradientNorm = Math.sqrt(dot(gradient, gradient));
    const rejected = (cgIterations: number): PolicyUpdate => ({
      params,
      accepted: false,
      kl: 0,
      surrogateGain: 0,
      lineSearchSteps: 0,
      entropy,
      cgIterations,
      gradientNorm,
    });
    if (!(gradientNorm > 0) || !Number.isFinite(gradientNorm)) return rejected(0);
    return step({ params, objective, states, gradient, gradientNorm, entropy, rejected });
  } finally {
    objective.dispose();
  }
};

/**
 * x ≈ (F + λI)⁻¹ g by conjugate gradient on the start's Fisher-vector products (paper, Appendix C).
 *
 * @example
 * const { x, ax, iterations } = naturalDirection(start, config.trpo);
 */
export const naturalDirection = (start: GradientStart, options: Pick<TrustRegionOptions, 'cgIterations' | 'cgResidualTolerance' | 'cgDamping'>): ConjugateGradientResult =>
  conjugateGradient({ maxIterations: options.cgIterations, residualTolerance: options.cgResidualTolerance, damping: options.cgDamping })(
    start.objective.fisherVectorProduct,
    start.gradient,
  );

/**
 * The divergence a trust-region line search bounds by δ, of a candidate whose mean KL the objective
 * measured: TRPO bounds the mean itself; the paper's max-KL variant (Sec. 8) the largest row's KL.
 */
export type KlBound = (candidate: Float64Array, meanKl: number) => number;

/**
 * TRPO's step from a start (paper Sec. 6): x ≈ F⁻¹g by CG, the full step √(2δ / xᵀFx) · x, then
 * a backtracking line search that accepts only a step with `bound` ≤ δ (default: the mean KL) and
 * a surrogate improvement; otherwise the old parameters stay and `accepted` is false. The update's
 * `kl` is the bounded divergence of the accepted step.
 *
 * @example
 * withGradient(stage, options.fisherFraction, (start) => trustRegionSearch(start, options))
 */
export const trustRegionSearch = (start: GradientStart, options: TrustRegionOptions, bound?: KlBound): PolicyUpdate => {
  const { params, objective, gradient, entropy, gradientNorm } = start;
  const { x, ax, iterations } = naturalDirection(start, options);
  const xFx = dot(x, ax); // xᵀ(F + λI)x from the products CG made

  if (!(xFx > 0) || !Number.isFinite(xFx)) return start.rejected(iterations);
  const stepSize = Math.sqrt((2 * options.maxKl) / xFx);
  const fullStep = x.map((v: number) => v * stepSize);
  const search = backtrackingLineSearch({ maxKl: options.maxKl, maxBacktracks: options.lineSearchBacktracks, backtrackRatio: options.backtrackRatio });
  const result = search(
    (candidate: Float64Array) => {
      const { surrogate, kl } = objective.evaluate(candidate);
      return { surrogateGain: surrogate - objective.surrogateOld, kl: bound ? bound(candidate, kl) : kl };
    },
    Float64Array.from(params),
    fullStep,
    dot(gradient, fullStep),
  );
  return {
    params: result.accepted ? Float32Array.from(result.params) : params,
    accepted: result.accepted,
    kl: result.kl,
    surrogateGain: result.surrogateGain,
    lineSearchSteps: result.steps,
    entropy,
    cgIterations: iterations,
    gradientNorm,
  };
};

/**
 * One TRPO step (paper Sec. 6): gradient g of the surrogate, x ≈ F⁻¹g by conjugate gradient on
 * Fisher-vector products of a row subsample, the full step √(2δ / xᵀFx) · x, then a backtracking
 * line search that accepts only a step with mean KL ≤ δ and a surrogate improvement; otherwise the
 * old parameters stay and `accepted` is false.
 */
export const trpoUpdate = (stage: Estimated, options: TrustRegionOptions): PolicyUpdate =>
  withGradient(stage, options.fisherFraction, (start) => trustRegionSearch(start, options));

/**
 * TRPO as an {@link UpdateRule}: no state of its own (`null`), one {@link trpoUpdate} per batch.
 *
 * @example
 * train(config, { update: () => trpoRule({ ...config.trpo, maxKl: 0.02 }) })
 */
export const trpoRule = (options: TrustRegionOptions): UpdateRule<null> => ({
  name: 'trpo',
  init: () => null,
  update: (stage) => ({ update: trpoUpdate(stage, options), ruleState: null }),
});

/**
 * The TRPO update as an operator over the stream of estimated batches: {@link Estimated} →
 * `Updated` (what the training loop runs by default).
 *
 * @example
 * estimated$.pipe(trustRegionStep(config.trpo))
 */
export const trustRegionStep = (options: TrustRegionOptions): UpdateOperator => ruleOperator(trpoRule(options), noCandidates);
