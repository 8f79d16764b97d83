/**
 * Exact policy evaluation of a finite MDP by linear solves (the paper's §2): V_π, Q_π, A_π,
 * η(π) and the unnormalized discounted visitation frequencies ρ_π.
 *
 * @module
 */
import type { TabularMdp } from './mdp.js';
import type { TabularPolicy } from './policy.js';
import { solveLinear } from './linearSolve.js';

/** Everything exact about one policy of one MDP. Shapes: `[S]` or `[S, A]` row-major. */
export interface PolicyEvaluation {
  /** V_π(s) = E[Σ_t γ^t r(s_t) | s_0 = s] `[S]`. */
  readonly values: Float64Array;
  /** Q_π(s, a) = r(s) + γ Σ_s′ P(s′ | s, a) V_π(s′) `[S, A]`. */
  readonly actionValues: Float64Array;
  /** A_π(s, a) = Q_π(s, a) − V_π(s) `[S, A]`. */
  readonly advantages: Float64Array;
  /** ρ_π(s) = Σ_t γ^t P(s_t = s), unnormalized: it sums to 1 / (1 − γ) `[S]`. */
  readonly visitation: Float64Array;
  /** η(π) = E_{s_0 ∼ ρ₀} V_π(s_0). */
  readonly eta: number;
}

/** P_π[s, s′] = Σ_a π(a | s) P(s′ | s, a) `[S, S]`. */
const stateTransitions = (mdp: TabularMdp, policy: TabularPolicy): Float64Array => {
  const { states: S, actions: A } = mdp;
  const p = new Float64Array(S * S);
  for (let s = 0; s < S; s++)
    for (let a = 0; a < A; a++) {
      const w = policy.probs[s * A + a], row = (s * A + a) * S;
      for (let t = 0; t < S; t++) p[s * S + t] += w * mdp.transitions[row + t];
    }
  return p;
};

/**
 * Exact V_π, Q_π, A_π, ρ_π and η(π): V_π solves (I − γ P_π) V = r and ρ_π solves
 * (I − γ P_πᵀ) ρ = ρ₀, both by Gaussian elimination.
 *
 * @example
 * const mdp = { states: 1, actions: 1, transitions: Float64Array.of(1), rewards: Float64Array.of(1), initial: Float64Array.of(1), gamma: 0.9 };
 * evaluatePolicy(mdp)(uniformPolicy(1, 1)).eta // 10 (up to rounding)
 */
export const evaluatePolicy =
  (mdp: TabularMdp) =>
  (policy: TabularPolicy): PolicyEvaluation => {
    const { states: S, actions: A, gamma } = mdp;
    if (policy.states !== S || policy.actions !== A) throw new Error(`evaluatePolicy: a [${S}, ${A}] policy expected, got [${policy.states}, ${policy.actions}]`);
    const p = stateTransitions(mdp, policy);
    const forward = new Float64Array(S * S), backward = new Float64Array(S * S);
    for (let s = 0; s < S; s++)
      for (let t = 0; t < S; t++) {
        const identity = s === t ? 1 : 0;
        forward[s * S + t] = identity - gamma * p[s * S + t];
        backward[t * S + s] = identity - gamma * p[s * S + t];
      }
    const values = solveLinear(forward, mdp.rewards);
    const visitation = solveLinear(backward, mdp.initial);
    const actionValues = new Float64Array(S * A), advantages = new Float64Array(S * A);
    for (let s = 0; s < S; s++)
      for (let a = 0; a < A; a++) {
        let next = 0;
        const row = (s * A + a) * S;
        for (let t = 0; t < S; t++) next += mdp.transitions[row + t] * values[t];
        actionValues[s * A + a] = mdp.rewards[s] + gamma * next;
        advantages[s * A + a] = actionValues[s * A + a] - values[s];
      }
    let eta = 0;
    for (let s = 0; s < S; s++) eta += mdp.initial[s] * values[s];
    return { values, actionValues, advantages, visitation, eta };
  };
