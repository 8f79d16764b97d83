/**
 * Per-state baselines of vine's Q̂ estimates (paper Sec. 5.2).
 *
 * @module
 */

/**
 * Q̂ `[states · branches]` (state-major) minus each state's mean over its branches. Subtracting a
 * per-state constant b leaves Eq. (15)'s gradient unchanged (Σₐ ∇π_θ(a|s) · b = 0) and shifts
 * Eq. (16)'s self-normalized value by b alone (Σₖ wₖ b / Σₖ wₖ = b), while it removes the
 * states' differing return levels from the estimates' variance.
 *
 * @example centerPerState(Float64Array.of(1, 3, 10, 10), 2) // Float64Array [-1, 1, 0, 0]
 */
export const centerPerState = (q: ArrayLike<number>, branches: number): Float64Array => {
  if (!(branches >= 1) || q.length % branches !== 0) throw new Error(`centerPerState: ${q.length} values do not split into states of ${branches} branches`);
  const out = Float64Array.from(q);
  for (let start = 0; start < out.length; start += branches) {
    let total = 0;
    for (let k = 0; k < branches; k++) total += out[start + k];
    const mean = total / branches;
    for (let k = 0; k < branches; k++) out[start + k] -= mean;
  }
  return out;
};
