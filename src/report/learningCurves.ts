/**
 * Learning curves as SVG: panels in rows and columns, per series the mean over seeds as a line
 * (each seed to its own length) and mean ± one standard deviation as a band where two or more seeds
 * overlap. Pure string building; reading run directories is the CLI's job.
 *
 * @module
 */

/** One run's curve of one metric (episode return mean, KL, …) against env steps; `timesteps` ascending. */
export interface RunCurve {
  readonly timesteps: readonly number[];
  readonly values: readonly number[];
}

/**
 * Mean and standard deviation over the runs that cover each step count: `timesteps` is every step
 * count of any run, `seeds[i]` how many runs reach from their first to at least their last point
 * across `timesteps[i]`. A band is only meaningful where `seeds[i] >= 2`.
 */
export interface CurveSummary {
  readonly timesteps: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly seeds: Uint32Array;
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
 * Runs of different seeds aligned by env steps, each drawn to its own length: at every step count
 * of any run, the mean and std of the runs that cover it (each interpolated linearly between its
 * own points; a run is never extended past its ends) and how many they are. Nothing is cut to the
 * shortest run.
 *
 * @example summarizeCurves([{ timesteps: [0, 20], values: [0, 20] }, { timesteps: [0, 10], values: [10, 20] }]) // timesteps [0, 10, 20], mean [5, 15, 20], seeds [2, 2, 1]
 */
export const summarizeCurves = (runs: readonly RunCurve[]): CurveSummary => {
  const usable = runs.filter((r) => r.timesteps.length > 0);
  const timesteps = Float64Array.from(new Set(usable.flatMap((r) => r.timesteps))).sort();
  const n = timesteps.length;
  const mean = new Float64Array(n), std = new Float64Array(n), seeds = new Uint32Array(n);
  timesteps.forEach((x, i) => {
    const covering = usable.filter((r) => r.timesteps[0] <= x && x <= r.timesteps[r.timesteps.length - 1]);
    ({ mean: mean[i], std: std[i] } = meanStd(covering.map((r) => interpolateAt(r.timesteps, r.values, x))));
    seeds[i] = covering.length;
  });
  return { timesteps, mean, std, seeds };
};

/**
 * Maximal runs of consecutive indices `i` in `[0, length)` with `keep(i)`, as `[first, last]` pairs.
 *
 * @example stretches(5, (i) => i !== 2) // [[0, 1], [3, 4]]
 */
export const stretches = (length: number, keep: (i: number) => boolean): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < length; i++) {
    if (!keep(i)) continue;
    if (out.length > 0 && out[out.length - 1][1] === i - 1) out[out.length - 1][1] = i;
    else out.push([i, i]);
  }
  return out;
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

/** One labelled curve family in a panel: its runs (one per seed) and how it is drawn. */
export interface CurveSeries {
  readonly label: string;
  readonly runs: readonly RunCurve[];
  /** Drawn thin and dashed (e.g. the step sizes of a sweep that lost). */
  readonly muted?: boolean;
}

/** A horizontal reference line in a panel (e.g. the trust region's δ in a KL panel). */
export interface ReferenceLine {
  readonly label: string;
  readonly value: number;
}

/** One panel: its title, y axis label, series and reference lines. */
export interface CurvePanel {
  readonly title: string;
  readonly yLabel: string;
  readonly series: readonly CurveSeries[];
  readonly references?: readonly ReferenceLine[];
}

/**
 * `n seed(s)`, for titles and legends.
 *
 * @example seedCount(1) // '1 seed'
 */
export const seedCount = (n: number): string => `${n} seed${n === 1 ? '' : 's'}`;

/**
 * One panel: axes, ticks, reference lines, and per series its band (only where two or more seeds
 * cover the step count) and its mean line (solid where all its seeds cover it, thin and dotted where
 * fewer do); a legend when there is more than one series.
 */
const panelSvg = (panel: CurvePanel, x0: number, y0: number, width: number): string => {
  const { series } = panel;
  const references = panel.references ?? [];
  const summaries = series.map((entry) => ({ entry, s: summarizeCurves(entry.runs) }));
  const legend = series.length > 1 ? Math.max(...series.map((e) => e.label.length)) * 6.5 + 30 : 0;
  const w = width - PANEL.left - PANEL.right - legend, h = PANEL.height - PANEL.top - PANEL.bottom;
  const xMax = Math.max(1, ...summaries.map(({ s }) => (s.timesteps.length ? s.timesteps[s.timesteps.length - 1] : 0)));
  const banded = (s: CurveSummary, i: number) => s.seeds[i] >= 2;
  const lows = summaries.flatMap(({ s }) => Array.from(s.mean, (m, i) => (banded(s, i) ? m - s.std[i] : m)));
  const highs = summaries.flatMap(({ s }) => Array.from(s.mean, (m, i) => (banded(s, i) ? m + s.std[i] : m)));
  const refs = references.map((r) => r.value);
  const yTicks = niceTicks(Math.min(0, ...lows, ...refs), highs.length || refs.length ? Math.max(...highs, ...refs) : 1);
  const yLo = yTicks[0], yHi = Math.max(yTicks[yTicks.length - 1], yLo + 1e-12);
  const px = (x: number) => x0 + PANEL.left + (x / xMax) * w;
  const py = (y: number) => y0 + PANEL.top + h - ((y - yLo) / (yHi - yLo)) * h;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<text x="${f(x0 + PANEL.left + w / 2)}" y="${y0 + 18}" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(panel.title)}</text>`);
  for (const y of yTicks)
    parts.push(
      `<line x1="${f(px(0))}" x2="${f(px(xMax))}" y1="${f(py(y))}" y2="${f(py(y))}" stroke="#ddd"/>`,
      `<text x="${f(px(0) - 5)}" y="${f(py(y) + 4)}" text-anchor="end" font-size="10">${formatTick(y)}</text>`,
    );
  for (const x of niceTicks(0, xMax, 4).filter((x) => x <= xMax))
    parts.push(`<text x="${f(px(x))}" y="${f(y0 + PANEL.top + h + 14)}" text-anchor="middle" font-size="10">${formatTick(x)}</text>`);
  parts.push(`<rect x="${f(px(0))}" y="${y0 + PANEL.top}" width="${f(w)}" height="${f(h)}" fill="none" stroke="#444"/>`);
  parts.push(`<text x="${f(x0 + PANEL.left + w / 2)}" y="${y0 + PANEL.height - 6}" text-anchor="middle" font-size="11">env steps</text>`);
  parts.push(`<text transform="translate(${f(x0 + 14)} ${f(y0 + PANEL.top + h / 2)}) rotate(-90)" text-anchor="middle" font-size="11">${escapeXml(panel.yLabel)}</text>`);
  for (const r of references)
    parts.push(
      `<line class="reference" x1="${f(px(0))}" x2="${f(px(xMax))}" y1="${f(py(r.value))}" y2="${f(py(r.value))}" stroke="#555" stroke-dasharray="6 3"/>`,
      `<text x="${f(px(xMax) - 4)}" y="${f(py(r.value) + 12)}" text-anchor="end" font-size="10" fill="#555">${escapeXml(r.label)}</text>`,
    );
  summaries.forEach(({ entry, s }, k) => {
    const colour = PALETTE[k % PALETTE.length], label = escapeXml(entry.label);
    const stroke = entry.muted ? 'stroke-width="1" stroke-dasharray="4 3"' : 'stroke-width="2"';
    for (const [a, b] of stretches(s.timesteps.length, (i) => banded(s, i))) {
      const xs = Array.from(s.timesteps.subarray(a, b + 1));
      const upper = xs.map((x, j) => `${f(px(x))},${f(py(s.mean[a + j] + s.std[a + j]))}`);
      const lower = xs.map((x, j) => `${f(px(x))},${f(py(s.mean[a + j] - s.std[a + j]))}`).reverse();
      parts.push(`<polygon class="band" data-series="${label}" points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="${entry.muted ? 0.08 : 0.25}" stroke="none"/>`);
    }
    const all = entry.runs.filter((r) => r.timesteps.length > 0).length;
    for (const full of [true, false]) {
      // a stretch includes the next point so the solid and the dotted parts join
      for (const [a, b] of stretches(s.timesteps.length, (i) => (s.seeds[i] === all) === full)) {
        const points = Array.from(s.timesteps.subarray(a, Math.min(b + 2, s.timesteps.length)), (x, j) => `${f(px(x))},${f(py(s.mean[a + j]))}`);
        const style = full ? stroke : 'stroke-width="1" stroke-dasharray="1 2"';
        parts.push(`<polyline class="${full ? 'mean' : 'mean partial'}" data-series="${label}" points="${points.join(' ')}" fill="none" stroke="${colour}" ${style}/>`);
      }
    }
    if (legend > 0) {
      const ly = y0 + PANEL.top + 8 + k * 16, lx = x0 + PANEL.left + w + 10;
      parts.push(`<line x1="${f(lx)}" x2="${f(lx + 16)}" y1="${f(ly)}" y2="${f(ly)}" stroke="${colour}" ${stroke}/>`);
      parts.push(`<text x="${f(lx + 20)}" y="${f(ly + 4)}" font-size="10">${label}</text>`);
    }
  });
  return parts.join('\n');
};

/** Width of a panel with `series`: room for a legend when there is more than one. */
const panelWidth = (series: readonly CurveSeries[]): number =>
  series.length > 1 ? PANEL.width + Math.max(...series.map((e) => e.label.length)) * 6.5 + 30 : PANEL.width;

/**
 * An SVG document of panels in rows (each row left to right), with caption lines under them.
 *
 * @example panelGridSvg([[{ title: 'CartPole-v1', yLabel: 'episode return', series }]], ['band: ± one std'])
 */
export const panelGridSvg = (rows: readonly (readonly CurvePanel[])[], caption: readonly string[], minPanelWidth: number = PANEL.width): string => {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(minPanelWidth, ...rows.map((r) => (r[c] ? panelWidth(r[c].series) : 0))));
  const width = widths.reduce((a, b) => a + b, 0);
  const lines = caption.flatMap((line) => wrapText(line, Math.floor((width - 20) / 5.2)));
  const height = rows.length * PANEL.height + 8 + lines.length * 14;
  const drawn = rows.flatMap((row, r) => row.map((panel, c) => panelSvg(panel, widths.slice(0, c).reduce((a, b) => a + b, 0), r * PANEL.height, widths[c])));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...drawn,
    ...lines.map((line, i) => `<text class="caption" x="${width / 2}" y="${rows.length * PANEL.height + 12 + i * 14}" text-anchor="middle" font-size="10" fill="#555">${escapeXml(line)}</text>`),
    '</svg>',
    '',
  ].join('\n');
};

/**
 * Words of `text` in lines of at most `width` characters (a longer word gets a line of its own).
 *
 * @example wrapText('mean over seeds; band: ± one std', 16) // ['mean over seeds;', 'band: ± one std']
 */
export const wrapText = (text: string, width: number): string[] =>
  text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []);

/** What the band and lines of every curve figure mean. */
export const bandCaption = 'mean over seeds; band: ± one standard deviation across seeds, only where two or more seeds reach; dotted: fewer than all seeds';

/**
 * One panel with one labelled line per series (method), each with its band of ± one standard
 * deviation across seeds and a legend: the paper's Figure 4 layout for one env.
 *
 * @example comparisonSvg('CartPole-v1', [{ label: 'trpo', runs }, { label: 'cem', runs: cemRuns }])
 */
export const comparisonSvg = (title: string, series: readonly CurveSeries[], caption = `${bandCaption}; x: simulated env steps`): string =>
  panelGridSvg([[{ title, yLabel: 'episode return', series }]], [caption], 2 * PANEL.width);
