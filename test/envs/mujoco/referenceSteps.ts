/**
 * Recorded Gymnasium v5 steps (../shared/reference/env-samples/mujoco from the repository root,
 * outside the repository) and replays of them through our MuJoCo envs. Tests skip when absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LocomotionTask, MujocoEnv } from '../../../src/envs/mujoco/mujocoEnv.js';
import { locomotionEnv } from '../../../src/envs/mujoco/mujocoEnv.js';

/** One recorded step: `state`/`next_state` are `state_vector()` (qpos then qvel) before and after. */
export interface RecordedStep {
  readonly t: number;
  readonly state: number[];
  readonly action: number[];
  readonly reward: number;
  readonly terminated: boolean;
  readonly next_obs: number[];
  readonly next_state: number[];
}

/** One recorded episode from `env.reset(seed=seed)`. */
export interface RecordedEpisode {
  readonly seed: number;
  readonly initial_state: number[];
  readonly initial_obs: number[];
  readonly steps: RecordedStep[];
}

/** A recording's header (the facts of the Gymnasium env) and its episodes. */
export interface Recording {
  readonly env_id: string;
  readonly xml_file: string;
  readonly integrator: string;
  readonly timestep: number;
  readonly frame_skip: number;
  readonly dt: number;
  readonly nq: number;
  readonly nv: number;
  readonly nu: number;
  readonly observation_size: number;
  readonly action_space: { readonly low: number[]; readonly high: number[] };
  readonly episodes: RecordedEpisode[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const referenceDir = path.resolve(repoRoot, '../shared/reference/env-samples/mujoco');

/** The recording for `id`, or null when the reference folder is not there. */
export const loadRecording = (id: string): Recording | null => {
  const file = path.join(referenceDir, `${id}.json`);
  // test/run.mjs prints `skipped:` lines as the reason a suite skipped tests
  if (!existsSync(file)) console.log(`skipped: the ${id} replay tests: no recording at ${file}`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Recording) : null;
};

/** Relative error as the shared checker measures it: |a − b| / max(1, |b|). */
const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.max(1, Math.abs(want));
const worstOf = (got: ArrayLike<number>, want: readonly number[]): number => {
  if (got.length !== want.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, relErr(got[i], want[i]));
  return worst;
};

/** Worst relative errors of a replay, and how many steps disagreed on `terminated`. */
export interface ReplayErrors {
  readonly observation: number;
  readonly reward: number;
  readonly state: number;
  readonly terminatedMismatches: number;
}

/**
 * Replays an episode: 'anchored' sets each recorded state before its step (as the shared
 * checker does); 'chained' starts from the initial state and only feeds the recorded actions.
 */
export const replay = (env: MujocoEnv, episode: RecordedEpisode, mode: 'anchored' | 'chained'): ReplayErrors => {
  let observation = 0, reward = 0, state = 0, terminatedMismatches = 0;
  env.reset(episode.seed);
  env.setState(episode.initial_state);
  for (const step of episode.steps) {
    if (mode === 'anchored') env.setState(step.state);
    const result = env.step(Float32Array.from(step.action));
    observation = Math.max(observation, worstOf(result.observation, step.next_obs));
    reward = Math.max(reward, relErr(result.reward, step.reward));
    state = Math.max(state, worstOf(env.getState(), step.next_state));
    if (result.terminated !== step.terminated) terminatedMismatches += 1;
  }
  return { observation, reward, state, terminatedMismatches };
};

/** What a recording's header must say about the Gymnasium model: sizes, integrator and timing. */
export interface RecordedModel {
  readonly nq: number;
  readonly nv: number;
  readonly nu: number;
  readonly observationSize: number;
  /** MuJoCo's timestep (s). */
  readonly timestep: number;
  readonly frameSkip: number;
  /** timestep · frameSkip (s). */
  readonly dt: number;
  readonly integrator: string;
}

/**
 * Adds to `suite` the replay test of `task`'s recording (skipped when the reference folder is
 * absent): the header states `model`, and every episode replays anchored and chained with state
 * and reward exact, `terminated` matching, the observation within float32 rounding (1e-7).
 */
export const testRecordedReplays = (suite: Test, task: LocomotionTask, model: RecordedModel): void => {
  const rec = loadRecording(task.id);
  (rec ? suite : suite.skip)('recorded Gymnasium steps replay: state and reward exact, observation within float32 rounding', async () => {
    if (!rec) return;
    assert.equal(
      [rec.nq, rec.nv, rec.nu, rec.observation_size, rec.timestep, rec.frame_skip, rec.dt, rec.integrator],
      [model.nq, model.nv, model.nu, model.observationSize, model.timestep, model.frameSkip, model.dt, model.integrator],
    );
    const env = await locomotionEnv(task);
    for (const episode of rec.episodes)
      for (const mode of ['anchored', 'chained'] as const) {
        const errors = replay(env, episode, mode);
        assert.equal([errors.state, errors.reward, errors.terminatedMismatches], [0, 0, 0], `${mode}: ${JSON.stringify(errors)}`);
        assert.ok(errors.observation <= 1e-7, `${mode}: ${JSON.stringify(errors)}`);
      }
    env.close();
  });
};
