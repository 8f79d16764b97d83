/**
 * A derivative-free optimizer with an ask/tell interface (CEM, CMA-ES) as an {@link UpdateRule}:
 * each update asks for candidate policy parameters, evaluates them by whole episodes through the
 * loop's candidate evaluation (its env steps count toward the run's timesteps), tells the optimizer
 * their mean returns and sets the policy to the optimizer's new mean. The rule state is the
 * optimizer state.
 *
 * @module
 */
import { map } from 'rxjs';
import { Rng } from '../algebra/rng.js';
import type { UpdateRule } from '../streams/updateRule.js';

/** An ask/tell optimizer over plain-data state `S` that maximizes fitness. */
export interface AskTellOptimizer<S> {
  /** Candidates of the next generation, each [n]. */
  readonly ask: (state: S, rng: Rng) => Float64Array[];
  /** The next state once the asked candidates scored `fitness` (higher is better). */
  readonly tell: (state: S, candidates: readonly ArrayLike<number>[], fitness: readonly number[]) => S;
  /** The distribution's mean, [n]: the policy parameters after an update. */
  readonly mean: (state: S) => ArrayLike<number>;
  /** A scalar spread of the search distribution, for diagnostics. */
  readonly sigma: (state: S) => number;
}

/** How candidates are evaluated. */
export interface CandidateEvaluationOptions {
  /** Episodes per candidate (default 1); every candidate plays the same episode starts. */
  readonly episodes?: number;
  /** Act with the distribution's mode (default true), so a candidate's return reflects its weights. */
  readonly deterministic?: boolean;
}

/**
 * An update rule from an ask/tell optimizer. Candidates are evaluated as `Float32Array`s (the
 * policy's precision) and told to the optimizer as evaluated. Diagnostics: `bestCandidateReturn`,
 * `meanCandidateReturn` and `sigma` (after the update).
 *
 * @example
 * const rule = askTellRule('cem', (params) => cemInit(params, 0.5), { ask: cemAsk, tell: cemTell, mean: (s) => s.mean, sigma: (s) => mean(s.std) }, { episodes: 1 });
 */
export const askTellRule = <S>(name: string, init: (params: Float32Array) => S, optimizer: AskTellOptimizer<S>, options: CandidateEvaluationOptions = {}): UpdateRule<S> => {
  const episodes = options.episodes ?? 1, deterministic = options.deterministic ?? true;
  if (!Number.isInteger(episodes) || episodes < 1) throw new Error(`${name}: episodes must be a positive integer, got ${episodes}`);
  return {
    name,
    init: (_spec, params) => init(params),
    update: (_stage, state, context) => {
      const candidates = optimizer.ask(state, new Rng(context.rng)).map((x) => Float32Array.from(x));
      return context.evaluate({ candidates, episodes, deterministic }).pipe(
        map(({ means, timesteps }) => {
          const next = optimizer.tell(state, candidates, means);
          const diagnostics = {
            bestCandidateReturn: Math.max(...means),
            meanCandidateReturn: means.reduce((s, r) => s + r, 0) / means.length,
            sigma: optimizer.sigma(next),
          };
          const params = Float32Array.from(optimizer.mean(next));
          return {
            update: { params, accepted: true, kl: 0, surrogateGain: 0, lineSearchSteps: 0, entropy: 0, cgIterations: 0, gradientNorm: 0, diagnostics },
            ruleState: next,
            timesteps,
          };
        }),
      );
    },
  };
};
