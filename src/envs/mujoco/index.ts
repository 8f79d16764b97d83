import type { Env } from '../env.js';
import { UnknownEnvError } from '../env.js';
import { halfCheetahXml } from './models/halfCheetah.js';
import { hopperXml } from './models/hopper.js';
import { swimmerXml } from './models/swimmer.js';
import { walker2dXml } from './models/walker2d.js';
import type { LocomotionTask } from './mujocoEnv.js';
import { makeLocomotionEnv } from './mujocoEnv.js';

// Gymnasium 1.x gymnasium/envs/mujoco/{hopper,walker2d,half_cheetah,swimmer}_v5.py defaults.
const tasks: Readonly<Record<string, LocomotionTask>> = {
  'Swimmer-v5': {
    id: 'Swimmer-v5',
    xml: swimmerXml,
    frameSkip: 4,
    skippedQpos: 2,
    clipQvel: null,
    resetNoiseScale: 0.1,
    qvelResetNoise: 'uniform',
    forwardRewardWeight: 1.0,
    ctrlCostWeight: 1e-4,
    health: null,
  },
  'Hopper-v5': {
    id: 'Hopper-v5',
    xml: hopperXml,
    frameSkip: 4,
    skippedQpos: 1,
    clipQvel: 10,
    resetNoiseScale: 5e-3,
    qvelResetNoise: 'uniform',
    forwardRewardWeight: 1.0,
    ctrlCostWeight: 1e-3,
    health: {
      reward: 1.0,
      // z > 0.7, |pitch| < 0.2, and every entry of state_vector()[2:] inside (−100, 100)
      isHealthy: ({ qpos, qvel }) => {
        const z = qpos[1], angle = qpos[2];
        for (let i = 2; i < qpos.length; i++) if (!(qpos[i] > -100 && qpos[i] < 100)) return false;
        for (let i = 0; i < qvel.length; i++) if (!(qvel[i] > -100 && qvel[i] < 100)) return false;
        return z > 0.7 && z < Infinity && angle > -0.2 && angle < 0.2;
      },
    },
  },
  'Walker2d-v5': {
    id: 'Walker2d-v5',
    xml: walker2dXml,
    frameSkip: 4,
    skippedQpos: 1,
    clipQvel: 10,
    resetNoiseScale: 5e-3,
    qvelResetNoise: 'uniform',
    forwardRewardWeight: 1.0,
    ctrlCostWeight: 1e-3,
    health: { reward: 1.0, isHealthy: ({ qpos }) => qpos[1] > 0.8 && qpos[1] < 2.0 && qpos[2] > -1 && qpos[2] < 1 },
  },
  'HalfCheetah-v5': {
    id: 'HalfCheetah-v5',
    xml: halfCheetahXml,
    frameSkip: 5,
    skippedQpos: 1,
    clipQvel: null,
    resetNoiseScale: 0.1,
    qvelResetNoise: 'normal',
    forwardRewardWeight: 1.0,
    ctrlCostWeight: 0.1,
    health: null,
  },
};

/** Ids of the MuJoCo locomotion envs. */
export const mujocoEnvIds = Object.keys(tasks);

/** A new MuJoCo env by Gymnasium id (loads the wasm module on first use). */
export const makeMujocoEnv = async (id: string): Promise<Env> => {
  const task = tasks[id];
  if (!task) throw new UnknownEnvError(id, mujocoEnvIds);
  return makeLocomotionEnv(task);
};
