/**
 * What `trpo plot` draws: a row of panels per metric (episode return, eval return, KL against δ,
 * entropy, value loss, explained variance), a column per env, a series per experiment. Pure: the
 * runs come in already read and grouped.
 *
 * @module
 */
import type { CurvePanel, CurveSeries, ReferenceLine, RunCurve } from './learningCurves.js';
import { bandCaption, seedCount } from './learningCurves.js';
import type { ExperimentGroup, GroupableRun } from './runGroups.js';

/** The panels `trpo plot --panels` offers, in the order they are drawn. */
export const panelNames = ['return', 'eval', 'kl', 'entropy', 'value-loss', 'explained-variance'] as const;
/** A panel `trpo plot` can draw. */
export type PanelName = (typeof panelNames)[number];

/** A run as the plot reads it: its config and a curve per panel it has data for. */
export interface PlottedRun extends GroupableRun {
  /** The run's curve per panel; a panel without data (no eval.jsonl) has an empty curve. */
  readonly curves: Readonly<Record<PanelName, RunCurve>>;
}

/** Methods whose update is bounded by the trust region's δ (`trpo.maxKl`), so a KL panel draws it. */
const methodsWithDelta: readonly string[] = ['trpo', 'max-kl', 'empirical-fim'];

/** Each panel's title suffix, y axis label and the metrics.jsonl field it draws (eval reads eval.jsonl). */
export const panelDescriptions: Readonly<Record<PanelName, { readonly title: string; readonly yLabel: string; readonly field: string }>> = {
  return: { title: 'episode return', yLabel: 'return (mean of last 100 episodes)', field: 'episodeReturnMean' },
  eval: { title: 'eval return', yLabel: 'deterministic eval return (mean)', field: 'returnMean' },
  kl: { title: 'KL per update', yLabel: 'mean KL(old ‖ new)', field: 'kl' },
  entropy: { title: 'entropy', yLabel: 'policy entropy (nats)', field: 'entropy' },
  'value-loss': { title: 'value loss', yLabel: 'value function loss', field: 'valueLoss' },
  'explained-variance': { title: 'explained variance', yLabel: 'explained variance of returns', field: 'explainedVariance' },
};

/** The δ a KL panel draws for an experiment: `trpo.maxKl` for the methods bounded by it. */
const deltaOf = (config: Readonly<Record<string, unknown>>): number | null => {
  const trpo = config.trpo as { maxKl?: unknown } | undefined;
  const method = typeof config.method === 'string' ? config.method : 'trpo';
  return methodsWithDelta.includes(method) && typeof trpo?.maxKl === 'number' ? trpo.maxKl : null;
};

/**
 * The panels to draw: a row per panel name, a column per env (in the order of `groups`), one
 * series per experiment of the env with the runs that have data for the panel. A single-experiment
 * panel names its seed count in the title, several name theirs in the legend.
 *
 * @example plotPanels(groupRunsByExperiment(runs), ['return', 'kl']) // 2 rows × (number of envs) columns
 */
export const plotPanels = (groups: readonly ExperimentGroup<PlottedRun>[], panels: readonly PanelName[]): CurvePanel[][] => {
  const envs = [...new Set(groups.map((g) => g.env))];
  return panels.map((name) =>
    envs.map((env) => {
      const mine = groups.filter((g) => g.env === env);
      const series: CurveSeries[] = mine
        .map((g) => ({ g, runs: g.runs.map((r) => r.curves[name]).filter((c) => c.timesteps.length > 0) }))
        .filter(({ runs }) => runs.length > 0)
        .map(({ g, runs }) => ({ label: mine.length > 1 ? `${g.distinction} (${seedCount(runs.length)})` : `${env} (${seedCount(runs.length)})`, runs }));
      const deltas = name === 'kl' ? [...new Set(mine.map((g) => deltaOf(g.runs[0].config)).filter((d): d is number => d !== null))] : [];
      const references: ReferenceLine[] = deltas.map((d) => ({ label: `δ = ${d}`, value: d }));
      const { title } = panelDescriptions[name];
      const heading =
        series.length === 0 ? `${env}: ${title} (no data${name === 'eval' ? ': no eval.jsonl' : ''})` : series.length === 1 && mine.length === 1 ? `${env}: ${title} (${seedCount(series[0].runs.length)})` : `${env}: ${title}`;
      return { title: heading, yLabel: panelDescriptions[name].yLabel, series, references };
    }),
  );
};

/**
 * The caption lines under the plot: what the band means, then each seed that several runs share
 * (only the run that got furthest is drawn) and each run without a seed in its config.
 *
 * @example plotCaption(groups) // ['mean over seeds; band: …', 'CartPole-v1: seed 0 has 2 runs; drawn: runs/a, not drawn: runs/b']
 */
export const plotCaption = (groups: readonly ExperimentGroup<PlottedRun>[]): string[] => [
  bandCaption,
  ...groups.flatMap((g) => {
    const name = g.distinction ? `${g.env} [${g.distinction}]` : g.env;
    const repeated = [...new Set(g.duplicates.map((d) => d.config.seed as number))];
    return [
      ...repeated.map((seed) => {
        const drawn = g.runs[g.seeds.indexOf(seed)];
        return `${name}: seed ${seed} has ${1 + g.duplicates.filter((d) => d.config.seed === seed).length} runs, counted once; drawn: ${drawn.dir} (furthest), not drawn: ${g.duplicates.filter((d) => d.config.seed === seed).map((d) => d.dir).join(', ')}`;
      }),
      ...g.runs.filter((_, i) => g.seeds[i] === null).map((r) => `${name}: ${r.dir} has no seed in config.json; counted as a seed of its own`),
    ];
  }),
];
