/**
 * Stochastic policies of a finite MDP as row-stochastic matrices π[s, a] = π(a | s), and the
 * softmax parameterization π_θ(a | s) = exp θ[s, a] / Σ_b exp θ[s, b].
 *
 * @module
 */
import { categorical } from '../distributions.js';

/** π(a | s) as `probs[s·A + a]` `[S, A]`; every row is a probability distribution. */
export interface TabularPolicy {
  readonly states: number;
  readonly actions: number;
  readonly probs: Float64Array;
}

/**
 * The policy that picks every action with probability 1 / A in every state.
 *
 * @example uniformPolicy(2, 2).probs // Float64Array [0.5, 0.5, 0.5, 0.5]
 */
export const uniformPolicy = (states: number, actions: number): TabularPolicy => ({ states, actions, probs: new Float64Array(states * actions).fill(1 / actions) });

/**
 * The softmax policy π_θ for logits θ `[S, A]` (row-major), one softmax per state.
 *
 * @example softmaxPolicy(1, 2)(Float64Array.of(0, Math.log(3))).probs // Float64Array [0.25, 0.75]
 */
export const softmaxPolicy =
  (states: number, actions: number) =>
  (logits: ArrayLike<number>): TabularPolicy => {
    if (logits.length !== states * actions) throw new Error(`softmaxPolicy: [${states}, ${actions}] logits expected, got ${logits.length}`);
    const theta = Float64Array.from(logits), probs = new Float64Array(states * actions);
    for (let s = 0; s < states; s++) probs.set(categorical.probs(theta.subarray(s * actions, (s + 1) * actions)), s * actions);
    return { states, actions, probs };
  };

/**
 * The mixture (1 − α) π_old + α π′ of two policies of the same shape (conservative policy
 * iteration's update, the paper's Eq. 5).
 *
 * @example mixPolicies(0.5)(uniformPolicy(1, 2), { states: 1, actions: 2, probs: Float64Array.of(1, 0) }).probs // [0.75, 0.25]
 */
export const mixPolicies =
  (alpha: number) =>
  (old: TabularPolicy, other: TabularPolicy): TabularPolicy => {
    if (old.probs.length !== other.probs.length) throw new Error(`mixPolicies: policies of equal shape expected, got ${old.probs.length} and ${other.probs.length} entries`);
    return { states: old.states, actions: old.actions, probs: old.probs.map((p, i) => (1 - alpha) * p + alpha * other.probs[i]) };
  };

/**
 * The distribution π(· | s) `[A]` (a view, not a copy).
 *
 * @example policyRow(uniformPolicy(3, 2), 1) // Float64Array [0.5, 0.5]
 */
export const policyRow = (policy: TabularPolicy, state: number): Float64Array => policy.probs.subarray(state * policy.actions, (state + 1) * policy.actions);

/**
 * The deterministic policy that picks, in every state, the action of largest score (the first on
 * ties), e.g. greedy in A_π `[S, A]`.
 *
 * @example greedyPolicy(1, 3)(Float64Array.of(0, 2, 1)).probs // Float64Array [0, 1, 0]
 */
export const greedyPolicy =
  (states: number, actions: number) =>
  (scores: ArrayLike<number>): TabularPolicy => {
    const probs = new Float64Array(states * actions);
    for (let s = 0; s < states; s++) {
      let best = 0;
      for (let a = 1; a < actions; a++) if (scores[s * actions + a] > scores[s * actions + best]) best = a;
      probs[s * actions + best] = 1;
    }
    return { states, actions, probs };
  };
