/** Running mean and sum of squared deviations per coordinate (Welford), plain data. */
export interface RunningStats {
  readonly count: number;
  readonly mean: Float64Array;
  /** Σ (x − mean)², per coordinate. */
  readonly m2: Float64Array;
}

/** No observations yet, `dim` coordinates. */
export const emptyStats = (dim: number): RunningStats => ({ count: 0, mean: new Float64Array(dim), m2: new Float64Array(dim) });

/**
 * Chan et al.'s parallel merge: the statistics of the union of two samples. Pure.
 * Merging the stats of two halves equals the stats of the whole.
 */
export const mergeStats = (a: RunningStats, b: RunningStats): RunningStats => {
  if (a.mean.length !== b.mean.length) throw new Error(`mergeStats: dims ${a.mean.length} and ${b.mean.length}`);
  if (b.count === 0) return a;
  if (a.count === 0) return b;
  const count = a.count + b.count;
  const mean = new Float64Array(a.mean.length), m2 = new Float64Array(a.mean.length);
  for (let j = 0; j < mean.length; j++) {
    const delta = b.mean[j] - a.mean[j];
    mean[j] = a.mean[j] + (delta * b.count) / count;
    m2[j] = a.m2[j] + b.m2[j] + (delta * delta * a.count * b.count) / count;
  }
  return { count, mean, m2 };
};

/** Statistics of `rows` (flat `[n, dim]`) merged into `stats`. Pure. */
export const updateStats = (stats: RunningStats, rows: ArrayLike<number>): RunningStats => {
  const dim = stats.mean.length;
  if (rows.length % dim !== 0) throw new Error(`updateStats: ${rows.length} values are not rows of ${dim}`);
  const n = rows.length / dim;
  if (n === 0) return stats;
  const mean = new Float64Array(dim), m2 = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0; j < dim; j++) mean[j] += rows[r * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= n;
  for (let r = 0; r < n; r++)
    for (let j = 0; j < dim; j++) {
      const d = rows[r * dim + j] - mean[j];
      m2[j] += d * d;
    }
  return mergeStats(stats, { count: n, mean, m2 });
};

/** Population variance per coordinate (0 before any observation). */
export const statsVariance = (stats: RunningStats): Float64Array => stats.m2.map((m) => (stats.count > 0 ? m / stats.count : 0));

/** Options of {@link normalizeObservation}. */
export interface NormalizeOptions {
  /** Clip normalized values to ±clip. Default 10. */
  readonly clip?: number;
  /** Added to the variance. Default 1e-8. */
  readonly eps?: number;
}

/** Writes (x − mean) / √(var + eps), clipped, into `out`. */
export const normalizeObservation = (stats: RunningStats, x: ArrayLike<number>, out: Float32Array | Float64Array, options: NormalizeOptions = {}): void => {
  const { clip = 10, eps = 1e-8 } = options;
  const count = stats.count;
  for (let j = 0; j < stats.mean.length; j++) {
    const variance = count > 0 ? stats.m2[j] / count : 1;
    const z = (x[j] - stats.mean[j]) / Math.sqrt(variance + eps);
    out[j] = z > clip ? clip : z < -clip ? -clip : z;
  }
};
