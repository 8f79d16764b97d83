import type { Rng } from '../algebra/rng.js';
import { plainNetworkOf } from './networkSpec.js';
import type { PolicySpec } from './policySpec.js';
import { actionWidth, logStdOffset } from './policySpec.js';

/** How an actor picks actions: a draw from the policy, or its mode (deterministic evaluation). */
export type ActionMode = 'sample' | 'mode';

/**
 * Acts for a batch of observations with a plain-TypeScript forward pass of the policy weights —
 * no tfjs call per env step. Buffers are reused between calls.
 */
export interface Actor {
  /**
   * Writes actions for `rows` observations `[rows, obsDim]` into `actions` `[rows, actionWidth]`
   * (category indices for a categorical head). Sampling draws row `r`'s noise from `rngs[r]`
   * (one generator per env, so a row's action does not depend on the other rows); the mode
   * needs none (`null`).
   */
  act(observations: Float32Array, rows: number, actions: Float32Array, rngs: readonly Rng[] | null): void;
}

/** An actor for `spec` with weights `params`, sized for up to `maxRows` observations per call. */
export const makeActor = (spec: PolicySpec, params: Float32Array, maxRows: number, mode: ActionMode): Actor => {
  const network = plainNetworkOf(spec.network);
  const outputDim = network.outputDim;
  const output = new Float64Array(maxRows * outputDim);
  const forward = network.compile(params);
  const width = actionWidth(spec);
  const std = spec.head === 'gaussian' ? Array.from(params.subarray(logStdOffset(spec), logStdOffset(spec) + spec.actionDim), Math.exp) : [];
  return {
    act(observations, rows, actions, rngs) {
      if (rows > maxRows) throw new Error(`actor: sized for ${maxRows} rows, got ${rows}`);
      if (mode === 'sample' && (!rngs || rngs.length < rows)) throw new Error(`actor: sampling needs one Rng per row (${rows})`);
      forward(observations, rows, output);
      for (let r = 0; r < rows; r++) {
        const o = r * outputDim;
        if (spec.head === 'categorical') {
          let best = 0;
          for (let k = 1; k < outputDim; k++) if (output[o + k] > output[o + best]) best = k;
          if (mode === 'mode') {
            actions[r] = best;
            continue;
          }
          // inverse-CDF draw from softmax(logits), shifted by the max logit for stability
          let total = 0;
          for (let k = 0; k < outputDim; k++) total += Math.exp(output[o + k] - output[o + best]);
          let u = (rngs as readonly Rng[])[r].uniform() * total, chosen = outputDim - 1;
          for (let k = 0; k < outputDim; k++) {
            u -= Math.exp(output[o + k] - output[o + best]);
            if (u < 0) {
              chosen = k;
              break;
            }
          }
          actions[r] = chosen;
        } else if (mode === 'mode') {
          for (let j = 0; j < width; j++) actions[r * width + j] = output[o + j];
        } else {
          const rng = (rngs as readonly Rng[])[r];
          for (let j = 0; j < width; j++) actions[r * width + j] = output[o + j] + std[j] * rng.normal();
        }
      }
    },
  };
};
