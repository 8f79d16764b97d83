/**
 * The base shared by the Gymnasium v5 MuJoCo locomotion envs on mujoco-js (MuJoCo 3.3.8 as
 * WebAssembly): model compilation, frame skip, reset noise, `state_vector`/`set_state`, the
 * 1000-step time limit, and ending an episode whose simulation went unstable. A task
 * ({@link LocomotionTask}) brings the model and its observation, health and reward rules.
 *
 * Source: Gymnasium 1.x gymnasium/envs/mujoco/mujoco_env.py (`MujocoEnv`: `do_simulation`,
 * `set_state`, `state_vector`, `reset`, `dt`, `_set_action_space`).
 *
 * @module
 */
import loadMujoco from 'mujoco-js';
import type { MainModule, MjData, MjModel } from 'mujoco-js';
import type { Action, Env, EnvSnapshot, StepResult } from '../env.js';
import { InvalidValueError } from '../env.js';
import type { BoxSpace } from '../space.js';
import { box } from '../space.js';
import type { NumpyGenerator, NumpyGeneratorState } from '../numpyRandom.js';
import { resetGenerator, restoredGenerator } from '../seeding.js';

/** A Gymnasium v5 locomotion task: what Swimmer, Hopper, Walker2d and HalfCheetah do differently. */
export interface LocomotionTask {
  readonly id: string;
  /** The MJCF model. */
  readonly xml: string;
  /** MuJoCo steps per env step; the env's `dt` is `timestep · frameSkip` (s). */
  readonly frameSkip: number;
  /** Gymnasium's `max_episode_steps` (TimeLimit). */
  readonly maxEpisodeSteps: number;
  /** Leading qpos entries left out of the observation (`exclude_current_positions_from_observation`). */
  readonly skippedQpos: number;
  /** Writes the observation `[nq − skippedQpos + nv]` for the simulator state into `out`. */
  readonly observe: (qpos: Float64Array, qvel: Float64Array, out: Float32Array) => void;
  /** Gymnasium's `is_healthy` (always true for tasks without one). */
  readonly isHealthy: (qpos: Float64Array, qvel: Float64Array) => boolean;
  /** An unhealthy state terminates the episode (`terminate_when_unhealthy`). */
  readonly terminateWhenUnhealthy: boolean;
  /** Reward of a step: forward velocity of the root along x (m/s), health after the step, the float32 action. */
  readonly reward: (xVelocity: number, healthy: boolean, action: Float32Array) => number;
  /**
   * Reset noise from `np_random`: qpos gets uniform(±scale) (nq draws), then qvel uniform(±scale) or
   * scale · standard_normal() (nv draws).
   */
  readonly resetNoise: { readonly scale: number; readonly qvel: 'uniform' | 'normal' };
}

/** A step result that says whether the simulation went unstable (then `terminated` is true too). */
export interface MujocoStepResult extends StepResult {
  /** The step hit NaN/inf or MuJoCo's instability check: the observation is the last finite one, the reward 0. */
  readonly unstable?: boolean;
}

/** {@link EnvSnapshot} of a MuJoCo env: the solver's warm start and the clock come along, so a restore continues bit for bit. */
export interface MujocoEnvSnapshot extends EnvSnapshot {
  /** NumPy generator state (`np_random`); null while the env has never been reset (it would seed with 0). */
  readonly random: NumpyGeneratorState | null;
  /** `qacc_warmstart` `[nv]`, the constraint solver's starting point for the next step. */
  readonly warmstart: Float64Array;
  /** Simulation time (s). */
  readonly time: number;
}

/** A MuJoCo locomotion env: an {@link Env} with its simulator's sizes and clock. */
export interface MujocoEnv extends Env {
  readonly observationSpace: BoxSpace;
  readonly actionSpace: BoxSpace;
  /** Generalized coordinates and velocities: `getState()` has `nq + nv` entries. */
  readonly nq: number;
  readonly nv: number;
  /** MuJoCo's timestep (s). */
  readonly timestep: number;
  /** Time per env step, `timestep · frameSkip` (s), as Gymnasium's `dt`. */
  readonly dt: number;
  step(action: Action): MujocoStepResult;
  snapshot(): MujocoEnvSnapshot;
}

export { DEFAULT_SEED } from '../seeding.js';

/** MuJoCo's `mjMAXVAL`: a qpos/qvel/qacc entry beyond it (or NaN) counts as unstable (`mju_isBad`). */
export const MJ_MAXVAL = 1e10;

// mjtWarning: mjWARN_BADQPOS, mjWARN_BADQVEL, mjWARN_BADQACC. On any of them mj_step resets the data.
const INSTABILITY_WARNINGS = [4, 5, 6] as const;

let loading: Promise<MainModule> | undefined;

/**
 * The MuJoCo wasm module, loaded once per process. MuJoCo's printed warnings are dropped: library
 * code does not print, and the one warning that matters here (an unstable simulation) reaches the
 * caller as `unstable: true` on the step result.
 */
export const mujocoModule = (): Promise<MainModule> => {
  loading ??= loadMujoco({ print: () => undefined }).then((mujoco) => {
    mujoco.FS.mkdir(MODEL_DIR);
    return mujoco;
  });
  return loading;
};

const MODEL_DIR = '/locomotion-models';

/**
 * Compiles MJCF text into a model (through a file in the module's in-memory file system, removed
 * after). The caller owns the model: `model.delete()` frees it.
 */
export const compileModel = (mujoco: MainModule, name: string, xml: string): MjModel => {
  const file = `${MODEL_DIR}/${name}.xml`;
  mujoco.FS.writeFile(file, xml);
  try {
    return mujoco.MjModel.loadFromXML(file);
  } finally {
    mujoco.FS.unlink(file);
  }
};

/**
 * Gymnasium's control cost `w · np.sum(np.square(action))` for a float32 action under NumPy 2
 * promotion: squares and their running sum in float32, the Python-float weight cast to float32,
 * the product float32. (Matches the recorded v5 rewards bit for bit; float64 arithmetic would be
 * off by up to 4e-8.)
 *
 * @example controlCost(0.1)(Float32Array.of(1, -0.5)) // Math.fround(Math.fround(0.1) * 1.25)
 */
export const controlCost =
  (weight: number) =>
  (action: ArrayLike<number>): number => {
    let sum = 0;
    for (let i = 0; i < action.length; i++) sum = Math.fround(sum + Math.fround(action[i] * action[i]));
    return Math.fround(Math.fround(weight) * sum);
  };

/**
 * Gymnasium's `_get_obs` for the locomotion envs: qpos without its first `skippedQpos` entries,
 * then qvel, clipped to ±`velocityClip` when given (Hopper, Walker2d: 10), rounded to float32.
 */
export const positionsThenVelocities =
  ({ skippedQpos, velocityClip = Infinity }: { readonly skippedQpos: number; readonly velocityClip?: number }) =>
  (qpos: Float64Array, qvel: Float64Array, out: Float32Array): void => {
    const offset = qpos.length - skippedQpos;
    for (let i = skippedQpos; i < qpos.length; i++) out[i - skippedQpos] = qpos[i];
    for (let i = 0; i < qvel.length; i++) {
      const v = qvel[i];
      out[offset + i] = v > velocityClip ? velocityClip : v < -velocityClip ? -velocityClip : v;
    }
  };

/** Every entry passes MuJoCo's `mju_isBad` test (finite, |x| ≤ mjMAXVAL). */
const sane = (xs: ArrayLike<number>): boolean => {
  for (let i = 0; i < xs.length; i++) if (!(Math.abs(xs[i]) <= MJ_MAXVAL)) return false;
  return true;
};

/** Typed-array views into wasm memory; they detach when the memory grows and are fetched again. */
interface Views {
  qpos: Float64Array;
  qvel: Float64Array;
  ctrl: Float64Array;
  warmstart: Float64Array;
}

const viewsOf = (data: MjData): Views => ({
  qpos: data.qpos as Float64Array,
  qvel: data.qvel as Float64Array,
  ctrl: data.ctrl as Float64Array,
  warmstart: data.qacc_warmstart as Float64Array,
});

/** How many instability warnings MuJoCo has counted since the data was last reset. */
const instabilityWarnings = (data: MjData): number => {
  const stats = data.warning;
  let count = 0;
  for (const kind of INSTABILITY_WARNINGS) {
    const stat = stats.get(kind);
    if (stat) {
      count += stat.number;
      stat.delete();
    }
  }
  stats.delete();
  return count;
};

const describeAction = (action: Action): string => (typeof action === 'number' ? `the number ${action}` : `${action.length} values`);

/**
 * A new env for `task` (loads the wasm module on first use), not yet reset: `step` before
 * `reset`, `setState` or `restore` throws, as Gymnasium's OrderEnforcing does.
 *
 * `step` copies the float32 action into `data.ctrl` (MuJoCo clamps it to the ctrlrange), runs
 * `frameSkip` `mj_step`s and returns a fresh observation. A step whose simulation went unstable
 * (NaN/inf or |x| > 1e10 in qpos or qvel, or MuJoCo's own bad-qpos/qvel/qacc reset) returns
 * `terminated: true, unstable: true`, reward 0 and the last finite observation. A NaN/infinite
 * action throws `InvalidValueError` (as does an action so large that its float32 control cost
 * overflows, where Gymnasium would return a reward of −inf).
 *
 * @example
 * const env = await locomotionEnv(hopper);
 * env.reset(0);
 * const { observation, reward, terminated, truncated } = env.step(new Float32Array(3));
 * env.close();
 */
export const locomotionEnv = async (task: LocomotionTask): Promise<MujocoEnv> => {
  const mujoco = await mujocoModule();
  const { id, frameSkip, maxEpisodeSteps, skippedQpos } = task;
  const model = compileModel(mujoco, id, task.xml);
  // allocating the data fails when the 2 GB wasm heap is full (about 150 Hopper envs per process)
  const data = ((): MjData => {
    try {
      return new mujoco.MjData(model);
    } catch (error) {
      model.delete();
      throw error;
    }
  })();
  const nq = model.nq, nv = model.nv, nu = model.nu;
  const option = model.opt;
  const timestep = option.timestep;
  option.delete();
  const dt = timestep * frameSkip;
  const initQpos = Float64Array.from(model.qpos0 as Float64Array);
  const initQvel = new Float64Array(nv);
  const ctrlRange = Float64Array.from(model.actuator_ctrlrange as Float64Array);
  const obsSize = nq - skippedQpos + nv;
  const noiseScale = task.resetNoise.scale;
  const normalQvelNoise = task.resetNoise.qvel === 'normal';

  let views = viewsOf(data);
  /** The views, fetched again if wasm memory grew since (another env was made, say). */
  const live = (): Views => (views.qpos.buffer.byteLength === 0 ? (views = viewsOf(data)) : views);

  let random: NumpyGenerator | null = null;
  let elapsed = 0;
  let started = false;
  let closed = false;
  // the observation of the last sane state, returned again by an unstable step
  const lastSane = new Float32Array(obsSize);

  const open = (): void => {
    if (closed) throw new Error(`${id}: the env was closed`);
  };

  const writeState = (qposValues: ArrayLike<number>, qvelValues: ArrayLike<number>, qvelOffset: number): void => {
    const { qpos, qvel } = live();
    for (let i = 0; i < nq; i++) qpos[i] = qposValues[i];
    for (let i = 0; i < nv; i++) qvel[i] = qvelValues[qvelOffset + i];
    mujoco.mj_forward(model, data);
    const after = live();
    if (sane(after.qpos) && sane(after.qvel)) task.observe(after.qpos, after.qvel, lastSane);
  };

  const setState = (state: ArrayLike<number>): void => {
    open();
    if (state.length !== nq + nv) throw new RangeError(`${id}: state must have ${nq + nv} entries (qpos ${nq}, qvel ${nv}), got ${state.length}`);
    writeState(state, state, nq);
    started = true;
  };

  const getState = (): Float64Array => {
    open();
    const { qpos, qvel } = live();
    const state = new Float64Array(nq + nv);
    state.set(qpos);
    state.set(qvel, nq);
    return state;
  };

  return {
    id,
    observationSpace: box(new Array<number>(obsSize).fill(-Infinity), new Array<number>(obsSize).fill(Infinity)),
    actionSpace: box(
      Array.from({ length: nu }, (_, i) => ctrlRange[2 * i]),
      Array.from({ length: nu }, (_, i) => ctrlRange[2 * i + 1]),
    ),
    maxEpisodeSteps,
    nq,
    nv,
    timestep,
    dt,

    reset(seed?: number): Float32Array {
      open();
      random = resetGenerator(id, random, seed);
      const draw = random;
      mujoco.mj_resetData(model, data);
      // reset_model: init_qpos + U(±s), then init_qvel + U(±s) or + s·N(0, 1), then set_state
      const qpos = initQpos.map((q) => q + draw.uniform(-noiseScale, noiseScale));
      const qvel = initQvel.map((v) => v + (normalQvelNoise ? noiseScale * draw.standardNormal() : draw.uniform(-noiseScale, noiseScale)));
      writeState(qpos, qvel, 0);
      elapsed = 0;
      started = true;
      return lastSane.slice();
    },

    step(action: Action): MujocoStepResult {
      open();
      if (!started) throw new Error(`${id}: step() before reset(); call reset() (or setState/restore) first`);
      if (typeof action === 'number' || action.length !== nu) throw new RangeError(`${id}: action must be a Float32Array of ${nu} values, got ${describeAction(action)} at step ${elapsed}`);
      for (let i = 0; i < nu; i++) if (!Number.isFinite(action[i])) throw new InvalidValueError(id, elapsed, 'action', action);

      let { qpos, qvel, ctrl } = live();
      for (let i = 0; i < nu; i++) ctrl[i] = action[i];
      const xBefore = qpos[0];
      const timeBefore = data.time;
      // MuJoCo answers a bad qpos/qvel/qacc by resetting the data, clock and warning counters
      // included, and counting a warning. The clock tells (it restarts from 0) unless the step
      // began at time 0 too; only then are the (slower to read) counters compared.
      const warningsBefore = timeBefore === 0 ? instabilityWarnings(data) : 0;
      let expectedTime = timeBefore;
      for (let k = 0; k < frameSkip; k++) {
        mujoco.mj_step(model, data);
        expectedTime += timestep;
      }
      elapsed += 1;
      const truncated = elapsed >= maxEpisodeSteps;
      ({ qpos, qvel } = live());
      const resetByMujoco = data.time !== expectedTime || (timeBefore === 0 && instabilityWarnings(data) !== warningsBefore);
      if (resetByMujoco || !sane(qpos) || !sane(qvel)) return { observation: lastSane.slice(), reward: 0, terminated: true, truncated, unstable: true };

      const observation = new Float32Array(obsSize);
      task.observe(qpos, qvel, observation);
      const healthy = task.isHealthy(qpos, qvel);
      const reward = task.reward((qpos[0] - xBefore) / dt, healthy, action);
      if (!Number.isFinite(reward)) throw new InvalidValueError(id, elapsed - 1, 'reward', reward);
      lastSane.set(observation);
      return { observation, reward, terminated: task.terminateWhenUnhealthy && !healthy, truncated, unstable: false };
    },

    getState,
    setState,

    snapshot(): MujocoEnvSnapshot {
      const state = getState();
      return { state, elapsedSteps: elapsed, random: random?.snapshot() ?? null, warmstart: live().warmstart.slice(), time: data.time };
    },

    restore(snapshot: EnvSnapshot): void {
      const { warmstart, time } = snapshot as Partial<MujocoEnvSnapshot>;
      const restored = restoredGenerator(id, snapshot.random);
      setState(snapshot.state);
      if (warmstart !== undefined) {
        if (warmstart.length !== nv) throw new RangeError(`${id}: snapshot warm start must have ${nv} entries, got ${warmstart.length}`);
        live().warmstart.set(warmstart);
      }
      if (time !== undefined) data.time = time;
      elapsed = snapshot.elapsedSteps;
      random = restored;
    },

    close(): void {
      if (closed) return;
      closed = true;
      data.delete();
      model.delete();
    },
  };
};
