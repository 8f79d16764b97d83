/**
 * An episode of a training state's policy, played deterministically in an env of its own through
 * the `rollouts` observable, as a {@link PlayMessage} for the dashboard's canvas. The training run
 * is not touched: the env is not one of its envs and the policy is read, not changed.
 *
 * @module
 */
import type { Env } from '../../envs/env.js';
import { rollouts } from '../../streams/rollouts.js';
import type { RolloutStep } from '../../streams/rollouts.js';
import type { TrainingState } from '../../streams/types.js';
import type { PlayMessage } from '../../dashboard/messages.js';
import { minatarGames } from '../../envs/minatar/minatarEnv.js';

/** Options of {@link playEpisode}. */
export interface PlayOptions {
  /** The episode starts from `env.reset(seed)`. */
  readonly seed: number;
  /** Longest episode played (default 1000 steps). */
  readonly maxSteps?: number;
}

/** Five significant digits are plenty for a picture and keep the message small. */
const rounded = (x: number): number => Number(x.toPrecision(5));

/** MinAtar channel names of an env id (`MinAtar/Breakout-v1` → Breakout's), else none. */
const channelsOf = (env: string): readonly string[] => {
  const game = /^MinAtar\/(\w+)-v\d$/.exec(env)?.[1];
  return game !== undefined && game in minatarGames ? minatarGames[game as keyof typeof minatarGames].channels : [];
};

/**
 * Plays one deterministic episode of `state`'s policy in `env` (reset with `seed`), synchronously.
 *
 * @example
 * const message = playEpisode(await makeEnvAsync('CartPole-v1'), state, { seed: 3 });
 * server.setLatest('play', message);
 */
export const playEpisode = (env: Env, state: TrainingState, options: PlayOptions): PlayMessage => {
  const shape = env.observationSpace.shape;
  const grid = shape.length === 3;
  const encode = (obs: Float32Array): number[] => (grid ? Array.from(obs.keys()).filter((i) => obs[i] !== 0) : Array.from(obs, rounded));
  const steps: RolloutStep[] = [];
  const policy = { spec: state.policySpec, params: state.policyParams, observationStats: state.observationStats };
  // rollouts resets env with the seed again: the same first observation (reset(seed) is deterministic)
  const first = env.reset(options.seed);
  rollouts(env, policy, { seed: options.seed, deterministic: true, maxSteps: options.maxSteps ?? 1000 }).subscribe((step) => steps.push(step));
  const rewards = steps.map((s) => s.reward);
  return {
    env: env.id,
    iteration: state.iteration,
    timesteps: state.timesteps,
    seed: options.seed,
    shape: [...shape],
    encoding: grid ? 'active' : 'dense',
    observations: [encode(first), ...steps.map((s) => encode(s.observation))],
    actions: steps.map((s) => (typeof s.action === 'number' ? s.action : Array.from(s.action, rounded))),
    rewards: rewards.map(rounded),
    return: rewards.reduce((a, b) => a + b, 0),
    channels: channelsOf(env.id),
  };
};
