import type { Action, Env, EnvSnapshot, StepResult } from '../env.js';
import { InvalidValueError } from '../env.js';
import type { BoxSpace, Space } from '../space.js';
import type { NumpyGeneratorState } from '../numpyRandom.js';
import { NumpyGenerator } from '../numpyRandom.js';

/**
 * The physics of a classic-control task as pure functions over its float64 state, in
 * Gymnasium's `env.unwrapped.state` layout. {@link classicEnv} adds the episode bookkeeping.
 */
export interface ClassicDynamics {
  readonly id: string;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: Space;
  /** TimeLimit applied by `gymnasium.make`. */
  readonly maxEpisodeSteps: number;
  readonly stateSize: number;
  /** Initial state drawn as Gymnasium's `reset` draws it from `np_random`. */
  initialState(random: NumpyGenerator): Float64Array;
  /** Next state, reward and termination; `action` already validated. */
  transition(state: Float64Array, action: Action): { readonly state: Float64Array; readonly reward: number; readonly terminated: boolean };
  /** The float32 observation of a state. */
  observe(state: Float64Array): Float32Array;
}

const checkAction = (dynamics: ClassicDynamics, action: Action, step: number): void => {
  const space = dynamics.actionSpace;
  if (space._tag === 'Discrete') {
    if (typeof action !== 'number' || !Number.isInteger(action) || action < space.start || action >= space.start + space.n)
      throw new RangeError(`${dynamics.id}: action must be an integer in [${space.start}, ${space.start + space.n - 1}], got ${String(action)} at step ${step}`);
    return;
  }
  const values = typeof action === 'number' ? [action] : action;
  if (values.length !== space.shape[0]) throw new RangeError(`${dynamics.id}: action must have ${space.shape[0]} entries, got ${values.length} at step ${step}`);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) throw new InvalidValueError(dynamics.id, step, 'action', values);
};

/** An {@link Env} from classic dynamics: seeding, time limit, validation, state access. */
export const classicEnv = (dynamics: ClassicDynamics): Env => {
  let random = new NumpyGenerator(0); // Gymnasium seeds from OS entropy when unseeded; we stay deterministic
  let state = dynamics.initialState(random);
  let elapsed = 0;
  return {
    id: dynamics.id,
    observationSpace: dynamics.observationSpace,
    actionSpace: dynamics.actionSpace,
    maxEpisodeSteps: dynamics.maxEpisodeSteps,
    reset(seed?: number): Float32Array {
      if (seed !== undefined) random = new NumpyGenerator(seed);
      state = dynamics.initialState(random);
      elapsed = 0;
      return dynamics.observe(state);
    },
    step(action: Action): StepResult {
      checkAction(dynamics, action, elapsed);
      const next = dynamics.transition(state, action);
      const observation = dynamics.observe(next.state);
      for (let i = 0; i < observation.length; i++) if (!Number.isFinite(observation[i])) throw new InvalidValueError(dynamics.id, elapsed, 'observation', observation);
      if (!Number.isFinite(next.reward)) throw new InvalidValueError(dynamics.id, elapsed, 'reward', next.reward);
      state = next.state;
      elapsed += 1;
      return { observation, reward: next.reward, terminated: next.terminated, truncated: elapsed >= dynamics.maxEpisodeSteps };
    },
    getState: () => Float64Array.from(state),
    setState(values: ArrayLike<number>): void {
      if (values.length !== dynamics.stateSize) throw new RangeError(`${dynamics.id}: state must have ${dynamics.stateSize} entries, got ${values.length}`);
      state = Float64Array.from(values);
    },
    snapshot: (): EnvSnapshot => ({ state: Float64Array.from(state), elapsedSteps: elapsed, random: random.snapshot() }),
    restore(snapshot: EnvSnapshot): void {
      if (snapshot.state.length !== dynamics.stateSize) throw new RangeError(`${dynamics.id}: snapshot state has ${snapshot.state.length} entries, want ${dynamics.stateSize}`);
      state = Float64Array.from(snapshot.state);
      elapsed = snapshot.elapsedSteps;
      random = new NumpyGenerator(snapshot.random as NumpyGeneratorState);
    },
    close: () => undefined,
  };
};
