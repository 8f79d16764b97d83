/**
 * One deterministic episode of an exported policy, acted by the package's own forward pass (the
 * arithmetic `trpo eval` uses, so the actions are Node's step for step) while the loaded tfjs model
 * is run on the same inputs as a check that the exported model computes the same policy.
 *
 * @module
 */
import { normalizeObservation } from '../../algebra/runningStats.js';
import type { Env } from '../../envs/env.js';
import { plainNetworkOf } from '../../policies/networkSpec.js';
import { policyFromSaved } from '../../streams/loadedPolicy.js';
import { rollouts } from '../../streams/rollouts.js';
import type { SavedPolicy } from '../../streams/savedPolicy.js';

/** An episode as the page plays and shows it. */
export interface PlayedEpisode {
  readonly seed: number;
  /** Raw observations: `reset(seed)`'s, then the one after each step (`length + 1` of them). */
  readonly observations: readonly number[][];
  /** The action of each step: an index, or the (unclipped) Gaussian mean. */
  readonly actions: readonly (number | number[])[];
  readonly rewards: readonly number[];
  readonly return: number;
  readonly length: number;
  /** Largest |tfjs model output − package forward pass output| over the episode's steps (float32 against float64 arithmetic). */
  readonly modelMaxDifference: number;
  /** Steps where the tfjs model's argmax is another action than the one taken (categorical policies; 0 otherwise). */
  readonly modelArgmaxDisagreements: number;
}

const argmax = (values: ArrayLike<number>): number => {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
};

/**
 * Plays `saved` deterministically in `env` from `reset(seed)` with the package's forward pass
 * (through {@link rollouts}, as `trpo eval` does), and runs `modelOutput` (the tfjs model) on each
 * step's normalized input `[inputDim]` to measure how far its output is from the package's.
 *
 * @example playExported(makeEnv('CartPole-v1'), saved, 0, (input) => predictWithTfjs(input)).actions
 */
export const playExported = (env: Env, saved: SavedPolicy, seed: number, modelOutput: (input: Float32Array) => ArrayLike<number>): PlayedEpisode => {
  const network = plainNetworkOf(saved.spec.network);
  const forward = network.compile(saved.params);
  const input = new Float32Array(network.inputDim), packageOutput = new Float64Array(network.outputDim);
  const observations: number[][] = [Array.from(env.reset(seed))];
  const actions: (number | number[])[] = [], rewards: number[] = [];
  let difference = 0, disagreements = 0;
  rollouts(env, policyFromSaved(saved), { seed, deterministic: true }).subscribe({
    next: (step) => {
      const before = observations[observations.length - 1];
      // the input policyFromSaved builds: normalized into float32
      if (saved.observationStats) normalizeObservation(saved.observationStats, before, input);
      else input.set(before);
      forward(input, 1, packageOutput);
      const model = modelOutput(input);
      for (let i = 0; i < packageOutput.length; i++) difference = Math.max(difference, Math.abs(model[i] - packageOutput[i]));
      if (typeof step.action === 'number' && argmax(model) !== step.action) disagreements += 1;
      actions.push(typeof step.action === 'number' ? step.action : Array.from(step.action));
      rewards.push(step.reward);
      observations.push(Array.from(step.observation));
    },
    error: (error: unknown) => {
      throw error;
    },
  });
  return {
    seed,
    observations,
    actions,
    rewards,
    return: rewards.reduce((a, b) => a + b, 0),
    length: rewards.length,
    modelMaxDifference: difference,
    modelArgmaxDisagreements: disagreements,
  };
};
