/**
 * A small SVG line chart: several named series over a shared x axis, with a legend. Pure string
 * building, like the learning curves.
 *
 * @module
 */
import { escapeXml, formatTick, niceTicks } from './learningCurves.js';

/** One line: its points, legend label, colour, and an optional dash pattern (SVG `stroke-dasharray`). */
export interface ChartSeries {
  readonly label: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color: string;
  readonly dash?: string;
}

/** One panel: its series and the titles of the panel and its axes. */
export interface ChartPanel {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
}

const SIZE = { width: 560, height: 340, left: 64, right: 16, top: 34, bottom: 84 } as const;

/** One panel's SVG elements, shifted right by `x0`. */
const panelSvg = (panel: ChartPanel, x0: number): string[] => {
  const { series } = panel;
  const xs = series.flatMap((s) => s.x), ys = series.flatMap((s) => s.y);
  const xTicks = niceTicks(Math.min(...xs, 0), Math.max(...xs, 1), 6);
  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  const [xLo, xHi] = [xTicks[0], Math.max(xTicks[xTicks.length - 1], xTicks[0] + 1)];
  const [yLo, yHi] = [yTicks[0], Math.max(yTicks[yTicks.length - 1], yTicks[0] + 1e-12)];
  const w = SIZE.width - SIZE.left - SIZE.right, h = SIZE.height - SIZE.top - SIZE.bottom;
  const px = (x: number) => x0 + SIZE.left + ((x - xLo) / (xHi - xLo)) * w;
  const py = (y: number) => SIZE.top + h - ((y - yLo) / (yHi - yLo)) * h;
  const f = (v: number) => v.toFixed(1);
  const parts = [`<text x="${f(x0 + SIZE.left + w / 2)}" y="20" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(panel.title)}</text>`];
  for (const y of yTicks)
    parts.push(
      `<line x1="${f(px(xLo))}" x2="${f(px(xHi))}" y1="${f(py(y))}" y2="${f(py(y))}" stroke="#ddd"/>`,
      `<text x="${f(px(xLo) - 5)}" y="${f(py(y) + 4)}" text-anchor="end" font-size="10">${formatTick(y)}</text>`,
    );
  for (const x of xTicks) parts.push(`<text x="${f(px(x))}" y="${f(SIZE.top + h + 14)}" text-anchor="middle" font-size="10">${formatTick(x)}</text>`);
  parts.push(
    `<rect x="${f(px(xLo))}" y="${SIZE.top}" width="${f(w)}" height="${f(h)}" fill="none" stroke="#444"/>`,
    `<text x="${f(x0 + SIZE.left + w / 2)}" y="${f(SIZE.top + h + 32)}" text-anchor="middle" font-size="11">${escapeXml(panel.xLabel)}</text>`,
    `<text transform="translate(${f(x0 + 16)} ${f(SIZE.top + h / 2)}) rotate(-90)" text-anchor="middle" font-size="11">${escapeXml(panel.yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    parts.push(`<polyline points="${s.x.map((x, k) => `${f(px(x))},${f(py(s.y[k]))}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    const ly = SIZE.top + h + 50 + i * 16;
    parts.push(
      `<line x1="${x0 + SIZE.left}" x2="${x0 + SIZE.left + 28}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${x0 + SIZE.left + 36}" y="${ly}" font-size="11">${escapeXml(s.label)}</text>`,
    );
  });
  return parts;
};

/**
 * An SVG document with the panels side by side, each drawing its series as polylines on common
 * axes (round ticks from `niceTicks`) with a legend below the plot.
 *
 * @example lineChartSvg([{ title: 'Algorithm 1', xLabel: 'iteration', yLabel: 'η', series: [{ label: 'η', x: [0, 1], y: [0.5, 0.6], color: '#1f77b4' }] }])
 */
export const lineChartSvg = (panels: readonly ChartPanel[]): string => {
  const width = Math.max(1, panels.length) * SIZE.width;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${SIZE.height}" viewBox="0 0 ${width} ${SIZE.height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${SIZE.height}" fill="white"/>`,
    ...panels.flatMap((panel, i) => panelSvg(panel, i * SIZE.width)),
    '</svg>',
    '',
  ].join('\n');
};
