import loadMujoco from 'mujoco-js';
import type { Action, Env, EnvSnapshot, StepResult } from '../env.js';
import { InvalidValueError } from '../env.js';
import type { NumpyGeneratorState } from '../numpyRandom.js';
import { NumpyGenerator } from '../numpyRandom.js';
import { box } from '../space.js';

/** The loaded MuJoCo wasm module (typed loosely: mujoco-js ships embind declarations). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- embind objects have dynamic members
type Mujoco = any; // any: the embind module's members (MjModel, MjData, FS) are untyped at this level

let modulePromise: Promise<Mujoco> | null = null;
/** Loads the MuJoCo wasm module once per process. */
export const mujocoModule = (): Promise<Mujoco> => {
  if (!modulePromise)
    modulePromise = loadMujoco().then((m: Mujoco) => {
      m.FS.mkdir('/models');
      return m;
    });
  return modulePromise;
};

/** What the simulation looks like after a step, for a task's reward and health rules. */
export interface SimulationView {
  readonly qpos: Float64Array;
  readonly qvel: Float64Array;
}

/** One Gymnasium v5 locomotion task: model, observation layout, reward, health, reset noise. */
export interface LocomotionTask {
  readonly id: string;
  readonly xml: string;
  readonly frameSkip: number;
  /** Leading qpos entries left out of the observation (the x, or x and y, coordinates). */
  readonly skippedQpos: number;
  /** Clip of the velocities in the observation (Hopper, Walker2d: 10), or null. */
  readonly clipQvel: number | null;
  readonly resetNoiseScale: number;
  /** How qvel is perturbed at reset: uniform(±scale) or scale · N(0, 1). */
  readonly qvelResetNoise: 'uniform' | 'normal';
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  /** Healthy reward and its rule (null for tasks without one). */
  readonly health: { readonly reward: number; readonly isHealthy: (sim: SimulationView) => boolean } | null;
}

/** Gymnasium's control cost: weight · Σ a², with NumPy's float32 square and sum. */
const controlCost = (weight: number, action: Float32Array): number => {
  let sum = 0;
  for (let i = 0; i < action.length; i++) sum = Math.fround(sum + Math.fround(action[i] * action[i]));
  return weight * sum;
};

/** A step result that may flag a simulation gone unstable (NaN/inf state): the episode ends there. */
export interface MujocoStepResult extends StepResult {
  readonly unstable: boolean;
}

/**
 * A Gymnasium v5 MuJoCo env on mujoco-js: frame skip, rewards, termination, reset noise and the
 * 1000-step time limit as `gymnasium.make` applies them. getState/setState use `state_vector()`
 * (qpos then qvel); setState runs mj_forward as Gymnasium's `set_state` does.
 */
export const makeLocomotionEnv = async (task: LocomotionTask): Promise<Env> => {
  const mujoco = await mujocoModule();
  const file = `/models/${task.id}.xml`;
  mujoco.FS.writeFile(file, task.xml);
  const model = mujoco.MjModel.loadFromXML(file);
  const data = new mujoco.MjData(model);
  const nq: number = model.nq, nv: number = model.nv, nu: number = model.nu;
  const dt = model.opt.timestep * task.frameSkip;
  const initQpos = Float64Array.from(model.qpos0 as ArrayLike<number>);
  const ctrlRange = Float64Array.from(model.actuator_ctrlrange as ArrayLike<number>);
  const obsDim = nq - task.skippedQpos + nv;
  const maxEpisodeSteps = 1000;
  let random = new NumpyGenerator(0);
  let elapsed = 0;
  let closed = false;
  let lastObservation: Float32Array = new Float32Array(obsDim);
  // views into wasm memory go stale when the memory grows: fetch them again per call
  const qpos = (): Float64Array => data.qpos;
  const qvel = (): Float64Array => data.qvel;

  const observe = (): Float32Array => {
    const p = qpos(), v = qvel();
    const out = new Float32Array(obsDim);
    for (let i = task.skippedQpos; i < nq; i++) out[i - task.skippedQpos] = p[i];
    const clip = task.clipQvel;
    for (let i = 0; i < nv; i++) out[nq - task.skippedQpos + i] = clip === null ? v[i] : Math.min(Math.max(v[i], -clip), clip);
    return out;
  };
  const setState = (state: ArrayLike<number>): void => {
    if (state.length !== nq + nv) throw new RangeError(`${task.id}: state must have ${nq + nv} entries (qpos ${nq}, qvel ${nv}), got ${state.length}`);
    const p = qpos(), v = qvel();
    for (let i = 0; i < nq; i++) p[i] = state[i];
    for (let i = 0; i < nv; i++) v[i] = state[nq + i];
    mujoco.mj_forward(model, data);
  };
  const getState = (): Float64Array => {
    const out = new Float64Array(nq + nv);
    out.set(qpos());
    out.set(qvel(), nq);
    return out;
  };
  // mjWARN_BADQPOS, mjWARN_BADQVEL, mjWARN_BADQACC
  const instabilityWarnings = (): number => {
    const warnings = data.warning;
    let count = 0;
    for (const kind of [4, 5, 6]) {
      const stat = warnings.get(kind);
      count += stat.number as number;
      stat.delete?.(); // embind handles are freed by hand
    }
    warnings.delete?.();
    return count;
  };
  const finite = (xs: ArrayLike<number>): boolean => {
    for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i])) return false;
    return true;
  };
  const guard = () => {
    if (closed) throw new Error(`${task.id}: the env was closed`);
  };

  return {
    id: task.id,
    observationSpace: box(new Array(obsDim).fill(-Infinity), new Array(obsDim).fill(Infinity)),
    actionSpace: box(
      Array.from({ length: nu }, (_, i) => ctrlRange[2 * i]),
      Array.from({ length: nu }, (_, i) => ctrlRange[2 * i + 1]),
    ),
    maxEpisodeSteps,
    reset(seed?: number): Float32Array {
      guard();
      if (seed !== undefined) random = new NumpyGenerator(seed);
      mujoco.mj_resetData(model, data);
      const s = task.resetNoiseScale;
      const state = new Float64Array(nq + nv);
      for (let i = 0; i < nq; i++) state[i] = initQpos[i] + random.uniform(-s, s);
      for (let i = 0; i < nv; i++) state[nq + i] = task.qvelResetNoise === 'uniform' ? random.uniform(-s, s) : s * random.standardNormal();
      setState(state);
      elapsed = 0;
      lastObservation = observe();
      return lastObservation;
    },
    step(action: Action): MujocoStepResult {
      guard();
      const a = typeof action === 'number' ? Float32Array.of(action) : action;
      if (a.length !== nu) throw new RangeError(`${task.id}: action must have ${nu} entries, got ${a.length} at step ${elapsed}`);
      if (!finite(a)) throw new InvalidValueError(task.id, elapsed, 'action', a);
      const ctrl: Float64Array = data.ctrl;
      for (let i = 0; i < nu; i++) ctrl[i] = a[i];
      const p0 = qpos();
      const xBefore = p0[0];
      const warningsBefore = instabilityWarnings();
      const timeBefore = data.time as number;
      for (let k = 0; k < task.frameSkip; k++) mujoco.mj_step(model, data);
      // MuJoCo answers a NaN/inf/huge qpos, qvel or qacc by resetting the data (warning counters
      // and clock included) and counting a warning: either sign tells an unstable step
      const timeStep = model.opt.timestep as number;
      const resetByMujoco =
        instabilityWarnings() !== warningsBefore || Math.abs((data.time as number) - (timeBefore + task.frameSkip * timeStep)) > timeStep / 2;
      elapsed += 1;
      const truncated = elapsed >= maxEpisodeSteps;
      const p = qpos(), v = qvel();
      if (resetByMujoco || !finite(p) || !finite(v)) {
        // the simulation blew up: end the episode with a finite observation and a flag
        return { observation: lastObservation, reward: 0, terminated: true, truncated, unstable: true };
      }
      const xVelocity = (p[0] - xBefore) / dt;
      const healthy = task.health ? task.health.isHealthy({ qpos: p, qvel: v }) : true;
      const healthReward = task.health ? (healthy ? task.health.reward : 0) : 0;
      const reward = task.forwardRewardWeight * xVelocity + healthReward - controlCost(task.ctrlCostWeight, a);
      lastObservation = observe();
      return { observation: lastObservation, reward, terminated: task.health !== null && !healthy, truncated, unstable: false };
    },
    getState,
    setState,
    snapshot: (): EnvSnapshot => ({ state: getState(), elapsedSteps: elapsed, random: random.snapshot() }),
    restore(snapshot: EnvSnapshot): void {
      setState(snapshot.state);
      elapsed = snapshot.elapsedSteps;
      random = new NumpyGenerator(snapshot.random as NumpyGeneratorState);
      lastObservation = observe();
    },
    close(): void {
      if (closed) return;
      closed = true;
      data.delete();
      model.delete();
    },
  };
};
