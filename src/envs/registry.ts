/**
 * Envs by Gymnasium id, each with the time limit `gymnasium.make` applies. Classic-control envs
 * are built at once; MuJoCo envs load their wasm module first, through a dynamic import, so that
 * using CartPole never loads MuJoCo. Envs of your own join them through {@link registerEnv}.
 *
 * @module
 */
import type { Env } from './env.js';
import { UnknownEnvError } from './env.js';
import { checkEnv } from './envContract.js';
import { acrobot } from './classic/acrobot.js';
import { cartPole } from './classic/cartPole.js';
import type { ClassicTask } from './classic/classicEnv.js';
import { classicEnv } from './classic/classicEnv.js';
import { mountainCar } from './classic/mountainCar.js';
import { mountainCarContinuous } from './classic/mountainCarContinuous.js';
import { pendulum } from './classic/pendulum.js';
import type { MinAtarEnvId, MinAtarOptions } from './minatar/minatarEnv.js';
import { isMinAtarEnvId, minatarEnv, minatarEnvIds } from './minatar/minatarEnv.js';

export { minatarEnvIds, isMinAtarEnvId };
export type { MinAtarEnvId, MinAtarOptions };

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
export type EnvId = ClassicEnvId | MujocoEnvId | MinAtarEnvId;

/** Every env id {@link makeEnv} knows: the classic ones, the MuJoCo ones, then the MinAtar ones. */
export const envIds: readonly EnvId[] = [...classicEnvIds, ...mujocoEnvIds, ...minatarEnvIds];

/** Whether `id` names a classic-control env. */
export const isClassicEnvId = (id: string): id is ClassicEnvId => (classicEnvIds as readonly string[]).includes(id);

/** Whether `id` names a MuJoCo env. */
export const isMujocoEnvId = (id: string): id is MujocoEnvId => (mujocoEnvIds as readonly string[]).includes(id);

/** Whether `id` names an env {@link makeEnv} knows. */
export const isEnvId = (id: string): id is EnvId => isClassicEnvId(id) || isMujocoEnvId(id) || isMinAtarEnvId(id);

/** Builds a new env of a registered id, not yet reset (may be async, as MuJoCo envs are). */
export type EnvFactory = () => Env | Promise<Env>;

/** Options of {@link registerEnv}. */
export interface RegisterEnvOptions {
  /**
   * URL of the module that calls `registerEnv` (pass `import.meta.url`). Worker threads import it
   * to register the env there before building their envs; without it the env can only be sampled
   * in-process. The module must register the same id whenever it is imported.
   */
  readonly module?: string;
}

/** A registration refused: a built-in id, an id already taken, a malformed id or factory. */
export class EnvRegistrationError extends Error {
  readonly _tag = 'EnvRegistrationError';
  constructor(readonly envId: string, reason: string) {
    super(`cannot register env '${envId}': ${reason}`);
    this.name = 'EnvRegistrationError';
  }
}

interface Registration {
  readonly factory: EnvFactory;
  readonly module: string | undefined;
}

const registered = new Map<string, Registration>();

/**
 * Makes `id` known to {@link makeEnv}, {@link makeEnvAsync}, {@link knownEnvIds} (and so to the
 * config codec and the CLI's `--env`), and, with `options.module`, to sampler worker threads.
 * Every env the factory builds is checked against the {@link Env} contract once, when made (its
 * `id` must be `id`). Throws {@link EnvRegistrationError} for a built-in id, an id registered
 * with another factory from another module, an empty id or a factory that is not a function.
 *
 * @example
 * // myEnv.ts
 * registerEnv('GridWalk-v0', () => gridWalkEnv(), { module: import.meta.url });
 * const env = makeEnv('GridWalk-v0');
 */
export const registerEnv = (id: string, factory: EnvFactory, options: RegisterEnvOptions = {}): void => {
  if (typeof id !== 'string' || id.trim() === '' || id !== id.trim()) throw new EnvRegistrationError(String(id), 'an id must be a non-empty string without surrounding spaces');
  if (isEnvId(id)) throw new EnvRegistrationError(id, 'it is a built-in env id');
  if (typeof factory !== 'function') throw new EnvRegistrationError(id, `the factory must be a function, got ${typeof factory}`);
  const previous = registered.get(id);
  // a module imported again (its own registration, replayed) is fine; two different envs under one id are not
  if (previous && previous.factory !== factory && (previous.module === undefined || previous.module !== options.module))
    throw new EnvRegistrationError(id, `it is already registered${previous.module ? ` by ${previous.module}` : ''}`);
  registered.set(id, { factory, module: options.module });
};

/** Every env id {@link makeEnv} knows now: the built-in ones, then those registered, in registration order. */
export const knownEnvIds = (): readonly string[] => [...envIds, ...registered.keys()];

/** Whether `id` names an env {@link makeEnv} knows now, built-in or registered. */
export const isKnownEnvId = (id: string): boolean => isEnvId(id) || registered.has(id);

/**
 * The module URL a registered env was registered with, for worker threads to import: `null` for
 * a built-in id (workers know it already), `undefined` for an id registered without a module or
 * not known at all.
 */
export const envModule = (id: string): string | null | undefined => (isEnvId(id) ? null : registered.get(id)?.module);

/** The env a registered factory built, checked against the contract (throws `EnvContractError`). */
const checked = (id: string, env: Env | Promise<Env>): Env | Promise<Env> => {
  const check = (value: unknown): Env => {
    const result = checkEnv(value, id);
    if (result._tag === 'Left') throw result.left;
    return result.right;
  };
  const pending = (env as Partial<PromiseLike<Env>> | null)?.then;
  return typeof pending === 'function' ? Promise.resolve(env).then(check) : check(env);
};

/**
 * A new env by Gymnasium id: a classic-control or MinAtar env at once, a MuJoCo env as a Promise
 * (its wasm module loads first), a registered env as its factory returns it, checked against the
 * contract. An unknown id throws `UnknownEnvError`, whose message lists the known ids. `options`
 * apply to MinAtar ids only (sticky actions, difficulty ramping; see {@link MinAtarOptions}); other
 * ids refuse them with a TypeError.
 *
 * @example
 * const cartPole = makeEnv('CartPole-v1');       // Env
 * const hopper = await makeEnv('Hopper-v5');     // Promise<Env>
 * const breakout = makeEnv('MinAtar/Breakout-v1', { stickyActionProb: 0 });
 */
export function makeEnv(id: ClassicEnvId): Env;
export function makeEnv(id: MinAtarEnvId, options?: MinAtarOptions): Env;
export function makeEnv(id: MujocoEnvId): Promise<Env>;
export function makeEnv(id: string, options?: MinAtarOptions): Env | Promise<Env>;
export function makeEnv(id: string, options?: MinAtarOptions): Env | Promise<Env> {
  if (isMinAtarEnvId(id)) return minatarEnv(id, options);
  if (options !== undefined && isKnownEnvId(id)) throw new TypeError(`makeEnv: options apply to MinAtar envs only, got options for '${id}'`);
  if (isClassicEnvId(id)) return classicEnv(classicTasks[id]);
  if (isMujocoEnvId(id)) return import('./mujoco/index.js').then((mujoco) => mujoco.makeMujocoEnv(id));
  const registration = registered.get(id);
  if (registration) return checked(id, registration.factory());
  throw new UnknownEnvError(id, knownEnvIds());
}

/** {@link makeEnv} for any id, always as a Promise (an unknown id rejects with `UnknownEnvError`). */
export const makeEnvAsync = async (id: string): Promise<Env> => makeEnv(id);
