/**
 * The live run's page: episode returns (each episode a point, and the mean of the last 100),
 * the evaluations during training (shown once the first arrives), KL against δ, entropy, value loss and explained variance, line-search steps, steps per second,
 * and the policy playing, with the run's warnings (a stalled run) above the charts. Data arrive as
 * `run`, `episode`, `iteration`, `evaluation` and `warning` events (logged, with ids)
 * and `play` and `status` values.
 *
 * @module
 */
import type uPlotType from 'uplot';
import type { EpisodeMessage, EvaluationMessage, PlayMessage, RunMessage, StatusMessage, WarningMessage } from '../messages.js';
import type { Chart } from './charts.js';
import { card, chart, palette, pointsOnly } from './charts.js';
import { playerCard } from './player.js';
import type { Player } from './player.js';
import { probe } from './probe.js';

/** The metrics of an `iteration` event the page reads (a line of metrics.jsonl). */
interface IterationLine {
  readonly iteration: number;
  readonly timesteps: number;
  readonly episodeReturnMean: number | null;
  readonly kl: number;
  readonly entropy: number;
  readonly valueLoss: number;
  readonly explainedVariance: number;
  readonly lineSearchSteps: number;
  readonly cgIterations: number;
  readonly wallSeconds: number;
}

/** The live view: handlers for the stream's events, and `reset` for a new server instance. */
export interface LiveView {
  readonly run: (message: RunMessage) => void;
  readonly episode: (message: EpisodeMessage) => void;
  readonly iteration: (message: IterationLine) => void;
  readonly evaluation: (message: EvaluationMessage) => void;
  readonly warning: (message: WarningMessage) => void;
  readonly play: (message: PlayMessage) => void;
  readonly status: (message: StatusMessage) => void;
  readonly reset: () => void;
}

const recentWindow = 100;

/**
 * Builds the live view's charts in `main`.
 *
 * @example const view = liveView(document.getElementById('charts')!);
 */
export const liveView = (main: HTMLElement): LiveView => {
  const summary = document.getElementById('summary');
  let episodes = { x: [] as number[], y: [] as number[], mean: [] as number[] };
  let iterations = { x: [] as number[], kl: [] as number[], entropy: [] as number[], valueLoss: [] as number[], ev: [] as number[], lineSearch: [] as number[], cg: [] as number[], speed: [] as number[], wall: [] as number[] };
  // the run's warnings, as trpo train prints them on stderr: a list above the charts, shown from the first on
  const warnings = card(main, 'Warnings');
  warnings.id = 'warnings';
  warnings.style.gridColumn = '1 / -1';
  warnings.style.borderColor = '#bf8700';
  warnings.style.display = 'none';
  const warningList = document.createElement('ul');
  warnings.append(warningList);
  let evaluations = { x: [] as number[], mean: [] as number[], lo: [] as number[], hi: [] as number[] };
  let delta = NaN, totalSteps = NaN, recentSum = 0;
  const returns = chart(main, 'Episode return', [pointsOnly('episode', '#8c959f'), { label: 'mean of last 100', stroke: palette[0], width: 2 }]);
  const evaluated = chart(
    main,
    'Eval return (deterministic policy)',
    [
      { label: 'mean', stroke: palette[2], width: 2, points: { show: true, size: 5 } },
      { label: 'mean − std', stroke: palette[2], width: 1, dash: [4, 4] },
      { label: 'mean + std', stroke: palette[2], width: 1, dash: [4, 4] },
    ],
    {},
    'trpo train --eval-every: the mean return of the evaluation episodes, ± their std',
  );
  // shown from the first evaluation on: a run without --eval-every has none
  evaluated.card.style.display = 'none';
  const kl = chart(main, 'KL(π_old ‖ π_new) against δ', [{ label: 'mean KL', stroke: palette[0], width: 2 }, { label: 'δ', stroke: palette[1], dash: [6, 4] }]);
  const entropy = chart(main, 'Policy entropy (nats)', [{ label: 'entropy', stroke: palette[2], width: 2 }]);
  const value = chart(
    main,
    'Value function',
    [
      { label: 'value loss', stroke: palette[3], width: 2, scale: 'loss' },
      { label: 'explained variance', stroke: palette[4], width: 2, scale: 'ev' },
    ],
    { axes: [{ label: 'env steps' }, { scale: 'loss', label: 'loss', size: 64 }, { scale: 'ev', side: 1, label: 'explained var.', size: 64, grid: { show: false } }], scales: { x: { time: false }, ev: { range: [-1, 1] } } },
  );
  const search = chart(main, 'Line search and CG', [{ label: 'line-search steps', stroke: palette[5], width: 2 }, { label: 'CG iterations', stroke: palette[6], width: 1 }]);
  const speed = chart(main, 'Throughput', [{ label: 'env steps / s', stroke: palette[7], width: 2 }]);
  const player: Player = playerCard(main);

  const redraw = (target: Chart, data: unknown[]): void => {
    target.setData(data as uPlotType.AlignedData);
    probe().points[target.card.dataset.chart ?? ''] = (data[0] as number[]).length;
  };
  const redrawIterations = (): void => {
    const i = iterations;
    redraw(kl, [i.x, i.kl, i.x.map(() => delta)]);
    redraw(entropy, [i.x, i.entropy]);
    redraw(value, [i.x, i.valueLoss, i.ev]);
    redraw(search, [i.x, i.lineSearch, i.cg]);
    redraw(speed, [i.x, i.speed]);
  };
  const showSummary = (): void => {
    const n = iterations.x.length;
    if (summary === null || n === 0) return;
    const steps = iterations.x[n - 1];
    summary.textContent = `iteration ${probe().iterations[probe().iterations.length - 1]} · ${steps.toLocaleString('en')}${Number.isFinite(totalSteps) ? ` / ${totalSteps.toLocaleString('en')}` : ''} steps · ${probe().episodes} episodes · mean return ${episodes.mean.length ? episodes.mean[episodes.mean.length - 1].toFixed(1) : '–'}`;
  };

  return {
    run: (message) => {
      delta = message.maxKl;
      totalSteps = message.totalSteps;
      redrawIterations();
    },
    episode: (message) => {
      const e = episodes;
      e.x.push(message.timesteps);
      e.y.push(message.return);
      recentSum += message.return;
      if (e.y.length > recentWindow) recentSum -= e.y[e.y.length - 1 - recentWindow];
      e.mean.push(recentSum / Math.min(recentWindow, e.y.length));
      probe().episodes += 1;
      redraw(returns, [e.x, e.y, e.mean]);
    },
    iteration: (m) => {
      const i = iterations;
      const previousSteps = i.x.length ? i.x[i.x.length - 1] : 0, previousWall = i.wall.length ? i.wall[i.wall.length - 1] : 0;
      i.x.push(m.timesteps);
      i.kl.push(m.kl);
      i.entropy.push(m.entropy);
      i.valueLoss.push(m.valueLoss);
      i.ev.push(m.explainedVariance);
      i.lineSearch.push(m.lineSearchSteps);
      i.cg.push(m.cgIterations);
      i.wall.push(m.wallSeconds);
      i.speed.push(m.wallSeconds > previousWall ? (m.timesteps - previousSteps) / (m.wallSeconds - previousWall) : NaN);
      probe().iterations.push(m.iteration);
      redrawIterations();
      showSummary();
    },
    evaluation: (message) => {
      const e = evaluations;
      e.x.push(message.timesteps);
      e.mean.push(message.returnMean);
      e.lo.push(message.returnMean - message.returnStd);
      e.hi.push(message.returnMean + message.returnStd);
      if (evaluated.card.style.display === 'none') {
        evaluated.card.style.display = '';
        evaluated.plot.setSize({ width: Math.max(300, evaluated.card.clientWidth - 20), height: 220 });
      }
      redraw(evaluated, [e.x, e.mean, e.lo, e.hi]);
    },
    warning: (message) => {
      const item = document.createElement('li');
      item.textContent = message.message;
      warningList.append(item);
      warnings.style.display = '';
      probe().warnings.push(message.message);
    },
    play: (message) => player.show(message),
    status: (message) => {
      probe().status = message.state;
      if (message.state !== 'training') {
        const el = document.getElementById('status');
        if (el) el.textContent = `run ${message.state}${message.message ? `: ${message.message}` : ''}`;
      }
    },
    reset: () => {
      episodes = { x: [], y: [], mean: [] };
      evaluations = { x: [], mean: [], lo: [], hi: [] };
      warningList.replaceChildren();
      warnings.style.display = 'none';
      evaluated.card.style.display = 'none';
      iterations = { x: [], kl: [], entropy: [], valueLoss: [], ev: [], lineSearch: [], cg: [], speed: [], wall: [] };
      recentSum = 0;
      const p = probe();
      p.iterations = [];
      p.episodes = 0;
      p.lastEventId = 0;
      p.status = '';
      p.warnings = [];
      redraw(returns, [[], [], []]);
      redraw(evaluated, [[], [], [], []]);
      redrawIterations();
    },
  };
};
