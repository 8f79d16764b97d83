import type { Env } from '../envs/env.js';
import { makeEnvAsync } from '../envs/registry.js';
import type { LoadedPolicy } from './loadedPolicy.js';
import { policyFromSaved } from './loadedPolicy.js';
import type { SavedPolicy } from './savedPolicy.js';

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

/** A saved policy whose shapes do not fit its env (an edited or mixed-up policy file). */
export class PolicyEnvMismatchError extends Error {
  readonly _tag = 'PolicyEnvMismatchError';
  constructor(message: string) {
    super(message);
    this.name = 'PolicyEnvMismatchError';
  }
}

/**
 * Why `policy` cannot act in `env` (observation length, action space kind or size), or null when it can.
 *
 * @example policyEnvMismatch(policyFromSaved(saved), makeEnv('CartPole-v1')) // null for a CartPole policy
 */
export const policyEnvMismatch = (policy: LoadedPolicy, env: Env): string | null => {
  const observationDim = env.observationSpace.shape[0], space = env.actionSpace;
  if (policy.observationDim !== observationDim)
    return `the policy takes observations of length ${policy.observationDim}, ${env.id} gives ${observationDim}`;
  if (policy.head === 'categorical' && (space._tag !== 'Discrete' || space.n !== policy.actions))
    return `the policy picks one of ${policy.actions} actions, ${env.id} has ${space._tag === 'Discrete' ? `${space.n} actions` : 'continuous actions'}`;
  if (policy.head === 'gaussian' && (space._tag !== 'Box' || space.shape[0] !== policy.actionDim))
    return `the policy gives ${policy.actionDim} continuous action values, ${env.id} ${space._tag === 'Box' ? `takes ${space.shape[0]}` : 'has discrete actions'}`;
  return null;
};

/**
 * Runs `policy` deterministically in `env` for whole episodes (episode i from `reset(seed + i)`).
 *
 * @example evaluateOn(makeEnv('CartPole-v1'), policyFromSaved(saved), { episodes: 10, seed: 0 }).returnMean
 */
export const evaluateOn = (env: Env, policy: LoadedPolicy, options: EvaluateOptions): EvaluationResult => {
  const returns: number[] = [], lengths: number[] = [];
  for (let episode = 0; episode < options.episodes; episode++) {
    let observation = env.reset(options.seed + episode);
    let total = 0, length = 0;
    for (;;) {
      const step = env.step(policy.act(observation, { deterministic: true }));
      total += step.reward;
      length += 1;
      observation = step.observation;
      if (step.terminated || step.truncated) break;
    }
    returns.push(total);
    lengths.push(length);
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
