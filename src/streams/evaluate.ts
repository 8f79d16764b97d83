import type { Env } from '../envs/env.js';
import { makeEnvAsync } from '../envs/registry.js';
import type { LoadedPolicy } from './loadedPolicy.js';
import { PolicyEnvMismatchError, policyEnvMismatch, policyFromSaved } from './loadedPolicy.js';
import { rollouts } from './rollouts.js';
import type { PolicySnapshot, RolloutOptions } from './rollouts.js';
import type { SavedPolicy } from './savedPolicy.js';

export { PolicyEnvMismatchError, policyEnvMismatch } from './loadedPolicy.js';

/** Options of {@link evaluatePolicy}. */
export interface EvaluateOptions {
  readonly episodes: number;
  /** Episode i starts from `reset(seed + i)`. */
  readonly seed: number;
}

/** Returns of deterministic evaluation episodes. */
export interface EvaluationResult {
  readonly returnMean: number;
  readonly returnStd: number;
  readonly episodes: number;
  readonly returns: readonly number[];
  readonly lengths: readonly number[];
}

/**
 * Return and length of one {@link rollouts} episode, played synchronously (`options` without a
 * scheduler); an error of the env or the policy is thrown.
 *
 * @example playEpisode(makeEnv('CartPole-v1'), policyFromSaved(saved), { seed: 0, deterministic: true }).return
 */
export const playEpisode = (env: Env, policy: PolicySnapshot | LoadedPolicy, options: RolloutOptions): { readonly return: number; readonly length: number } => {
  let total = 0, length = 0, failure: unknown = null;
  // rollouts emits synchronously without a scheduler: the episode is over when subscribe returns
  rollouts(env, policy, options).subscribe({
    next: (step) => {
      total += step.reward;
      length += 1;
    },
    error: (error: unknown) => (failure = error ?? new Error('rollout failed')),
  });
  if (failure !== null) throw failure;
  return { return: total, length };
};

/**
 * Runs `policy` deterministically in `env` for whole episodes (episode i from `reset(seed + i)`),
 * each one {@link rollouts} episode. Throws {@link PolicyEnvMismatchError} when the policy does not fit.
 *
 * @example evaluateOn(makeEnv('CartPole-v1'), policyFromSaved(saved), { episodes: 10, seed: 0 }).returnMean
 */
export const evaluateOn = (env: Env, policy: LoadedPolicy, options: EvaluateOptions): EvaluationResult => {
  const returns: number[] = [], lengths: number[] = [];
  for (let episode = 0; episode < options.episodes; episode++) {
    const played = playEpisode(env, policy, { seed: options.seed + episode, deterministic: true });
    returns.push(played.return);
    lengths.push(played.length);
  }
  const returnMean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const returnStd = Math.sqrt(returns.reduce((a, r) => a + (r - returnMean) ** 2, 0) / returns.length);
  return { returnMean, returnStd, episodes: returns.length, returns, lengths };
};

/**
 * Runs a saved policy deterministically (the mode of its distribution: argmax or the mean) for
 * whole episodes in a new env of its id, observations normalized with the statistics frozen at save
 * time. Rejects with a {@link PolicyEnvMismatchError} when the policy does not fit the env.
 */
export const evaluatePolicy = async (saved: SavedPolicy, options: EvaluateOptions): Promise<EvaluationResult> => {
  const env = await makeEnvAsync(saved.env);
  try {
    const policy = policyFromSaved(saved);
    const mismatch = policyEnvMismatch(policy, env);
    if (mismatch) throw new PolicyEnvMismatchError(`policy for ${saved.env}: ${mismatch}`);
    return evaluateOn(env, policy, options);
  } finally {
    env.close();
  }
};
