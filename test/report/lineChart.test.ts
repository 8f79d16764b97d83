import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineChartSvg } from '../../src/report/lineChart.js';

test('lineChartSvg: panels side by side, one polyline and legend entry per series, inside the plot box, text escaped', () => {
  const series = (label: string, dash?: string) => ({ label, x: [0, 1, 2], y: [0.5, 0.75, 1], color: '#123456', dash });
  const svg = lineChartSvg([
    { title: 'a < b', xLabel: 'i', yLabel: 'η', series: [series('one'), series('two & three', '5 3')] },
    { title: 'second', xLabel: 'i', yLabel: 'Δ', series: [series('four')] },
  ]);
  assert.ok(svg.startsWith('<svg') && svg.includes('width="1120"'));
  assert.is(svg.match(/<polyline/g)?.length, 3);
  assert.ok(svg.includes('a &lt; b') && svg.includes('two &amp; three'));
  assert.is(svg.match(/stroke-dasharray="5 3"/g)?.length, 2, 'dashed line and its legend swatch');
  for (const m of svg.matchAll(/<polyline points="([^"]*)"/g))
    for (const point of m[1].split(' ')) {
      const [x, y] = point.split(',').map(Number);
      assert.ok(x >= 0 && x <= 1120 && y >= 34 && y <= 256, point);
    }
});

test.run();
