/**
 * The local approximation L_π(π̃) to η(π̃) (the paper's Eq. 3) and its gradient for softmax
 * policies (Eq. 4: L_{π_θ₀} matches η to first order at θ₀).
 *
 * @module
 */
import type { TabularMdp } from './mdp.js';
import type { PolicyEvaluation } from './evaluation.js';
import { evaluatePolicy } from './evaluation.js';
import type { TabularPolicy } from './policy.js';
import { softmaxPolicy } from './policy.js';

/** A policy π of an MDP with its exact evaluation: what L_π, the bounds and Algorithm 1 start from. */
export interface Baseline {
  readonly mdp: TabularMdp;
  readonly policy: TabularPolicy;
  readonly evaluation: PolicyEvaluation;
}

/**
 * Evaluates `policy` exactly and keeps it as the baseline π of L_π and the bounds.
 *
 * @example baseline(mdp)(uniformPolicy(mdp.states, mdp.actions)).evaluation.eta
 */
export const baseline =
  (mdp: TabularMdp) =>
  (policy: TabularPolicy): Baseline => ({ mdp, policy, evaluation: evaluatePolicy(mdp)(policy) });

/**
 * Σ_a π̃(a | s) A(s, a) for every state `[S]`: the expected advantage of π̃'s actions, for
 * advantages `[S, A]` of some other policy.
 *
 * @example expectedAdvantages(Float64Array.of(1, -1), { states: 1, actions: 2, probs: Float64Array.of(0.75, 0.25) }) // [0.5]
 */
export const expectedAdvantages = (advantages: Float64Array, policy: TabularPolicy): Float64Array => {
  const { states: S, actions: A } = policy;
  if (advantages.length !== S * A) throw new Error(`expectedAdvantages: [${S}, ${A}] advantages expected, got ${advantages.length}`);
  return Float64Array.from({ length: S }, (_, s) => {
    let e = 0;
    for (let a = 0; a < A; a++) e += policy.probs[s * A + a] * advantages[s * A + a];
    return e;
  });
};

/**
 * Σ_s ρ(s) Σ_a π̃(a | s) A(s, a) for visitation frequencies ρ `[S]` and advantages `[S, A]`: with
 * ρ = ρ_π̃ it is η(π̃) − η(π) (Lemma 1, Eq. 2); with ρ = ρ_π it is L_π(π̃) − η(π) (Eq. 3).
 *
 * @example advantageGain(Float64Array.of(10), Float64Array.of(1, -1), policy) // 10 · (π̃(0) − π̃(1))
 */
export const advantageGain = (visitation: Float64Array, advantages: Float64Array, policy: TabularPolicy): number => {
  const e = expectedAdvantages(advantages, policy);
  let gain = 0;
  for (let s = 0; s < e.length; s++) gain += visitation[s] * e[s];
  return gain;
};

/**
 * L_π(π̃) = η(π) + Σ_s ρ_π(s) Σ_a π̃(a | s) A_π(s, a) (Eq. 3): η(π̃) with π's visitation
 * frequencies in place of π̃'s.
 *
 * @example surrogate(baseline(mdp)(pi))(pi) // η(π): L_π(π) = η(π)
 */
export const surrogate =
  (base: Baseline) =>
  (candidate: TabularPolicy): number =>
    base.evaluation.eta + advantageGain(base.evaluation.visitation, base.evaluation.advantages, candidate);

/**
 * ∇_θ L_π(π_θ) for softmax logits θ `[S, A]`: ρ_π(s) π_θ(a | s) (A_π(s, a) − Σ_b π_θ(b | s) A_π(s, b)).
 * At π_θ = π it equals ∇_θ η(π_θ) (Eq. 4; the policy gradient theorem).
 *
 * @example surrogateGradient(baseline(mdp)(softmaxPolicy(S, A)(theta)))(theta) // ∇η at θ
 */
export const surrogateGradient =
  (base: Baseline) =>
  (logits: ArrayLike<number>): Float64Array => {
    const { states: S, actions: A } = base.mdp;
    const policy = softmaxPolicy(S, A)(logits);
    const { advantages, visitation } = base.evaluation;
    const e = expectedAdvantages(advantages, policy);
    return Float64Array.from({ length: S * A }, (_, i) => {
      const s = Math.floor(i / A);
      return visitation[s] * policy.probs[i] * (advantages[i] - e[s]);
    });
  };
