import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';

/** Writes a file atomically: a temporary sibling, then a rename, so a crash never leaves half a file. */
export const writeFileAtomic = (file: string, text: string): void => {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
};

/** Creates a run directory; refuses a non-empty existing one so no earlier run is overwritten. */
export const createRunDirectory = (dir: string): void => {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UserError(`run directory '${dir}' already exists and is not empty`);
  mkdirSync(dir, { recursive: true });
};

/** Appends one JSON object as a line of metrics.jsonl. */
export const appendJsonLine = (file: string, value: unknown): void => appendFileSync(file, `${JSON.stringify(value)}\n`);

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
