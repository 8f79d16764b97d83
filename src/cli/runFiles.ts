import { closeSync, existsSync, fsyncSync, readFileSync, statSync, ftruncateSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync, appendFileSync } from 'node:fs';
import path from 'node:path';

/** Flushes a directory's entries (a rename inside it) to disk. */
export const fsyncDirectory = (dir: string): void => {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/**
 * Writes a file atomically and durably: a temporary sibling (`<file>.<pid>.tmp`), fsync, rename,
 * fsync of the directory. A crash at any moment leaves the old file or the new one, never half of
 * one; a stale temporary is removed by {@link removeTemporaries}.
 */
export const writeFileAtomic = (file: string, text: string): void => {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  fsyncDirectory(path.dirname(file));
};

/** Removes the `*.tmp` files a killed writer left in `dir`; returns their names. */
export const removeTemporaries = (dir: string): string[] => {
  const stale = readdirSync(dir).filter((name) => name.endsWith('.tmp'));
  for (const name of stale) rmSync(path.join(dir, name), { force: true });
  return stale;
};

/** Cuts `file` back to its first `bytes` bytes (creating it when absent) and flushes it to disk. */
export const truncateFile = (file: string, bytes: number): void => {
  const fd = openSync(file, existsSync(file) ? 'r+' : 'w');
  try {
    ftruncateSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** Creates a run directory; refuses a non-empty existing one so no earlier run is overwritten. */
export const createRunDirectory = (dir: string): void => {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UserError(`run directory '${dir}' already exists and is not empty`);
  mkdirSync(dir, { recursive: true });
};

/** Appends one JSON object as a line of metrics.jsonl. */
export const appendJsonLine = (file: string, value: unknown): void => appendFileSync(file, `${JSON.stringify(value)}\n`);

/**
 * Appends one JSON object as a line and flushes the file to disk before returning: for a log whose
 * lines are costly to make again (eval.jsonl: a line is many evaluation episodes).
 *
 * @example appendJsonLineDurably(path.join(dir, 'eval.jsonl'), { iteration: 10, returnMean: 500 });
 */
export const appendJsonLineDurably = (file: string, value: unknown): void => {
  const fd = openSync(file, 'a');
  try {
    writeSync(fd, `${JSON.stringify(value)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** Paths of the files in a run directory. */
export const runFiles = (dir: string) => ({
  config: path.join(dir, 'config.json'),
  metrics: path.join(dir, 'metrics.jsonl'),
  policy: path.join(dir, 'policy.json'),
  checkpoint: path.join(dir, 'checkpoint.json'),
});

/** A mistake in what the user asked for: the CLI prints the message and exits with code 2. */
export class UserError extends Error {
  readonly _tag = 'UserError';
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A run that started but could not finish (a NaN in the simulation, a failed child run): exit code 1, no stack trace. */
export class RunError extends Error {}

/**
 * Reads a config file: it must exist and hold a JSON object (a {@link UserError} otherwise).
 *
 * @example const overrides = readConfigFile('cartpole.json')
 */
export const readConfigFile = (file: string): unknown => {
  if (!existsSync(file)) throw new UserError(`config file '${file}' does not exist`);
  if (statSync(file).isDirectory()) throw new UserError(`config file '${file}' is a directory`);
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') throw new UserError(`config file '${file}' is empty`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`config file '${file}' is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UserError(`config file '${file}' must hold a JSON object`);
  return value;
};
