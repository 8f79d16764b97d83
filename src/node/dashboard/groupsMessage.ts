/**
 * The runs page's `groups` message from runs: per env, a panel per metric with each group's mean
 * over seeds and its ± one-std band on a common step grid.
 *
 * @module
 */
import type { GroupsMessage, RunsPanel } from '../../dashboard/messages.js';
import { groupRuns, metricCurve, seedBand, stepGrid } from '../../report/runGroups.js';
import type { RunSeries } from '../../report/runGroups.js';

/** The metrics the runs page draws, in order. */
export const runsMetrics: readonly string[] = ['episodeReturnMean', 'kl', 'entropy', 'valueLoss'];

/** Rounds a chart value to 6 significant digits (null stays null). */
const compact = (v: number | null): number | null => (v === null ? null : Number(v.toPrecision(6)));

/**
 * The `groups` message of `runs` (grid of `points` step counts per panel).
 *
 * @example server.setLatest('groups', groupsMessage(runs));
 */
export const groupsMessage = (runs: readonly RunSeries[], metrics: readonly string[] = runsMetrics, points = 200): GroupsMessage => {
  const groups = groupRuns(runs);
  const envs = [...new Set(groups.map((g) => g.env))];
  return {
    envs: envs.map((env) => {
      const ofEnv = groups.filter((g) => g.env === env);
      const panels: RunsPanel[] = metrics.flatMap((metric) => {
        const curves = ofEnv.map((g) => g.seeds.map((run) => metricCurve(run.lines, metric)));
        const x = stepGrid(curves.flat(), points);
        if (x.length === 0) return [];
        return [
          {
            metric,
            x,
            series: ofEnv.map((g, k) => {
              const band = seedBand(curves[k], x);
              return { label: g.label, seeds: g.seeds.length, mean: band.mean.map(compact), lo: band.lo.map(compact), hi: band.hi.map(compact) };
            }),
          },
        ];
      });
      return { env, panels };
    }),
    runs: groups.flatMap((g) =>
      g.runs.map((run) => ({ dir: run.dir, env: run.env, group: g.label, seed: run.config !== null && typeof run.config.seed === 'number' ? run.config.seed : null, iterations: run.lines.length })),
    ),
  };
};
