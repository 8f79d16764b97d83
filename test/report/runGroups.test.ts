import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { groupKey, groupRuns, metricCurve, seedBand, stepGrid } from '../../src/report/runGroups.js';
import type { RunSeries } from '../../src/report/runGroups.js';

const run = (dir: string, config: Record<string, unknown> | null, returns: number[] = [1, 2, 3], env = 'CartPole-v1'): RunSeries => ({
  dir,
  env,
  config,
  lines: returns.map((r, i) => ({ timesteps: (i + 1) * 1000, episodeReturnMean: r, kl: 0.01 })),
});

test('groups by env and config (seed, step budget and backend aside), in order of first appearance', () => {
  const runs = [
    run('a', { env: 'CartPole-v1', method: 'trpo', seed: 0, totalSteps: 1000, backend: 'wasm' }),
    run('b', { env: 'CartPole-v1', method: 'npg', seed: 0 }),
    run('c', { env: 'CartPole-v1', seed: 1, method: 'trpo', totalSteps: 5000, backend: 'cpu' }),
    run('d', { env: 'Acrobot-v1', method: 'trpo', seed: 0 }, [1], 'Acrobot-v1'),
    run('e', null),
  ];
  const groups = groupRuns(runs);
  assert.equal(groups.map((g) => [g.env, g.label, g.runs.map((r) => r.dir)]), [
    ['CartPole-v1', 'method=trpo', ['a', 'c']],
    ['CartPole-v1', 'method=npg', ['b']],
    ['Acrobot-v1', 'trpo', ['d']],
    ['CartPole-v1', 'e', ['e']],
  ]);
  assert.is(groupKey(runs[0]), groupKey(runs[2]), 'key order and seed-only fields do not matter');
});

test('seeds are counted by config seed: runs of one seed count once (the longest is kept)', () => {
  const [group] = groupRuns([run('a', { method: 'trpo', seed: 2 }, [1]), run('b', { method: 'trpo', seed: 2 }, [1, 2, 3]), run('c', { method: 'trpo', seed: 0 }, [5, 6])]);
  assert.equal(group.seeds.map((r) => r.dir), ['c', 'b']);
  assert.is(group.runs.length, 3);
});

test('a label names every config field that differs between an env\'s groups', () => {
  const groups = groupRuns([run('a', { method: 'trpo', sampling: 'vine', seed: 0 }), run('b', { method: 'npg', sampling: 'single-path', seed: 0 })]);
  assert.equal(groups.map((g) => g.label), ['method=trpo, sampling=vine', 'method=npg, sampling=single-path']);
});

test('metricCurve: timesteps against a metric, lines without a finite value left out', () => {
  assert.equal(metricCurve([{ timesteps: 10, kl: 0.5 }, { timesteps: 20, kl: null }, { timesteps: 30 }, { kl: 1 }, { timesteps: 40, kl: 2 }], 'kl'), { x: [10, 40], y: [0.5, 2] });
});

test('seedBand: each curve to its own length; mean where one covers, band only where two or more do', () => {
  const band = seedBand(
    [
      { x: [0, 10], y: [0, 10] },
      { x: [0, 20], y: [2, 22] },
    ],
    [0, 10, 20, 30],
  );
  assert.equal(band.count, [2, 2, 1, 0]);
  assert.equal(band.mean, [1, 11, 22, null]);
  assert.equal(band.lo, [0, 10, null, null]);
  assert.equal(band.hi, [2, 12, null, null]);
  const one = seedBand([{ x: [0, 10], y: [3, 3] }], [0, 5, 10]);
  assert.equal(one.lo, [null, null, null], 'no band for one seed');
});

test('seedBand: the mean lies within the curves covering a point, the band around the mean', () => {
  const curve = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 8 }).map((ys) => ({ x: ys.map((_, i) => i * 10), y: ys }));
  fc.assert(
    fc.property(fc.array(curve, { minLength: 1, maxLength: 5 }), (curves) => {
      const grid = stepGrid(curves, 17);
      const band = seedBand(curves, grid);
      grid.forEach((x, i) => {
        const covering = curves.filter((c) => c.x[0] <= x && x <= c.x[c.x.length - 1]);
        assert.is(band.count[i], covering.length);
        const m = band.mean[i];
        if (m === null) return;
        const all = covering.flatMap((c) => c.y);
        assert.ok(m >= Math.min(...all) - 1e-9 && m <= Math.max(...all) + 1e-9);
        if (band.lo[i] !== null) assert.ok((band.lo[i] as number) <= m + 1e-9 && (band.hi[i] as number) >= m - 1e-9);
      });
    }),
  );
});

test('stepGrid: even steps over the whole range, each curve\'s last step included', () => {
  assert.equal(stepGrid([{ x: [0, 100], y: [0, 1] }], 3), [0, 50, 100]);
  assert.equal(stepGrid([{ x: [0, 100], y: [0, 1] }, { x: [10, 70], y: [0, 1] }], 3), [0, 50, 70, 100]);
  assert.equal(stepGrid([], 3), []);
});

test.run();
