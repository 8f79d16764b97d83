import { normalizeObservation } from '../algebra/runningStats.js';
import type { Env } from '../envs/env.js';
import { flatDim } from '../envs/space.js';
import type { Rng } from '../algebra/rng.js';
import { makeActor } from '../policies/actor.js';
import { actionWidth, observationDim as observationDimOf } from '../policies/policySpec.js';
import type { SavedPolicy } from './savedPolicy.js';

/** How {@link LoadedPolicy.act} picks an action: the mode of the policy, or a draw from it with `rng`. */
export type ActOptions = { readonly deterministic: true } | { readonly deterministic: false; readonly rng: Rng };

interface PolicyInfo {
  readonly env: string;
  /** Length of the raw observation `act` takes. */
  readonly observationDim: number;
  readonly iteration: number;
  readonly timesteps: number;
}

/** A policy over a Discrete action space: `act` returns the action index. */
export interface DiscretePolicy extends PolicyInfo {
  readonly head: 'categorical';
  readonly actions: number;
  act(observation: ArrayLike<number>, options: ActOptions): number;
}

/**
 * A policy over a Box action space: `act` returns a new `Float32Array` `[actionDim]`, not clipped
 * to the action bounds (see {@link policyFromSaved}).
 */
export interface ContinuousPolicy extends PolicyInfo {
  readonly head: 'gaussian';
  readonly actionDim: number;
  act(observation: ArrayLike<number>, options: ActOptions): Float32Array;
}

/** A trained policy ready to act on raw observations; narrow on `head` for the action type. */
export type LoadedPolicy = DiscretePolicy | ContinuousPolicy;


/**
 * A policy that acts on raw env observations, as SB3's `predict` does after `load`: it applies the
 * observation normalizer frozen in the saved policy, runs the network in plain TypeScript, and takes
 * the mode (`deterministic: true`: argmax, or the Gaussian mean) or a draw with the given `rng`.
 * Continuous actions are not clipped to the Box bounds (SB3 clips them): our envs bound the action
 * for the physics themselves (Pendulum and MountainCarContinuous clip, MuJoCo clamps ctrl to its
 * ctrlrange) and charge control costs on the action as given, as Gymnasium does; `trpo eval` and
 * evaluation during training act through this same function. Browser-safe (no node:* import).
 *
 * @example
 * const policy = policyFromSaved(saved);
 * const action = policy.act(env.reset(0), { deterministic: true }); // number for CartPole
 */
export const policyFromSaved = (saved: SavedPolicy): LoadedPolicy => {
  const { spec, params, observationStats } = saved;
  const observationDim = observationDimOf(spec);
  const mode = makeActor(spec, params, 1, 'mode'), sample = makeActor(spec, params, 1, 'sample');
  const input = new Float32Array(observationDim), action = new Float32Array(actionWidth(spec));
  const run = (observation: ArrayLike<number>, options: ActOptions): Float32Array => {
    if (observation.length !== observationDim) throw new RangeError(`policy for ${saved.env} takes observations of length ${observationDim}, got ${observation.length}`);
    if (observationStats) normalizeObservation(observationStats, observation, input);
    else input.set(observation);
    if (options.deterministic) mode.act(input, 1, action, null);
    else sample.act(input, 1, action, [options.rng]);
    return action;
  };
  const info = { env: saved.env, observationDim, iteration: saved.iteration, timesteps: saved.timesteps };
  return spec.head === 'categorical'
    ? { ...info, head: 'categorical', actions: spec.actions, act: (observation, options) => run(observation, options)[0] }
    : { ...info, head: 'gaussian', actionDim: spec.actionDim, act: (observation, options) => run(observation, options).slice() };
};

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
  const observationDim = flatDim(env.observationSpace), space = env.actionSpace;
  if (policy.observationDim !== observationDim)
    return `the policy takes observations of length ${policy.observationDim}, ${env.id} gives ${observationDim}`;
  if (policy.head === 'categorical' && (space._tag !== 'Discrete' || space.n !== policy.actions))
    return `the policy picks one of ${policy.actions} actions, ${env.id} has ${space._tag === 'Discrete' ? `${space.n} actions` : 'continuous actions'}`;
  if (policy.head === 'gaussian' && (space._tag !== 'Box' || space.shape[0] !== policy.actionDim))
    return `the policy gives ${policy.actionDim} continuous action values, ${env.id} ${space._tag === 'Box' ? `takes ${space.shape[0]}` : 'has discrete actions'}`;
  return null;
};
