/**
 * Finite MDPs (S, A, P, r, ρ₀, γ) as in the paper's §2, with the reward a function of the state,
 * r(s), as the paper writes it (a reward r(s, a) can be folded into an extra state when needed).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';

/**
 * An exact finite MDP. `transitions[(s·A + a)·S + s']` = P(s' | s, a) `[S, A, S]` (each row sums
 * to 1), `rewards[s]` = r(s) `[S]`, `initial[s]` = ρ₀(s) `[S]`, and the discount γ ∈ (0, 1).
 */
export interface TabularMdp {
  readonly states: number;
  readonly actions: number;
  readonly transitions: Float64Array;
  readonly rewards: Float64Array;
  readonly initial: Float64Array;
  readonly gamma: number;
}

/** Why a would-be MDP was refused: the field and what was wrong with it. */
export interface MdpError {
  readonly _tag: 'MdpError';
  readonly field: 'states' | 'actions' | 'transitions' | 'rewards' | 'initial' | 'gamma';
  readonly message: string;
}

const isDistribution = (p: ArrayLike<number>, from: number, length: number): boolean => {
  let s = 0;
  for (let i = from; i < from + length; i++) {
    if (!(p[i] >= 0)) return false;
    s += p[i];
  }
  return Math.abs(s - 1) <= 1e-9;
};

/**
 * Checks the shapes and laws of an MDP (sizes ≥ 1, rows of P and ρ₀ are distributions, finite
 * rewards, 0 < γ < 1): the MDP itself, or the first problem found.
 *
 * @example
 * tabularMdp({ states: 1, actions: 1, transitions: Float64Array.of(1), rewards: Float64Array.of(1), initial: Float64Array.of(1), gamma: 0.9 })
 * // right: the one-state MDP, whose value is 1 / (1 − 0.9) = 10
 */
export const tabularMdp = (mdp: TabularMdp): E.Either<MdpError, TabularMdp> => {
  const fail = (field: MdpError['field'], message: string) => E.left<MdpError, TabularMdp>({ _tag: 'MdpError', field, message });
  const { states: S, actions: A } = mdp;
  if (!(Number.isInteger(S) && S >= 1)) return fail('states', `a positive integer expected, got ${S}`);
  if (!(Number.isInteger(A) && A >= 1)) return fail('actions', `a positive integer expected, got ${A}`);
  if (!(mdp.gamma > 0 && mdp.gamma < 1)) return fail('gamma', `a discount in (0, 1) expected, got ${mdp.gamma}`);
  if (mdp.transitions.length !== S * A * S) return fail('transitions', `[${S}, ${A}, ${S}] = ${S * A * S} entries expected, got ${mdp.transitions.length}`);
  for (let row = 0; row < S * A; row++)
    if (!isDistribution(mdp.transitions, row * S, S)) return fail('transitions', `P(· | s=${Math.floor(row / A)}, a=${row % A}) is not a probability distribution`);
  if (mdp.rewards.length !== S || !mdp.rewards.every(Number.isFinite)) return fail('rewards', `${S} finite rewards expected`);
  if (mdp.initial.length !== S || !isDistribution(mdp.initial, 0, S)) return fail('initial', `a probability distribution over ${S} states expected`);
  return E.right(mdp);
};
