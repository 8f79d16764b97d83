/**
 * A training run's events on a dashboard server: `run` first, then each `episode`, `iteration`,
 * `evaluation` and `warning` (logged, so a page opened later gets the history), the run's `status`, and every few
 * seconds an episode of the current policy played in an env of its own (`play`).
 *
 * @module
 */
import type { Observer } from 'rxjs';
import type { TrainConfig } from '../../config/config.js';
import type { Env } from '../../envs/env.js';
import { makeEnvAsync } from '../../envs/registry.js';
import type { TrainEvent, TrainingState } from '../../streams/types.js';
import type { EpisodeMessage, EvaluationMessage, RunMessage, StatusMessage, WarningMessage } from '../../dashboard/messages.js';
import type { EvalRecord } from '../../streams/evalLog.js';
import { isPictured } from '../../dashboard/messages.js';
import { playEpisode } from './playEpisode.js';
import type { DashboardServer } from './server.js';

/** Options of {@link trainingPublisher}. */
export interface TrainingPublisherOptions {
  readonly config: TrainConfig;
  /** The run directory (shown on the page). */
  readonly dir: string;
  /** Least wall time between two played episodes, in seconds (default 3; the first iteration and the last always play). */
  readonly playEverySeconds?: number;
  /** Longest played episode (default 1000 steps). */
  readonly maxPlaySteps?: number;
  /** Iterations the run had before this process (a resumed run's metrics.jsonl lines), published first. */
  readonly history?: readonly unknown[];
  /** Evaluations the run had before this process (a resumed run's eval.jsonl lines), published after `history`. */
  readonly evaluations?: readonly EvalRecord[];
  /** Clock in milliseconds (default `performance.now`). */
  readonly now?: () => number;
}

/**
 * The dashboard side of a run: an observer of its events, `evaluation` for each evaluation during
 * training, `warning` for what the user should know (a stalled run), and `end` to post the run's final status.
 */
export interface TrainingPublisher {
  readonly observer: Partial<Observer<TrainEvent>>;
  readonly evaluation: (record: EvalRecord) => void;
  readonly warning: (warning: WarningMessage) => void;
  readonly end: (status: StatusMessage) => void;
}

/**
 * Publishes a run's events on `server`: subscribe its `observer` to the run's (multicast) events
 * in the same tick as the run's other consumers. Plays episodes in a separate env, and only for
 * envs the page draws; the run's results do not depend on it.
 *
 * @example
 * const events = trainEvents(config);
 * const live = await trainingPublisher(server, { config, dir });
 * events.subscribe(live.observer);
 * events.subscribe(...); // the run's other consumers
 */
export const trainingPublisher = async (server: DashboardServer, options: TrainingPublisherOptions): Promise<TrainingPublisher> => {
  const { config } = options;
  const now = options.now ?? (() => performance.now());
  const everyMs = (options.playEverySeconds ?? 3) * 1000;
  const env: Env | null = isPictured(config.env) ? await makeEnvAsync(config.env) : null;
  const run: RunMessage = { env: config.env, method: config.method, seed: config.seed, totalSteps: config.totalSteps, maxKl: config.trpo.maxKl, dir: options.dir };
  server.publish('run', run);
  for (const metrics of options.history ?? []) server.publish('iteration', metrics);
  const evaluation = (record: EvalRecord): void =>
    server.publish('evaluation', { iteration: record.iteration, timesteps: record.timesteps, returnMean: record.returnMean, returnStd: record.returnStd, episodes: record.returns.length } satisfies EvaluationMessage);
  for (const record of options.evaluations ?? []) evaluation(record);
  server.setLatest('status', { state: 'training' } satisfies StatusMessage);
  let lastPlayedAt = -Infinity, latest: TrainingState | null = null, playedIteration = -1, playing = env !== null;
  const play = (state: TrainingState): void => {
    if (env === null || !playing) return;
    playedIteration = state.iteration;
    lastPlayedAt = now();
    try {
      server.setLatest('play', playEpisode(env, state, { seed: state.iteration, maxSteps: options.maxPlaySteps }));
    } catch {
      // a played episode that fails (a simulation gone unstable) must not stop the run: the page keeps the last one
      playing = false;
    }
  };
  const observer: Partial<Observer<TrainEvent>> = {
    next: (event) => {
      if (event._tag === 'episode') {
        const message: EpisodeMessage = { iteration: event.iteration, timesteps: event.timesteps, return: event.return, length: event.length };
        server.publish('episode', message, { droppable: true });
        return;
      }
      server.publish('iteration', event.metrics);
      latest = event.state;
      if (now() - lastPlayedAt >= everyMs) play(event.state);
    },
    // the run's own consumers report its end; `end` posts it
    error: () => undefined,
  };
  return {
    observer,
    evaluation,
    warning: (warning) => server.publish('warning', { iteration: warning.iteration, message: warning.message } satisfies WarningMessage),
    end: (status) => {
      if (latest !== null && playedIteration !== latest.iteration) play(latest);
      server.setLatest('status', status);
      env?.close();
    },
  };
};
