import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './runFiles.js';

/** The nearest path at or above `target` that exists (the filesystem root at worst). */
const nearestExisting = (target: string): string => {
  let current = path.resolve(target);
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
};

const isWritable = (p: string): boolean => {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** Checks that the folders up to `dir` exist as folders or can be created under a writable one. */
const checkCreatable = (dir: string, what: string): void => {
  const existing = nearestExisting(dir);
  if (!statSync(existing).isDirectory()) throw new UserError(`${what} '${dir}' cannot be created: '${existing}' is a file, not a folder`);
  if (!isWritable(existing)) throw new UserError(`${what} '${dir}' cannot be created: '${existing}' is not writable`);
};

/**
 * Checks, without writing anything, that a new run (or another new folder, named `what` in messages) can go to `dir`: a missing folder that can be
 * created, or an existing, empty, writable one. Throws a {@link UserError} naming the problem.
 *
 * @example checkNewRunDirectory('runs/cartpole') // throws when runs/cartpole is a file or holds a run
 */
export const checkNewRunDirectory = (dir: string, what = 'run directory'): void => {
  if (!existsSync(dir)) return checkCreatable(dir, what);
  if (!statSync(dir).isDirectory()) throw new UserError(`${what} '${dir}' is a file, not a folder`);
  if (readdirSync(dir).length > 0) throw new UserError(`${what} '${dir}' already exists and is not empty`);
  if (!isWritable(dir)) throw new UserError(`${what} '${dir}' is not writable`);
};

/**
 * Checks, without writing anything, that `file` can be written as a new or replaced file with one of
 * `extensions` (lower case, with the dot): its folder must exist and be writable, and `file` must
 * not be a folder. Throws a {@link UserError} naming the problem.
 *
 * @example checkOutputFile('curves.svg', ['.svg']) // throws for 'curves.png' or 'missing/curves.svg'
 */
export const checkOutputFile = (file: string, extensions: readonly string[]): void => {
  const extension = path.extname(file).toLowerCase();
  if (!extensions.includes(extension))
    throw new UserError(`cannot write '${file}': the file name must end in ${extensions.join(' or ')}${extension ? `, not ${extension}` : ''}`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UserError(`cannot write '${file}': it is a folder`);
  const folder = path.dirname(path.resolve(file));
  if (!existsSync(folder)) throw new UserError(`cannot write '${file}': folder '${path.dirname(file)}' does not exist`);
  if (!statSync(folder).isDirectory()) throw new UserError(`cannot write '${file}': '${path.dirname(file)}' is a file, not a folder`);
  if (!isWritable(folder)) throw new UserError(`cannot write '${file}': folder '${path.dirname(file)}' is not writable`);
  if (existsSync(file) && !isWritable(file)) throw new UserError(`cannot write '${file}': it is not writable`);
};
