import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { Observer } from 'rxjs';
import { savedPolicyOf, serializePolicy } from '../streams/savedPolicy.js';
import type { MetricsPosition } from '../streams/stateCodec.js';
import { serializeCheckpoint } from '../streams/stateCodec.js';
import type { IterationResult } from '../streams/types.js';
import { runFiles, writeFileAtomic } from './runFiles.js';

/** How often a run saves its checkpoint: after `iterations` finished iterations or `seconds` of wall time, whichever comes first. */
export interface CheckpointSchedule {
  readonly iterations: number;
  readonly seconds: number;
}

/**
 * Every 10 iterations or 30 s: a 1M-step MuJoCo run (≈ 0.4 s per iteration) saves about every 4 s,
 * a slow run at least twice a minute.
 */
export const defaultCheckpointSchedule: CheckpointSchedule = { iterations: 10, seconds: 30 };

/**
 * Whether a checkpoint is due, given what happened since the last one.
 *
 * @example checkpointDue({ iterations: 10, seconds: 30 })({ iterations: 3, seconds: 31 }) // true
 */
export const checkpointDue =
  (schedule: CheckpointSchedule) =>
  (since: { readonly iterations: number; readonly seconds: number }): boolean =>
    since.iterations >= 1 && (since.iterations >= schedule.iterations || since.seconds >= schedule.seconds);

/** Options of {@link checkpointWriter}. */
export interface CheckpointWriterOptions {
  readonly dir: string;
  /** Env id recorded in policy.json and checkpoint.json. */
  readonly env: string;
  readonly schedule: CheckpointSchedule;
  /** Where metrics.jsonl stands now (a resumed run: the checkpoint's position, the file cut back to it). */
  readonly start: MetricsPosition;
  /** Seconds on a monotonic clock (default `performance.now() / 1000`). */
  readonly clock?: () => number;
  /** Called after each checkpoint is written (e.g. to record best/ as it stands at the checkpoint). */
  readonly onSaved?: () => void;
}

/** The run-file writer: an observer of the iteration stream, plus a way to save on demand. */
export interface CheckpointWriter extends Observer<IterationResult> {
  /** Saves the last finished iteration unless it is saved already; returns its iteration (null when none finished). */
  readonly save: () => number | null;
  /** Closes metrics.jsonl (after a final {@link CheckpointWriter.save} where wanted). */
  readonly close: () => void;
}

/**
 * Writes a run's files as its iterations arrive: each iteration's metrics line is appended to
 * metrics.jsonl, and when the schedule says so metrics.jsonl is fsynced, then policy.json and
 * checkpoint.json are replaced atomically (temp file, fsync, rename, fsync of the directory), in
 * that order. checkpoint.json records its env and the metrics position (lines, bytes) it belongs
 * to, so the three files always agree on disk: a resume cuts metrics.jsonl back to that position.
 * `complete` and `error` save the last finished iteration; metrics.jsonl stays open until `close`.
 *
 * @example
 * const writer = checkpointWriter({ dir, env: config.env, schedule: defaultCheckpointSchedule, start: { lines: 0, bytes: 0 } });
 * trainRun(config).subscribe(writer); // … writer.close() when it is over
 */
export const checkpointWriter = (options: CheckpointWriterOptions): CheckpointWriter => {
  const files = runFiles(options.dir);
  const clock = options.clock ?? (() => performance.now() / 1000);
  const due = checkpointDue(options.schedule);
  const metrics = openSync(files.metrics, 'a');
  let position = options.start;
  let last: IterationResult | null = null;
  let unsaved = 0;
  let savedAt = clock();
  const save = (): number | null => {
    if (last === null) return null;
    if (unsaved > 0) {
      fsyncSync(metrics);
      writeFileAtomic(files.policy, serializePolicy(savedPolicyOf(options.env, last.state)));
      writeFileAtomic(files.checkpoint, serializeCheckpoint({ state: last.state, env: options.env, metrics: position }));
      unsaved = 0;
      savedAt = clock();
      options.onSaved?.();
    }
    return last.state.iteration;
  };
  return {
    next: (result) => {
      const line = `${JSON.stringify(result.metrics)}\n`;
      writeSync(metrics, line);
      position = { lines: position.lines + 1, bytes: position.bytes + Buffer.byteLength(line) };
      last = result;
      unsaved += 1;
      if (due({ iterations: unsaved, seconds: clock() - savedAt })) save();
    },
    error: () => void save(),
    complete: () => void save(),
    save,
    close: () => closeSync(metrics),
  };
};
