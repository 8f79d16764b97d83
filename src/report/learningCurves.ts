/**
 * Learning curves as SVG: one panel per env, the mean over seeds as a line and mean ± one standard
 * deviation as a band. Pure string building; reading run directories is the CLI's job.
 *
 * @module
 */

/** One run's curve: episode return mean (of the last 100 episodes) against env steps. */
export interface RunCurve {
  readonly timesteps: readonly number[];
  readonly returns: readonly number[];
}

/** The runs (seeds) of one env, drawn in one panel. */
export interface CurveGroup {
  readonly title: string;
  readonly runs: readonly RunCurve[];
}

/** Mean and standard deviation over runs at common step counts. */
export interface CurveSummary {
  readonly timesteps: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Linear interpolation of the curve (xs ascending, ys) at `x`, clamped to its ends.
 *
 * @example interpolateAt([0, 10], [0, 5], 4) // 2
 */
export const interpolateAt = (xs: readonly number[], ys: readonly number[], x: number): number => {
  if (x <= xs[0]) return ys[0];
  if (x >= xs[xs.length - 1]) return ys[ys.length - 1];
  let lo = 0, hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const w = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + w * (ys[hi] - ys[lo]);
};

/**
 * Mean and (population) standard deviation of `values`, NaN for none.
 *
 * @example meanStd([1, 3]) // { mean: 2, std: 1 }
 */
export const meanStd = (values: readonly number[]): { readonly mean: number; readonly std: number } => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, y) => a + (y - mean) ** 2, 0) / values.length) };
};

/**
 * Mean ± std over runs on `points` evenly spaced step counts, from the latest first point to the
 * earliest last point of the runs (so every run covers the range): runs of different seeds are
 * aligned by env steps, each interpolated linearly onto the common grid.
 *
 * @example summarizeCurves([{ timesteps: [0, 20], returns: [0, 20] }, { timesteps: [0, 10, 20], returns: [10, 20, 30] }], 3).mean // [5, 15, 25]
 */
export const summarizeCurves = (runs: readonly RunCurve[], points = 100): CurveSummary => {
  const usable = runs.filter((r) => r.timesteps.length > 0);
  if (usable.length === 0) return { timesteps: new Float64Array(0), mean: new Float64Array(0), std: new Float64Array(0) };
  const from = Math.max(...usable.map((r) => r.timesteps[0]));
  const to = Math.min(...usable.map((r) => r.timesteps[r.timesteps.length - 1]));
  const n = to > from ? points : 1;
  const timesteps = Float64Array.from({ length: n }, (_, i) => (n === 1 ? to : from + ((to - from) * i) / (n - 1)));
  const mean = new Float64Array(n), std = new Float64Array(n);
  timesteps.forEach((x, i) => {
    ({ mean: mean[i], std: std[i] } = meanStd(usable.map((r) => interpolateAt(r.timesteps, r.returns, x))));
  });
  return { timesteps, mean, std };
};

/** About `count` round tick values from at or below `lo` to at or above `hi`. */
export const niceTicks = (lo: number, hi: number, count = 5): number[] => {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  const first = Math.floor(lo / step + 1e-9) * step;
  for (let v = first; v < hi + step - step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
};

/**
 * A tick label: three significant digits, with k and M for thousands and millions.
 *
 * @example formatTick(25000) // '25k'
 */
export const formatTick = (v: number): string =>
  Math.abs(v) >= 1e6 ? `${+(v / 1e6).toPrecision(3)}M` : Math.abs(v) >= 1e3 ? `${+(v / 1e3).toPrecision(3)}k` : `${+v.toPrecision(3)}`;

/**
 * Text made safe inside SVG/XML (&, < and > escaped).
 *
 * @example escapeXml('a < b') // 'a &lt; b'
 */
export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Layout of one panel, in SVG user units. */
const PANEL = { width: 360, height: 260, left: 58, right: 14, top: 30, bottom: 40 } as const;

/** Line colours of a panel's series, in order (the first is the single-series colour). */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;

/** One labelled curve family in a panel: its runs (seeds) and how it is drawn. */
export interface CurveSeries {
  readonly label: string;
  readonly runs: readonly RunCurve[];
  /** Drawn thin and dashed (e.g. the step sizes of a sweep that lost). */
  readonly muted?: boolean;
}

/** One panel: axes, ticks, and per series its band and mean line; a legend when there is more than one series. */
const panelSvg = (title: string, series: readonly CurveSeries[], x0: number, width: number): string => {
  const summaries = series.map((entry) => ({ entry, s: summarizeCurves(entry.runs) }));
  const legend = series.length > 1 ? Math.max(...series.map((e) => e.label.length)) * 6.5 + 30 : 0;
  const w = width - PANEL.left - PANEL.right - legend, h = PANEL.height - PANEL.top - PANEL.bottom;
  const xMax = Math.max(1, ...summaries.map(({ s }) => (s.timesteps.length ? s.timesteps[s.timesteps.length - 1] : 0)));
  const bands = summaries.map(({ s }) => ({ lows: s.mean.map((m, i) => m - s.std[i]), highs: s.mean.map((m, i) => m + s.std[i]) }));
  const lows = bands.flatMap((b) => Array.from(b.lows)), highs = bands.flatMap((b) => Array.from(b.highs));
  const yTicks = niceTicks(lows.length ? Math.min(0, ...lows) : 0, highs.length ? Math.max(...highs) : 1);
  const yLo = yTicks[0], yHi = Math.max(yTicks[yTicks.length - 1], yLo + 1);
  const px = (x: number) => x0 + PANEL.left + (x / xMax) * w;
  const py = (y: number) => PANEL.top + h - ((y - yLo) / (yHi - yLo)) * h;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  const seeds = new Set(series.map((e) => e.runs.length));
  const seedNote = seeds.size === 1 ? ` (${[...seeds][0]} seed${[...seeds][0] === 1 ? '' : 's'})` : '';
  parts.push(`<text x="${f(x0 + PANEL.left + w / 2)}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(title)}${seedNote}</text>`);
  for (const y of yTicks)
    parts.push(
      `<line x1="${f(px(0))}" x2="${f(px(xMax))}" y1="${f(py(y))}" y2="${f(py(y))}" stroke="#ddd"/>`,
      `<text x="${f(px(0) - 5)}" y="${f(py(y) + 4)}" text-anchor="end" font-size="10">${formatTick(y)}</text>`,
    );
  for (const x of niceTicks(0, xMax, 4).filter((x) => x <= xMax))
    parts.push(`<text x="${f(px(x))}" y="${f(PANEL.top + h + 14)}" text-anchor="middle" font-size="10">${formatTick(x)}</text>`);
  parts.push(`<rect x="${f(px(0))}" y="${PANEL.top}" width="${f(w)}" height="${f(h)}" fill="none" stroke="#444"/>`);
  parts.push(`<text x="${f(x0 + PANEL.left + w / 2)}" y="${PANEL.height - 6}" text-anchor="middle" font-size="11">env steps</text>`);
  parts.push(`<text transform="translate(${f(x0 + 14)} ${f(PANEL.top + h / 2)}) rotate(-90)" text-anchor="middle" font-size="11">episode return</text>`);
  summaries.forEach(({ entry, s }, k) => {
    const colour = PALETTE[k % PALETTE.length], label = escapeXml(entry.label);
    const stroke = entry.muted ? 'stroke-width="1" stroke-dasharray="4 3"' : 'stroke-width="2"';
    if (s.timesteps.length > 0) {
      const upper = Array.from(s.timesteps, (x, i) => `${f(px(x))},${f(py(bands[k].highs[i]))}`);
      const lower = Array.from(s.timesteps, (x, i) => `${f(px(x))},${f(py(bands[k].lows[i]))}`).reverse();
      parts.push(`<polygon class="band" data-series="${label}" points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="${entry.muted ? 0.08 : 0.25}" stroke="none"/>`);
      parts.push(`<polyline class="mean" data-series="${label}" points="${Array.from(s.timesteps, (x, i) => `${f(px(x))},${f(py(s.mean[i]))}`).join(' ')}" fill="none" stroke="${colour}" ${stroke}/>`);
    }
    if (legend > 0) {
      const ly = PANEL.top + 8 + k * 16, lx = x0 + PANEL.left + w + 10;
      parts.push(`<line x1="${f(lx)}" x2="${f(lx + 16)}" y1="${f(ly)}" y2="${f(ly)}" stroke="${colour}" ${stroke}/>`);
      parts.push(`<text x="${f(lx + 20)}" y="${f(ly + 4)}" font-size="10">${label}</text>`);
    }
  });
  return parts.join('\n');
};

/** An SVG document of panels side by side, with a caption line under them. */
const svgDocument = (panels: readonly { readonly title: string; readonly series: readonly CurveSeries[]; readonly width: number }[], caption: string): string => {
  const width = Math.max(PANEL.width, panels.reduce((sum, p) => sum + p.width, 0)), height = PANEL.height + 20;
  let x0 = 0;
  const drawn = panels.map((p) => {
    const svg = panelSvg(p.title, p.series, x0, p.width);
    x0 += p.width;
    return svg;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...drawn,
    `<text x="${width / 2}" y="${height - 6}" text-anchor="middle" font-size="10" fill="#555">${escapeXml(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
};

/**
 * An SVG document with one panel per group, side by side: mean episode return over seeds against
 * env steps, with a band of ± one standard deviation across seeds.
 *
 * @example learningCurvesSvg([{ title: 'CartPole-v1', runs: [curveOfSeed0, curveOfSeed1] }])
 */
export const learningCurvesSvg = (groups: readonly CurveGroup[], caption = 'mean over seeds; band: ± one standard deviation across seeds'): string =>
  svgDocument(groups.map((g) => ({ title: g.title, series: [{ label: g.title, runs: g.runs }], width: PANEL.width })), caption);

/**
 * One panel with one labelled line per series (method), each with its band of ± one standard
 * deviation across seeds and a legend: the paper's Figure 4 layout for one env.
 *
 * @example comparisonSvg('CartPole-v1', [{ label: 'trpo', runs }, { label: 'cem', runs: cemRuns }])
 */
export const comparisonSvg = (title: string, series: readonly CurveSeries[], caption = 'mean over seeds against simulated env steps; band: ± one standard deviation across seeds'): string =>
  svgDocument([{ title, series, width: 2 * PANEL.width }], caption);
