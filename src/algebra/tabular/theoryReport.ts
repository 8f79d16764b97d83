/**
 * Checks the paper's §2–3 laws on seeded random MDPs (and Algorithm 1 on the gridworld) and
 * summarizes them: what `trpo theory` prints. Pure: the same options give the same report.
 *
 * @module
 */
import { Rng, rngStateFromSeed } from '../rng.js';
import type { Algorithm1Step } from './algorithm1.js';
import { algorithm1 } from './algorithm1.js';
import { evaluatePolicy } from './evaluation.js';
import { gridworld } from './gridworld.js';
import { algorithm1Slacks, cpiSlack, eq4Errors, etaDecreases, lemma1Error, pinskerSlack, theorem1Slacks } from './laws.js';
import type { TabularPolicy } from './policy.js';
import { greedyPolicy, policyRow, softmaxPolicy, uniformPolicy } from './policy.js';
import { randomLogits, randomMdp } from './randomMdp.js';

/** What to check: `mdps` random MDPs of the given size and discount, drawn from `seed`. */
export interface TheoryCheckOptions {
  readonly seed: number;
  readonly states: number;
  readonly actions: number;
  readonly gamma: number;
  readonly mdps: number;
  /** Algorithm 1 iterations per random MDP. Default 10. */
  readonly iterations?: number;
  /** Algorithm 1 iterations on the 4 × 4 gridworld (slip 0.2, γ = 0.9). Default 40. */
  readonly gridworldIterations?: number;
}

/**
 * One law over all its cases. `kind: 'error'`: `worst` is the largest error of an identity and a
 * violation is an error above `tolerance`. `kind: 'slack'`: `worst` is the smallest slack of an
 * inequality and a violation is a slack below −`tolerance`.
 */
export interface LawRow {
  readonly check: string;
  readonly source: string;
  readonly kind: 'error' | 'slack';
  readonly cases: number;
  readonly worst: number;
  readonly violations: number;
  readonly tolerance: number;
}

/** The headline numbers (the last line `trpo theory` prints). */
export interface TheorySummary {
  readonly lemma1MaxError: number;
  readonly eq4ValueMaxError: number;
  readonly eq4GradientMaxError: number;
  readonly cpiViolations: number;
  readonly theorem1TvViolations: number;
  readonly theorem1KlViolations: number;
  readonly algorithm1BoundViolations: number;
  /** All bound violations: CPI, Theorem 1 (TV and KL) and Algorithm 1's inequality. */
  readonly boundViolations: number;
  /** η never decreased along Algorithm 1 (random MDPs and gridworld). */
  readonly algorithm1Monotone: boolean;
  readonly pinskerViolations: number;
  /** Every law held. */
  readonly holds: boolean;
}

/** Every row, the summary, and Algorithm 1's run on the gridworld (for a picture). */
export interface TheoryReport {
  readonly rows: readonly LawRow[];
  readonly summary: TheorySummary;
  readonly gridworldSteps: readonly Algorithm1Step[];
}

/** Collects the values of one law and makes its row. */
const row = (check: string, source: string, kind: LawRow['kind'], values: readonly { value: number; tolerance: number }[]): LawRow => ({
  check,
  source,
  kind,
  cases: values.length,
  worst: values.length === 0 ? NaN : kind === 'error' ? Math.max(...values.map((v) => v.value)) : Math.min(...values.map((v) => v.value)),
  violations: values.filter(({ value, tolerance }) => (kind === 'error' ? !(value <= tolerance) : !(value >= -tolerance))).length,
  tolerance: Math.max(0, ...values.map((v) => v.tolerance)),
});

/** Step scales of the nearby policies θ + δ, plus one unrelated policy per MDP. */
const nearbyScales = [0.03, 0.3, 1] as const;
const mixtureWeights = [0.02, 0.2, 1] as const;

/**
 * Runs every check: per random MDP, a random softmax policy π and four others π̃ (three near it,
 * one unrelated) for Lemma 1, Theorem 1 and D_TV² ≤ D_KL; mixtures with π′ greedy in A_π and with
 * the unrelated policy for Eq. 6; Eq. 4 at π's logits; Algorithm 1 from π. Tolerances scale with
 * 1 + max|r| / (1 − γ), the size of the values.
 *
 * @example theoryReport({ seed: 0, states: 5, actions: 3, gamma: 0.9, mdps: 20 }).summary.holds // true
 */
export const theoryReport = (options: TheoryCheckOptions): TheoryReport => {
  const { states: S, actions: A, gamma } = options;
  const rng = new Rng(rngStateFromSeed(options.seed));
  const values = {
    lemma1: [] as { value: number; tolerance: number }[],
    tv: [] as { value: number; tolerance: number }[],
    kl: [] as { value: number; tolerance: number }[],
    cpi: [] as { value: number; tolerance: number }[],
    pinsker: [] as { value: number; tolerance: number }[],
    eq4Value: [] as { value: number; tolerance: number }[],
    eq4Gradient: [] as { value: number; tolerance: number }[],
    algorithm1: [] as { value: number; tolerance: number }[],
  };
  let decreases = 0;
  for (let k = 0; k < options.mdps; k++) {
    const mdp = randomMdp({ states: S, actions: A, gamma })(rng);
    const scale = 1 + Math.max(...mdp.rewards.map(Math.abs)) / (1 - gamma);
    const tol = 1e-9 * scale;
    const theta = randomLogits({ states: S, actions: A, scale: 1 })(rng);
    const policyOf = softmaxPolicy(S, A);
    const policy = policyOf(theta);
    const unrelated = policyOf(randomLogits({ states: S, actions: A, scale: 3 })(rng));
    const others: TabularPolicy[] = [
      ...nearbyScales.map((size) => {
        const step = randomLogits({ states: S, actions: A, scale: size })(rng);
        return policyOf(theta.map((x, i) => x + step[i]));
      }),
      unrelated,
    ];
    for (const other of others) {
      values.lemma1.push({ value: lemma1Error(mdp)(policy, other), tolerance: tol });
      const slacks = theorem1Slacks(mdp)(policy, other);
      values.tv.push({ value: slacks.tv, tolerance: tol });
      values.kl.push({ value: slacks.kl, tolerance: tol });
      for (let s = 0; s < S; s++) values.pinsker.push({ value: pinskerSlack(policyRow(policy, s), policyRow(other, s)), tolerance: 1e-12 });
    }
    const greedy = greedyPolicy(S, A)(evaluatePolicy(mdp)(policy).advantages);
    for (const alpha of mixtureWeights) for (const target of [greedy, unrelated]) values.cpi.push({ value: cpiSlack(mdp)(policy, alpha, target), tolerance: tol });
    const eq4 = eq4Errors(mdp)(theta);
    values.eq4Value.push({ value: eq4.value, tolerance: tol });
    values.eq4Gradient.push({ value: eq4.gradient, tolerance: 1e-6 * scale });
    const steps = algorithm1(mdp)({ iterations: options.iterations ?? 10 })(policy);
    decreases += etaDecreases(steps, tol);
    algorithm1Slacks(steps).forEach((value) => values.algorithm1.push({ value, tolerance: tol }));
  }
  const grid = gridworld();
  const gridworldSteps = algorithm1(grid)({ iterations: options.gridworldIterations ?? 40 })(uniformPolicy(grid.states, grid.actions));
  const gridTolerance = 1e-9 * (1 + 1 / (1 - grid.gamma));
  decreases += etaDecreases(gridworldSteps, gridTolerance);
  const lemma1 = row('Lemma 1: η(π̃) = η(π) + Σ ρ_π̃ π̃ A_π', 'Eq. 1–2', 'error', values.lemma1);
  const eq4Value = row('L_π(π) = η(π) (softmax π)', 'Eq. 4', 'error', values.eq4Value);
  const eq4Gradient = row('∇_θ L_π(π_θ) = ∇_θ η(π_θ) at θ₀ (finite diff.)', 'Eq. 4', 'error', values.eq4Gradient);
  const cpi = row('CPI: η(π_new) ≥ L − 2εγα²/(1−γ)²', 'Eq. 6', 'slack', values.cpi);
  const tv = row('Theorem 1 (TV): η(π̃) ≥ L − 4εγα²/(1−γ)²', 'Thm. 1', 'slack', values.tv);
  const kl = row('Theorem 1 (KL): η(π̃) ≥ L − C·D_KL^max', 'Eq. 9', 'slack', values.kl);
  const pinsker = row('D_TV² ≤ D_KL per state', '§3', 'slack', values.pinsker);
  const randomRuns = row('Algorithm 1: Δη ≥ ΔM_i, random MDPs (steps)', 'Alg. 1', 'slack', values.algorithm1);
  const gridRun = row('Algorithm 1: Δη ≥ ΔM_i, 4×4 gridworld (steps)', 'Alg. 1', 'slack', [...algorithm1Slacks(gridworldSteps)].map((value) => ({ value, tolerance: gridTolerance })));
  const rows = [lemma1, eq4Value, eq4Gradient, cpi, tv, kl, pinsker, randomRuns, gridRun];
  const summary: TheorySummary = {
    lemma1MaxError: lemma1.worst,
    eq4ValueMaxError: eq4Value.worst,
    eq4GradientMaxError: eq4Gradient.worst,
    cpiViolations: cpi.violations,
    theorem1TvViolations: tv.violations,
    theorem1KlViolations: kl.violations,
    algorithm1BoundViolations: randomRuns.violations + gridRun.violations,
    boundViolations: cpi.violations + tv.violations + kl.violations + randomRuns.violations + gridRun.violations,
    algorithm1Monotone: decreases === 0,
    pinskerViolations: pinsker.violations,
    holds: decreases === 0 && rows.every((r) => r.violations === 0),
  };
  return { rows, summary, gridworldSteps };
};
