import { normalizeObservation } from '../algebra/runningStats.js';
import { makeEnvAsync } from '../envs/registry.js';
import { makeActor } from '../policies/actor.js';
import { actionWidth, observationDim } from '../policies/policySpec.js';
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

/**
 * Runs a saved policy deterministically (the mode of its distribution: argmax or the mean) for
 * whole episodes, observations normalized with the statistics frozen at save time.
 */
export const evaluatePolicy = async (policy: SavedPolicy, options: EvaluateOptions): Promise<EvaluationResult> => {
  const env = await makeEnvAsync(policy.env);
  try {
    const obsDim = observationDim(policy.spec);
    const actor = makeActor(policy.spec, policy.params, 1, 'mode');
    const input = new Float32Array(obsDim), action = new Float32Array(actionWidth(policy.spec));
    const returns: number[] = [], lengths: number[] = [];
    for (let episode = 0; episode < options.episodes; episode++) {
      let observation = env.reset(options.seed + episode);
      let total = 0, length = 0;
      for (;;) {
        if (policy.observationStats) normalizeObservation(policy.observationStats, observation, input);
        else input.set(observation);
        actor.act(input, 1, action, null);
        const step = env.step(policy.spec.head === 'categorical' ? action[0] : action);
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
  } finally {
    env.close();
  }
};
