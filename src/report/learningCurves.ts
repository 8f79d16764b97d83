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

/** Linear interpolation of a curve at `x` (clamped to its ends). */
const interpolate = (xs: readonly number[], ys: readonly number[], x: number): number => {
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
 * Mean ± std over runs on `points` evenly spaced step counts, from the latest first point to the
 * earliest last point of the runs (so every run covers the range).
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
    const ys = usable.map((r) => interpolate(r.timesteps, r.returns, x));
    const m = ys.reduce((a, b) => a + b, 0) / ys.length;
    mean[i] = m;
    std[i] = Math.sqrt(ys.reduce((a, y) => a + (y - m) ** 2, 0) / ys.length);
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

/** One panel: axes, ticks, band and mean line of a group. */
const panelSvg = (group: CurveGroup, x0: number): string => {
  const s = summarizeCurves(group.runs);
  const w = PANEL.width - PANEL.left - PANEL.right, h = PANEL.height - PANEL.top - PANEL.bottom;
  const xMax = s.timesteps.length ? s.timesteps[s.timesteps.length - 1] : 1;
  const lows = s.mean.map((m, i) => m - s.std[i]), highs = s.mean.map((m, i) => m + s.std[i]);
  const yTicks = niceTicks(lows.length ? Math.min(0, ...lows) : 0, highs.length ? Math.max(...highs) : 1);
  const yLo = yTicks[0], yHi = Math.max(yTicks[yTicks.length - 1], yLo + 1);
  const px = (x: number) => x0 + PANEL.left + (x / xMax) * w;
  const py = (y: number) => PANEL.top + h - ((y - yLo) / (yHi - yLo)) * h;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<text x="${f(x0 + PANEL.left + w / 2)}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(group.title)} (${group.runs.length} seed${group.runs.length === 1 ? '' : 's'})</text>`);
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
  if (s.timesteps.length > 0) {
    const upper = Array.from(s.timesteps, (x, i) => `${f(px(x))},${f(py(highs[i]))}`);
    const lower = Array.from(s.timesteps, (x, i) => `${f(px(x))},${f(py(lows[i]))}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="#1f77b4" fill-opacity="0.25" stroke="none"/>`);
    parts.push(`<polyline points="${Array.from(s.timesteps, (x, i) => `${f(px(x))},${f(py(s.mean[i]))}`).join(' ')}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
  }
  return parts.join('\n');
};

/**
 * An SVG document with one panel per group, side by side: mean episode return over seeds against
 * env steps, with a band of ± one standard deviation across seeds.
 */
export const learningCurvesSvg = (groups: readonly CurveGroup[], caption = 'mean over seeds; band: ± one standard deviation across seeds'): string => {
  const width = Math.max(1, groups.length) * PANEL.width, height = PANEL.height + 20;
  const panels = groups.map((g, i) => panelSvg(g, i * PANEL.width));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...panels,
    `<text x="${width / 2}" y="${height - 6}" text-anchor="middle" font-size="10" fill="#555">${escapeXml(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
};
