/**
 * Gymnasium's env seeding (gymnasium/core.py `Env.reset`, gymnasium/utils/seeding.py `np_random`):
 * `reset(seed=s)` replaces `np_random` with `Generator(PCG64(SeedSequence(s)))`; `reset()` keeps
 * drawing from the generator it has. Shared by the classic and the MuJoCo envs, with the checks on
 * seeds and on saved generator states that their `reset` and `restore` make.
 *
 * @module
 */
import type { NumpyGeneratorState } from './numpyRandom.js';
import { NumpyGenerator, isNumpyGeneratorState } from './numpyRandom.js';

/** Seed used when `reset()` is called on an env that was never seeded (Gymnasium would use OS entropy). */
export const DEFAULT_SEED = 0;

/**
 * The generator `reset(seed)` draws from: a new one for a given seed, else `current`, else one for
 * {@link DEFAULT_SEED}. A seed that is not a non-negative safe integer throws a RangeError naming `envId`.
 *
 * @example const random = resetGenerator('Hopper-v5', null, 42) // np.random.default_rng(42)
 */
export const resetGenerator = (envId: string, current: NumpyGenerator | null, seed?: number): NumpyGenerator => {
  if (seed === undefined) return current ?? new NumpyGenerator(DEFAULT_SEED);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`${envId}: seed must be a non-negative integer, got ${seed}`);
  return new NumpyGenerator(seed);
};

/**
 * The generator a snapshot saved (`null`/absent: none, as before a first reset). Anything else that
 * is not a {@link NumpyGeneratorState} throws a TypeError naming `envId`.
 */
export const restoredGenerator = (envId: string, saved: unknown): NumpyGenerator | null => {
  if (saved === null || saved === undefined) return null;
  if (!isNumpyGeneratorState(saved)) throw new TypeError(`${envId}: snapshot random must be a NumPy generator state { state, inc } or null, got ${JSON.stringify(saved)}`);
  return new NumpyGenerator(saved);
};
