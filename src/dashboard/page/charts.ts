/**
 * uPlot charts on the page: a card per chart, data set in place and redrawn at most once per
 * animation frame.
 *
 * @module
 */
import type uPlotType from 'uplot';

/** uPlot, loaded by the page's `<script src="/vendor/uPlot.iife.min.js">`. */
const UPlot = (globalThis as unknown as { uPlot: typeof uPlotType }).uPlot;

/** A chart on the page. */
export interface Chart {
  readonly card: HTMLElement;
  readonly plot: uPlotType;
  /** Replaces the data; the redraw happens on the next animation frame. */
  readonly setData: (data: uPlotType.AlignedData) => void;
  /** Points in the x series now drawn (read by the browser tests). */
  readonly points: () => number;
}

const dirty = new Map<uPlotType, uPlotType.AlignedData>();
let frameRequested = false;

const flush = (): void => {
  frameRequested = false;
  dirty.forEach((data, plot) => plot.setData(data));
  dirty.clear();
};

/** A palette that stays apart on white. */
export const palette = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#1b7c83', '#d1242f', '#57606a'];

/** A card with a title (and note) in `parent`. */
export const card = (parent: HTMLElement, title: string, note = ''): HTMLElement => {
  const el = document.createElement('div');
  el.className = 'card';
  const h = document.createElement('h2');
  h.textContent = title;
  el.append(h);
  if (note) {
    const p = document.createElement('div');
    p.className = 'note';
    p.textContent = note;
    el.append(p);
  }
  parent.append(el);
  return el;
};

/**
 * A uPlot chart in a new card: x is env steps; `series` and `extra` as uPlot takes them.
 *
 * @example chart(main, 'Entropy', [{ label: 'entropy', stroke: palette[0] }])
 */
export const chart = (parent: HTMLElement, title: string, series: uPlotType.Series[], extra: Partial<uPlotType.Options> = {}, note = ''): Chart => {
  const el = card(parent, title, note);
  el.dataset.chart = title;
  const width = Math.max(300, el.clientWidth - 20);
  const opts: uPlotType.Options = {
    width,
    height: 220,
    scales: { x: { time: false } },
    axes: [{ label: 'env steps' }, { size: 64 }],
    series: [{ label: 'steps' }, ...series],
    legend: { live: true },
    ...extra,
  };
  const empty: uPlotType.AlignedData = [[], ...series.map(() => [])] as unknown as uPlotType.AlignedData;
  const plot = new UPlot(opts, empty, el);
  let last = empty;
  window.addEventListener('resize', () => plot.setSize({ width: Math.max(300, el.clientWidth - 20), height: 220 }));
  return {
    card: el,
    plot,
    setData: (data) => {
      last = data;
      dirty.set(plot, data);
      if (!frameRequested) {
        frameRequested = true;
        requestAnimationFrame(flush);
      }
    },
    points: () => last[0].length,
  };
};

/** A series drawn as points only (no line). */
export const pointsOnly = (label: string, stroke: string): uPlotType.Series => ({ label, stroke, width: 0, paths: () => null, points: { show: true, size: 3, fill: stroke, stroke } });
