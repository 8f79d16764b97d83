/**
 * The episode bookkeeping shared by the classic-control envs: seeding with NumPy's generator,
 * Gymnasium's `TimeLimit`, action and observation checks, state access and snapshots. The physics
 * of each task is a {@link ClassicTask}: pure functions over its float64 state.
 *
 * @module
 */
import type { Action, Env, EnvSnapshot, StepResult } from '../env.js';
import { InvalidValueError } from '../env.js';
import type { NumpyGenerator, NumpyGeneratorState } from '../numpyRandom.js';
import { resetGenerator, restoredGenerator } from '../seeding.js';
import type { BoxSpace, Space } from '../space.js';
import type { InPlaceStepResult, StepsInPlace } from '../vectorEnv.js';

/**
 * A classic-control task as Gymnasium defines it, over its state in the layout of
 * `env.unwrapped.state` (float64). Every classic action is one number: a category index for a
 * Discrete space, the float32 value of the single coordinate for a 1-D Box.
 */
export interface ClassicTask {
  readonly id: string;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: Space;
  /** `max_episode_steps` of the `TimeLimit` that `gymnasium.make` wraps the env in. */
  readonly maxEpisodeSteps: number;
  /** Entries of the state vector. */
  readonly stateSize: number;
  /** Draws the initial state into `state` [stateSize] exactly as the env's `reset` draws from `np_random`. */
  readonly drawInitialState: (random: NumpyGenerator, state: Float64Array) => void;
  /**
   * Writes the successor of `state` under `action` into `next` (a different buffer) and returns
   * whether the episode terminated, judged on the values the env judges (for
   * MountainCarContinuous: before its float32 rounding of the stored state).
   */
  readonly transition: (state: Float64Array, action: number, next: Float64Array) => boolean;
  /** The reward of the step `state` → `next` under `action` (float64). */
  readonly reward: (state: Float64Array, action: number, next: Float64Array, terminated: boolean) => number;
  /** Writes the float32 observation of `state` at `out[offset .. offset + obsDim)`. */
  readonly observe: (state: Float64Array, out: Float32Array, offset: number) => void;
  /**
   * Reward of a terminating step taken after the episode has already terminated once without a
   * reset (CartPole: 0.0, `steps_beyond_terminated`); absent: the ordinary reward.
   */
  readonly rewardAfterTermination?: number;
}

/** Snapshot of a classic env: {@link EnvSnapshot} with the NumPy generator state and CartPole's termination memory. */
export interface ClassicEnvSnapshot extends EnvSnapshot {
  /** NumPy generator state; null while the env has never been reset (it would seed with 0). */
  readonly random: NumpyGeneratorState | null;
  /** The episode has already returned `terminated` (Gymnasium's `steps_beyond_terminated` is set). */
  readonly terminatedBefore: boolean;
}

/** A classic env: an {@link Env} that also steps into caller-owned buffers (used by `VectorEnv`). */
export type ClassicEnv = Env & StepsInPlace;

export { DEFAULT_SEED } from '../seeding.js';

const describe = (value: unknown): string => (typeof value === 'number' ? String(value) : value instanceof Float32Array ? `Float32Array [${Array.from(value).join(', ')}]` : typeof value);

/**
 * A fresh env for `task`, not yet reset (`step` before `reset`, `setState` or `restore` throws, as
 * Gymnasium's OrderEnforcing does). `step` returns a fresh observation array each call; `stepInto`
 * writes into the caller's buffer and returns a record that the next call overwrites.
 *
 * @example
 * const env = classicEnv(cartPole);
 * env.reset(0);
 * const { observation, reward, terminated, truncated } = env.step(1);
 */
export const classicEnv = (task: ClassicTask): ClassicEnv => {
  const { id, actionSpace, maxEpisodeSteps, stateSize } = task;
  const obsDim = task.observationSpace.shape[0];
  const discrete = actionSpace._tag === 'Discrete' ? actionSpace : null;
  if (!discrete && actionSpace._tag === 'Box' && actionSpace.shape[0] !== 1) throw new Error(`${id}: classic envs have one action coordinate, got shape [${actionSpace.shape.join(', ')}]`);

  let random: NumpyGenerator | null = null;
  let state = new Float64Array(stateSize);
  let next = new Float64Array(stateSize);
  let elapsed = 0;
  let started = false;
  let terminatedBefore = false;
  const outcome: InPlaceStepResult = { reward: 0, terminated: false, truncated: false };

  /** The one number the task sees for a raw action value; throws on an invalid one. */
  const actionValue = (raw: number): number => {
    if (discrete) {
      if (!Number.isInteger(raw) || raw < discrete.start || raw >= discrete.start + discrete.n)
        throw new RangeError(`${id}: action must be an integer in [${discrete.start}, ${discrete.start + discrete.n - 1}], got ${raw} at step ${elapsed}`);
      return raw;
    }
    // Gymnasium's Box actions are float32 arrays: the env sees the float32 value.
    const value = Math.fround(raw);
    if (!Number.isFinite(value)) throw new InvalidValueError(id, elapsed, 'action', [raw]);
    return value;
  };

  const advance = (action: number, out: Float32Array, offset: number): InPlaceStepResult => {
    if (!started) throw new Error(`${id}: step() before reset(); call reset() (or setState/restore) first`);
    const terminated = task.transition(state, action, next);
    const reward = task.reward(state, action, next, terminated);
    task.observe(next, out, offset);
    for (let i = offset; i < offset + obsDim; i++) if (!Number.isFinite(out[i])) throw new InvalidValueError(id, elapsed, 'observation', out.slice(offset, offset + obsDim));
    if (!Number.isFinite(reward)) throw new InvalidValueError(id, elapsed, 'reward', reward);
    const previous = state;
    state = next;
    next = previous;
    elapsed += 1;
    outcome.reward = terminated && terminatedBefore && task.rewardAfterTermination !== undefined ? task.rewardAfterTermination : reward;
    outcome.terminated = terminated;
    outcome.truncated = elapsed >= maxEpisodeSteps; // TimeLimit: counts every step, terminal or not
    if (terminated) terminatedBefore = true;
    return outcome;
  };

  const writeState = (values: ArrayLike<number>, what: string): void => {
    if (values.length !== stateSize) throw new RangeError(`${id}: ${what} must have ${stateSize} entries, got ${values.length}`);
    state.set(values);
    started = true;
  };

  return {
    id,
    observationSpace: task.observationSpace,
    actionSpace,
    maxEpisodeSteps,

    reset(seed?: number): Float32Array {
      random = resetGenerator(id, random, seed);
      task.drawInitialState(random, state);
      elapsed = 0;
      started = true;
      terminatedBefore = false;
      const observation = new Float32Array(obsDim);
      task.observe(state, observation, 0);
      return observation;
    },

    step(action: Action): StepResult {
      let raw: number;
      if (discrete) {
        if (typeof action !== 'number') throw new TypeError(`${id}: action must be an integer in [${discrete.start}, ${discrete.start + discrete.n - 1}], got ${describe(action)} at step ${elapsed}`);
        raw = action;
      } else if (typeof action === 'number') raw = action;
      else {
        if (action.length !== 1) throw new RangeError(`${id}: action must have 1 entry, got ${action.length} at step ${elapsed}`);
        raw = action[0];
      }
      const observation = new Float32Array(obsDim);
      const r = advance(actionValue(raw), observation, 0);
      return { observation, reward: r.reward, terminated: r.terminated, truncated: r.truncated };
    },

    stepInto(actions: ArrayLike<number>, actionOffset: number, observations: Float32Array, observationOffset: number): InPlaceStepResult {
      return advance(actionValue(actions[actionOffset]), observations, observationOffset);
    },

    getState: () => Float64Array.from(state),
    setState: (values: ArrayLike<number>) => writeState(values, 'state'),

    snapshot: (): ClassicEnvSnapshot => ({ state: Float64Array.from(state), elapsedSteps: elapsed, random: random?.snapshot() ?? null, terminatedBefore }),

    restore(snapshot: EnvSnapshot): void {
      if (!Number.isSafeInteger(snapshot.elapsedSteps) || snapshot.elapsedSteps < 0) throw new RangeError(`${id}: snapshot elapsedSteps must be a non-negative integer, got ${snapshot.elapsedSteps}`);
      const restored = restoredGenerator(id, snapshot.random);
      writeState(snapshot.state, 'snapshot state');
      elapsed = snapshot.elapsedSteps;
      random = restored;
      terminatedBefore = (snapshot as Partial<ClassicEnvSnapshot>).terminatedBefore === true;
    },

    close: () => undefined,
  };
};
