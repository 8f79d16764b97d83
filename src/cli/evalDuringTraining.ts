import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { makeEnvAsync } from '../envs/registry.js';
import { readSavedPolicy } from '../node/loadPolicy.js';
import { evaluateOn } from '../streams/evaluate.js';
import type { EvalRecord } from '../streams/evalLog.js';
import { bestRecord, evalRecordOf, formatEvalLog, parseEvalLog } from '../streams/evalLog.js';
import { policyFromSaved } from '../streams/loadedPolicy.js';
import { savedPolicyOf, serializePolicy } from '../streams/savedPolicy.js';
import type { IterationResult } from '../streams/types.js';
import { UserError, appendJsonLineDurably, writeFileAtomic } from './runFiles.js';

/**
 * Seed of the first evaluation episode: episode i of every evaluation starts from
 * `reset(EVAL_SEED_BASE + i)`. Training env j is seeded `seed + j` once, at the start of the run,
 * so for seeds below 1,000,000 − numEnvs evaluation never replays a training start.
 */
export const EVAL_SEED_BASE = 1_000_000;

/** Files that evaluation during training keeps in a run directory. */
export const evalFiles = (dir: string) => ({
  log: path.join(dir, 'eval.jsonl'),
  bestDir: path.join(dir, 'best'),
  /** The policy with the best eval return so far (written atomically). */
  best: path.join(dir, 'best', 'policy.json'),
  /** The best policy as it was when the last checkpoint was written (see {@link snapshotBest}). */
  bestAtCheckpoint: path.join(dir, 'best', 'checkpoint-policy.json'),
});

/** Options of {@link evalWriter}. */
export interface EvalWriterOptions {
  readonly dir: string;
  readonly env: string;
  /** Evaluate after every iteration that is a multiple of this. */
  readonly every: number;
  readonly episodes: number;
  /** Seed of episode 0 (default {@link EVAL_SEED_BASE}). */
  readonly seed?: number;
  /** Called with each evaluation once it is in eval.jsonl (a live dashboard shows it). */
  readonly onEvaluated?: (record: EvalRecord) => void;
}

/** A subscriber of a run's iterations that evaluates the policy and keeps eval.jsonl and best/. */
export interface EvalWriter {
  /** Evaluates `result.state`'s policy when its iteration is due, appends to eval.jsonl, updates best/. */
  next(result: IterationResult): void;
  /** Call after each checkpoint write: records best/ as of the checkpoint ({@link snapshotBest}). */
  checkpointed(): void;
  close(): void;
}

/**
 * The evaluations of a run's eval.jsonl (none when it has no such file); a malformed line is a {@link UserError} naming it.
 *
 * @example readEvalLog(evalFiles('runs/cartpole').log) // [{ iteration: 10, timesteps: 20000, returnMean: 500, … }, …]
 */
export const readEvalLog = (file: string): readonly EvalRecord[] => {
  if (!existsSync(file)) return [];
  const records = parseEvalLog(readFileSync(file, 'utf8'));
  if (E.isLeft(records)) throw new UserError(`${file}: ${records.left}`);
  return records.right;
};

/**
 * Evaluation during training, as SB3's EvalCallback: every `every` iterations the deterministic
 * policy plays `episodes` episodes on seeds `seed + i` in an env of its own (never the training
 * envs), a line `{ iteration, timesteps, returnMean, returnStd, returns, lengths }` is appended to
 * eval.jsonl, and a strictly better mean return replaces best/policy.json. Continues an existing
 * eval.jsonl (a resumed run, after {@link truncateEvalLog}). Feed it the run's IterationResult values.
 *
 * @example
 * const evaluation = await evalWriter({ dir, env: config.env, every: 10, episodes: 10 });
 * trainRun(config).subscribe({ next: (r) => evaluation.next(r), complete: () => evaluation.close() });
 */
export const evalWriter = async (options: EvalWriterOptions): Promise<EvalWriter> => {
  const files = evalFiles(options.dir);
  const env = await makeEnvAsync(options.env);
  let best = O.map((r: EvalRecord) => r.returnMean)(bestRecord(readEvalLog(files.log)));
  return {
    next: ({ state }) => {
      if (state.iteration % options.every !== 0) return;
      const saved = savedPolicyOf(options.env, state);
      const record = evalRecordOf(state, evaluateOn(env, policyFromSaved(saved), { episodes: options.episodes, seed: options.seed ?? EVAL_SEED_BASE }));
      appendJsonLineDurably(files.log, record); // flushed: a checkpoint written after it never points past a lost evaluation
      options.onEvaluated?.(record);
      if (O.isNone(best) || record.returnMean > best.value) {
        mkdirSync(files.bestDir, { recursive: true });
        writeFileAtomic(files.best, serializePolicy(saved));
        best = O.some(record.returnMean);
      }
    },
    checkpointed: () => snapshotBest(options.dir),
    close: () => env.close(),
  };
};

/**
 * Records best/policy.json as it is when a checkpoint has just been written (best/checkpoint-policy.json),
 * so that {@link truncateEvalLog} can restore the best policy of a resumed run even when a later,
 * cut evaluation had replaced it. Call it right after each checkpoint write.
 *
 * @example writeFileAtomic(files.checkpoint, serializeState(state)); snapshotBest(dir);
 */
export const snapshotBest = (dir: string): void => {
  const files = evalFiles(dir);
  if (!existsSync(files.best)) return;
  writeFileAtomic(files.bestAtCheckpoint, readFileSync(files.best, 'utf8'));
};

/** What {@link truncateEvalLog} did to best/: kept it, restored it from the checkpoint's copy, found no evaluation, or could not restore it. */
export type BestAfterTruncation = 'kept' | 'restored' | 'none' | 'lost';

/** The outcome of {@link truncateEvalLog}. */
export interface EvalTruncation {
  /** Evaluations kept (those of iterations ≤ the checkpoint's). */
  readonly kept: number;
  /** Evaluations removed (made after the checkpoint). */
  readonly removed: number;
  readonly best: BestAfterTruncation;
}

const policyIteration = (file: string): O.Option<number> => {
  if (!existsSync(file)) return O.none;
  const saved = readSavedPolicy(file);
  return E.isRight(saved) ? O.some(saved.right.iteration) : O.none;
};

/**
 * Cuts a run's eval.jsonl back to the evaluations of iterations ≤ `iteration` (a resume from a
 * checkpoint of that iteration) and makes best/policy.json the policy of the best kept evaluation:
 * kept if it already is, restored from best/checkpoint-policy.json (see {@link snapshotBest}), or
 * removed (`lost`) when neither holds it. Does nothing to a run without eval.jsonl. Throws a
 * {@link UserError} for an unreadable eval.jsonl.
 *
 * @example truncateEvalLog('runs/hopper', checkpoint.iteration) // { kept: 12, removed: 1, best: 'kept' }
 */
export const truncateEvalLog = (dir: string, iteration: number): EvalTruncation => {
  const files = evalFiles(dir);
  if (!existsSync(files.log)) return { kept: 0, removed: 0, best: 'none' };
  const records = readEvalLog(files.log);
  const kept = records.filter((r) => r.iteration <= iteration);
  if (kept.length < records.length) writeFileAtomic(files.log, formatEvalLog(kept));
  const counts = { kept: kept.length, removed: records.length - kept.length };
  const target = bestRecord(kept);
  if (O.isNone(target)) {
    rmSync(files.best, { force: true });
    return { ...counts, best: 'none' };
  }
  const holds = (file: string) => O.exists((i: number) => i === target.value.iteration)(policyIteration(file));
  if (holds(files.best)) return { ...counts, best: 'kept' };
  if (holds(files.bestAtCheckpoint)) {
    writeFileAtomic(files.best, readFileSync(files.bestAtCheckpoint, 'utf8'));
    return { ...counts, best: 'restored' };
  }
  rmSync(files.best, { force: true });
  return { ...counts, best: 'lost' };
};
