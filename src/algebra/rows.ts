/** Copies the listed rows of a `[*, width]` row-major array into a new `[rows.length, width]` one. */
export const gatherRows = (source: Float32Array, width: number, rows: Int32Array): Float32Array => {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(source.subarray(r * width, (r + 1) * width), i * width));
  return out;
};
