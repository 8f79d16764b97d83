import { mean, variance } from './vector.js';

/** Options of {@link gae}. */
export interface GaeOptions {
  /** Discount γ. */
  readonly gamma: number;
  /** GAE λ (1: Monte-Carlo returns minus values; 0: one-step TD errors). */
  readonly lambda: number;
}

/**
 * One batch for GAE. Per-step arrays have `T · numEnvs` entries in time-major order
 * (index t · numEnvs + e).
 */
export interface GaeInput {
  readonly numEnvs: number;
  readonly rewards: Float64Array;
  /** V(s_t). */
  readonly values: Float64Array;
  /** The episode reached a terminal state at this step: nothing follows it. */
  readonly terminated: Uint8Array;
  /** The episode was cut by the time limit at this step: bootstrap from `finalValues`. */
  readonly truncated: Uint8Array;
  /** V(final observation) at truncated steps; ignored elsewhere. */
  readonly finalValues: Float64Array;
  /** `[numEnvs]`: V(observation after the last step) of each env's unfinished tail. */
  readonly bootstrapValues: Float64Array;
}

/**
 * Generalized advantage estimation (Schulman et al. 2016) that tells terminated from truncated
 * episodes: a terminal step has next value 0, a truncated one the value of its final
 * observation; either way the recursion restarts, the next row being a new episode.
 * Returns advantages and value targets (advantages + values).
 * @example gae({ gamma: 0.99, lambda: 0.97 })(batch).advantages
 */
export const gae =
  (options: GaeOptions) =>
  (batch: GaeInput): { readonly advantages: Float64Array; readonly returns: Float64Array } => {
    const { gamma, lambda } = options;
    const { numEnvs, rewards, values, terminated, truncated, finalValues, bootstrapValues } = batch;
    const n = rewards.length;
    if (n % numEnvs !== 0) throw new Error(`gae: ${n} rows do not split into ${numEnvs} envs`);
    for (const [name, a] of [['values', values], ['terminated', terminated], ['truncated', truncated], ['finalValues', finalValues]] as const)
      if (a.length !== n) throw new Error(`gae: ${name} has ${a.length} entries, rewards ${n}`);
    if (bootstrapValues.length !== numEnvs) throw new Error(`gae: bootstrapValues has ${bootstrapValues.length} entries, want ${numEnvs}`);
    const steps = n / numEnvs;
    const advantages = new Float64Array(n), returns = new Float64Array(n);
    for (let e = 0; e < numEnvs; e++) {
      let next = 0; // GAE accumulator of the following row
      for (let t = steps - 1; t >= 0; t--) {
        const i = t * numEnvs + e;
        let nextValue: number;
        let carry: number;
        if (terminated[i]) [nextValue, carry] = [0, 0];
        else if (truncated[i]) [nextValue, carry] = [finalValues[i], 0];
        else if (t === steps - 1) [nextValue, carry] = [bootstrapValues[e], 0];
        else [nextValue, carry] = [values[i + numEnvs], next];
        const delta = rewards[i] + gamma * nextValue - values[i];
        next = delta + gamma * lambda * carry;
        advantages[i] = next;
        returns[i] = next + values[i];
      }
    }
    return { advantages, returns };
  };

/** Advantages rescaled to mean 0 and (population) standard deviation 1. */
export const normalizeAdvantages = (advantages: Float64Array, eps = 1e-8): Float64Array => {
  const m = mean(advantages), s = Math.sqrt(variance(advantages));
  return advantages.map((a) => (a - m) / (s + eps));
};

/**
 * Discounted returns of one env's trajectory `[T]` with a value bootstrapped after the last
 * step (0 for a terminated ending): R_t = r_t + γ R_{t+1}.
 */
export const discountedReturns = (rewards: ArrayLike<number>, gamma: number, bootstrap: number): Float64Array => {
  const out = new Float64Array(rewards.length);
  let running = bootstrap;
  for (let t = rewards.length - 1; t >= 0; t--) out[t] = running = rewards[t] + gamma * running;
  return out;
};
