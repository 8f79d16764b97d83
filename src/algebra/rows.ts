import type { Rng } from './rng.js';

/** Copies the listed rows of a `[*, width]` row-major array into a new `[rows.length, width]` one. */
export const gatherRows = (source: Float32Array, width: number, rows: Int32Array): Float32Array => {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i] * width, to = i * width;
    for (let k = 0; k < width; k++) out[to + k] = source[from + k];
  }
  return out;
};

/**
 * `count` distinct row indices out of `rows` (at least 1, at most all), drawn uniformly without
 * replacement by a partial Fisher–Yates shuffle, sorted.
 *
 * @example subsampleRows(10, 3, new Rng(rngStateFromSeed(0))) // e.g. Int32Array [1, 4, 8]
 */
export const subsampleRows = (rows: number, count: number, rng: Rng): Int32Array => {
  const k = Math.max(1, Math.min(rows, count));
  const pool = new Int32Array(rows);
  for (let i = 0; i < rows; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(rows - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, k).sort();
};
