import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { LoadedPolicy } from '../streams/loadedPolicy.js';
import { policyFromSaved } from '../streams/loadedPolicy.js';
import type { PolicyFileError, SavedPolicy } from '../streams/savedPolicy.js';
import { parsePolicy } from '../streams/savedPolicy.js';

const fail = (message: string): E.Either<PolicyFileError, never> => E.left({ _tag: 'PolicyFileError', message });

/**
 * Reads a saved policy: `where` is a run directory (its policy.json is read), a folder such as a
 * run's `best/`, or a policy file. Expected failures (missing or malformed file) are a `Left`
 * naming the file.
 *
 * @example readSavedPolicy('runs/cartpole') // Right(SavedPolicy) from runs/cartpole/policy.json
 */
export const readSavedPolicy = (where: string): E.Either<PolicyFileError, SavedPolicy> => {
  if (!existsSync(where)) return fail(`'${where}' does not exist`);
  const file = statSync(where).isDirectory() ? path.join(where, 'policy.json') : where;
  if (!existsSync(file)) return fail(`'${where}' has no policy.json`);
  if (statSync(file).isDirectory()) return fail(`'${file}' is a folder, not a policy file`);
  let parsed: E.Either<PolicyFileError, SavedPolicy>;
  try {
    parsed = parsePolicy(readFileSync(file, 'utf8'));
  } catch (error) {
    // a file whose fields have the wrong shape can make the checks themselves throw
    return fail(`${file}: not a valid policy file (${(error as Error).message})`);
  }
  return E.isLeft(parsed) ? fail(`${file}: ${parsed.left.message}`) : parsed;
};

/**
 * Loads a trained policy for use in code, as SB3's `PPO.load(path)` then `model.predict(obs)`:
 * `act(observation, { deterministic: true })` applies the saved observation normalizer and returns
 * the action `trpo eval` would take (a number for a Discrete action space, a `Float32Array` for a
 * Box, not clipped). Node only; in a browser, parse the file yourself and call `policyFromSaved`.
 *
 * @example
 * const policy = loadPolicy('runs/cartpole');
 * if (E.isRight(policy)) env.step(policy.right.act(observation, { deterministic: true }));
 */
export const loadPolicy = (where: string): E.Either<PolicyFileError, LoadedPolicy> => E.map(policyFromSaved)(readSavedPolicy(where));
