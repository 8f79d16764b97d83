/**
 * Several copies of one env stepped together in-process, with Gymnasium's same-step auto-reset.
 *
 * @module
 */
import type { Env, EnvSnapshot } from './env.js';
import type { BoxSpace, Space } from './space.js';
import { flatDim } from './space.js';

/** The mutable outcome record of {@link StepsInPlace.stepInto}; overwritten by the next call. */
export interface InPlaceStepResult {
  reward: number;
  terminated: boolean;
  truncated: boolean;
}

/**
 * An env that can step into caller-owned buffers without allocating (the classic-control envs
 * can); {@link VectorEnv} uses it when present and falls back to `Env.step` otherwise.
 */
export interface StepsInPlace {
  /**
   * Steps with the action at `actions[actionOffset .. actionOffset + actDim)` (a category index
   * for Discrete), writes the observation at `observations[observationOffset ..]` and returns a
   * record that the next call overwrites. Same checks and errors as `Env.step`.
   */
  stepInto(actions: ArrayLike<number>, actionOffset: number, observations: Float32Array, observationOffset: number): InPlaceStepResult;
}

const canStepInPlace = (env: Env): env is Env & StepsInPlace => typeof (env as Partial<StepsInPlace>).stepInto === 'function';

/**
 * What one {@link VectorEnv.step} returns. The typed arrays and this record are owned by the
 * vector env and overwritten by its next `step`: copy what must outlive it. The final
 * observations are fresh arrays.
 */
export interface VectorStepResult {
  /** Observation of each env after the step, `[num, obsDim]` row-major; for an episode that ended, the first observation of the next one. */
  readonly observations: Float32Array;
  /** `[num]` */
  readonly rewards: Float64Array;
  /** `[num]`, 1 where the episode reached a terminal state. */
  readonly terminated: Uint8Array;
  /** `[num]`, 1 where the time limit cut the episode (may be 1 together with `terminated`). */
  readonly truncated: Uint8Array;
  /** Last observation `[obsDim]` of each episode that ended in this step; null for the others. */
  readonly finalObservations: (Float32Array | null)[];
  /** `[num]`, 1 where the episode ended because the simulation went unstable (MuJoCo envs flag it). */
  readonly unstable: Uint8Array;
}

/** Plain-data state of a vector env: per env its simulator state, elapsed steps and generator state. */
export interface VectorEnvState {
  readonly envs: readonly EnvSnapshot[];
}

/**
 * `num` envs of one id stepped together, synchronously, with same-step auto-reset: an env whose
 * episode ends (terminated or truncated) is reset at once (continuing its own generator), its row
 * of `observations` holds the new episode's first observation and `finalObservations[i]` the last
 * one of the finished episode. Envs are owned: {@link VectorEnv.close} closes them.
 *
 * @example
 * const envs = VectorEnv.ofCopies(() => makeEnv('CartPole-v1'), 8);
 * let obs = envs.reset(42);                                  // [8 · 4], env i seeded 42 + i
 * const { observations, rewards, finalObservations } = envs.step(new Float32Array(8).fill(1));
 */
export class VectorEnv {
  /** Number of envs. */
  readonly num: number;
  /** The envs' id. */
  readonly id: string;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: Space;
  /** Scalars per observation row. */
  readonly obsDim: number;
  /** Action scalars per env (1 for Discrete). */
  readonly actDim: number;
  private readonly result: {
    observations: Float32Array;
    rewards: Float64Array;
    terminated: Uint8Array;
    truncated: Uint8Array;
    finalObservations: (Float32Array | null)[];
    unstable: Uint8Array;
  };

  /** Wraps the given envs (at least one, all of one id); the vector env owns them from now on. */
  constructor(private readonly envs: readonly Env[]) {
    if (envs.length === 0) throw new RangeError('VectorEnv needs at least one env');
    const ids = new Set(envs.map((e) => e.id));
    if (ids.size !== 1) throw new RangeError(`VectorEnv envs must share one id, got ${[...ids].join(', ')}`);
    this.num = envs.length;
    this.id = envs[0].id;
    this.observationSpace = envs[0].observationSpace;
    this.actionSpace = envs[0].actionSpace;
    this.obsDim = flatDim(this.observationSpace);
    this.actDim = flatDim(this.actionSpace);
    this.result = {
      observations: new Float32Array(this.num * this.obsDim),
      rewards: new Float64Array(this.num),
      terminated: new Uint8Array(this.num),
      truncated: new Uint8Array(this.num),
      finalObservations: new Array<Float32Array | null>(this.num).fill(null),
      unstable: new Uint8Array(this.num),
    };
  }

  /** `num` envs from `make` (called with the index 0 … num − 1). */
  static ofCopies(make: (index: number) => Env, num: number): VectorEnv {
    if (!Number.isSafeInteger(num) || num < 1) throw new RangeError(`VectorEnv.ofCopies: num must be a positive integer, got ${num}`);
    return new VectorEnv(Array.from({ length: num }, (_, i) => make(i)));
  }

  /**
   * Starts a new episode in every env, env i seeded with `seed + i` (Gymnasium's vector-env
   * convention); without a seed every env continues its own generator. Returns a fresh
   * `[num, obsDim]` array.
   */
  reset(seed?: number): Float32Array {
    const out = new Float32Array(this.num * this.obsDim);
    for (let i = 0; i < this.num; i++) out.set(this.envs[i].reset(seed === undefined ? undefined : seed + i), i * this.obsDim);
    return out;
  }

  /**
   * Steps env i with `actions[i·actDim .. (i+1)·actDim)` (a category index for Discrete) and
   * auto-resets the envs whose episode ended. The result's arrays are reused by the next call.
   */
  step(actions: ArrayLike<number>): VectorStepResult {
    const { num, obsDim, actDim, envs, result } = this;
    if (actions.length !== num * actDim) throw new RangeError(`VectorEnv.step: ${actions.length} action values, want ${num * actDim} (${num} envs × ${actDim})`);
    const { observations, rewards, terminated, truncated, finalObservations, unstable } = result;
    const discrete = this.actionSpace._tag === 'Discrete';
    for (let i = 0; i < num; i++) {
      const env = envs[i];
      const row = i * obsDim;
      let done: boolean;
      if (canStepInPlace(env)) {
        const r = env.stepInto(actions, i * actDim, observations, row);
        rewards[i] = r.reward;
        terminated[i] = r.terminated ? 1 : 0;
        truncated[i] = r.truncated ? 1 : 0;
        unstable[i] = 0;
        done = r.terminated || r.truncated;
      } else {
        const action = discrete ? actions[i] : actions instanceof Float32Array ? actions.subarray(i * actDim, (i + 1) * actDim) : Float32Array.from({ length: actDim }, (_, j) => actions[i * actDim + j]);
        const r = env.step(action);
        observations.set(r.observation, row);
        rewards[i] = r.reward;
        terminated[i] = r.terminated ? 1 : 0;
        truncated[i] = r.truncated ? 1 : 0;
        unstable[i] = (r as { readonly unstable?: boolean }).unstable ? 1 : 0;
        done = r.terminated || r.truncated;
      }
      if (done) {
        finalObservations[i] = observations.slice(row, row + obsDim);
        observations.set(env.reset(), row);
      } else finalObservations[i] = null;
    }
    return result;
  }

  /** Each env's simulator state (fresh float64 arrays, Gymnasium's `env.unwrapped.state` layout). */
  getStates(): Float64Array[] {
    return this.envs.map((e) => e.getState());
  }

  /** Sets each env's simulator state; elapsed-step counters and generators are kept. */
  setStates(states: readonly ArrayLike<number>[]): void {
    if (states.length !== this.num) throw new RangeError(`VectorEnv.setStates: ${states.length} states for ${this.num} envs`);
    this.envs.forEach((e, i) => e.setState(states[i]));
  }

  /** Steps taken so far in each env's current episode. */
  elapsedSteps(): number[] {
    return this.envs.map((e) => e.snapshot().elapsedSteps);
  }

  /** Everything needed to continue exactly from here, as plain data. */
  snapshot(): VectorEnvState {
    return { envs: this.envs.map((e) => e.snapshot()) };
  }

  /** Env `index`'s snapshot alone (what {@link snapshot} holds at that index). */
  snapshotEnv(index: number): EnvSnapshot {
    const env = this.envs[index];
    if (!env) throw new RangeError(`VectorEnv.snapshotEnv: no env ${index} among ${this.num}`);
    return env.snapshot();
  }

  /** Restores a {@link VectorEnvState} taken from a vector env of the same id and size. */
  restore(state: VectorEnvState): void {
    if (state.envs.length !== this.num) throw new RangeError(`VectorEnv.restore: ${state.envs.length} snapshots for ${this.num} envs`);
    this.envs.forEach((e, i) => e.restore(state.envs[i]));
  }

  /** Closes every env. */
  close(): void {
    this.envs.forEach((e) => e.close());
  }
}
