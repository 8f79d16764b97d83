import { existsSync, readFileSync, statSync } from 'node:fs';
import type { RunCurve } from '../report/learningCurves.js';
import { UserError, runFiles } from './runFiles.js';

/** What the reports read from a run directory: its env id, learning curve and wall time. */
export interface RunMetrics {
  /** `env` of config.json (`run` without one). */
  readonly env: string;
  /** Episode return mean per iteration (iterations without a finished episode are left out), against env steps. */
  readonly curve: RunCurve;
  /** wallSeconds of the last iteration: the run's training time, counted across resumes. */
  readonly wallSeconds: number;
}

/**
 * Reads a run directory's env id, learning curve and wall time from config.json and
 * metrics.jsonl; a missing or unreadable file, or a run without any episode return, is a
 * {@link UserError} naming it.
 *
 * @example const { env, curve } = readRunMetrics('runs/cartpole')
 */
export const readRunMetrics = (dir: string): RunMetrics => {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`run directory '${dir}' does not exist`);
  const files = runFiles(dir);
  if (!existsSync(files.metrics)) throw new UserError(`run directory '${dir}' has no metrics.jsonl`);
  let env = 'run';
  if (existsSync(files.config)) {
    try {
      env = String((JSON.parse(readFileSync(files.config, 'utf8')) as { env?: unknown }).env ?? env);
    } catch {
      throw new UserError(`${files.config} is not valid JSON`);
    }
  }
  const timesteps: number[] = [], returns: number[] = [];
  let wallSeconds = 0;
  readFileSync(files.metrics, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let m: { timesteps?: unknown; episodeReturnMean?: unknown; wallSeconds?: unknown };
      try {
        m = JSON.parse(line) as typeof m;
      } catch {
        throw new UserError(`${files.metrics}:${i + 1} is not valid JSON`);
      }
      if (typeof m.wallSeconds === 'number') wallSeconds = m.wallSeconds;
      if (typeof m.timesteps === 'number' && typeof m.episodeReturnMean === 'number') {
        timesteps.push(m.timesteps);
        returns.push(m.episodeReturnMean);
      }
    });
  if (timesteps.length === 0) throw new UserError(`${files.metrics} has no iteration with an episode return to plot`);
  return { env, curve: { timesteps, returns }, wallSeconds };
};
