import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { ComparedRun } from '../../src/report/comparison.js';
import { comparisonMarkdown, comparisonSeries, finalReturn, summarizeMethods } from '../../src/report/comparison.js';
import { comparisonSvg, interpolateAt, meanStd, summarizeCurves } from '../../src/report/learningCurves.js';
import { parseXml } from './xml.js';

const finite = fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true });
/** A curve: strictly increasing step counts (positive gaps) and any returns. */
const curve = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 5000 }), finite), { minLength: 1, maxLength: 30 })
  .map((points) => {
    let t = 0;
    return { timesteps: points.map(([gap]) => (t += gap)), values: points.map(([, r]) => r) };
  });
const close = (a: number, b: number, scale = 1) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale, Math.abs(a), Math.abs(b));

test('interpolateAt: exact at the points, between neighbours in between, linear data reproduced, clamped outside', () => {
  fc.assert(
    fc.property(curve, fc.double({ min: 0, max: 1, noNaN: true }), finite, finite, ({ timesteps, values: returns }, u, slope, offset) => {
      timesteps.forEach((x, i) => assert.is(interpolateAt(timesteps, returns, x), returns[i]));
      const last = timesteps[timesteps.length - 1];
      const x = timesteps[0] + u * (last - timesteps[0]);
      const hi = timesteps.findIndex((t) => t >= x), lo = Math.max(0, hi - 1);
      const y = interpolateAt(timesteps, returns, x);
      assert.ok(y >= Math.min(returns[lo], returns[hi]) - 1e-9 && y <= Math.max(returns[lo], returns[hi]) + 1e-9, `${y} outside [${returns[lo]}, ${returns[hi]}]`);
      const line = timesteps.map((t) => slope * t / 1e4 + offset);
      assert.ok(close(interpolateAt(timesteps, line, x), (slope * x) / 1e4 + offset, Math.abs(slope) + Math.abs(offset)));
      assert.is(interpolateAt(timesteps, returns, timesteps[0] - 1), returns[0]);
      assert.is(interpolateAt(timesteps, returns, last + 1), returns[returns.length - 1]);
    }),
  );
});

test('meanStd: the mean and population std; shifting moves the mean only, scaling scales both', () => {
  fc.assert(
    fc.property(fc.array(finite, { minLength: 1, maxLength: 20 }), finite, fc.double({ min: -100, max: 100, noNaN: true }), (xs, shift, scale) => {
      const { mean, std } = meanStd(xs);
      assert.ok(close(mean, xs.reduce((a, b) => a + b, 0) / xs.length, 1e4));
      assert.ok(std >= 0);
      assert.ok(close(std ** 2, xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length, 1e8));
      const shifted = meanStd(xs.map((x) => x + shift));
      assert.ok(close(shifted.mean, mean + shift, 1e4) && close(shifted.std, std, 1e4));
      const scaled = meanStd(xs.map((x) => x * scale));
      assert.ok(close(scaled.mean, mean * scale, 1e6) && close(scaled.std, std * Math.abs(scale), 1e6));
    }),
  );
  assert.equal(meanStd([1, 3]), { mean: 2, std: 1 });
});

test('summarizeCurves aligns seeds by env steps: at every step count of any run, the mean and std of the runs that reach it', () => {
  fc.assert(
    fc.property(fc.array(curve, { minLength: 1, maxLength: 5 }), (runs) => {
      const s = summarizeCurves(runs);
      assert.equal(Array.from(s.timesteps), [...new Set(runs.flatMap((r) => r.timesteps))].sort((a, b) => a - b), 'every point of every run, nothing cut');
      s.timesteps.forEach((x, i) => {
        const covering = runs.filter((r) => r.timesteps[0] <= x && x <= r.timesteps[r.timesteps.length - 1]);
        assert.is(s.seeds[i], covering.length);
        const expected = meanStd(covering.map((r) => interpolateAt(r.timesteps, r.values, x)));
        assert.ok(close(s.mean[i], expected.mean, 1e4) && close(s.std[i], expected.std, 1e4));
      });
      // the same run twice: no spread
      const twice = summarizeCurves([runs[0], runs[0]]);
      twice.std.forEach((sd) => assert.ok(sd <= 1e-9 * Math.max(1, ...runs[0].values.map(Math.abs))));
    }),
  );
});

test('finalReturn: the mean of the last 10% of iterations (at least one)', () => {
  fc.assert(
    fc.property(fc.array(finite, { minLength: 1, maxLength: 60 }), (returns) => {
      const count = Math.max(1, Math.ceil(returns.length / 10));
      assert.ok(close(finalReturn(returns), meanStd(returns.slice(-count)).mean, 1e4));
    }),
  );
  assert.is(finalReturn([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]), 105);
  assert.is(finalReturn([7]), 7);
});

const run = (label: string, seed: number, returns: number[], wallSeconds = 2): ComparedRun => ({ label, seed, curve: { timesteps: returns.map((_, i) => (i + 1) * 1000), values: returns }, wallSeconds });

test('summarizeMethods: a row per label in order, final mean ± std over seeds, samples, wall time; the best of the npg sweep marked', () => {
  const runs = [run('trpo', 1, [0, 30]), run('trpo', 0, [0, 10], 4), run('npg@0.01', 0, [5, 5]), run('npg@0.03', 0, [1, 9]), run('npg@0.1', 0, [2, 6]), run('cem', 0, [3, 4, 5])];
  const rows = summarizeMethods(runs);
  assert.equal(rows.map((r) => r.label), ['trpo', 'npg@0.01', 'npg@0.03', 'npg@0.1', 'cem']);
  assert.equal(rows[0].seeds, [0, 1]);
  assert.equal(rows[0].finalReturns, [10, 30]);
  assert.is(rows[0].finalMean, 20);
  assert.is(rows[0].finalStd, 10);
  assert.is(rows[0].samples, 2000);
  assert.is(rows[0].wallSecondsTotal, 6);
  assert.is(rows[0].wallSecondsPerRun, 3);
  assert.is(rows[4].samples, 3000);
  assert.equal(rows.map((r) => r.bestOfSweep), [false, false, true, false, false]);
  assert.equal(summarizeMethods([run('npg@0.1', 0, [1])]).map((r) => r.bestOfSweep), [false], 'a sweep of one has no winner');
  const series = comparisonSeries(runs, rows);
  assert.equal(series.map((s) => [s.label, s.runs.length, s.muted]), [['trpo', 2, false], ['npg@0.01', 1, true], ['npg@0.03 (best step)', 1, false], ['npg@0.1', 1, true], ['cem', 1, false]]);
  const table = comparisonMarkdown(rows).split('\n');
  assert.is(table.length, 2 + rows.length);
  assert.is(table[2], '| trpo | 2 | 20.0 ± 10.0 | 2000 | 6.0 s | 3.0 s |');
  assert.is(table[4], '| **npg@0.03** (best step) | 1 | 9.0 ± 0.0 | 2000 | 2.0 s | 2.0 s |');
});

test('comparisonSvg: well-formed XML with a mean line and a band per method, labels escaped, a legend and a caption naming the band', () => {
  const runs = [run('trpo', 0, [0, 10, 20]), run('trpo', 1, [0, 20, 40]), run('a<b&c', 0, [1, 2, 3])];
  const svg = comparisonSvg('CartPole-v1', comparisonSeries(runs, summarizeMethods(runs)));
  const elements = parseXml(svg);
  const of = (cls: string) => elements.filter((e) => e.attributes.class === cls).map((e) => e.attributes['data-series']);
  assert.equal(of('mean'), ['trpo', 'a<b&c'.replace('&', '&amp;').replace('<', '&lt;')]);
  assert.equal(of('band'), ['trpo'], 'a band only for the method with two seeds');
  assert.match(svg, /band: ± one standard deviation across seeds, only where two or more seeds reach/);
  assert.match(svg, />a&lt;b&amp;c<\/text>/);
  assert.not.match(svg, /NaN/);
  assert.throws(() => parseXml(svg.replace('</svg>', '')), /unclosed <svg>/);
  assert.throws(() => parseXml(svg.replace('&amp;', '&')), /bare &/);
});

test.run();
