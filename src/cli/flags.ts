import { InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { backendNames } from '../policies/backendNames.js';
import type { BackendName } from '../policies/backendNames.js';
import type { Sampling } from '../config/config.js';

/**
 * A commander parser for an integer flag within `[min, max]`; anything else is refused with a
 * message naming the flag (commander exits 2 before the command runs).
 *
 * @example program.option('--steps <n>', 'total steps', integerFlag('--steps', 0))
 */
export const integerFlag =
  (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} must be an integer, got '${value}'`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`}, got '${value}'`);
    return n;
  };

/**
 * A seed flag: a non-negative integer below 2^31, as the envs accept (Gymnasium seeds go to NumPy's
 * SeedSequence, which refuses negative ones) and config.json stores.
 *
 * @example program.option('--seed <n>', 'random seed', seedFlag('--seed'))
 */
export const seedFlag = (name: string) => integerFlag(name, 0, 2 ** 31 - 1);

/**
 * The `--backend` parser: `auto` or a backend name.
 *
 * @example backendFlag('wasm') // 'wasm'; backendFlag('gpu') throws "unknown backend 'gpu'"
 */
export const backendFlag = (value: string): BackendName | 'auto' => {
  if (value === 'auto' || (backendNames as readonly string[]).includes(value)) return value as BackendName | 'auto';
  throw new InvalidArgumentError(`unknown backend '${value}'; choose auto, ${backendNames.join(', ')}`);
};

/**
 * The package version, read from package.json next to `dist/` (and `src/`).
 *
 * @example packageVersion() // '0.1.0'
 */
export const packageVersion = (): string =>
  String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version ?? 'unknown');

/**
 * The `--sampling` parser: `single-path` or `vine` (paper Sec. 5).
 *
 * @example samplingFlag('vine') // 'vine'; samplingFlag('tree') throws "unknown sampling scheme 'tree'"
 */
export const samplingFlag = (value: string): Sampling => {
  if (value === 'single-path' || value === 'vine') return value;
  throw new InvalidArgumentError(`unknown sampling scheme '${value}'; choose single-path or vine`);
};
