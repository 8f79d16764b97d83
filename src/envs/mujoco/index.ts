/**
 * The Gymnasium v5 MuJoCo locomotion envs by id. Loading this module does not load MuJoCo; the
 * wasm module loads on the first {@link makeMujocoEnv}.
 *
 * @module
 */
import { UnknownEnvError } from '../env.js';
import { halfCheetah } from './halfCheetah.js';
import { hopper } from './hopper.js';
import type { LocomotionTask, MujocoEnv } from './mujocoEnv.js';
import { locomotionEnv } from './mujocoEnv.js';
import { swimmer } from './swimmer.js';
import { walker2d } from './walker2d.js';

export type { LocomotionTask, MujocoEnv, MujocoEnvSnapshot, MujocoStepResult } from './mujocoEnv.js';

const tasks: readonly LocomotionTask[] = [swimmer, hopper, walker2d, halfCheetah];

/** Ids of the MuJoCo locomotion envs: Swimmer-v5, Hopper-v5, Walker2d-v5, HalfCheetah-v5. */
export const mujocoEnvIds: readonly string[] = tasks.map((task) => task.id);

/**
 * A new MuJoCo env by Gymnasium id, not yet reset; an unknown id rejects with `UnknownEnvError`
 * listing {@link mujocoEnvIds}. Call `close()` when done to free its MuJoCo model and data.
 *
 * @example
 * const env = await makeMujocoEnv('Hopper-v5');
 * let observation = env.reset(0);
 * const { reward, terminated } = env.step(Float32Array.of(0.1, -0.2, 0.3));
 * env.close();
 */
export const makeMujocoEnv = async (id: string): Promise<MujocoEnv> => {
  const task = tasks.find((t) => t.id === id);
  if (task === undefined) throw new UnknownEnvError(id, mujocoEnvIds);
  return locomotionEnv(task);
};
