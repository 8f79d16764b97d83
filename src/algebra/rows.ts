/** Copies the listed rows of a `[*, width]` row-major array into a new `[rows.length, width]` one. */
export const gatherRows = (source: Float32Array, width: number, rows: Int32Array): Float32Array => {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i] * width, to = i * width;
    for (let k = 0; k < width; k++) out[to + k] = source[from + k];
  }
  return out;
};
