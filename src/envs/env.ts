import type { BoxSpace, Space } from './space.js';

/** An action: an integer for a Discrete action space, a float32 vector for a Box. */
export type Action = number | Float32Array;

/** What one `step` returns, with Gymnasium 1.x semantics. */
export interface StepResult {
  /** Observation after the step, float32, `[obsDim]`. */
  readonly observation: Float32Array;
  readonly reward: number;
  /** The MDP reached a terminal state (no bootstrapping past it). */
  readonly terminated: boolean;
  /** The episode was cut by the time limit (bootstrap from `observation`). */
  readonly truncated: boolean;
}

/**
 * One environment instance with Gymnasium semantics, time limit included
 * (as `gymnasium.make` applies it). Mutable: it owns its simulator state.
 */
export interface Env {
  readonly id: string;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: Space;
  /** Episode step limit applied by `step` (Gymnasium's `max_episode_steps`). */
  readonly maxEpisodeSteps: number;
  /** Starts an episode; a seed re-seeds the env's generator as `env.reset(seed=...)` does. */
  reset(seed?: number): Float32Array;
  /** Advances one step. Throws `InvalidValueError` on a NaN/infinite action or observation. */
  step(action: Action): StepResult;
  /** Simulator state in Gymnasium's `env.unwrapped.state` layout (MuJoCo: qpos then qvel), float64. */
  getState(): Float64Array;
  /** Sets the simulator state (same layout as `getState`); the elapsed-step counter is kept. */
  setState(state: ArrayLike<number>): void;
  /** Everything needed to continue exactly from here: simulator state, step counter, generator. */
  snapshot(): EnvSnapshot;
  /** Restores a {@link EnvSnapshot} taken from an env of the same id. */
  restore(snapshot: EnvSnapshot): void;
  /** Releases native resources (MuJoCo); a no-op for pure-TS envs. */
  close(): void;
}

/** Plain-data snapshot of an env mid-episode (see `Env.snapshot`). */
export interface EnvSnapshot {
  readonly state: Float64Array;
  readonly elapsedSteps: number;
  /** The env's random generator state (plain data, env-specific). */
  readonly random: unknown;
}

/** A NaN or infinite value met in an env: names the env, the step and what was bad. */
export class InvalidValueError extends Error {
  readonly _tag = 'InvalidValueError';
  constructor(readonly envId: string, readonly step: number, readonly what: 'action' | 'observation' | 'reward', readonly value: ArrayLike<number> | number) {
    super(`${envId}: non-finite ${what} at step ${step}: ${JSON.stringify(typeof value === 'number' ? value : Array.from(value))}`);
    this.name = 'InvalidValueError';
  }
}

/** An env id that no registry knows; the message lists the known ids. */
export class UnknownEnvError extends Error {
  readonly _tag = 'UnknownEnvError';
  constructor(readonly envId: string, readonly knownIds: readonly string[]) {
    super(`unknown env id '${envId}'; known ids: ${knownIds.join(', ')}`);
    this.name = 'UnknownEnvError';
  }
}
