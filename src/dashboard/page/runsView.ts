/**
 * The runs page (`trpo dashboard DIR...`): per env, a chart per metric with one line per group of
 * runs (same env and config) — the mean over its seeds — and a ± one-std band where two or more
 * seeds cover the step count. Redrawn from each `groups` message.
 *
 * @module
 */
import type uPlotType from 'uplot';
import type { GroupsMessage, RunsPanel } from '../messages.js';
import type { Chart } from './charts.js';
import { card, chart, palette } from './charts.js';
import { probe } from './probe.js';

const metricTitles: Readonly<Record<string, string>> = {
  episodeReturnMean: 'Episode return (mean of last 100)',
  evalReturnMean: 'Eval return (deterministic policy, eval.jsonl)',
  kl: 'Mean KL per update',
  entropy: 'Policy entropy (nats)',
  valueLoss: 'Value loss',
};

/** Translucent version of a `#rrggbb` colour. */
const fade = (hex: string, alpha: number): string => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
};

/**
 * uPlot series and bands of a panel: per group its mean, then its band's high and low edges. A
 * group's colour comes from its place in `labels` (every group of the env), so it is the same in
 * every panel, also in one that only some groups have data for (the eval returns).
 */
const panelSeries = (panel: RunsPanel, labels: readonly string[]): { series: uPlotType.Series[]; bands: uPlotType.Band[] } => {
  const series: uPlotType.Series[] = [], bands: uPlotType.Band[] = [];
  panel.series.forEach((s, g) => {
    const colour = palette[Math.max(0, labels.indexOf(s.label)) % palette.length], base = 1 + 3 * g;
    series.push({ label: `${s.label} (${s.seeds} seed${s.seeds === 1 ? '' : 's'})`, stroke: colour, width: 2 });
    series.push({ label: `${s.label} +std`, stroke: 'transparent', width: 0, points: { show: false } });
    series.push({ label: `${s.label} −std`, stroke: 'transparent', width: 0, points: { show: false } });
    bands.push({ series: [base + 1, base + 2], fill: fade(colour, 0.18) });
  });
  return { series, bands };
};

/** The panel's series on one x: uPlot's join marks where a series has no point of its own (spanned), explicit nulls stay gaps (no band). */
const panelData = (panel: RunsPanel): uPlotType.AlignedData =>
  UPlot.join(panel.series.map((s) => [s.x, s.mean, s.hi, s.lo] as unknown as uPlotType.AlignedData));

/** uPlot, loaded by the page's script tag. */
const UPlot = (globalThis as unknown as { uPlot: typeof uPlotType }).uPlot;

/** The runs view: `update` with each `groups` message. */
export interface RunsView {
  readonly update: (message: GroupsMessage) => void;
  readonly reset: () => void;
}

/**
 * Builds the runs view in `main`.
 *
 * @example const view = runsView(document.getElementById('charts')!);
 */
export const runsView = (main: HTMLElement): RunsView => {
  let layout = '';
  let charts: Chart[] = [];
  const summary = document.getElementById('summary');
  const rebuild = (message: GroupsMessage): void => {
    main.replaceChildren();
    charts = [];
    for (const { env, panels } of message.envs) {
      const section = document.createElement('section');
      section.className = 'group';
      const h = document.createElement('h2');
      h.textContent = env;
      section.append(h);
      main.append(section);
      const labels = [...new Set(panels.flatMap((panel) => panel.series.map((s) => s.label)))];
      for (const panel of panels) {
        const { series, bands } = panelSeries(panel, labels);
        const made = chart(section, `${env}: ${metricTitles[panel.metric] ?? panel.metric}`, series, { bands, legend: { live: false } });
        // the band edges are drawn, not listed: the legend keeps one entry per group
        made.plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series').forEach((row, i) => {
          if (i % 3 !== 0) row.style.display = 'none';
        });
        charts.push(made);
      }
    }
    const runs = card(main, 'Runs', 'followed: a run still training grows as its metrics.jsonl does');
    const list = document.createElement('ul');
    for (const run of message.runs) {
      const item = document.createElement('li');
      item.textContent = `${run.dir}: ${run.env}, ${run.group}, seed ${run.seed ?? '?'}, ${run.iterations} iterations`;
      list.append(item);
    }
    runs.append(list);
  };
  return {
    update: (message) => {
      const shape = JSON.stringify([message.envs.map((e) => [e.env, e.panels.map((p) => [p.metric, p.series.map((s) => `${s.label}/${s.seeds}`)])]), message.runs.map((r) => [r.dir, r.iterations])]);
      if (shape !== layout) {
        layout = shape;
        rebuild(message);
      }
      let k = 0;
      for (const { panels } of message.envs)
        for (const panel of panels) {
          const target = charts[k++];
          const data = panelData(panel);
          target.setData(data);
          probe().points[target.card.dataset.chart ?? ''] = data[0].length;
        }
      probe().groupUpdates += 1;
      if (summary) summary.textContent = `${message.runs.length} run${message.runs.length === 1 ? '' : 's'} · ${message.envs.length} env${message.envs.length === 1 ? '' : 's'}`;
    },
    reset: () => {
      layout = '';
    },
  };
};
