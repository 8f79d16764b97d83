/**
 * The lower bounds on η(π̃) of the paper's §3: conservative policy iteration's (Eq. 6) and
 * Theorem 1 in its total-variation and KL forms, whose KL form is Algorithm 1's minorizer M_i.
 *
 * @module
 */
import type { Baseline } from './surrogate.js';
import { expectedAdvantages, surrogate } from './surrogate.js';
import { klDivergence, maxDivergence, totalVariation } from './divergence.js';
import type { TabularPolicy } from './policy.js';
import { mixPolicies } from './policy.js';

/**
 * ε = max_{s,a} |A_π(s, a)| (Theorem 1's ε).
 *
 * @example maxAbsAdvantage(Float64Array.of(0.5, -2)) // 2
 */
export const maxAbsAdvantage = (advantages: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < advantages.length; i++) m = Math.max(m, Math.abs(advantages[i]));
  return m;
};

/**
 * C = 4εγ / (1 − γ)² (Theorem 1 and Eq. 9).
 *
 * @example penaltyCoefficient(1, 0.9) // 360
 */
export const penaltyCoefficient = (epsilon: number, gamma: number): number => (4 * epsilon * gamma) / (1 - gamma) ** 2;

/**
 * Theorem 1, TV form: L_π(π̃) − 4εγ/(1 − γ)² · α² with α = D_TV^max(π, π̃) and
 * ε = max_{s,a} |A_π(s, a)|. The theorem says η(π̃) is at least this.
 *
 * @example tvLowerBound(baseline(mdp)(pi))(pi) // η(π)
 */
export const tvLowerBound =
  (base: Baseline) =>
  (candidate: TabularPolicy): number => {
    const alpha = maxDivergence(totalVariation)(base.policy, candidate);
    return surrogate(base)(candidate) - penaltyCoefficient(maxAbsAdvantage(base.evaluation.advantages), base.mdp.gamma) * alpha * alpha;
  };

/**
 * Theorem 1, KL form (Eq. 9), Algorithm 1's minorizer M_i(π̃) = L_π(π̃) − C · D_KL^max(π, π̃)
 * with C = 4εγ/(1 − γ)²; M_i(π) = η(π) and η(π̃) ≥ M_i(π̃).
 *
 * @example klLowerBound(baseline(mdp)(pi))(pi) // η(π)
 */
export const klLowerBound =
  (base: Baseline) =>
  (candidate: TabularPolicy): number =>
    surrogate(base)(candidate) - penaltyCoefficient(maxAbsAdvantage(base.evaluation.advantages), base.mdp.gamma) * maxDivergence(klDivergence)(base.policy, candidate);

/**
 * Conservative policy iteration's bound (Eq. 6) for the mixture π_new = (1 − α) π + α π′:
 * L_π(π_new) − 2εγ/(1 − γ)² · α² with ε = max_s |E_{a∼π′} A_π(s, a)|. Returns the mixture and
 * the bound on its η.
 *
 * @example cpiLowerBound(baseline(mdp)(pi))(0.1)(greedy).bound
 */
export const cpiLowerBound =
  (base: Baseline) =>
  (alpha: number) =>
  (other: TabularPolicy): { readonly policy: TabularPolicy; readonly bound: number } => {
    const policy = mixPolicies(alpha)(base.policy, other);
    const epsilon = maxAbsAdvantage(expectedAdvantages(base.evaluation.advantages, other));
    const gamma = base.mdp.gamma;
    return { policy, bound: surrogate(base)(policy) - ((2 * epsilon * gamma) / (1 - gamma) ** 2) * alpha * alpha };
  };
