import type { Env, EnvSnapshot } from './env.js';
import type { BoxSpace, Space } from './space.js';
import { flatDim } from './space.js';

/** What one step of all envs returns. Arrays are fresh per call. */
export interface VectorStepResult {
  /** Next observation of each env `[num, obsDim]`; for a finished episode, the first of the new one. */
  readonly observations: Float32Array;
  readonly rewards: Float64Array;
  readonly terminated: Uint8Array;
  readonly truncated: Uint8Array;
  /** Last observation of each episode that ended in this step (null for the others). */
  readonly finalObservations: (Float32Array | null)[];
  /** Episodes that ended because the simulation went unstable (MuJoCo). */
  readonly unstable: Uint8Array;
}

/** Plain-data state of a vector env: one snapshot per env. */
export interface VectorEnvState {
  readonly envs: readonly EnvSnapshot[];
}

/**
 * `num` envs stepped together in-process, with auto-reset in the same step: an env whose episode
 * ended is reset at once and its final observation is kept in `finalObservations`.
 */
export class VectorEnv {
  readonly num: number;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: Space;
  private readonly obsDim: number;
  private readonly actDim: number;

  constructor(private readonly envs: readonly Env[]) {
    if (envs.length === 0) throw new RangeError('VectorEnv needs at least one env');
    const ids = new Set(envs.map((e) => e.id));
    if (ids.size !== 1) throw new RangeError(`VectorEnv envs must share one id, got ${[...ids].join(', ')}`);
    this.num = envs.length;
    this.observationSpace = envs[0].observationSpace;
    this.actionSpace = envs[0].actionSpace;
    this.obsDim = flatDim(this.observationSpace);
    this.actDim = flatDim(this.actionSpace);
  }

  /** Resets every env, env i with `seed + i` (Gymnasium's vector-env convention); `[num, obsDim]`. */
  reset(seed?: number): Float32Array {
    const out = new Float32Array(this.num * this.obsDim);
    this.envs.forEach((env, i) => out.set(env.reset(seed === undefined ? undefined : seed + i), i * this.obsDim));
    return out;
  }

  /** Steps env i with `actions[i·actDim .. (i+1)·actDim)` (a category index for Discrete). */
  step(actions: ArrayLike<number>): VectorStepResult {
    if (actions.length !== this.num * this.actDim) throw new RangeError(`VectorEnv.step: ${actions.length} action values, want ${this.num * this.actDim}`);
    const observations = new Float32Array(this.num * this.obsDim);
    const rewards = new Float64Array(this.num), terminated = new Uint8Array(this.num), truncated = new Uint8Array(this.num), unstable = new Uint8Array(this.num);
    const finalObservations: (Float32Array | null)[] = new Array(this.num).fill(null);
    const discrete = this.actionSpace._tag === 'Discrete';
    for (let i = 0; i < this.num; i++) {
      const env = this.envs[i];
      const action = discrete ? actions[i] : Float32Array.from({ length: this.actDim }, (_, j) => actions[i * this.actDim + j]);
      const result = env.step(action);
      rewards[i] = result.reward;
      terminated[i] = result.terminated ? 1 : 0;
      truncated[i] = result.truncated ? 1 : 0;
      unstable[i] = (result as { unstable?: boolean }).unstable ? 1 : 0;
      if (result.terminated || result.truncated) {
        finalObservations[i] = result.observation;
        observations.set(env.reset(), i * this.obsDim);
      } else observations.set(result.observation, i * this.obsDim);
    }
    return { observations, rewards, terminated, truncated, finalObservations, unstable };
  }

  /** Every env's snapshot, as plain data. */
  snapshot(): VectorEnvState {
    return { envs: this.envs.map((e) => e.snapshot()) };
  }

  /** Restores {@link snapshot}'s output. */
  restore(state: VectorEnvState): void {
    if (state.envs.length !== this.num) throw new RangeError(`VectorEnv.restore: ${state.envs.length} snapshots for ${this.num} envs`);
    this.envs.forEach((e, i) => e.restore(state.envs[i]));
  }

  /** Closes every env. */
  close(): void {
    this.envs.forEach((e) => e.close());
  }
}
