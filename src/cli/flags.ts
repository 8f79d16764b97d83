import { InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { methodNames } from '../config/config.js';
import type { MethodName } from '../config/config.js';
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
 * The `--method` parser: one of the paper's methods (config key `method`).
 *
 * @example methodFlag('npg') // 'npg'; methodFlag('ppo') throws "unknown method 'ppo'; choose trpo, npg, …"
 */
export const methodFlag = (value: string): MethodName => {
  if ((methodNames as readonly string[]).includes(value)) return value as MethodName;
  throw new InvalidArgumentError(`unknown method '${value}'; choose ${methodNames.join(', ')}`);
};

/**
 * A comma-separated list flag: items trimmed, empty items dropped (an empty list is the command's to refuse).
 *
 * @example listFlag('trpo, cem,') // ['trpo', 'cem']
 */
export const listFlag = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * A comma-separated list of positive numbers, e.g. step sizes.
 *
 * @example positiveNumbersFlag('--npg-steps')('0.01,0.03') // [0.01, 0.03]
 */
export const positiveNumbersFlag =
  (name: string) =>
  (value: string): number[] => {
    const items = listFlag(value);
    const bad = items.filter((item) => !(Number(item) > 0 && Number.isFinite(Number(item))));
    if (items.length === 0 || bad.length > 0) throw new InvalidArgumentError(`${name} must be a comma-separated list of positive numbers, got '${value}'`);
    return items.map(Number);
  };

/**
 * The package version, read from package.json next to `dist/` (and `src/`).
 *
 * @example packageVersion() // '0.1.0'
 */
export const packageVersion = (): string =>
  String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version ?? 'unknown');

/**
 * A commander parser for a real number strictly between `lo` and `hi`; anything else is refused
 * with a message naming the flag.
 *
 * @example program.option('--gamma <g>', 'discount', openIntervalFlag('--gamma', 0, 1))
 */
export const openIntervalFlag =
  (name: string, lo: number, hi: number) =>
  (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !(n > lo && n < hi)) throw new InvalidArgumentError(`${name} must be a number in (${lo}, ${hi}), got '${value}'`);
    return n;
  };

/**
 * The `--sampling` parser: `single-path` or `vine` (paper Sec. 5).
 *
 * @example samplingFlag('vine') // 'vine'; samplingFlag('tree') throws "unknown sampling scheme 'tree'"
 */
export const samplingFlag = (value: string): Sampling => {
  if (value === 'single-path' || value === 'vine') return value;
  throw new InvalidArgumentError(`unknown sampling scheme '${value}'; choose single-path or vine`);
};
