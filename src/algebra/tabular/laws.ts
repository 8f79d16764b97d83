/**
 * The paper's §2–3 laws as numbers for one case: the error of an identity or the slack of an
 * inequality (≥ 0 when the law holds). `trpo theory` and the property tests evaluate these.
 *
 * @module
 */
import type { TabularMdp } from './mdp.js';
import type { TabularPolicy } from './policy.js';
import { softmaxPolicy } from './policy.js';
import type { Algorithm1Step } from './algorithm1.js';
import { evaluatePolicy } from './evaluation.js';
import { advantageGain, baseline, surrogate, surrogateGradient } from './surrogate.js';
import { cpiLowerBound, klLowerBound, tvLowerBound } from './bounds.js';
import { klDivergence, totalVariation } from './divergence.js';

/**
 * Lemma 1 (Eq. 1–2): |η(π̃) − η(π) − Σ_s ρ_π̃(s) Σ_a π̃(a | s) A_π(s, a)|, zero up to rounding.
 *
 * @example lemma1Error(mdp)(pi, piTilde) // ≈ 1e-14
 */
export const lemma1Error =
  (mdp: TabularMdp) =>
  (policy: TabularPolicy, other: TabularPolicy): number => {
    const old = evaluatePolicy(mdp)(policy), next = evaluatePolicy(mdp)(other);
    return Math.abs(next.eta - old.eta - advantageGain(next.visitation, old.advantages, other));
  };

/**
 * Theorem 1's slacks η(π̃) − bound for its TV form (L_π(π̃) − 4εγ/(1 − γ)² α², α = D_TV^max)
 * and its KL form (L_π(π̃) − C D_KL^max); both are ≥ 0 when the theorem holds.
 *
 * @example theorem1Slacks(mdp)(pi, piTilde) // { tv: 0.8…, kl: 3.1… }
 */
export const theorem1Slacks =
  (mdp: TabularMdp) =>
  (policy: TabularPolicy, other: TabularPolicy): { readonly tv: number; readonly kl: number } => {
    const base = baseline(mdp)(policy), eta = evaluatePolicy(mdp)(other).eta;
    return { tv: eta - tvLowerBound(base)(other), kl: eta - klLowerBound(base)(other) };
  };

/**
 * Conservative policy iteration's slack (Eq. 6): η(π_new) − (L_π(π_new) − 2εγ/(1 − γ)² α²) for
 * π_new = (1 − α) π + α π′ and ε = max_s |E_{a∼π′} A_π(s, a)|; ≥ 0 when the bound holds.
 *
 * @example cpiSlack(mdp)(pi, 0.1, greedy) // ≥ 0
 */
export const cpiSlack =
  (mdp: TabularMdp) =>
  (policy: TabularPolicy, alpha: number, other: TabularPolicy): number => {
    const { policy: mixture, bound } = cpiLowerBound(baseline(mdp)(policy))(alpha)(other);
    return evaluatePolicy(mdp)(mixture).eta - bound;
  };

/**
 * D_KL(p ‖ q) − D_TV(p ‖ q)² for two distributions `[A]` (the paper's D_TV² ≤ D_KL, §3, which
 * follows from Pinsker's inequality); ≥ 0 when it holds.
 *
 * @example pinskerSlack([1, 0], [0.5, 0.5]) // log 2 − 0.25
 */
export const pinskerSlack = (p: ArrayLike<number>, q: ArrayLike<number>): number => klDivergence(p, q) - totalVariation(p, q) ** 2;

/**
 * Eq. 4 at softmax logits θ₀ `[S, A]`: |L_{π_θ₀}(π_θ₀) − η(π_θ₀)| and the largest difference
 * between ∇_θ L_{π_θ₀}(π_θ)|θ₀ (analytic) and ∇_θ η(π_θ)|θ₀ by central finite differences with
 * step `h` (default 1e-5).
 *
 * @example eq4Errors(mdp)(theta) // { value: ≈ 1e-16, gradient: ≈ 1e-10 }
 */
export const eq4Errors =
  (mdp: TabularMdp, h = 1e-5) =>
  (logits: ArrayLike<number>): { readonly value: number; readonly gradient: number } => {
    const policyOf = softmaxPolicy(mdp.states, mdp.actions);
    const base = baseline(mdp)(policyOf(logits));
    const analytic = surrogateGradient(base)(logits);
    const eta = (theta: Float64Array) => evaluatePolicy(mdp)(policyOf(theta)).eta;
    let gradient = 0;
    for (let i = 0; i < analytic.length; i++) {
      const up = Float64Array.from(logits), down = Float64Array.from(logits);
      up[i] += h;
      down[i] -= h;
      gradient = Math.max(gradient, Math.abs((eta(up) - eta(down)) / (2 * h) - analytic[i]));
    }
    return { value: Math.abs(surrogate(base)(base.policy) - base.evaluation.eta), gradient };
  };

/**
 * Algorithm 1's inequality per step: η(π_{i+1}) − η(π_i) − (M_i(π_{i+1}) − M_i(π_i)), ≥ 0 when
 * the theorem's guarantee holds `[steps]`.
 *
 * @example algorithm1Slacks(algorithm1(mdp)({ iterations: 5 })(pi)) // five values ≥ 0
 */
export const algorithm1Slacks = (steps: readonly Algorithm1Step[]): Float64Array =>
  Float64Array.from(steps, (s) => s.nextEta - s.eta - (s.minorizerAtNew - s.minorizerAtOld));

/**
 * How many steps of Algorithm 1 lowered η by more than `tolerance` (the algorithm promises none).
 *
 * @example etaDecreases(steps, 1e-9) // 0
 */
export const etaDecreases = (steps: readonly Algorithm1Step[], tolerance: number): number => steps.filter((s) => s.nextEta < s.eta - tolerance).length;
