/**
 * Run directories followed on disk: found under the given folders, their config.json read, their
 * metrics.jsonl and eval.jsonl tailed (complete lines only; a file cut back, as a resume does, is read again).
 *
 * @module
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { validateConfig } from '../config/config.js';

/** One run as read so far: its folder, env, config.json (null until readable), metrics.jsonl lines and eval.jsonl lines. */
export interface RunSeries {
  readonly dir: string;
  readonly env: string;
  readonly config: Readonly<Record<string, unknown>> | null;
  readonly lines: readonly Readonly<Record<string, unknown>>[];
  /** Lines of eval.jsonl (`trpo train --eval-every`), empty when the run has none. */
  readonly evaluations: readonly Readonly<Record<string, unknown>>[];
}

/** Whether `dir` is a run directory (has config.json or metrics.jsonl). */
const isRunDir = (dir: string): boolean => existsSync(path.join(dir, 'metrics.jsonl')) || existsSync(path.join(dir, 'config.json'));

/**
 * The run directories at or under `dir` (down to `depth` levels: a `trpo compare` folder holds
 * `<method>/seed-<k>`), sorted.
 *
 * @example findRunDirs('runs/compare-cartpole') // ['runs/compare-cartpole/npg/seed-0', ...]
 */
export const findRunDirs = (dir: string, depth = 3): string[] => {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  if (isRunDir(dir)) return [dir];
  if (depth === 0) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => findRunDirs(path.join(dir, name), depth - 1));
};

/** One JSON-lines file of a run, as read so far. */
interface LinesTail {
  readonly file: string;
  lines: Readonly<Record<string, unknown>>[];
  offset: number;
  partial: string;
}

/** One followed run: what was read so far. */
interface Tail {
  readonly dir: string;
  env: string;
  config: Readonly<Record<string, unknown>> | null;
  readonly metrics: LinesTail;
  readonly evaluations: LinesTail;
}

const linesTail = (file: string): LinesTail => ({ file, lines: [], offset: 0, partial: '' });

/** config.json, with keys added since the run was saved filled in as `trpo plot` reads it (so old and new runs of one config group together); null while missing or unreadable. */
const readConfig = (dir: string): Readonly<Record<string, unknown>> | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  } catch {
    return null; // missing or being written: read again next time
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const full = validateConfig(parsed);
  return E.isRight(full) ? (full.right as unknown as Record<string, unknown>) : (parsed as Record<string, unknown>);
};

/** Reads what was appended to a JSON-lines file (complete lines; a file cut back is read again); true when something changed. */
const advanceLines = (tail: LinesTail): boolean => {
  if (!existsSync(tail.file)) return false;
  const fd = openSync(tail.file, 'r');
  try {
    let changed = false;
    const size = fstatSync(fd).size;
    if (size < tail.offset) {
      // cut back (a resume): read it again
      tail.offset = 0;
      tail.partial = '';
      tail.lines = [];
      changed = true;
    }
    if (size === tail.offset) return changed;
    const buffer = Buffer.alloc(size - tail.offset);
    readSync(fd, buffer, 0, buffer.length, tail.offset);
    tail.offset = size;
    const text = tail.partial + buffer.toString('utf8');
    const cut = text.lastIndexOf('\n');
    tail.partial = text.slice(cut + 1);
    for (const line of text.slice(0, cut + 1).split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed !== null && typeof parsed === 'object') tail.lines.push(parsed as Record<string, unknown>);
      } catch {
        // a malformed line is left out; the run's other lines still draw
      }
    }
    return true;
  } finally {
    closeSync(fd);
  }
};

/** Reads a run's config.json once it is readable, and what its metrics.jsonl and eval.jsonl appended; true when something changed. */
const advance = (tail: Tail): boolean => {
  let changed = false;
  if (tail.config === null) {
    tail.config = readConfig(tail.dir);
    if (tail.config !== null) {
      tail.env = String(tail.config.env ?? tail.env);
      changed = true;
    }
  }
  // both files are read every time: no short-circuit
  const metricsChanged = advanceLines(tail.metrics);
  const evaluationsChanged = advanceLines(tail.evaluations);
  return changed || metricsChanged || evaluationsChanged;
};

/** Runs followed under some folders. */
export interface RunFollower {
  /** Looks for new runs and reads what the known ones appended; true when anything changed. */
  readonly poll: () => boolean;
  /** The runs as read so far. */
  readonly runs: () => RunSeries[];
}

/**
 * Follows the runs at or under `roots` (call `poll` to read on).
 *
 * @example
 * const follower = runFollower(['runs/a', 'runs/compare']);
 * follower.poll();
 * groupsMessage(follower.runs());
 */
export const runFollower = (roots: readonly string[]): RunFollower => {
  const tails = new Map<string, Tail>();
  return {
    poll: () => {
      let changed = false;
      for (const dir of roots.flatMap((root) => findRunDirs(root))) {
        if (!tails.has(dir)) {
          tails.set(dir, { dir, env: 'run', config: null, metrics: linesTail(path.join(dir, 'metrics.jsonl')), evaluations: linesTail(path.join(dir, 'eval.jsonl')) });
          changed = true;
        }
      }
      for (const tail of tails.values()) changed = advance(tail) || changed;
      return changed;
    },
    runs: () => [...tails.values()].map((t) => ({ dir: t.dir, env: t.env, config: t.config, lines: [...t.metrics.lines], evaluations: [...t.evaluations.lines] })),
  };
};
