import cliProgress from 'cli-progress';
import type { IterationMetrics } from '../streams/types.js';

/** Shows training progress: a live bar on a terminal, one plain line per iteration otherwise. */
export interface ProgressView {
  update(metrics: IterationMetrics): void;
  /** Shows a line on stderr without breaking the bar. */
  warn(line: string): void;
  stop(): void;
}

const fmt = (x: number | null, digits = 1): string => (x === null || !Number.isFinite(x) ? '-' : x.toFixed(digits));

/** One human-readable line for an iteration; the rate is the run's steps over its training time (both counted across resumes). */
export const progressLine = (m: IterationMetrics, totalSteps: number): string =>
  `iter ${m.iteration} steps ${m.timesteps}/${totalSteps} return ${fmt(m.episodeReturnMean)} kl ${m.kl.toExponential(2)} ` +
  `${m.accepted ? '' : '(step rejected) '}steps/s ${fmt(m.timesteps / Math.max(m.wallSeconds, 1e-9), 0)}`;

/** A progress view for `totalSteps` from `startSteps`: a cli-progress bar when `stream` is a TTY. */
export const progressView = (totalSteps: number, startSteps = 0, stream: NodeJS.WriteStream = process.stdout, errors: NodeJS.WritableStream = process.stderr): ProgressView => {
  if (!stream.isTTY) {
    return { update: (m) => stream.write(`${progressLine(m, totalSteps)}\n`), warn: (line) => errors.write(`${line}\n`), stop: () => undefined };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'iter {iteration} |{bar}| {value}/{total} steps | return {ret} | kl {kl} | {rate} steps/s | ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalSteps, startSteps, { iteration: 0, ret: '-', kl: '-', rate: '-' });
  return {
    update: (m) =>
      bar.update(m.timesteps, {
        iteration: m.iteration,
        ret: fmt(m.episodeReturnMean),
        kl: m.kl.toExponential(2),
        rate: fmt(m.timesteps / Math.max(m.wallSeconds, 1e-9), 0),
      }),
    // clear the bar's line and write the warning there: the bar comes back below it at the next update
    warn: (line) => {
      stream.write('\r\x1b[K');
      errors.write(`${line}\n`);
    },
    stop: () => bar.stop(),
  };
};
