/**
 * `--env-module <path>`: imports a user's module that registers envs of its own (through
 * `registerEnv`) before the command validates its config.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isKnownEnvId, knownEnvIds } from '../envs/registry.js';
import { UserError } from './runFiles.js';

/**
 * Imports the module at `file` (relative to the working directory) and returns the env ids it
 * registered. A missing file, a module that throws while loading, or one that registers nothing
 * (it may have imported another copy of trpo-streams than this CLI) is a {@link UserError}.
 *
 * @example
 * await importEnvModule('./myEnv.js'); // ['MyEnv-v0']
 */
export const importEnvModule = async (file: string): Promise<readonly string[]> => {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new UserError(`env module '${file}' does not exist`);
  if (statSync(absolute).isDirectory()) throw new UserError(`env module '${file}' is a directory, not a module file`);
  const before = new Set(knownEnvIds());
  try {
    await import(pathToFileURL(absolute).href);
  } catch (error) {
    throw new UserError(`env module '${file}' failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const added = knownEnvIds().filter((id) => !before.has(id));
  if (added.length === 0)
    throw new UserError(`env module '${file}' registered no env: call registerEnv(id, factory, { module: import.meta.url }) in it, imported from the same trpo-streams as this CLI`);
  return added;
};

/** A {@link UserError} unless `envId` is known, hinting at `--env-module` for an env of one's own. */
export const requireKnownEnv = (envId: string): void => {
  if (!isKnownEnvId(envId)) throw new UserError(`unknown env id '${envId}'; known ids: ${knownEnvIds().join(', ')} (an env of your own needs --env-module <path>)`);
};
