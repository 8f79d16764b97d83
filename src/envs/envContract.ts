/**
 * Checks that a value built by a user's env factory honours the {@link Env} contract before the
 * library steps it: the members exist with the right kinds, and the spaces are ones the policies
 * and samplers can work with.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Env } from './env.js';

/** A value that does not honour the {@link Env} contract: which env id, and every problem found. */
export class EnvContractError extends Error {
  readonly _tag = 'EnvContractError';
  /** One entry per problem, each naming the member (`actionSpace.n`, `step`, ...). */
  constructor(readonly envId: string, readonly problems: readonly string[]) {
    super(`${envId}: not an Env: ${problems.join('; ')}`);
    this.name = 'EnvContractError';
  }
}

const methods = ['reset', 'step', 'getState', 'setState', 'snapshot', 'restore', 'close'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

/**
 * Problems of a Box space: a shape of positive integers (1-D unless `anyRank`) and flat float32
 * bounds of the shape's size, low ≤ high.
 */
const boxProblems = (name: string, space: Record<string, unknown>, anyRank = false): string[] => {
  const { shape, low, high } = space;
  if (!anyRank && (!Array.isArray(shape) || shape.length !== 1 || !isCount(shape[0]))) return [`${name}.shape must be [n] with n a positive integer, got ${JSON.stringify(shape)}`];
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every(isCount)) return [`${name}.shape must be a non-empty list of positive integers, got ${JSON.stringify(shape)}`];
  const n = (shape as number[]).reduce((a, b) => a * b, 1);
  const bounds = [['low', low], ['high', high]] as const;
  const bad = bounds.filter(([, b]) => !(b instanceof Float32Array) || b.length !== n).map(([key]) => `${name}.${key} must be a Float32Array of length ${n}`);
  if (bad.length > 0) return bad;
  const lo = low as Float32Array, hi = high as Float32Array;
  return lo.some((l, i) => Number.isNaN(l) || Number.isNaN(hi[i]) || l > hi[i]) ? [`${name}: low must be ≤ high in every coordinate`] : [];
};

/** Problems of an action space: a Discrete starting at 0 (policies emit indices 0 … n − 1) or a Box. */
const actionSpaceProblems = (space: unknown): string[] => {
  if (!isObject(space)) return ['actionSpace must be a Discrete or Box space'];
  if (space._tag === 'Box') return boxProblems('actionSpace', space);
  if (space._tag !== 'Discrete') return [`actionSpace._tag must be 'Discrete' or 'Box', got ${JSON.stringify(space._tag)}`];
  return [
    ...(isCount(space.n) ? [] : [`actionSpace.n must be a positive integer, got ${JSON.stringify(space.n)}`]),
    ...(space.start === 0 ? [] : [`actionSpace.start must be 0 (policies act with indices 0 … n − 1), got ${JSON.stringify(space.start)}`]),
  ];
};

/** Every way `value` breaks the {@link Env} contract for id `envId` (empty when it honours it). */
const contractProblems = (value: unknown, envId: string): string[] => {
  if (!isObject(value)) return [`the factory returned ${value === null ? 'null' : typeof value}, not an object`];
  const observationSpace = value.observationSpace;
  const maxSteps = value.maxEpisodeSteps;
  return [
    ...(value.id === envId ? [] : [`id must be '${envId}' (the registered id), got ${JSON.stringify(value.id)}`]),
    ...(isObject(observationSpace) && observationSpace._tag === 'Box'
      ? boxProblems('observationSpace', observationSpace, true)
      : ['observationSpace must be a Box space']),
    ...actionSpaceProblems(value.actionSpace),
    ...(isCount(maxSteps) || maxSteps === Infinity ? [] : [`maxEpisodeSteps must be a positive integer or Infinity, got ${JSON.stringify(maxSteps)}`]),
    ...methods.filter((m) => typeof value[m] !== 'function').map((m) => `${m} must be a method`),
  ];
};

/**
 * `value` as an {@link Env} of id `envId` when it has the contract's members and usable spaces (a
 * Box of observations of any shape, bounds flat; a Discrete action space starting at 0 or a 1-D
 * Box), else an
 * {@link EnvContractError} listing every problem. Checks shapes and kinds only: what the methods
 * do is the env's own business.
 *
 * @example
 * const checked = checkEnv(makeEnv('CartPole-v1'), 'CartPole-v1'); // Right(env)
 * checkEnv({ id: 'Mine-v0' }, 'Mine-v0');                           // Left({ problems: ['observationSpace must be a Box space', ...] })
 */
export const checkEnv = (value: unknown, envId: string): E.Either<EnvContractError, Env> => {
  const problems = contractProblems(value, envId);
  return problems.length === 0
    ? E.right(value as Env)
    : E.left(new EnvContractError(envId, problems));
};
