/**
 * The numbers of a method comparison (the paper's Figure 4): per method, the final return over
 * seeds, the samples and the wall time, as plain data, a Markdown table and the figure's series.
 * Pure; reading run directories and writing the files is the CLI's job (`trpo compare`).
 *
 * @module
 */
import type { CurveSeries, RunCurve } from './learningCurves.js';
import { meanStd } from './learningCurves.js';

/** Fraction of a run's last iterations whose episode return means make its final return. */
export const FINAL_FRACTION = 0.1;

/** One finished run of a comparison: its method label, seed, curve and cost. */
export interface ComparedRun {
  /** Method label: a method name, `trpo-vine`, or `npg@<step size>`. */
  readonly label: string;
  readonly seed: number;
  /** Episode return mean (of the last 100 episodes) per iteration, against env steps. */
  readonly curve: RunCurve;
  /** Training wall time of the whole run, in seconds (counted across resumes). */
  readonly wallSeconds: number;
}

/** One method's row of the comparison. */
export interface MethodSummary {
  readonly label: string;
  readonly seeds: readonly number[];
  /** Final return of each seed, in the order of `seeds`. */
  readonly finalReturns: readonly number[];
  /** Mean and population standard deviation of `finalReturns` over seeds. */
  readonly finalMean: number;
  readonly finalStd: number;
  /** Env steps a run simulated (the mean over seeds; the same for every seed unless a rule's evaluations overshoot). */
  readonly samples: number;
  readonly wallSecondsTotal: number;
  readonly wallSecondsPerRun: number;
  /** Best of a step-size sweep (`npg@…`): the label with the highest final mean among its sweep. */
  readonly bestOfSweep: boolean;
}

/**
 * A run's final return: the mean of the episode return means of its last 10% of iterations
 * (at least one), so that one lucky or unlucky iteration does not decide it.
 *
 * @example finalReturn([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]) // (100 + 110) / 2 = 105
 */
export const finalReturn = (returns: readonly number[], fraction = FINAL_FRACTION): number => {
  const count = Math.max(1, Math.ceil(returns.length * fraction));
  return meanStd(returns.slice(returns.length - count)).mean;
};

/** The sweep a label belongs to (`npg@0.03` → `npg`), or null for a label without a step size. */
const sweepOf = (label: string): string | null => (label.includes('@') ? label.slice(0, label.indexOf('@')) : null);

/**
 * One row per method label, in the order the labels first appear in `runs`; within a sweep
 * (`npg@0.01`, `npg@0.03`, …) the label with the highest final mean is marked `bestOfSweep`.
 *
 * @example summarizeMethods(runs).map((m) => `${m.label}: ${m.finalMean} ± ${m.finalStd}`)
 */
export const summarizeMethods = (runs: readonly ComparedRun[]): MethodSummary[] => {
  const labels = [...new Set(runs.map((r) => r.label))];
  const rows = labels.map((label) => {
    const mine = runs.filter((r) => r.label === label).sort((a, b) => a.seed - b.seed);
    const finalReturns = mine.map((r) => finalReturn(r.curve.values));
    const { mean, std } = meanStd(finalReturns);
    const wallSecondsTotal = mine.reduce((sum, r) => sum + r.wallSeconds, 0);
    return {
      label,
      seeds: mine.map((r) => r.seed),
      finalReturns,
      finalMean: mean,
      finalStd: std,
      samples: meanStd(mine.map((r) => r.curve.timesteps[r.curve.timesteps.length - 1] ?? 0)).mean,
      wallSecondsTotal,
      wallSecondsPerRun: wallSecondsTotal / mine.length,
      bestOfSweep: false,
    };
  });
  return rows.map((row) => {
    const sweep = sweepOf(row.label);
    if (sweep === null) return row;
    const rivals = rows.filter((r) => sweepOf(r.label) === sweep);
    const best = rivals.reduce((a, b) => (b.finalMean > a.finalMean ? b : a));
    return { ...row, bestOfSweep: rivals.length > 1 && best.label === row.label };
  });
};

/**
 * The figure's series: one per method with its seeds' curves; the losing step sizes of a sweep muted.
 *
 * @example comparisonSvg('CartPole-v1', comparisonSeries(runs, summarizeMethods(runs)))
 */
export const comparisonSeries = (runs: readonly ComparedRun[], summaries: readonly MethodSummary[]): CurveSeries[] =>
  summaries.map((m) => ({
    label: m.bestOfSweep ? `${m.label} (best step)` : m.label,
    runs: runs.filter((r) => r.label === m.label).sort((a, b) => a.seed - b.seed).map((r) => r.curve),
    muted: sweepOf(m.label) !== null && !m.bestOfSweep && summaries.some((s) => s.bestOfSweep && sweepOf(s.label) === sweepOf(m.label)),
  }));

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const seconds = (value: number): string => (value >= 600 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`);

/**
 * The comparison as a Markdown table: method, seeds, final return mean ± std, samples per run,
 * wall time (sum over seeds and per run). The best step size of a sweep is in bold.
 *
 * @example comparisonMarkdown(summarizeMethods(runs))
 */
export const comparisonMarkdown = (summaries: readonly MethodSummary[]): string =>
  [
    '| method | seeds | final return (mean ± std) | samples per run | wall time (sum) | wall time per run |',
    '|---|---:|---:|---:|---:|---:|',
    ...summaries.map(
      (m) =>
        `| ${m.bestOfSweep ? `**${m.label}** (best step)` : m.label} | ${m.seeds.length} | ${fixed(m.finalMean, 1)} ± ${fixed(m.finalStd, 1)} | ${Math.round(m.samples)} | ${seconds(m.wallSecondsTotal)} | ${seconds(m.wallSecondsPerRun)} |`,
    ),
  ].join('\n');
