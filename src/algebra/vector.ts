/** Dot product of two equal-length vectors. */
export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Euclidean norm. */
export const norm = (a: ArrayLike<number>): number => Math.sqrt(dot(a, a));

/** y ← y + α x, in place; returns y. */
export const axpyInPlace = (alpha: number, x: ArrayLike<number>, y: Float64Array): Float64Array => {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
  return y;
};

/** Arithmetic mean (NaN for an empty input). */
export const mean = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

/** Population variance (NaN for an empty input). */
export const variance = (a: ArrayLike<number>): number => {
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - m) ** 2;
  return s / a.length;
};
