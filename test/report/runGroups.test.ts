import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalJson, experimentOf, groupRunsByExperiment, nonExperimentKeys } from '../../src/report/runGroups.js';

const run = (dir: string, config: Record<string, unknown>, finalTimesteps = 1000) => ({ dir, config, finalTimesteps });
const base = { env: 'CartPole-v1', method: 'trpo', trpo: { maxKl: 0.01, cgIterations: 10 }, totalSteps: 1000, backend: 'wasm' };

test('canonicalJson: equal objects give equal text whatever their key order', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: 3 } }), '{"a":{"c":3,"d":[2,{"x":0,"y":1}]},"b":1}');
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
      const reversed = Object.fromEntries(Object.entries(value).reverse());
      assert.is(canonicalJson(reversed), canonicalJson(value));
      assert.equal(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
    }),
  );
});

test('experimentOf ignores exactly seed, backend and totalSteps', () => {
  assert.equal([...nonExperimentKeys], ['seed', 'backend', 'totalSteps']);
  assert.is(experimentOf({ ...base, seed: 1 }), experimentOf({ ...base, seed: 2, backend: 'cpu', totalSteps: 5 }));
  assert.is.not(experimentOf(base), experimentOf({ ...base, trpo: { maxKl: 0.02, cgIterations: 10 } }));
  assert.is.not(experimentOf(base), experimentOf({ ...base, env: 'Acrobot-v1' }));
});

test('groupRunsByExperiment: seeds counted by config seed, a repeated seed drawn once (the run that got furthest) and reported', () => {
  const groups = groupRunsByExperiment([
    run('a', { ...base, seed: 0 }, 1000),
    run('b', { ...base, seed: 0, backend: 'cpu' }, 2000),
    run('c', { ...base, seed: 1 }),
    run('d', { ...base, seed: 0 }, 2000),
  ]);
  assert.is(groups.length, 1);
  assert.equal(groups[0].seeds, [0, 1]);
  assert.equal(groups[0].runs.map((r) => r.dir), ['b', 'c'], 'of equals the first');
  assert.equal(groups[0].duplicates.map((r) => r.dir), ['a', 'd']);
  assert.is(groups[0].distinction, '');
});

test('groupRunsByExperiment: experiments of one env are told apart by the settings that differ', () => {
  const groups = groupRunsByExperiment([
    run('a', { ...base, seed: 0 }),
    run('b', { ...base, seed: 0, method: 'npg' }),
    run('c', { ...base, env: 'Acrobot-v1', seed: 0 }),
    run('d', { ...base, seed: 1, method: 'npg', trpo: { maxKl: 0.02, cgIterations: 10 } }),
    run('e', { env: 'CartPole-v1' }),
    run('f', { env: 'CartPole-v1' }),
  ]);
  assert.equal(
    groups.map((g) => [g.env, g.distinction, g.runs.map((r) => r.dir)]),
    [
      ['CartPole-v1', 'method=trpo, trpo.cgIterations=10, trpo.maxKl=0.01', ['a']],
      ['CartPole-v1', 'method=npg, trpo.cgIterations=10, trpo.maxKl=0.01', ['b']],
      ['CartPole-v1', 'method=npg, trpo.cgIterations=10, trpo.maxKl=0.02', ['d']],
      ['CartPole-v1', 'method=(unset), trpo.cgIterations=(unset), trpo.maxKl=(unset)', ['e', 'f']],
      ['Acrobot-v1', '', ['c']],
    ],
  );
  assert.equal(groups[3].seeds, [null, null], 'runs without a seed are each a seed of their own');
});

test('groupRunsByExperiment: the vine section counts only for vine runs, in the grouping and in the labels', () => {
  const single = (dir: string, seed: number, vine: Record<string, unknown>) => run(dir, { env: 'Breakout', seed, sampling: 'single-path', trpo: { fisherFraction: 0.1 }, vine });
  const vine = (dir: string, seed: number, rolloutSetSize: number) => run(dir, { env: 'Breakout', seed, sampling: 'vine', trpo: { fisherFraction: 1 }, vine: { rolloutSetSize, branchLength: 50 } });
  const groups = groupRunsByExperiment([single('a', 0, { rolloutSetSize: 100 }), single('b', 1, { rolloutSetSize: 64 }), vine('c', 0, 64), vine('d', 0, 32)]);
  assert.equal(
    groups.map((g) => [g.distinction, g.runs.map((r) => r.dir)]),
    [
      ['sampling=single-path, trpo.fisherFraction=0.1', ['a', 'b']],
      ['sampling=vine, trpo.fisherFraction=1, vine.rolloutSetSize=64', ['c']],
      ['sampling=vine, trpo.fisherFraction=1, vine.rolloutSetSize=32', ['d']],
    ],
  );
  assert.is(experimentOf({ env: 'X', sampling: 'vine', vine: { branches: 4 } }) === experimentOf({ env: 'X', sampling: 'vine', vine: { branches: 2 } }), false);
});

test('groupRunsByExperiment: every run is drawn or reported once, a seed per distinct config seed, whatever the order', () => {
  const runs = fc.array(
    fc.record({ seed: fc.integer({ min: 0, max: 4 }), maxKl: fc.constantFrom(0.01, 0.02), steps: fc.integer({ min: 1, max: 5 }) }),
    { maxLength: 20 },
  );
  fc.assert(
    fc.property(runs, fc.infiniteStream(fc.nat()), (specs, shuffle) => {
      const all = specs.map((s, i) => run(`r${i}`, { ...base, seed: s.seed, trpo: { maxKl: s.maxKl } }, s.steps * 1000));
      const groups = groupRunsByExperiment(all);
      const seen = groups.flatMap((g) => [...g.runs, ...g.duplicates].map((r) => r.dir)).sort();
      assert.equal(seen, all.map((r) => r.dir).sort());
      for (const g of groups) {
        const mine = all.filter((r) => experimentOf(r.config) === g.experiment);
        assert.equal(g.seeds, [...new Set(mine.map((r) => r.config.seed as number))].sort((a, b) => a - b));
        g.runs.forEach((r, i) => {
          assert.is(r.config.seed, g.seeds[i]);
          assert.is(r.finalTimesteps, Math.max(...mine.filter((m) => m.config.seed === g.seeds[i]).map((m) => m.finalTimesteps)));
        });
      }
      // a different order of the same runs: the same seeds per experiment
      const it = shuffle[Symbol.iterator]();
      const shuffled = [...all].sort(() => ((it.next().value as number) % 3) - 1);
      const again = groupRunsByExperiment(shuffled);
      const seedsOf = (gs: typeof groups) => Object.fromEntries(gs.map((g) => [g.experiment, g.seeds]));
      assert.equal(seedsOf(again), seedsOf(groups));
    }),
  );
});

test.run();
