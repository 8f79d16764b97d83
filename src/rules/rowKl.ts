import { categorical, diagGaussian } from '../algebra/distributions.js';
import { plainNetworkOf } from '../policies/networkSpec.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { logStdOffset } from '../policies/policySpec.js';

/**
 * Distribution parameters of every row `[rows, outputDim]` (logits, or the Gaussian mean), float64,
 * by the plain TypeScript forward pass over observations `[rows, obsDim]`.
 *
 * @example
 * const means = outputsOf(spec, params, batch.observations, batch.rows);
 */
export const outputsOf = (spec: PolicySpec, params: ArrayLike<number>, observations: ArrayLike<number>, rows: number): Float64Array => {
  const network = plainNetworkOf(spec.network);
  const out = new Float64Array(rows * network.outputDim);
  network.compile(params)(observations, rows, out);
  return out;
};

const logStdOf = (spec: PolicySpec, params: ArrayLike<number>): Float64Array =>
  spec.head === 'gaussian' ? Float64Array.from({ length: spec.actionDim }, (_, j) => params[logStdOffset(spec) + j]) : new Float64Array(0);

/**
 * KL(π_old(·|sᵢ) ‖ π_θ(·|sᵢ)) of every row i, `[rows]` in nats, in float64 with the plain forward
 * pass (no tfjs): the per-state divergences whose maximum the paper's max-KL constraint bounds
 * (Sec. 3, D_KL^max). The forward pass at θ_old runs once; each call runs one at θ.
 *
 * @example
 * const klAt = rowKls(spec, batch.observations, batch.rows, oldParams);
 * const worst = Math.max(...klAt(newParams));
 */
export const rowKls = (spec: PolicySpec, observations: ArrayLike<number>, rows: number, oldParams: ArrayLike<number>): ((params: ArrayLike<number>) => Float64Array) => {
  const k = plainNetworkOf(spec.network).outputDim;
  const old = outputsOf(spec, oldParams, observations, rows);
  const oldLogStd = logStdOf(spec, oldParams);
  return (params) => {
    const now = outputsOf(spec, params, observations, rows);
    const logStd = logStdOf(spec, params);
    const kl = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const p = old.subarray(r * k, (r + 1) * k), q = now.subarray(r * k, (r + 1) * k);
      kl[r] = spec.head === 'categorical' ? categorical.kl(p, q) : diagGaussian.kl(p, oldLogStd, q, logStd);
    }
    return kl;
  };
};
