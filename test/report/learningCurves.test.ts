import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { panelGridSvg, niceTicks, stretches, summarizeCurves } from '../../src/report/learningCurves.js';

test('summarizeCurves: each run to its own length; mean over the runs that reach a step count, and how many they are', () => {
  const a = { timesteps: [0, 10, 20], values: [0, 10, 20] };
  const b = { timesteps: [0, 20], values: [10, 30] };
  const s = summarizeCurves([a, b]);
  assert.equal(Array.from(s.timesteps), [0, 10, 20]);
  assert.equal(Array.from(s.mean), [5, 15, 25]);
  assert.equal(Array.from(s.std), [5, 5, 5]);
  assert.equal(Array.from(s.seeds), [2, 2, 2]);
  const longer = summarizeCurves([a, { timesteps: [5, 15, 40], values: [1, 1, 7] }]);
  assert.equal(Array.from(longer.timesteps), [0, 5, 10, 15, 20, 40], 'nothing is cut to the shortest run');
  assert.equal(Array.from(longer.seeds), [1, 2, 2, 2, 2, 1]);
  // at 20 the second run is 1 + (5 / 25) · 6 = 2.2 between its points at 15 and 40
  [0, 3, 5.5, 8, 11.1, 7].forEach((m, i) => assert.ok(Math.abs(longer.mean[i] - m) < 1e-12, `${longer.mean[i]} at ${longer.timesteps[i]}`));
});

test('stretches: maximal runs of kept indices', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 40 }), (keep) => {
      const found = stretches(keep.length, (i) => keep[i]);
      const covered = new Array(keep.length).fill(false);
      found.forEach(([a, b], k) => {
        assert.ok(a <= b);
        if (k > 0) assert.ok(a > found[k - 1][1] + 1, 'stretches are separated by a dropped index');
        for (let i = a; i <= b; i++) covered[i] = true;
      });
      assert.equal(covered, keep);
    }),
  );
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

test('panelGridSvg: panels side by side with band and mean line, titles escaped', () => {
  const run = { timesteps: [1000, 2000, 3000], values: [1, 5, 9] };
  const panel = (title: string, runs: (typeof run)[]) => ({ title: `${title} (${runs.length} seed${runs.length === 1 ? '' : 's'})`, yLabel: 'episode return', series: [{ label: title, runs }] });
  const svg = panelGridSvg([[panel('Hopper-v5', [run, run]), panel('A<B', [run])]], ['caption']);
  assert.ok(svg.startsWith('<svg'));
  assert.is(svg.match(/<polygon/g)?.length, 1, 'a band only for the env with two seeds');
  assert.is(svg.match(/<polyline/g)?.length, 2);
  assert.match(svg, /Hopper-v5 \(2 seeds\)/);
  assert.match(svg, /A&lt;B \(1 seed\)/);
  assert.not.match(svg, /NaN/);
});

test.run();
