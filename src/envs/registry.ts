import type { Env } from './env.js';
import { UnknownEnvError } from './env.js';
import { acrobot } from './classic/acrobot.js';
import { cartPole } from './classic/cartPole.js';
import type { ClassicDynamics } from './classic/classicEnv.js';
import { classicEnv } from './classic/classicEnv.js';
import { mountainCar } from './classic/mountainCar.js';
import { mountainCarContinuous } from './classic/mountainCarContinuous.js';
import { pendulum } from './classic/pendulum.js';

const classic = { 'CartPole-v1': cartPole, 'Acrobot-v1': acrobot, 'MountainCar-v0': mountainCar, 'Pendulum-v1': pendulum, 'MountainCarContinuous-v0': mountainCarContinuous } as const satisfies Record<string, ClassicDynamics>;

/** Ids of the Gymnasium classic-control envs. */
export type ClassicEnvId = keyof typeof classic;
/** Ids of the MuJoCo locomotion envs (loaded on demand: their wasm module is large). */
export const mujocoEnvIds = ['Swimmer-v5', 'Hopper-v5', 'Walker2d-v5', 'HalfCheetah-v5'] as const;
/** A MuJoCo env id. */
export type MujocoEnvId = (typeof mujocoEnvIds)[number];

/** Every env id `makeEnv` knows. */
export const envIds: readonly string[] = [...Object.keys(classic), ...mujocoEnvIds];

/** Whether `id` names a known env. */
export const isEnvId = (id: string): boolean => envIds.includes(id);

/**
 * A new env by Gymnasium id, with the time limit `gymnasium.make` applies. Classic-control envs
 * come back at once; MuJoCo envs as a Promise (their wasm module loads first). An unknown id throws
 * `UnknownEnvError` listing the known ids.
 */
export function makeEnv(id: ClassicEnvId): Env;
export function makeEnv(id: MujocoEnvId): Promise<Env>;
export function makeEnv(id: string): Env | Promise<Env>;
export function makeEnv(id: string): Env | Promise<Env> {
  if (Object.hasOwn(classic, id)) return classicEnv(classic[id as ClassicEnvId]);
  if ((mujocoEnvIds as readonly string[]).includes(id)) return import('./mujoco/index.js').then((m) => m.makeMujocoEnv(id));
  throw new UnknownEnvError(id, envIds);
}

/** {@link makeEnv} for any id, always as a Promise. */
export const makeEnvAsync = async (id: string): Promise<Env> => makeEnv(id);
