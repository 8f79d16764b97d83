import { InvalidArgumentError } from 'commander';
import type { RunCurve } from '../report/learningCurves.js';
import { panelGridSvg, seedCount } from '../report/learningCurves.js';
import type { PanelName, PlottedRun } from '../report/plotPanels.js';
import { panelDescriptions, panelNames, plotCaption, plotPanels } from '../report/plotPanels.js';
import { groupRunsByExperiment } from '../report/runGroups.js';
import { listFlag } from './flags.js';
import { checkOutputFile } from './outputPaths.js';
import { UserError, writeFileAtomic } from './runFiles.js';
import { metricCurve, readRunMetrics } from './runMetrics.js';

/** Flags of `trpo plot`. */
export interface PlotFlags {
  readonly runs: readonly string[];
  readonly out: string;
  readonly panels: readonly PanelName[];
}

/**
 * The `--panels` parser: a comma-separated, non-empty list of {@link panelNames}, duplicates dropped.
 *
 * @example panelsFlag('return,kl') // ['return', 'kl']; panelsFlag('loss') throws "unknown panel 'loss'; choose return, eval, …"
 */
export const panelsFlag = (value: string): PanelName[] => {
  const items = listFlag(value);
  if (items.length === 0) throw new InvalidArgumentError(`choose at least one panel of ${panelNames.join(', ')}`);
  const unknown = items.find((item) => !(panelNames as readonly string[]).includes(item));
  if (unknown !== undefined) throw new InvalidArgumentError(`unknown panel '${unknown}'; choose ${panelNames.join(', ')}`);
  return [...new Set(items)] as PanelName[];
};

/** A run directory as the plot draws it: every panel's curve from metrics.jsonl and eval.jsonl. */
const plottedRun = (dir: string): PlottedRun => {
  const { config, curve, iterations, evaluations } = readRunMetrics(dir);
  const evalCurve: RunCurve = { timesteps: evaluations.map((e) => e.timesteps), values: evaluations.map((e) => e.returnMean) };
  const curves = Object.fromEntries(panelNames.map((name) => [name, name === 'eval' ? evalCurve : name === 'return' ? curve : metricCurve(iterations, panelDescriptions[name].field)]));
  return { dir, config, finalTimesteps: curve.timesteps[curve.timesteps.length - 1], curves: curves as Record<PanelName, RunCurve> };
};

/**
 * `trpo plot`: reads every run (any bad one is exit 2 before anything is written), groups them by
 * env and experiment, counts seeds by config seed and writes the panels as one SVG.
 */
export const plotCommand = (flags: PlotFlags): void => {
  checkOutputFile(flags.out, ['.svg']);
  const runs = flags.runs.map(plottedRun);
  for (const name of flags.panels)
    if (name !== 'return' && runs.every((r) => r.curves[name].timesteps.length === 0))
      throw new UserError(name === 'eval' ? 'no run has an eval.jsonl to draw (train with --eval-every)' : `no run records ${panelDescriptions[name].field} in metrics.jsonl`);
  const groups = groupRunsByExperiment(runs);
  const caption = plotCaption(groups);
  writeFileAtomic(flags.out, panelGridSvg(plotPanels(groups, flags.panels), caption));
  const described = groups.map((g) => {
    const runCount = g.runs.length + g.duplicates.length;
    return `${g.env}${g.distinction ? ` [${g.distinction}]` : ''}: ${seedCount(g.seeds.length)}${runCount > g.seeds.length ? ` (${runCount} runs)` : ''}`;
  });
  console.log(`wrote ${flags.out} (${described.join('; ')})`);
  for (const line of caption.slice(1)) console.log(`note: ${line}`);
};
