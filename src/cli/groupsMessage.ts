/**
 * The runs page's `groups` message from runs: per env, a panel per metric (and one of eval.jsonl's
 * returns where runs have it) with a series per
 * experiment (runs grouped as `trpo plot` groups them), its mean over seeds and a ± one-std band
 * where two or more seeds cover the step count, each seed to its own length.
 *
 * @module
 */
import type { BandSeries, GroupsMessage, RunsPanel } from '../dashboard/messages.js';
import { summarizeCurves } from '../report/learningCurves.js';
import { groupRunsByExperiment } from '../report/runGroups.js';
import type { RunSeries } from './runFollower.js';
import { metricCurve } from './runMetrics.js';

/** The panel of eval.jsonl's mean returns (runs trained with `--eval-every`); the other panels are fields of metrics.jsonl. */
export const evalReturnPanel = 'evalReturnMean';

/** The panels the runs page draws, in order (a panel no run has data for is left out). */
export const runsMetrics: readonly string[] = ['episodeReturnMean', evalReturnPanel, 'kl', 'entropy', 'valueLoss'];

/** A run's curve for a panel: eval.jsonl's `returnMean` for {@link evalReturnPanel}, else the metrics.jsonl field. */
const panelCurve = (run: RunSeries, metric: string) => (metric === evalReturnPanel ? metricCurve(run.evaluations, 'returnMean') : metricCurve(run.lines, metric));

/** Rounds a chart value to 6 significant digits. */
const compact = (v: number): number => Number(v.toPrecision(6));

/**
 * The `groups` message of `runs`.
 *
 * @example server.setLatest('groups', groupsMessage(follower.runs()));
 */
export const groupsMessage = (runs: readonly RunSeries[], metrics: readonly string[] = runsMetrics): GroupsMessage => {
  const groupable = runs.map((run) => {
    const last = run.lines[run.lines.length - 1]?.timesteps;
    return { ...run, config: run.config ?? { env: run.env }, finalTimesteps: typeof last === 'number' ? last : 0 };
  });
  const groups = groupRunsByExperiment(groupable);
  const envs = [...new Set(groups.map((g) => g.env))];
  return {
    envs: envs.map((env) => {
      const mine = groups.filter((g) => g.env === env);
      const panels: RunsPanel[] = metrics.flatMap((metric) => {
        const series: BandSeries[] = mine.flatMap((g) => {
          const curves = g.runs.map((run) => panelCurve(run, metric)).filter((c) => c.timesteps.length > 0);
          if (curves.length === 0) return [];
          const s = summarizeCurves(curves);
          const band = (sign: number) => Array.from(s.mean, (m, i) => (s.seeds[i] >= 2 ? compact(m + sign * s.std[i]) : null));
          return [{ label: mine.length > 1 ? g.distinction : env, seeds: curves.length, x: Array.from(s.timesteps), mean: Array.from(s.mean, compact), lo: band(-1), hi: band(1) }];
        });
        return series.length === 0 ? [] : [{ metric, series }];
      });
      return { env, panels };
    }),
    runs: groups.flatMap((g) =>
      [...g.runs, ...g.duplicates].map((run) => ({ dir: run.dir, env: g.env, group: g.distinction || g.env, seed: typeof run.config.seed === 'number' ? run.config.seed : null, iterations: run.lines.length })),
    ),
  };
};
