/**
 * The messages a dashboard server sends its page over Server-Sent Events (the event name, then
 * the JSON in `data`). Shared by the server (src/node/dashboard) and the page (src/dashboard/page).
 *
 * @module
 */
import { drawnEnvIds } from '../export/page/drawEnv.js';

/** `hello`, first on every connection: which server this is (a new instance means: start over). */
export interface HelloMessage {
  readonly instance: string;
  readonly mode: 'live' | 'runs';
  readonly title: string;
  /** Id of the newest logged event when the client connected. */
  readonly lastId: number;
  /** The `Last-Event-ID` the stream resumes after (0: from the start). */
  readonly resumedFrom: number;
}

/** `run` (logged, first): what the live run is. */
export interface RunMessage {
  readonly env: string;
  readonly method: string;
  readonly seed: number;
  readonly totalSteps: number;
  /** The trust region δ (mean-KL bound), for the KL chart. */
  readonly maxKl: number;
  readonly dir: string;
}

/** `episode` (logged): an episode that finished while sampling. */
export interface EpisodeMessage {
  readonly iteration: number;
  readonly timesteps: number;
  readonly return: number;
  readonly length: number;
}

/**
 * `evaluation` (logged): an evaluation of the deterministic policy during training (`trpo train
 * --eval-every`), a line of eval.jsonl without its per-episode lists.
 */
export interface EvaluationMessage {
  readonly iteration: number;
  readonly timesteps: number;
  readonly returnMean: number;
  readonly returnStd: number;
  /** Episodes the mean is over. */
  readonly episodes: number;
}

/** `warning` (logged): something the run's user should know, as `trpo train` says it on stderr (a stalled run). */
export interface WarningMessage {
  readonly iteration: number;
  readonly message: string;
}

/** `status` (latest value only): where the live run is. */
export interface StatusMessage {
  readonly state: 'training' | 'finished' | 'failed' | 'stopped';
  readonly message?: string;
}

/**
 * `play` (latest value only): an episode of the current policy played deterministically in an env
 * of its own, to be animated. Observations are `[obsDim]` per step; `active` encoding lists the
 * indices of the non-zero entries (MinAtar's 0/1 grids), `dense` gives every entry.
 */
export interface PlayMessage {
  readonly env: string;
  readonly iteration: number;
  readonly timesteps: number;
  readonly seed: number;
  /** The observation space's shape (`[10, 10, channels]` for MinAtar). */
  readonly shape: readonly number[];
  readonly encoding: 'dense' | 'active';
  /** The reset observation, then the one after each step. */
  readonly observations: readonly (readonly number[])[];
  /** The action of each step (a number, or a vector for continuous actions). */
  readonly actions: readonly (number | readonly number[])[];
  readonly rewards: readonly number[];
  readonly return: number;
  /** Channel names of a MinAtar grid (empty otherwise). */
  readonly channels: readonly string[];
}

/** One series of a runs panel: an experiment's mean over seeds and its ± one-std band, against env steps. */
export interface BandSeries {
  readonly label: string;
  /** Seeds (distinct config seeds) with data for the metric. */
  readonly seeds: number;
  /** Every step count of any of its seeds, ascending. */
  readonly x: readonly number[];
  /** Mean over the seeds covering each step count. */
  readonly mean: readonly number[];
  /** Mean − std and mean + std where two or more seeds cover the step count, else null. */
  readonly lo: readonly (number | null)[];
  readonly hi: readonly (number | null)[];
}

/** One chart of an env in runs mode: a metric for every experiment of the env. */
export interface RunsPanel {
  readonly metric: string;
  readonly series: readonly BandSeries[];
}

/** `groups` (latest value only): every env's panels. */
export interface GroupsMessage {
  readonly envs: readonly { readonly env: string; readonly panels: readonly RunsPanel[] }[];
  /** Run directories followed, with how many iterations each has and whether it is still growing. */
  readonly runs: readonly { readonly dir: string; readonly env: string; readonly group: string; readonly seed: number | null; readonly iterations: number }[];
}

/**
 * Whether the page can draw an env (so the server plays episodes of it): the envs the export
 * page's drawings cover, and every MinAtar game.
 *
 * @example isPictured('CartPole-v1') // true; isPictured('Hopper-v5') // false
 */
export const isPictured = (env: string): boolean => env.startsWith('MinAtar/') || drawnEnvIds.includes(env);
