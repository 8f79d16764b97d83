import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { validateConfig } from '../config/config.js';
import type { RunCurve } from '../report/learningCurves.js';
import type { EvalRecord } from '../streams/evalLog.js';
import { parseEvalLog } from '../streams/evalLog.js';
import { UserError, runFiles } from './runFiles.js';

/** What the reports read from a run directory: its config, metrics lines, evaluations and learning curve. */
export interface RunMetrics {
  /** `env` of config.json (`run` without one). */
  readonly env: string;
  /**
   * config.json as a full config (keys added since the run was saved filled in as such a run had
   * them), or as written when it is not a valid config; `{ env: 'run' }` without one.
   */
  readonly config: Readonly<Record<string, unknown>>;
  /** Episode return mean per iteration (iterations without a finished episode are left out), against env steps. */
  readonly curve: RunCurve;
  /** Every line of metrics.jsonl, parsed. */
  readonly iterations: readonly Readonly<Record<string, unknown>>[];
  /** The lines of eval.jsonl; empty when the run has none. */
  readonly evaluations: readonly EvalRecord[];
  /** wallSeconds of the last iteration: the run's training time, counted across resumes. */
  readonly wallSeconds: number;
}

const readConfig = (file: string): Readonly<Record<string, unknown>> => {
  if (!existsSync(file)) return { env: 'run' };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UserError(`${file} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UserError(`${file} must hold a JSON object`);
  const full = validateConfig(value);
  return E.isRight(full) ? (full.right as unknown as Record<string, unknown>) : (value as Record<string, unknown>);
};

/**
 * A metric's curve from metrics.jsonl lines: its value against `timesteps` on every line where
 * both are finite numbers.
 *
 * @example metricCurve([{ timesteps: 100, kl: 0.01 }, { timesteps: 200, kl: null }], 'kl') // { timesteps: [100], values: [0.01] }
 */
export const metricCurve = (iterations: readonly Readonly<Record<string, unknown>>[], field: string): RunCurve => {
  const timesteps: number[] = [], values: number[] = [];
  for (const m of iterations) {
    const x = m.timesteps, y = m[field];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      timesteps.push(x);
      values.push(y);
    }
  }
  return { timesteps, values };
};

/**
 * Reads a run directory's config, metrics.jsonl and (when present) eval.jsonl; a missing or
 * unreadable file, or a run without any episode return, is a {@link UserError} naming it.
 *
 * @example const { env, curve } = readRunMetrics('runs/cartpole')
 */
export const readRunMetrics = (dir: string): RunMetrics => {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`run directory '${dir}' does not exist`);
  const files = runFiles(dir);
  if (!existsSync(files.metrics)) throw new UserError(`run directory '${dir}' has no metrics.jsonl`);
  const config = readConfig(files.config);
  const iterations = readFileSync(files.metrics, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        const m: unknown = JSON.parse(line);
        if (m !== null && typeof m === 'object' && !Array.isArray(m)) return [m as Record<string, unknown>];
      } catch {
        // reported below
      }
      throw new UserError(`${files.metrics}:${i + 1} is not valid JSON`);
    });
  const curve = metricCurve(iterations, 'episodeReturnMean');
  if (curve.timesteps.length === 0) throw new UserError(`${files.metrics} has no iteration with an episode return to plot`);
  const evalFile = path.join(dir, 'eval.jsonl');
  const evaluations = existsSync(evalFile) ? parseEvalLog(readFileSync(evalFile, 'utf8')) : E.right([]);
  if (E.isLeft(evaluations)) throw new UserError(`${evalFile}: ${evaluations.left}`);
  const last = iterations[iterations.length - 1]?.wallSeconds;
  return { env: String(config.env ?? 'run'), config, curve, iterations, evaluations: evaluations.right, wallSeconds: typeof last === 'number' ? last : 0 };
};
