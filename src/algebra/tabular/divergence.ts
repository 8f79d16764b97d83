/**
 * Divergences between the action distributions of two policies, per state and their maximum over
 * states (the paper's D_TV^max and D_KL^max, §3).
 *
 * @module
 */
import type { TabularPolicy } from './policy.js';
import { policyRow } from './policy.js';

/** A divergence between two distributions `[A]`. */
export type Divergence = (p: ArrayLike<number>, q: ArrayLike<number>) => number;

/**
 * Total variation D_TV(p ‖ q) = ½ Σ_i |p_i − q_i| (the paper's convention, §3), in [0, 1].
 *
 * @example totalVariation([1, 0], [0.5, 0.5]) // 0.5
 */
export const totalVariation: Divergence = (p, q) => {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
  return s / 2;
};

/**
 * Kullback–Leibler divergence D_KL(p ‖ q) = Σ_i p_i log(p_i / q_i) in nats (0 log 0 = 0; +∞
 * where q_i = 0 < p_i).
 *
 * @example klDivergence([0.5, 0.5], [0.25, 0.75]) // 0.1438…
 */
export const klDivergence: Divergence = (p, q) => {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) s += p[i] * Math.log(p[i] / q[i]);
  return s;
};

/**
 * A divergence between π(· | s) and π̃(· | s) for every state s `[S]`.
 *
 * @example perStateDivergence(totalVariation)(uniformPolicy(2, 2), uniformPolicy(2, 2)) // Float64Array [0, 0]
 */
export const perStateDivergence =
  (divergence: Divergence) =>
  (policy: TabularPolicy, other: TabularPolicy): Float64Array => {
    if (policy.states !== other.states || policy.actions !== other.actions)
      throw new Error(`perStateDivergence: policies of equal shape expected, got [${policy.states}, ${policy.actions}] and [${other.states}, ${other.actions}]`);
    return Float64Array.from({ length: policy.states }, (_, s) => divergence(policyRow(policy, s), policyRow(other, s)));
  };

/**
 * D^max(π, π̃) = max_s D(π(· | s) ‖ π̃(· | s)).
 *
 * @example maxDivergence(klDivergence)(policy, policy) // 0
 */
export const maxDivergence =
  (divergence: Divergence) =>
  (policy: TabularPolicy, other: TabularPolicy): number =>
    Math.max(...perStateDivergence(divergence)(policy, other));
