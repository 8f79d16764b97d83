/**
 * Algorithm 1 of the paper (§3): policy iteration that maximizes the minorizer
 * M_i(π) = L_{π_i}(π) − C · D_KL^max(π_i, π) each step, which makes η non-decreasing.
 *
 * How M_i is maximized: M_i is concave in π (L_{π_i} is linear in π, D_KL(p ‖ ·) is convex, a
 * maximum of convex functions is convex), so it is maximized by nested one-dimensional searches.
 * For a KL radius t, each state's best distribution under D_KL(π_i(· | s) ‖ q) ≤ t maximizes
 * q · A_{π_i}(s, ·); its Lagrange conditions give the tilt q_a ∝ p_a / (m + β (max_b A(s, b) − A(s, a))),
 * with m fixing Σ q = 1 and β ≥ 0 found by bisection so that the KL equals t. The value of the best
 * policy at radius t, minus C t, is concave in t, so t is found by golden-section search on
 * [0, Σ_s ρ(s) · ε / C] (beyond that, M_i falls below M_i(π_i)). A step is accepted only when
 * M_i(π_{i+1}) > M_i(π_i); otherwise π_i is kept (M_i is at its maximum to search precision).
 *
 * @module
 */
import type { TabularMdp } from './mdp.js';
import type { TabularPolicy } from './policy.js';
import { policyRow } from './policy.js';
import type { Baseline } from './surrogate.js';
import { baseline } from './surrogate.js';
import { klDivergence, maxDivergence } from './divergence.js';
import { klLowerBound, maxAbsAdvantage, penaltyCoefficient } from './bounds.js';

/** Precision of the searches: iterations of each bisection and of the golden-section search. */
export interface MinorizerSearchOptions {
  /** Default 60. */
  readonly searchSteps?: number;
}

/**
 * The tilt q_a ∝ p_a / (m + β d_a) `[A]` with gaps d_a = max A − A_a ≥ 0, written into `out`; m
 * solves Σ_a p_a / (m + β d_a) = 1 by Newton's method from the left (the sum is convex and
 * decreasing in m, so the iterates rise monotonically to the root), then q is renormalized.
 */
const tilt = (p: Float64Array, gaps: Float64Array, beta: number, out: Float64Array): Float64Array => {
  let m = 0;
  for (let a = 0; a < p.length; a++) if (gaps[a] === 0) m += p[a];
  m = Math.max(m, Number.MIN_VALUE);
  for (let k = 0; k < 200; k++) {
    let g = -1, slope = 0;
    for (let a = 0; a < p.length; a++) {
      const w = p[a] / (m + beta * gaps[a]);
      g += w;
      slope += w / (m + beta * gaps[a]);
    }
    const next = m + g / slope;
    if (!(next > m * (1 + 1e-15))) break;
    m = next;
  }
  let total = 0;
  for (let a = 0; a < p.length; a++) total += out[a] = p[a] / (m + beta * gaps[a]);
  for (let a = 0; a < p.length; a++) out[a] /= total;
  return out;
};

/** The best distribution `[A]` within D_KL(p ‖ q) ≤ t for the linear objective q · adv (bisection on β). */
const bestWithinKl = (p: Float64Array, adv: Float64Array, t: number, steps: number): Float64Array => {
  const top = Math.max(...adv), spread = top - Math.min(...adv);
  if (!(t > 0) || !(spread > 1e-12 * (1 + maxAbsAdvantage(adv)))) return Float64Array.from(p);
  const gaps = adv.map((x) => top - x), q = new Float64Array(p.length);
  const kl = (beta: number) => klDivergence(p, tilt(p, gaps, beta, q));
  let lo = 0, hi = 1 / spread;
  for (let k = 0; k < 200 && kl(hi) < t; k++) [lo, hi] = [hi, 2 * hi];
  for (let k = 0; k < steps; k++) {
    const mid = (lo + hi) / 2;
    if (kl(mid) > t) hi = mid;
    else lo = mid;
  }
  return Float64Array.from(tilt(p, gaps, lo, q));
};

/**
 * An (approximate, to search precision) maximizer of M(π̃) = L_π(π̃) − C · D_KL^max(π, π̃) for the
 * baseline π, found by the searches described in the module comment. Returns π itself when every
 * advantage is zero.
 *
 * @example klLowerBound(base)(maximizeMinorizer()(base)) >= base.evaluation.eta // true up to rounding
 */
export const maximizeMinorizer =
  (options: MinorizerSearchOptions = {}) =>
  (base: Baseline): TabularPolicy => {
    const steps = options.searchSteps ?? 60;
    const { states: S, actions: A, gamma } = base.mdp;
    const { advantages, visitation } = base.evaluation;
    const epsilon = maxAbsAdvantage(advantages);
    const c = penaltyCoefficient(epsilon, gamma);
    if (!(c > 0)) return base.policy;
    const rows = Array.from({ length: S }, (_, s) => ({ p: Float64Array.from(policyRow(base.policy, s)), adv: advantages.subarray(s * A, (s + 1) * A) }));
    const policyAt = (t: number): TabularPolicy => {
      const probs = new Float64Array(S * A);
      rows.forEach(({ p, adv }, s) => probs.set(bestWithinKl(p, adv, t, steps), s * A));
      return { states: S, actions: A, probs };
    };
    const objective = (t: number) => klLowerBound(base)(policyAt(t));
    let lo = 0, hi = (visitation.reduce((x, y) => x + y, 0) * epsilon) / c;
    const ratio = (Math.sqrt(5) - 1) / 2;
    let x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
    let f1 = objective(x1), f2 = objective(x2);
    for (let k = 0; k < steps; k++) {
      if (f1 < f2) {
        [lo, x1, f1] = [x1, x2, f2];
        x2 = lo + ratio * (hi - lo);
        f2 = objective(x2);
      } else {
        [hi, x2, f2] = [x2, x1, f1];
        x1 = hi - ratio * (hi - lo);
        f1 = objective(x1);
      }
    }
    return policyAt(f1 >= f2 ? x1 : x2);
  };

/** One iteration i of Algorithm 1: from π_i to π_{i+1}. */
export interface Algorithm1Step {
  readonly iteration: number;
  /** π_{i+1} (π_i again when no improvement of M_i was found). */
  readonly policy: TabularPolicy;
  /** η(π_i). */
  readonly eta: number;
  /** η(π_{i+1}). */
  readonly nextEta: number;
  /** M_i(π_i), which equals η(π_i) up to rounding. */
  readonly minorizerAtOld: number;
  /** M_i(π_{i+1}): the theorem's lower bound on η(π_{i+1}). */
  readonly minorizerAtNew: number;
  /** D_KL^max(π_i, π_{i+1}). */
  readonly klMax: number;
  readonly accepted: boolean;
}

/**
 * Algorithm 1 for `iterations` steps from `initial`, with exact evaluation of each policy: every
 * step maximizes M_i (see `maximizeMinorizer`) and keeps the new policy only if M_i increased.
 * By Theorem 1, η(π_{i+1}) − η(π_i) ≥ M_i(π_{i+1}) − M_i(π_i) ≥ 0.
 *
 * @example algorithm1(gridworld())({ iterations: 20 })(uniformPolicy(16, 4)).map((step) => step.nextEta) // non-decreasing
 */
export const algorithm1 =
  (mdp: TabularMdp) =>
  (options: { readonly iterations: number } & MinorizerSearchOptions) =>
  (initial: TabularPolicy): Algorithm1Step[] => {
    const steps: Algorithm1Step[] = [];
    let base = baseline(mdp)(initial);
    for (let i = 0; i < options.iterations; i++) {
      const candidate = maximizeMinorizer(options)(base);
      const minorizerAtOld = klLowerBound(base)(base.policy);
      const minorizerAtCandidate = klLowerBound(base)(candidate);
      const accepted = minorizerAtCandidate > minorizerAtOld;
      const next = accepted ? baseline(mdp)(candidate) : base;
      steps.push({
        iteration: i,
        policy: next.policy,
        eta: base.evaluation.eta,
        nextEta: next.evaluation.eta,
        minorizerAtOld,
        minorizerAtNew: accepted ? minorizerAtCandidate : minorizerAtOld,
        klMax: maxDivergence(klDivergence)(base.policy, next.policy),
        accepted,
      });
      base = next;
    }
    return steps;
  };
