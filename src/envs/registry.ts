/**
 * Envs by Gymnasium id, each with the time limit `gymnasium.make` applies. Classic-control envs
 * are built at once; MuJoCo envs load their wasm module first, through a dynamic import, so that
 * using CartPole never loads MuJoCo.
 *
 * @module
 */
import type { Env } from './env.js';
import { UnknownEnvError } from './env.js';
import { acrobot } from './classic/acrobot.js';
import { cartPole } from './classic/cartPole.js';
import type { ClassicTask } from './classic/classicEnv.js';
import { classicEnv } from './classic/classicEnv.js';
import { mountainCar } from './classic/mountainCar.js';
import { mountainCarContinuous } from './classic/mountainCarContinuous.js';
import { pendulum } from './classic/pendulum.js';

const classicTasks = {
  'CartPole-v1': cartPole,
  'Acrobot-v1': acrobot,
  'MountainCar-v0': mountainCar,
  'Pendulum-v1': pendulum,
  'MountainCarContinuous-v0': mountainCarContinuous,
} as const satisfies Record<string, ClassicTask>;

/** Ids of the Gymnasium classic-control envs. */
export const classicEnvIds = ['CartPole-v1', 'Acrobot-v1', 'MountainCar-v0', 'Pendulum-v1', 'MountainCarContinuous-v0'] as const satisfies readonly (keyof typeof classicTasks)[];
/** A classic-control env id. */
export type ClassicEnvId = (typeof classicEnvIds)[number];

/** Ids of the MuJoCo locomotion envs (built by src/envs/mujoco, loaded on demand). */
export const mujocoEnvIds = ['Swimmer-v5', 'Hopper-v5', 'Walker2d-v5', 'HalfCheetah-v5'] as const;
/** A MuJoCo env id. */
export type MujocoEnvId = (typeof mujocoEnvIds)[number];

/** Any env id {@link makeEnv} knows. */
export type EnvId = ClassicEnvId | MujocoEnvId;

/** Every env id {@link makeEnv} knows: the classic ones, then the MuJoCo ones. */
export const envIds: readonly EnvId[] = [...classicEnvIds, ...mujocoEnvIds];

/** Whether `id` names a classic-control env. */
export const isClassicEnvId = (id: string): id is ClassicEnvId => (classicEnvIds as readonly string[]).includes(id);

/** Whether `id` names a MuJoCo env. */
export const isMujocoEnvId = (id: string): id is MujocoEnvId => (mujocoEnvIds as readonly string[]).includes(id);

/** Whether `id` names an env {@link makeEnv} knows. */
export const isEnvId = (id: string): id is EnvId => isClassicEnvId(id) || isMujocoEnvId(id);

/**
 * A new env by Gymnasium id: a classic-control env at once, a MuJoCo env as a Promise (its wasm
 * module loads first). An unknown id throws `UnknownEnvError`, whose message lists the known ids.
 *
 * @example
 * const cartPole = makeEnv('CartPole-v1');       // Env
 * const hopper = await makeEnv('Hopper-v5');     // Promise<Env>
 */
export function makeEnv(id: ClassicEnvId): Env;
export function makeEnv(id: MujocoEnvId): Promise<Env>;
export function makeEnv(id: string): Env | Promise<Env>;
export function makeEnv(id: string): Env | Promise<Env> {
  if (isClassicEnvId(id)) return classicEnv(classicTasks[id]);
  if (isMujocoEnvId(id)) return import('./mujoco/index.js').then((mujoco) => mujoco.makeMujocoEnv(id));
  throw new UnknownEnvError(id, envIds);
}

/** {@link makeEnv} for any id, always as a Promise (an unknown id rejects with `UnknownEnvError`). */
export const makeEnvAsync = async (id: string): Promise<Env> => makeEnv(id);
