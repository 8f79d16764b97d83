/**
 * Dense linear systems A x = b by Gaussian elimination with partial pivoting, in float64.
 *
 * @module
 */

/**
 * The solution x `[n]` of A x = b for a square A `[n, n]` (row-major) and b `[n]`. Elimination with
 * partial pivoting (the largest remaining entry of each column becomes the pivot); the inputs are
 * not changed. Throws when A is singular to working precision or the shapes disagree.
 *
 * @example solveLinear(Float64Array.of(2, 1, 1, 3), Float64Array.of(3, 5)) // Float64Array [0.8, 1.4]
 */
export const solveLinear = (matrix: ArrayLike<number>, rhs: ArrayLike<number>): Float64Array => {
  const n = rhs.length;
  if (matrix.length !== n * n) throw new Error(`solveLinear: a [${n}, ${n}] matrix expected for a right-hand side [${n}], got ${matrix.length} entries`);
  const a = Float64Array.from(matrix), x = Float64Array.from(rhs);
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row * n + col]) > Math.abs(a[pivot * n + col])) pivot = row;
    if (!(Math.abs(a[pivot * n + col]) > scale * n * Number.EPSILON)) throw new Error(`solveLinear: the matrix is singular to working precision (column ${col})`);
    if (pivot !== col) {
      for (let k = col; k < n; k++) [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
      [x[col], x[pivot]] = [x[pivot], x[col]];
    }
    const d = a[col * n + col];
    for (let row = col + 1; row < n; row++) {
      const f = a[row * n + col] / d;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[row * n + k] -= f * a[col * n + k];
      x[row] -= f * x[col];
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let s = x[row];
    for (let k = row + 1; k < n; k++) s -= a[row * n + k] * x[k];
    x[row] = s / a[row * n + row];
  }
  return x;
};
