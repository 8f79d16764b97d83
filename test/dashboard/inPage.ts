// What the browser tests read from the dashboard page. The functions run in the page, so they are
// written as JavaScript source (the tests' tsconfig has no DOM types, and tsx would wrap named
// functions in a helper the page lacks).
import type { Page } from 'playwright-core';
import type { Probe } from '../../src/dashboard/probe.js';

export const probe = (page: Page): Promise<Probe> => page.evaluate('window.__dashboard');

/** Waits until `condition` (JavaScript over the probe `p`) holds. */
export const waitFor = (page: Page, condition: string): Promise<unknown> =>
  page.waitForFunction(`(() => { const p = window.__dashboard; return !!p && (${condition}); })()`, undefined, { timeout: 20_000 });

/** Text of the first element matching `selector` ('' if none). */
export const textOf = (page: Page, selector: string): Promise<string> => page.evaluate(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);

/** The chart titles, in page order. */
export const chartTitles = (page: Page): Promise<string[]> => page.evaluate(`[...document.querySelectorAll('.card[data-chart]')].map((c) => c.dataset.chart)`);

/**
 * Per chart title: pixels of its canvas within 40 of `rgb` (a series' colour) and a fingerprint
 * of all its pixels.
 */
export const chartPixels = (page: Page, rgb: readonly [number, number, number]): Promise<Record<string, { series: number; fingerprint: number }>> =>
  page.evaluate(`Object.fromEntries([...document.querySelectorAll('.card[data-chart]')].map((card) => {
    const canvas = card.querySelector('canvas');
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let series = 0, fingerprint = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - ${rgb[0]}) < 40 && Math.abs(d[i + 1] - ${rgb[1]}) < 40 && Math.abs(d[i + 2] - ${rgb[2]}) < 40 && d[i + 3] > 128) series++;
      fingerprint = (fingerprint * 31 + d[i] + 3 * d[i + 1] + 7 * d[i + 2] + 11 * d[i + 3]) | 0;
    }
    return [card.dataset.chart, { series, fingerprint }];
  }))`);

/** A canvas's ink (pixels neither white nor transparent) and a fingerprint of its pixels. */
export const canvasLook = (page: Page, selector: string): Promise<{ ink: number; fingerprint: number }> =>
  page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0, fingerprint = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 0 && d[i] + d[i + 1] + d[i + 2] < 740) ink++;
      fingerprint = (fingerprint * 31 + d[i] + 3 * d[i + 1] + 7 * d[i + 2] + 11 * d[i + 3]) | 0;
    }
    return { ink, fingerprint };
  })()`);

/** Pixels of a canvas with a low alpha: a translucent fill (a band) on the transparent canvas; lines and text are opaque. */
export const translucentPixels = (page: Page, selector: string): Promise<number> =>
  page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 20 && d[i + 3] < 90) n++;
    return n;
  })()`);
