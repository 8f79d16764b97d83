/**
 * Recorded Gymnasium 1.x episodes (/work/shared/reference/env-samples/classic, outside the
 * repository) and a replay through our envs. Tests skip when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../../../src/envs/env.js';

/** One recorded step: `state`/`next_state` are `env.unwrapped.state` before and after. */
export interface RecordedStep {
  readonly t: number;
  readonly action: number | number[];
  readonly reward: number;
  readonly next_obs: number[];
  readonly terminated: boolean;
  readonly truncated: boolean;
  readonly state: number[];
  readonly next_state: number[];
}

/** One recorded episode, from `env.reset(seed=seed)`. */
export interface RecordedEpisode {
  readonly seed: number;
  readonly initial_obs: number[];
  readonly initial_state: number[];
  readonly steps: RecordedStep[];
}

/** A recording file's header and episodes. */
export interface Recording {
  readonly env_id: string;
  readonly max_episode_steps: number;
  readonly observation_space: { readonly low: number[]; readonly high: number[] };
  readonly episodes: RecordedEpisode[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const candidates = [path.resolve('../shared/reference/env-samples/classic'), path.resolve(here, '../../../../shared/reference/env-samples/classic')];

// Python's json writes bare Infinity/-Infinity/NaN, which JSON.parse refuses.
const parsePythonJson = (text: string): unknown =>
  JSON.parse(text.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '"$1"'), (_key, v: unknown) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : v));

/** The recording for `id`, or null when the reference folder is not there. */
export const loadRecording = (id: string): Recording | null => {
  const dir = candidates.find((d) => existsSync(path.join(d, `${id}.json`)));
  // test/run.mjs prints `skipped:` lines as the reason a suite skipped tests
  if (!dir) console.log(`skipped: the ${id} replay tests: no recording ${id}.json in ${[...new Set(candidates)].join(' or ')}`);
  return dir ? (parsePythonJson(readFileSync(path.join(dir, `${id}.json`), 'utf8')) as Recording) : null;
};

const relErr = (got: number, want: number): number => (Number.isFinite(got) ? Math.abs(got - want) / Math.max(1, Math.abs(want)) : Infinity);
const maxRelErr = (got: ArrayLike<number>, want: readonly number[]): number => {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, relErr(got[i], want[i]));
  return worst;
};

/**
 * Replays an episode from its recorded initial state. `anchored`: the recorded state is set before
 * every step (errors stay per-step); otherwise the env's own state carries over. Returns the worst
 * relative error of observation, reward and state, or throws where terminated/truncated differ.
 */
export const replay = (env: Env, episode: RecordedEpisode, mode: 'anchored' | 'chained'): number => {
  env.reset(episode.seed);
  env.setState(episode.initial_state);
  let worst = 0;
  for (const s of episode.steps) {
    if (mode === 'anchored') env.setState(s.state);
    const r = env.step(typeof s.action === 'number' ? s.action : Float32Array.from(s.action));
    if (r.terminated !== s.terminated || r.truncated !== s.truncated)
      throw new Error(`${env.id} ${mode} step ${s.t}: terminated/truncated ${r.terminated}/${r.truncated}, want ${s.terminated}/${s.truncated}`);
    worst = Math.max(worst, maxRelErr(r.observation, s.next_obs), relErr(r.reward, s.reward), maxRelErr(env.getState(), s.next_state));
  }
  return worst;
};
