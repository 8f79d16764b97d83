import type { Env } from '../env.js';

/** Ids of the MuJoCo locomotion envs. */
export const mujocoEnvIds = ['Swimmer-v5', 'Hopper-v5', 'Walker2d-v5', 'HalfCheetah-v5'] as const;

/** Placeholder until the MuJoCo envs land: always rejects, naming the env. */
export const makeMujocoEnv = async (id: string): Promise<Env> => {
  throw new Error(`${id}: the MuJoCo envs are not built yet`);
};
