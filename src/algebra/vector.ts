/**
 * Dense vector helpers over flat numeric arrays (`Float64Array`, `Float32Array`, plain arrays).
 * Loops, no intermediate arrays; the `InPlace` variants write into an argument and allocate nothing.
 */

const sameLength = (name: string, a: ArrayLike<number>, b: ArrayLike<number>): void => {
  if (a.length !== b.length) throw new Error(`${name}: vectors of equal length expected, got ${a.length} and ${b.length}`);
};

/**
 * Dot product aᵀb of two vectors `[n]`; throws when the lengths differ.
 * @example dot([1, 2], [3, 4]) // 11
 */
export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  sameLength('dot', a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * Euclidean norm ‖a‖₂ of a vector `[n]`.
 * @example norm([3, 4]) // 5
 */
export const norm = (a: ArrayLike<number>): number => Math.sqrt(dot(a, a));

/**
 * y ← y + α x for vectors `[n]`, in place; returns `y`.
 * @example axpyInPlace(2, [1, 1], Float64Array.of(0, 1)) // Float64Array [2, 3]
 */
export const axpyInPlace = (alpha: number, x: ArrayLike<number>, y: Float64Array): Float64Array => {
  sameLength('axpyInPlace', x, y);
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
  return y;
};

/**
 * y + α x for vectors `[n]`, written into `out` (default: a new `Float64Array`; may be `y`).
 * @example axpy(0.5, [2, 4], [1, 1]) // Float64Array [2, 3]
 */
export const axpy = (alpha: number, x: ArrayLike<number>, y: ArrayLike<number>, out: Float64Array = new Float64Array(y.length)): Float64Array => {
  sameLength('axpy', x, y);
  sameLength('axpy (out)', y, out);
  for (let i = 0; i < out.length; i++) out[i] = y[i] + alpha * x[i];
  return out;
};

/**
 * x ← α x, in place; returns `x`.
 * @example scaleInPlace(2, Float64Array.of(1, -3)) // Float64Array [2, -6]
 */
export const scaleInPlace = (alpha: number, x: Float64Array): Float64Array => {
  for (let i = 0; i < x.length; i++) x[i] *= alpha;
  return x;
};

/**
 * Arithmetic mean of `[n]` values (NaN for an empty input).
 * @example mean([1, 2, 6]) // 3
 */
export const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

/**
 * Population variance (1/n) Σ (aᵢ − mean)² of `[n]` values, two-pass for accuracy (NaN for an
 * empty input).
 * @example variance([1, 3]) // 1
 */
export const variance = (a: ArrayLike<number>): number => {
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - m;
    s += d * d;
  }
  return s / a.length;
};
