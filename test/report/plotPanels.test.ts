import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { panelGridSvg } from '../../src/report/learningCurves.js';
import type { PanelName, PlottedRun } from '../../src/report/plotPanels.js';
import { panelNames, plotCaption, plotPanels } from '../../src/report/plotPanels.js';
import { groupRunsByExperiment } from '../../src/report/runGroups.js';
import { parseXml } from './xml.js';

const curve = (steps: number, value: (t: number) => number) => {
  const timesteps = Array.from({ length: steps }, (_, i) => (i + 1) * 100);
  return { timesteps, values: timesteps.map(value) };
};
const empty = { timesteps: [], values: [] };
const plotted = (dir: string, config: Record<string, unknown>, steps: number, withEval = false): PlottedRun => ({
  dir,
  config,
  finalTimesteps: steps * 100,
  curves: Object.fromEntries(panelNames.map((p) => [p, p === 'eval' && !withEval ? empty : curve(steps, (t) => t / 100 + (config.seed as number))])) as unknown as Record<PanelName, PlottedRun['curves']['return']>,
});
const cartPole = { env: 'CartPole-v1', method: 'trpo', trpo: { maxKl: 0.01 } };

test('plotPanels: a row per panel, a column per env, a series per experiment with its own seed count', () => {
  const runs = [
    plotted('a', { ...cartPole, seed: 0 }, 10, true),
    plotted('b', { ...cartPole, seed: 1 }, 6),
    plotted('c', { ...cartPole, seed: 1 }, 4),
    plotted('d', { ...cartPole, method: 'npg', seed: 0 }, 10),
    plotted('e', { env: 'Pendulum-v1', method: 'vpg', trpo: { maxKl: 0.01 }, seed: 3 }, 5),
  ];
  const rows = plotPanels(groupRunsByExperiment(runs), ['return', 'eval', 'kl']);
  assert.equal(rows.map((r) => r.map((p) => p.title)), [
    ['CartPole-v1: episode return', 'Pendulum-v1: episode return (1 seed)'],
    ['CartPole-v1: eval return', 'Pendulum-v1: eval return (no data: no eval.jsonl)'],
    ['CartPole-v1: KL per update', 'Pendulum-v1: KL per update (1 seed)'],
  ]);
  assert.equal(rows[0][0].series.map((s) => [s.label, s.runs.length]), [['method=trpo (2 seeds)', 2], ['method=npg (1 seed)', 1]], 'seed 1 counted once');
  assert.equal(rows[0][0].series[0].runs[1].timesteps.length, 6, 'seed 1 drawn from its furthest run');
  assert.equal(rows[1][0].series.map((s) => s.label), ['method=trpo (1 seed)'], 'only the runs with eval.jsonl');
  assert.equal(rows[2][0].references, [{ label: 'δ = 0.01', value: 0.01 }]);
  assert.equal(rows[2][1].references, [], 'no δ for a method it does not bound');
  const caption = plotCaption(groupRunsByExperiment(runs));
  assert.is(caption.length, 2);
  assert.match(caption[1], /^CartPole-v1 \[method=trpo\]: seed 1 has 2 runs, counted once; drawn: b \(furthest\), not drawn: c$/);
});

test('the drawn SVG: each curve to its own length, a band only where two or more seeds reach, dotted where not all do', () => {
  const runs = [plotted('a', { ...cartPole, seed: 0 }, 10), plotted('b', { ...cartPole, seed: 1 }, 6), plotted('c', { ...cartPole, seed: 2 }, 3)];
  const svg = panelGridSvg(plotPanels(groupRunsByExperiment(runs), ['return']), plotCaption(groupRunsByExperiment(runs)));
  const elements = parseXml(svg);
  const points = (cls: string) => elements.filter((e) => e.attributes.class === cls).map((e) => e.attributes.points.split(' ').map((p) => Number(p.split(',')[0])));
  const [band] = points('band');
  const [solid] = points('mean');
  const [dotted] = points('mean partial');
  assert.is(points('band').length, 1);
  assert.is(band.length, 2 * 6, 'the band spans the 6 step counts two seeds reach, upper and lower edge');
  assert.is(solid.length, 3 + 1, 'solid over the 3 step counts all seeds reach, joined to the next point');
  assert.is(dotted.length, 10 - 3, 'dotted on to the end of the longest run');
  const left = Number(elements.find((e) => e.name === 'rect' && e.attributes.fill === 'none')?.attributes.x);
  const ratio = (Math.max(...dotted) - left) / (Math.max(...band) - left);
  assert.ok(Math.abs(ratio - 1000 / 600) < 0.01, `the line reaches 1000 steps, the band 600 (ratio ${ratio})`);
  const one = panelGridSvg(plotPanels(groupRunsByExperiment([runs[0], runs[0]]), ['return']), []);
  assert.not.match(one, /class="band"/, 'one seed (the same run twice): no band');
  assert.match(one, /CartPole-v1: episode return \(1 seed\)/);
});

test.run();
