import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { learningCurvesSvg, niceTicks, summarizeCurves } from '../../src/report/learningCurves.js';

test('summarizeCurves: mean and std over runs at common step counts, by linear interpolation', () => {
  const a = { timesteps: [0, 10, 20], returns: [0, 10, 20] };
  const b = { timesteps: [0, 20], returns: [10, 30] };
  const s = summarizeCurves([a, b], 3);
  assert.equal(Array.from(s.timesteps), [0, 10, 20]);
  assert.equal(Array.from(s.mean), [5, 15, 25]);
  assert.equal(Array.from(s.std), [5, 5, 5]);
  const shorter = summarizeCurves([a, { timesteps: [5, 15], returns: [1, 1] }], 2);
  assert.equal(Array.from(shorter.timesteps), [5, 15], 'the range every run covers');
});

test('niceTicks cover the range with round steps', () => {
  fc.assert(
    fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (lo, span) => {
      const ticks = niceTicks(lo, lo + span);
      assert.ok(ticks.length >= 2 && ticks.length <= 12, JSON.stringify({ lo, span, ticks }));
      assert.ok(ticks[0] <= lo + 1e-6 * span && ticks[ticks.length - 1] >= lo + span - 1e-6 * span);
    }),
  );
  assert.equal(niceTicks(0, 1000, 4), [0, 250, 500, 750, 1000]);
});

test('learningCurvesSvg: one panel per env with band and mean line, titles escaped', () => {
  const run = { timesteps: [1000, 2000, 3000], returns: [1, 5, 9] };
  const svg = learningCurvesSvg([
    { title: 'Hopper-v5', runs: [run, run] },
    { title: 'A<B', runs: [run] },
  ]);
  assert.ok(svg.startsWith('<svg'));
  assert.is(svg.match(/<polygon/g)?.length, 2);
  assert.is(svg.match(/<polyline/g)?.length, 2);
  assert.match(svg, /Hopper-v5 \(2 seeds\)/);
  assert.match(svg, /A&lt;B \(1 seed\)/);
  assert.not.match(svg, /NaN/);
});

test.run();
